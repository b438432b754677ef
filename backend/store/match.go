package store

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"roster/backend/domain"
)

// ftsMatch is how a list finds a search's matches in the search index
// (users_fts): query is its MATCH argument. Where like is set, query finds
// more users than the search matches, and like, a pattern of their folded
// text (search_text LIKE like ESCAPE '\'), keeps those that do. Only ids
// within ids are read. Where set is not empty, the matches were read once
// (materialize): set holds their ids, a JSON array. Where matchOf
// estimated the search's trigrams (else 0 and ""), fewest is about how many
// users have the rarest, rarest is its phrase, and entries how many entries
// of the index query reads.
type ftsMatch struct {
	query, like string
	ids         idRange
	set         string
	fewest      float64
	rarest      string
	entries     float64
}

// idRange bounds the ids a list reads, when bounded (see idBounds).
type idRange struct {
	bounded bool
	lo, hi  int64
}

// within returns r narrowed to the ids from lo to hi. A query that reads
// part of a search's matches bounds them so, never with a second condition
// on f.rowid: the search index starts from the first bound of each side
// SQLite hands it, and those of a BETWEEN come after the other conditions
// ("f.rowid > 0" beside the range of the last week read ".com" from the
// first user on: 12 ms for 4,000 matches at 1M users instead of 1 ms).
func (r idRange) within(lo, hi int64) idRange {
	if r.bounded {
		lo, hi = max(lo, r.lo), min(hi, r.hi)
	}
	return idRange{true, lo, hi}
}

// Pruning a search's trigrams (matchOf).
const (
	// trigramSample is how many users of each trigram the estimate of its
	// users reads.
	trigramSample = 32
	// pruneFrom is the fewest entries of the index the trigrams left out
	// must hold (about 0.2 ms to read).
	pruneFrom = 50_000
	// verifyCost is what testing a user the pruned query finds on their
	// folded text costs (reading the row: 4-6 µs at 1M users), in entries
	// of the index read.
	verifyCost = 1000
	// prunedTrigrams is how many of the rarest trigrams the pruned query
	// keeps, at most; cheapTrigram how many users a trigram may have to be
	// kept whatever the rarest has (reading them: under 0.1 ms).
	prunedTrigrams = 5
	cheapTrigram   = 20_000
	// pruneRunes is the shortest search looked at: a shorter one has too
	// few trigrams to leave out the common ones and keep rare ones, and
	// estimating them costs 0.1-0.3 ms ("globex" with BambooHR at 1M
	// users, BenchmarkList: 3.0 -> 3.3 ms).
	pruneRunes = 8
)

// matchOf returns the search index's query for search. The index reads
// every entry of each trigram of a phrase, matching or not, about 4 ns
// each (at 1M users the e-mail "fatima.clarke@nakatomi.com", one match:
// 6.4 ms; the id prefix "usr_00", 3,905 matches among users whose ids all
// start "usr_": 8.8 ms, against 0.1 ms for "_00" alone). A list reads the
// matches up to four times (to count them, to plan, for the page, to
// count the list). So where the trigrams left out of the rarest ones hold
// more entries than testing the users those find would cost (counted, up
// to that), the query is the rarest ones only, and the folded text tests
// what it finds: the e-mail's ".cla", "ke@n" and "i.c" find one user.
// Where they find too many (the 3,905 of "_00"), the phrase it is. Each
// trigram's users are estimated from the id of its trigramSample-th user.
// all (tests) keeps the rarest trigram alone, whatever the costs.
func matchOf(ctx context.Context, db DB, search string, all bool) (ftsMatch, error) {
	exact := ftsMatch{query: ftsPhrase(search)}
	fold := []rune(foldSearch(search))
	// Two trigrams or fewer: nothing to leave out. The folded text is a
	// line a column: a search across lines is the index's alone.
	if len(fold) < 5 || len(fold) < pruneRunes && !all || slices.Contains(fold, '\n') {
		return exact, nil
	}
	tris := trigrams(fold)
	est, err := trigramUsers(ctx, db, tris)
	if err != nil {
		return exact, fmt.Errorf("store: search %q: %w", search, err)
	}
	order := make([]int, len(est))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(est[a], est[b]) })
	// The rarest, and the next rarest while they are nearly as rare or
	// cheap to read: each narrows what the folded text tests.
	rarest := est[order[0]]
	exact.fewest, exact.rarest = rarest, tris[order[0]]
	for _, n := range est {
		exact.entries += n
	}
	kept := map[int]bool{order[0]: true}
	for _, i := range order[1:min(len(order), prunedTrigrams)] {
		if (est[i] <= 4*rarest || est[i] <= cheapTrigram) && !all {
			kept[i] = true
		}
	}
	var left, read float64
	for i, n := range est {
		if kept[i] {
			read += n
		} else {
			left += n
		}
	}
	// Counting what the kept ones find reads their entries: it must be
	// worth it ("ada lovelace": 110,000 entries kept, 231,000 left, and
	// they find hundreds of users).
	if len(kept) == len(tris) || (left < pruneFrom || left < 4*read) && !all {
		return exact, nil
	}
	// Adjacent trigrams kept are one phrase of the text they span.
	var phrases []string
	for i := 0; i < len(tris); i++ {
		if !kept[i] {
			continue
		}
		j := i
		for kept[j+1] {
			j++
		}
		phrases = append(phrases, ftsPhrase(string(fold[i:j+3])))
		i = j
	}
	pruned := ftsMatch{query: strings.Join(phrases, " AND "), like: "%" + escapeLike(string(fold)) + "%", fewest: rarest, rarest: exact.rarest, entries: read}
	if all {
		return pruned, nil
	}
	// What the trigrams kept find, up to what testing it may cost.
	limit := int(left / verifyCost)
	var found int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM users_fts WHERE users_fts MATCH ? LIMIT ?)", pruned.query, limit).
		Scan(&found); err != nil {
		return exact, fmt.Errorf("store: search %q: %w", search, err)
	}
	if found >= limit {
		return exact, nil
	}
	return pruned, nil
}

// trigrams are the phrases of the search index's trigrams of fold.
func trigrams(fold []rune) []string {
	tris := make([]string, max(len(fold)-2, 0))
	for i := range tris {
		tris[i] = ftsPhrase(string(fold[i : i+3]))
	}
	return tris
}

// trigramUsers estimates how many users have each trigram (phrases of the
// search index), from the id of its trigramSample-th user.
func trigramUsers(ctx context.Context, db DB, tris []string) ([]float64, error) {
	list, _ := json.Marshal(tris)
	rows, err := db.QueryContext(ctx, `SELECT (SELECT coalesce(min(id), 0) FROM connected_users), (SELECT coalesce(max(id), 0) FROM connected_users),
			coalesce((SELECT rowid FROM users_fts WHERE users_fts MATCH t.value LIMIT 1 OFFSET ?), 0)
		FROM json_each(?) t ORDER BY t.key`, trigramSample-1, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	est := make([]float64, 0, len(tris))
	for rows.Next() {
		var lo, hi, nth int64
		if err := rows.Scan(&lo, &hi, &nth); err != nil {
			return nil, err
		}
		n := float64(trigramSample - 1) // fewer users than the sample
		if nth != 0 {
			n = float64(trigramSample) * float64(hi-lo+1) / float64(nth-lo+1)
		}
		est = append(est, n)
	}
	return est, rows.Err()
}

// from returns the search index's rows f of the users m matches, with its
// conditions and their arguments: the user's row (m) is read only to test
// the folded text.
func (m ftsMatch) from() (from string, conds []string, args []any) {
	if m.set != "" {
		conds, args = m.bound(nil, nil)
		return matchSet + " f", conds, append([]any{m.set}, args...)
	}
	from, conds, args = "users_fts f", []string{"users_fts MATCH ?"}, []any{m.query}
	if m.like != "" {
		from = "users_fts f CROSS JOIN connected_users m ON m.id = f.rowid"
		conds, args = append(conds, `m.search_text LIKE ? ESCAPE '\'`), append(args, m.like)
	}
	conds, args = m.bound(conds, args)
	return from, conds, args
}

// bound adds the bounds on ids, if any, to conditions on the search index f.
func (m ftsMatch) bound(conds []string, args []any) ([]string, []any) {
	if !m.ids.bounded {
		return conds, args
	}
	return append(conds, "f.rowid BETWEEN ? AND ?"), append(args, m.ids.lo, m.ids.hi)
}

// matchSet is the ids of a materialized search's matches as the search
// index's rows (its rowid): one JSON argument.
const matchSet = "(SELECT value AS rowid FROM json_each(?))"

// setMatches is the most matches materialize reads once.
const setMatches = 8000

// materialize reads the matches of q's search once, into q.match.set, when
// one of its trigrams is in about setMatches users or fewer (its matches
// are at most as many; trigramUsers, 0.1-0.3 ms),
// for a list sorted by name or activity (in created order, a list reads
// them in id order, and stops at its page's). The search index reads every
// entry of each trigram of the phrase, matching or not: the start of many
// ids ("usr_00": 3,905 matches among a million users whose ids all start
// "usr_") costs 9-30 ms a read, and a list read it up to four times (to
// sample its matches, to count them, for the page, to count the list):
// 80-120 ms with an integration at 1M users. Read once, a JSON array of
// ids stands for it.
func materialize(ctx context.Context, db DB, q *UserQuery) error {
	fold := []rune(foldSearch(q.Search))
	if len(fold) < 3 || slices.Contains(fold, '\n') {
		return nil
	}
	m, err := estimated(ctx, db, q.fts(), fold)
	if err != nil {
		return fmt.Errorf("store: search %q: %w", q.Search, err)
	}
	most := cmp.Or(q.setMatches, setMatches)
	if m.fewest > float64(most) {
		return nil
	}
	// An estimate: past four times as many, the read stops.
	query, args, err := setSQL(ctx, db, m, string(fold), 4*most+1)
	if err != nil {
		return fmt.Errorf("store: search %q: %w", q.Search, err)
	}
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: search %q: %w", q.Search, err)
	}
	defer rows.Close()
	ids := make([]int64, 0, 64)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("store: search %q: %w", q.Search, err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: search %q: %w", q.Search, err)
	}
	if len(ids) > 4*most {
		return nil
	}
	slices.Sort(ids)
	set, _ := json.Marshal(ids)
	q.match.set = string(set)
	if c := q.counted; c != nil {
		c.n, c.all = len(ids), true
	}
	return nil
}

// estimated returns m with its trigrams estimated (see ftsMatch), if
// matchOf did not; fold is its folded search, three runes or more.
func estimated(ctx context.Context, db DB, m ftsMatch, fold []rune) (ftsMatch, error) {
	if m.rarest != "" {
		return m, nil
	}
	tris := trigrams(fold)
	est, err := trigramUsers(ctx, db, tris)
	if err != nil {
		return m, err
	}
	i := slices.Index(est, slices.Min(est))
	m.fewest, m.rarest = est[i], tris[i]
	for _, n := range est {
		m.entries += n
	}
	return m, nil
}

// setSQL is the query for up to limit of m's matches (of folded search
// fold), for materialize. Most read m's query. Where many ids start with
// the search (a platform's "usr_00…" among a million "usr_…"), the phrase
// reads every entry of its common trigrams ("usr_00": 3,905 matches, 10 ms
// at 1M users): those users are a range of external_id's index instead,
// and the rarest trigram's other users, tested on their folded text, the
// rest (2 ms), when testing them costs less than the phrase.
func setSQL(ctx context.Context, db DB, m ftsMatch, fold string, limit int) (string, []any, error) {
	from, conds, args := m.from()
	query := fmt.Sprintf("SELECT f.rowid FROM %s %s LIMIT ?", from, whereSQL(conds))
	if m.like != "" {
		return query, append(args, limit), nil // already the rarest trigrams
	}
	const idsStarting = "external_id >= ? AND external_id < ? || char(1114111)"
	idConds, idArgs := []string{idsStarting}, []any{fold, fold}
	if m.ids.bounded {
		idConds, idArgs = append(idConds, "id BETWEEN ? AND ?"), append(idArgs, m.ids.lo, m.ids.hi)
	}
	// The estimates are of every user; within bounds on ids, of the share
	// of ids they span.
	var starting int
	var share float64
	if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM (SELECT 1 FROM connected_users `+whereSQL(idConds)+` LIMIT ?)),
			coalesce((min(?, hi) - max(?, lo) + 1.0) / (hi - lo + 1), 1)
		FROM (SELECT (SELECT min(id) FROM connected_users) AS lo, (SELECT max(id) FROM connected_users) AS hi)`,
		append(idArgs, limit, m.ids.hi, m.ids.lo)...).Scan(&starting, &share); err != nil {
		return "", nil, err
	}
	if !m.ids.bounded {
		share = 1
	}
	if max(m.fewest*share-float64(starting), 0)*verifyCost+m.fewest*share >= m.entries*share {
		return query, append(args, limit), nil
	}
	others := ftsMatch{query: m.rarest, like: "%" + escapeLike(fold) + "%", ids: m.ids}
	from, conds, args = others.from()
	query = fmt.Sprintf(`SELECT id FROM connected_users %s
		UNION ALL SELECT f.rowid FROM %s %s LIMIT ?`,
		whereSQL(idConds), from, whereSQL(append(conds, "f.rowid NOT IN (SELECT id FROM connected_users WHERE "+idsStarting+")")))
	return query, slices.Concat(idArgs, args, []any{fold, fold, limit}), nil
}

// fewMatches is the most matches a search may have for a list to read
// them all and sort them at once (readFew).
const fewMatches = 500

// readFew reads, sorted, every user after the cursor among the matches of
// q's search that pass its other filters, when the search matches at most
// fewMatches users; ok is false otherwise. A rarer search reads the search
// index once: planning its page read it for the sample, for the page and
// for the count, and walked 20,200 users near the cursor in vain first
// ("ada lovelace" by activity, 325 matches at 1M users: 12.6 ms). The
// rows it reads are the first page's count too.
func readFew(ctx context.Context, db DB, q UserQuery, after *cursor) (users []domain.UserRow, bitsOf map[int64]userBits, ok bool, err error) {
	from, conds, args := q.fts().from()
	rows, err := db.QueryContext(ctx, fmt.Sprintf("SELECT f.rowid FROM %s %s LIMIT ?", from, whereSQL(conds)), append(args, fewMatches+1)...)
	if err != nil {
		return nil, nil, false, fmt.Errorf("store: list users: %w", err)
	}
	ids := make([]int64, 0, fewMatches+1)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, nil, false, fmt.Errorf("store: list users: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, false, fmt.Errorf("store: list users: %w", err)
	}
	if c := q.counted; c != nil {
		c.n, c.all = max(c.n, len(ids)), len(ids) <= fewMatches
	}
	if len(ids) > fewMatches {
		return nil, nil, false, nil
	}
	where, filterArgs := otherFilters(q)
	col, _ := sortKey(q.Sort)
	dir, op := "ASC", ">"
	if q.Desc {
		dir, op = "DESC", "<"
	}
	if after != nil { // tested on each row: no range of an index is read
		where, filterArgs = append(where, fmt.Sprintf("(u.%s, u.id) %s (?, ?)", col, op)), append(filterArgs, after.value(), after.ID)
	}
	list, _ := json.Marshal(ids)
	query := fmt.Sprintf("SELECT %s FROM connected_users u %s ORDER BY u.%s %s, u.id %s", userColumns,
		whereSQL(append([]string{"u.id IN (SELECT value FROM json_each(?))"}, where...)), col, dir, dir)
	users, bitsOf, err = readUsers(ctx, db, len(ids), query, append([]any{string(list)}, filterArgs...)...)
	return users, bitsOf, err == nil, err
}

// fewLikely reports whether q's search likely matches at most fewMatches
// users (readFew), from its first n matches in id order: all of them, or
// as many as the share of the ids they span says. It reads no more than
// the count of n matches the near walk asks for (see nearPlan), which it
// answers: a common substring does not read fewMatches of its matches to
// find it has more.
func fewLikely(ctx context.Context, db DB, q UserQuery, n int) (bool, error) {
	from, conds, args := q.fts().from()
	var found int
	var last, lo, hi int64
	err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*), coalesce(max(id), 0),
			(SELECT coalesce(min(id), 0) FROM connected_users), (SELECT coalesce(max(id), 0) FROM connected_users)
		FROM (SELECT f.rowid AS id FROM %s %s ORDER BY f.rowid LIMIT ?)`, from, whereSQL(conds)), append(args, n)...).
		Scan(&found, &last, &lo, &hi)
	if err != nil {
		return false, fmt.Errorf("store: list users: %w", err)
	}
	if c := q.counted; c != nil {
		c.n, c.all = max(c.n, found), found < n
	}
	if found < n {
		return true, nil
	}
	if q.ids.bounded {
		lo, hi = max(lo, q.ids.lo), min(hi, q.ids.hi)
	}
	return float64(n)*float64(hi-lo+1)/float64(max(last-lo+1, 1)) <= 2*fewMatches, nil
}
