package store

import (
	"cmp"
	"container/heap"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"roster/backend/domain"
)

// CountCap bounds how many rows a filtered list counts: past it the UI
// shows "1,000+" instead of scanning a million rows for a number. Status
// and integration counts are exact: they are maintained with the rows.
const CountCap = 1000

// idBoundsScan is how many users of a created range the list reads at most
// to find the range's smallest and largest id (see idBounds).
const idBoundsScan = 30000

// countBudget is how many search matches the count of a search with other
// filters reads at most; when that is not all of them, the count is a lower
// bound (TotalCapped).
const countBudget = 2000

// walkStepCost is what testing one user of an integration for a search
// costs (a LIKE on the row; a probe of the search index when the row is not
// ASCII, 14% of the seeded users) in steps through the search's matches
// (the match, its row, a probe of its connection): 3 µs against 0.75 µs at
// a million users (BenchmarkList, globex_bamboohr), measured before such
// rows were pre-tested (mayMatchFolded), which makes walks cheaper still.
// walkCountCap bounds how many matches the choice counts (about 2.5 ms).
//
// bitWalkFactor is how many users a walk tests by their integration bit in
// the time joining one connection takes (1M users: 0.06 µs a user walked,
// 1-4 µs a connection joined).
const (
	walkStepCost  = 4
	walkCountCap  = 20000
	bitWalkFactor = 16
)

// UserQuery is a validated user-list request.
type UserQuery struct {
	Search        string
	Status        domain.UserStatus // "" = any
	IntegrationID int64             // 0 = any
	CreatedFrom   time.Time         // inclusive; zero = none
	CreatedTo     time.Time         // exclusive; zero = none
	Sort          domain.UserSort
	Desc          bool
	Cursor        string // from a previous page; "" = first page
	// Offset skips that many rows of the list (a jump into it; not with a
	// Cursor). SQLite steps over them in the plan's index without reading
	// the rows, from the nearer end when the list's length is maintained,
	// and without an integration or a search from the nearest bucket of
	// user_positions: 1-1.7 ms to the middle of a million users, by name or
	// among the connected ones; stepping from an end took 9-22 ms
	// (BenchmarkList).
	Offset int
	Limit  int
	// Bare leaves the rows' integrations out (an export reads users in full
	// by id afterwards).
	Bare bool

	// The plan, chosen by ListUsers (see choosePlan).
	//
	// probeIntegration: walk users in sort order and test each one's
	// integration bit (or, for an integration without one, probe the
	// connection), instead of sorting the integration's users.
	probeIntegration bool
	// searchWalk: walk users in sort order (sorted by created date with an
	// integration: the integration's connections) and test the search on
	// each one, instead of reading the search's matches first.
	searchWalk bool
	// searchSet: the walk tests users against the search's matches, read
	// once, instead of on their rows (see chooseSearchWalk).
	searchSet bool
	// integrationSorted: sorted by name or activity, the walk is of the
	// integration's connections, testing them against the search's
	// matches (or their text: textTest), and the users found are sorted
	// (see chooseSearchWalk).
	integrationSorted bool
	// textTest: each user of the integration's walk is tested on the
	// folded text of its row: no match is read.
	textTest bool
	// namePrefix: sorted by name, the page merges the users whose name
	// starts with the search (a range of users_name) with the search's
	// other matches, sorted (see prefixSQL).
	namePrefix bool
	// idsUnordered: users are not numbered in created order (user_order):
	// the search index in id order is not created order, and a search
	// sorted by created date is planned as one sorted by name.
	idsUnordered bool
	// lookBehind: they are, but for users up to this many ms older than
	// one numbered before them (user_order.max_inversion): the search index
	// is still read in id order, further than the page, and what was read
	// sorted (see readBehind). noLookBehind: that took too many rows.
	lookBehind   int64
	noLookBehind bool
	// rowidFrom: a later page of lookBehind reads the search index from
	// this id on (not 0).
	rowidFrom int64
	// startAt: the list starts at this value of its sort column (the start
	// of a bucket of user_positions; see position), and at startID among
	// the users with that value if not 0; or at this id in id order when
	// startByID.
	startAt   any
	startID   int64
	startByID bool
	// readBack: the page is read backwards from below endAt, the end of a
	// fine bucket, and its rows turned round (see position).
	readBack bool
	endAt    any
	// ids: the ids of the created range, where known (see idBounds).
	ids idRange
	// rangeFirst: a list without a search reads its created range in
	// users_created and sorts it, instead of walking the sort order.
	rangeFirst bool
	// walkTo: the walk ends before the users with this value of the sort
	// column (see nearWalk); nil: none. walkToID: it lies among them, and
	// ends before this one (0: before them all).
	walkTo   any
	walkToID int64
	// match: the search index's query for the search (matchOf); zero: the
	// search's phrase. pruneAll: the query is its rarest trigram (tests).
	match    ftsMatch
	pruneAll bool
	// counted: the search's matches counted so far, shared by the copies
	// of q one list makes (see searchMatches); nil: none kept.
	counted *matchCount
	// countBudget, walkFrom, setFrom, jumpSteps, fineAbove, lookBehindRows,
	// nearRows and setMatches (-1: none) override the constants and the
	// computed choices (tests).
	countBudget, walkFrom, setFrom, jumpSteps, fineAbove, lookBehindRows, nearRows, setMatches int
}

// planForced reports whether a test chose q's plan (or what leads to it).
func (q UserQuery) planForced() bool {
	return q.walkFrom != 0 || q.setFrom != 0 || q.nearRows != 0 || q.namePrefix || q.pruneAll || q.lookBehindRows != 0 || q.countBudget != 0
}

// fts is q's search in the search index (see matchOf), within q's ids.
func (q UserQuery) fts() ftsMatch {
	m := q.match
	if m.query == "" {
		m = ftsMatch{query: ftsPhrase(q.Search)}
	}
	m.ids = q.ids
	return m
}

// cursor is the keyset position after the last row of a page. It carries
// the sort it was made for so it cannot be replayed against another order.
type cursor struct {
	Sort domain.UserSort `json:"s"`
	Desc bool            `json:"d"`
	Int  int64           `json:"n,omitempty"`
	Str  string          `json:"t,omitempty"`
	ID   int64           `json:"i"`
	// run: users sharing the cursor's value of the sort column come after
	// it (see ListUsers, keyBound).
	run bool
}

// value is the cursor's value of its sort column.
func (c cursor) value() any {
	if c.Sort == domain.SortName {
		return c.Str
	}
	return c.Int
}

func (c cursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string, sort domain.UserSort, desc bool) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID <= 0 {
		return c, domain.Invalid("cursor", "The page cursor is not one Roster made; start again from the first page.")
	}
	if c.Sort != sort || c.Desc != desc {
		return c, domain.Invalid("cursor", "The page cursor belongs to another sort order; start again from the first page.")
	}
	return c, nil
}

// runFollows reports whether users sharing c's value of the sort column
// come after c in the list's order (one probe of the sort index).
func runFollows(ctx context.Context, db DB, c cursor) (bool, error) {
	col, _ := sortKey(c.Sort)
	op := ">"
	if c.Desc {
		op = "<"
	}
	var run bool
	err := db.QueryRowContext(ctx, fmt.Sprintf("SELECT EXISTS (SELECT 1 FROM connected_users WHERE %s = ? AND id %s ?)", col, op), c.value(), c.ID).Scan(&run)
	if err != nil {
		return false, fmt.Errorf("store: list users: cursor: %w", err)
	}
	return run, nil
}

// keyBound is where a list starts in (sort value, id) order: past the user
// (value, id), or at it (at), down the order when desc.
type keyBound struct {
	value    any
	id       int64
	desc, at bool
	run      bool // users sharing value come after id (always so when at)
}

// bound is the start of a list after c.
func (c cursor) bound() keyBound {
	return keyBound{value: c.value(), id: c.ID, desc: c.Desc, run: c.run}
}

// ranges returns the bound on col and its id column idCol as ranges of
// the sort index, each a list of conditions with its arguments: one, or
// two whose rows a compound SELECT merges. SQLite seeks a row value on its
// first column alone when the second is the rowid (3.54: (last_active_at,
// id) > (?, ?) is searched as last_active_at > ?), and read a run of users
// sharing a value from its first one: a page 40,000 users into the 79,520
// never active (1M users, by activity) read 40,000 index entries. So a
// bound inside a run is the rest of the run, then the values past it.
// An id column that is not the rowid (connections' user_id) is sought
// with its value (whole), as a plan that sorts what it reads tests it.
func (b keyBound) ranges(col, idCol string, whole bool) ([][]string, [][]any) {
	past, idOp := ">", ">"
	if b.desc {
		past, idOp = "<", "<"
	}
	if b.at {
		idOp += "="
	}
	if whole {
		return [][]string{{fmt.Sprintf("(%s, %s) %s (?, ?)", col, idCol, idOp)}}, [][]any{{b.value, b.id}}
	}
	beyond := []string{col + " " + past + " ?"}
	if !b.run && !b.at {
		return [][]string{beyond}, [][]any{{b.value}}
	}
	return [][]string{{col + " = ?", idCol + " " + idOp + " ?"}, beyond}, [][]any{{b.value, b.id}, {b.value}}
}

// ListUsers returns one keyset page of users, newest first by default.
func ListUsers(ctx context.Context, db DB, q UserQuery) (domain.UserPage, error) {
	page := domain.UserPage{Total: -1}
	if n := utf8.RuneCountInString(q.Search); n > 0 && n < domain.MinSearchLen {
		return page, domain.Invalid("search", "Type at least %d characters to search.", domain.MinSearchLen)
	}
	if q.Search != "" {
		var err error
		if q.match, err = matchOf(ctx, db, q.Search, q.pruneAll); err != nil {
			return page, err
		}
		q.counted = new(matchCount)
	}
	if q.Search != "" || q.Sort != domain.SortCreated {
		if err := idBounds(ctx, db, &q, false); err != nil {
			return page, fmt.Errorf("store: list users: %w", err)
		}
	}
	var after *cursor
	if q.Cursor != "" {
		c, err := decodeCursor(q.Cursor, q.Sort, q.Desc)
		if err != nil {
			return page, err
		}
		if c.run, err = runFollows(ctx, db, c); err != nil {
			return page, err
		}
		after = &c
	}
	if none, err := noneKept(ctx, db, q); err != nil || none {
		if after == nil && q.Offset == 0 {
			page.Total = 0
		}
		return page, err
	}
	// In created order the search index is read in id order, stopping at
	// the page, but a walk of a rare status's users or of an
	// integration's may test the matches instead (choosePlan).
	if q.Search != "" && (q.Sort != domain.SortCreated || statusWalks(q) || q.IntegrationID != 0) && !q.planForced() && q.setMatches >= 0 {
		if err := materialize(ctx, db, &q); err != nil {
			return page, err
		}
	}
	// SQLite steps over an OFFSET row by row. A jump into a list whose
	// length the maintained counts give steps from the nearer end, reading
	// the list in the opposite order from the far one and turning the rows
	// round; further than jumpSteps from both ends, it starts from the
	// bucket of user_positions that holds its row (see position), reading
	// in ascending order, when the list has no integration filter; an
	// integration's users in created order, from the row's key found in
	// its connections index (integrationPosition); by name or activity,
	// from their bucket of integration_positions, from any row past the
	// first page: stepping over an integration's users in those orders
	// steps over every user between them.
	offset, total, flipped := q.Offset, 0, false
	if q.Offset > 0 && q.Search == "" && q.CreatedFrom.IsZero() && q.CreatedTo.IsZero() {
		var err error
		if total, _, err = countUsers(ctx, db, q, 0, false); err != nil {
			return page, err
		}
		steps := jumpSteps
		switch {
		case q.IntegrationID != 0 && q.Sort == domain.SortCreated:
			steps = integrationJumpSteps
		case q.IntegrationID != 0:
			steps = q.Limit
		}
		if q.jumpSteps != 0 {
			steps = max(q.jumpSteps, 0)
		}
		switch rest := total - q.Offset; {
		case (q.IntegrationID == 0 || q.Sort == domain.SortCreated || positionedIntegration(q)) && min(q.Offset, rest-q.Limit) > steps:
			if q.Desc {
				flipped, q.Desc, q.Offset = true, false, max(rest-q.Limit, 0)
			}
			if err := position(ctx, db, &q, total, pageRows(q, flipped, total, offset)); err != nil {
				return page, err
			}
		case rest > 0 && rest-q.Limit < q.Offset:
			flipped, q.Desc, q.Offset = true, !q.Desc, max(rest-q.Limit, 0)
		}
	}
	fetch := pageRows(q, flipped, total, offset)
	var users []domain.UserRow
	var bitsOf map[int64]userBits
	few, near := false, false
	var err error
	// In created order the search index is read in id order, a page of it
	// (see choosePlan), however few the matches.
	if q.Search != "" && q.Offset == 0 && q.Sort != domain.SortCreated && !q.planForced() {
		var likely bool
		if likely, err = fewLikely(ctx, db, q, fetch); likely {
			users, bitsOf, few, err = readFew(ctx, db, q, after)
		}
	}
	if !few && err == nil {
		users, bitsOf, near, err = nearWalk(ctx, db, q, after, fetch)
	}
	switch {
	case err != nil:
		return page, err
	case few || near:
		page.Users = users
	default:
		if err := choosePlan(ctx, db, &q); err != nil {
			return page, err
		}
	}
	if searchDriven(q) && q.lookBehind > 0 {
		var ok bool
		if page.Users, bitsOf, ok, err = readBehind(ctx, db, q, after, fetch); err != nil {
			return page, err
		}
		if !ok {
			q.noLookBehind, q.lookBehind = true, 0
			if err := choosePlan(ctx, db, &q); err != nil {
				return page, err
			}
		}
	}
	if page.Users == nil {
		if page.Users, bitsOf, err = readPage(ctx, db, q, after, fetch); err != nil {
			return page, err
		}
	}
	if q.readBack {
		slices.Reverse(page.Users)
	}
	more := len(page.Users) > q.Limit
	if flipped {
		slices.Reverse(page.Users)
		// The rows are read after the count, not in one transaction: when
		// a delete came in between, the rows end before the count does.
		q.Desc, more = !q.Desc, len(page.Users) > 0 && offset+len(page.Users) < total
	}
	if more {
		page.Users = page.Users[:min(len(page.Users), q.Limit)]
		last := page.Users[len(page.Users)-1]
		c := cursor{Sort: q.Sort, Desc: q.Desc, ID: last.ID}
		switch q.Sort {
		case domain.SortName:
			c.Str = last.Name
		case domain.SortLastActive:
			c.Int = millis(last.LastActiveAt)
		default:
			c.Int = last.CreatedAt.UnixMilli()
		}
		page.NextCursor = c.encode()
	}
	if !q.Bare {
		if err := attachIntegrations(ctx, db, page.Users, bitsOf); err != nil {
			return page, err
		}
	}
	switch {
	case after != nil || offset > 0:
	case few:
		page.Total = len(users) // every match read
	case page.NextCursor == "":
		// The first page is all there is: it is its own count.
		page.Total = len(page.Users)
	default:
		page.Total, page.TotalCapped, err = countUsers(ctx, db, q, len(page.Users), false)
		if err != nil {
			return page, err
		}
	}
	return page, nil
}

// noneKept reports whether no user has q's status and integration (the
// maintained counts say so), so that no plan reads the search's matches or
// walks an index for them: ".com", BambooHR and no integrations sorted
// every one of its 125,000 matches (60 ms at 1M users) to find none.
func noneKept(ctx context.Context, db DB, q UserQuery) (bool, error) {
	var n int64
	var err error
	switch {
	case q.IntegrationID != 0:
		n, _, err = integrationShare(ctx, db, q.IntegrationID, q.Status)
	case q.Status != "":
		var counts domain.StatusCounts
		counts, err = StatusCounts(ctx, db)
		n = int64(counts.Of(q.Status))
	default:
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: list users: %w", err)
	}
	return n == 0, nil
}

// readPage reads the rows of q's page in its plan, and their bits by id.
func readPage(ctx context.Context, db DB, q UserQuery, after *cursor, fetch int) ([]domain.UserRow, map[int64]userBits, error) {
	query, args := listSQL(q, after, fetch)
	return readUsers(ctx, db, fetch, query, args...)
}

// readUsers reads the rows of a query of userColumns, about n of them, and
// their bits by id.
func readUsers(ctx context.Context, db DB, n int, query string, args ...any) ([]domain.UserRow, map[int64]userBits, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("store: list users: %w", err)
	}
	defer rows.Close()
	// Allocated once, scanned in place: a list is read at every scroll, and
	// its garbage is what makes the slow one in twenty (BenchmarkList p95).
	users, bitsOf := make([]domain.UserRow, 0, n), make(map[int64]userBits, n)
	for rows.Next() {
		users = append(users, domain.UserRow{})
		if err := scanUser(rows, &users[len(users)-1], bitsOf); err != nil {
			return nil, nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("store: list users: %w", err)
	}
	return users, bitsOf, nil
}

// scanUser reads a row of listSQL into u, and its bits into bitsOf.
func scanUser(rows *sql.Rows, u *domain.UserRow, bitsOf map[int64]userBits) error {
	var created, active int64
	var b userBits
	if err := rows.Scan(&u.ID, &u.ExternalID, &u.Name, &u.Email, &u.Status, &created, &active, &b.integrations, &b.errors); err != nil {
		return fmt.Errorf("store: list users: %w", err)
	}
	u.CreatedAt, u.LastActiveAt = fromMillis(created), optMillis(active)
	u.Integrations = []domain.UserIntegration{}
	bitsOf[u.ID] = b
	return nil
}

// lookBehindRows is how many rows past a page readBehind reads before it
// leaves the list to another plan: a common substring, whose matches crowd
// the stretch of time it must read, costs less walking users_created.
// lookBehindSample is how many ids it tests for the share that match.
const (
	lookBehindRows   = 2000
	lookBehindSample = 4096
)

// readBehind reads a page of a search sorted by created date from the
// search index in id order while users are numbered out of created order
// by at most q.lookBehind ms. Newest first: a user numbered before the
// one just read is created at most lookBehind after it, so once the page's
// rows are all newer than that, no row still to read can join them; oldest
// first, the other way round. It reads on until then, and sorts what it
// read; ok is false when that took, or promised to take, more than
// lookBehindRows rows past the page.
func readBehind(ctx context.Context, db DB, q UserQuery, after *cursor, fetch int) (users []domain.UserRow, bitsOf map[int64]userBits, ok bool, err error) {
	newer := func(a, b *domain.UserRow) bool { // a comes first in the list
		c := a.CreatedAt.Compare(b.CreatedAt)
		if c == 0 {
			c = cmp.Compare(a.ID, b.ID)
		}
		return c > 0 == q.Desc
	}
	// Where the walk starts: in time, the cursor or the newest (oldest)
	// user; in ids, the highest (lowest), or below (above) a user created
	// lookBehind past the cursor, all of whose successors in id order are
	// on earlier pages.
	dir, first := 1, "max"
	if !q.Desc {
		dir, first = -1, "min"
	}
	var start, startID int64
	if after != nil {
		order := "created_at > ? ORDER BY created_at, id"
		if !q.Desc {
			order = "created_at < ? ORDER BY created_at DESC, id DESC"
		}
		err := db.QueryRowContext(ctx, "SELECT id FROM connected_users WHERE "+order+" LIMIT 1", after.Int+int64(dir)*q.lookBehind).Scan(&q.rowidFrom)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, nil, false, fmt.Errorf("store: list users: %w", err)
		}
		start, startID = after.Int, q.rowidFrom
	}
	if after == nil || startID == 0 {
		if err := db.QueryRowContext(ctx, fmt.Sprintf("SELECT coalesce((SELECT %[1]s(created_at) FROM connected_users), 0), coalesce((SELECT %[1]s(id) FROM connected_users), 0)", first)).
			Scan(&start, &startID); err != nil {
			return nil, nil, false, fmt.Errorf("store: list users: %w", err)
		}
		if after != nil {
			start = after.Int
		}
	}
	// The walk reads the search's matches among the users created within
	// lookBehind of where it starts, besides the page: their number from
	// user_fine_positions, the share that match from the ids it starts at.
	// A search too common there is left to another plan before it starts.
	lo, hi := start-q.lookBehind, start
	if !q.Desc {
		lo, hi = start, start+q.lookBehind
	}
	window, err := createdWithin(ctx, db, lo, hi)
	if err != nil {
		return nil, nil, false, err
	}
	var sampled int64
	sampleLo, sampleHi := startID-lookBehindSample, startID
	if !q.Desc {
		sampleLo, sampleHi = startID, startID+lookBehindSample
	}
	m := q.fts()
	m.ids = m.ids.within(sampleLo, sampleHi)
	from, conds, args := m.from()
	if err := db.QueryRowContext(ctx, fmt.Sprintf("SELECT count(*) FROM %s %s", from, whereSQL(conds)), args...).Scan(&sampled); err != nil {
		return nil, nil, false, fmt.Errorf("store: list users: %w", err)
	}
	budget := fetch + cmp.Or(q.lookBehindRows, lookBehindRows)
	if window*sampled > int64(budget-fetch)*lookBehindSample {
		return nil, nil, false, nil
	}
	query, args := listSQL(q, after, -1)
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, false, fmt.Errorf("store: list users: %w", err)
	}
	defer rows.Close()
	bitsOf = map[int64]userBits{}
	// Held in place: h points into it.
	read := make([]domain.UserRow, 0, budget+1)
	// The fetch rows that come first of those read.
	h := &lastFirst{rows: make([]*domain.UserRow, 0, fetch), before: newer}
	for rows.Next() {
		if len(read) > budget {
			return nil, nil, false, nil
		}
		read = append(read, domain.UserRow{})
		u := &read[len(read)-1]
		if err := scanUser(rows, u, bitsOf); err != nil {
			return nil, nil, false, err
		}
		switch {
		case h.Len() < fetch:
			heap.Push(h, u)
		case newer(u, h.rows[0]):
			h.rows[0] = u
			heap.Fix(h, 0)
		}
		if h.Len() < fetch {
			continue
		}
		// Every row still to read is created within lookBehind of u.
		if d := h.rows[0].CreatedAt.UnixMilli() - u.CreatedAt.UnixMilli(); d*int64(dir) > q.lookBehind {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, false, fmt.Errorf("store: list users: %w", err)
	}
	users = make([]domain.UserRow, h.Len())
	for i, u := range h.rows {
		users[i] = *u
	}
	slices.SortFunc(users, func(a, b domain.UserRow) int {
		if newer(&a, &b) {
			return -1
		}
		return 1
	})
	return users, bitsOf, true, nil
}

// createdWithin counts the users created from lo to hi (ms), by the
// buckets of user_fine_positions that hold them: those of
// user_positions wholly within, and the fine buckets of the two at its
// ends. Summing the fine buckets alone read one row per 35 minutes: some
// 45,000 for a window of two years, 6-8 ms.
func createdWithin(ctx context.Context, db DB, lo, hi int64) (int64, error) {
	const shift = positionShift - finePositionShift
	fineLo, fineHi := lo>>finePositionShift, hi>>finePositionShift
	query := `SELECT (SELECT coalesce(sum(n), 0) FROM user_fine_positions WHERE sort = 'created' AND status = '' AND bucket BETWEEN ?1 AND ?2)
		+ (SELECT coalesce(sum(n), 0) FROM user_positions WHERE sort = 'created' AND status = '' AND bucket > ?3 AND bucket < ?4)
		+ (SELECT coalesce(sum(n), 0) FROM user_fine_positions WHERE sort = 'created' AND status = '' AND bucket BETWEEN ?5 AND ?6)`
	args := []any{fineLo, fineHi, 0, 0, 1, 0} // one range of fine buckets
	if coarseLo, coarseHi := fineLo>>shift, fineHi>>shift; coarseLo < coarseHi {
		args = []any{fineLo, (coarseLo+1)<<shift - 1, coarseLo, coarseHi, coarseHi << shift, fineHi}
	}
	var n int64
	if err := db.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: list users: users created within a window: %w", err)
	}
	return n, nil
}

// lastFirst is a heap of rows whose first is the one that comes last in
// the list (before: whether a comes before b).
type lastFirst struct {
	rows   []*domain.UserRow
	before func(a, b *domain.UserRow) bool
}

func (h *lastFirst) Len() int           { return len(h.rows) }
func (h *lastFirst) Less(i, j int) bool { return h.before(h.rows[j], h.rows[i]) }
func (h *lastFirst) Swap(i, j int)      { h.rows[i], h.rows[j] = h.rows[j], h.rows[i] }
func (h *lastFirst) Push(x any)         { h.rows = append(h.rows, x.(*domain.UserRow)) }
func (h *lastFirst) Pop() any {
	x := h.rows[len(h.rows)-1]
	h.rows = h.rows[:len(h.rows)-1]
	return x
}

// jumpSteps is how far from an end of a list a jump steps rather than
// read user_positions (about 0.3 ms at a million users, as much as that
// read and the step within a bucket).
const jumpSteps = 10000

// integrationJumpSteps is jumpSteps for an integration's users in created
// order: stepping over them joins each to its row (2.7 µs: BambooHR, 7,080
// in, 19 ms at 1M users), where position steps in its connections index
// (under 0.1 µs each), from the block of ids that holds the row.
const integrationJumpSteps = 300

// positionShift is user_positions' bucket of a time: 2^27 ms, about 1.5
// days (migration 17); idPositionShift its bucket of ids, 4,096 of them
// (migration 18).
const (
	positionShift   = 27
	idPositionShift = 12
	// finePositionShift is user_fine_positions' bucket of a time: 2^21 ms,
	// about 35 minutes, 64 to a bucket of user_positions (migration 19). A
	// jump reads them when its bucket holds more than fineAbove users:
	// stepping over fewer costs no more than that read (0.1 ms).
	finePositionShift = 21
	fineAbove         = 4096
	// integrationFineShift is integration_fine_positions' bucket of a
	// time: 2^24 ms, about 4.7 hours, 8 to a bucket of
	// integration_positions (migration 28).
	integrationFineShift = 24
	// nameChars is the characters of a name that make its bucket of
	// user_positions (migration 17), fineNameChars of user_fine_positions.
	nameChars     = 2
	fineNameChars = 4
	// positionScan bounds the users of a fine bucket sortPosition counts
	// (about 0.5 ms at a million users).
	positionScan = 20000
	// neverActiveBase puts the buckets of users never active, by blocks of
	// ids, below those of times (migration 18).
	neverActiveBase = 1 << 42
)

// pageRows is how many rows the list reads for a page: one more than it
// shows, to tell whether there is a next one; read from the far end
// (flipped), the page's own rows, up to the list's total from offset.
func pageRows(q UserQuery, flipped bool, total, offset int) int {
	if flipped {
		return min(q.Limit, total-offset)
	}
	return q.Limit + 1
}

// position turns q.Offset, in ascending order, into an offset from the
// start of the bucket of user_positions that holds that row: the sum of
// the buckets before it is read instead of stepped over. total is the
// list's length, which the buckets add up to; fetch the rows the page
// reads. When the page lies in the second half of a bucket of
// user_fine_positions, it is read backwards from the bucket's end
// (readBack): a first name's bucket holds some 17,000 users at a million,
// and a jump near its end stepped over all of them (BenchmarkList's
// jump_densest_by_name: 16,371). An integration's users (with a bit) are
// counted apart, in integration_positions and integration_fine_positions;
// those of one without, in created order, stepped over in its connections
// index (integrationPosition).
func position(ctx context.Context, db DB, q *UserQuery, total, fetch int) error {
	_, sort := sortKey(q.Sort)
	pos := positionTables{"user_positions", "user_fine_positions", finePositionShift, cmp.Or(q.fineAbove, fineAbove), 0}
	switch {
	case q.IntegrationID != 0 && !positionedIntegration(*q):
		return integrationPosition(ctx, db, q) // in created order (ListUsers)
	case q.IntegrationID != 0:
		// Always to the fine bucket: the walk within a bucket steps over
		// every user in it, not only the integration's.
		pos = positionTables{"integration_positions", "integration_fine_positions", integrationFineShift, q.fineAbove, q.IntegrationID}
	}
	if sort == "created" {
		// Numbered in created order, users are in created order by id,
		// whose buckets stay small however many share a creation time.
		var inOrder bool
		if err := db.QueryRowContext(ctx, "SELECT ids_follow_created FROM user_order").Scan(&inOrder); err != nil {
			return fmt.Errorf("store: list users: position %d: %w", q.Offset, err)
		}
		switch {
		case inOrder:
			sort, q.startByID = "id", true
		case q.IntegrationID != 0:
			return integrationPosition(ctx, db, q)
		}
	}
	// One status, or every one (status ''), is one range of the table in
	// bucket order.
	cond, args := pos.of(3)
	bucket, before, n, ok, err := bucketAt(ctx, db, pos.coarse, sort, q.Status, cond, args, q.Offset, total)
	switch {
	case err != nil:
		return fmt.Errorf("store: list users: position %d: %w", q.Offset, err)
	case !ok:
		return nil // past the end
	}
	var end any  // the end of the fine bucket the page starts in
	var rows int // its rows
	switch b := bucket.(type) {
	case string:
		q.startAt = b
		if n > pos.fineAbove {
			fine, fineBefore, fineN, ok, err := finePosition(ctx, db, pos, sort, q.Status, b, q.Offset-before, n)
			if err != nil {
				return err
			}
			if ok {
				q.startAt, before = fine, before+fineBefore
				// A bucket of fineNameChars characters holds the names
				// that start with them; a shorter one, one name.
				if utf8.RuneCountInString(fine) == fineNameChars {
					end, rows = fine+string(rune(utf8.MaxRune)), fineN
				}
			}
		}
	case int64:
		switch {
		case q.startByID && q.IntegrationID != 0:
			// The integration's users are read in its connections index by
			// created date and id: from the block's first user on.
			var at, id int64
			err := db.QueryRowContext(ctx, "SELECT created_at, id FROM connected_users WHERE id >= ? ORDER BY id LIMIT 1",
				b<<idPositionShift).Scan(&at, &id)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				q.startByID = false // gone since counted: stepped over from the start
				return nil
			case err != nil:
				return fmt.Errorf("store: list users: position %d: %w", q.Offset, err)
			}
			q.startAt, q.startID, q.startByID = at, id, false
		case q.startByID:
			q.startAt = b << idPositionShift
		case sort == "active" && b < 0:
			// Users never active, in id order from this block of ids.
			q.startAt, q.startID = 0, (b+neverActiveBase)<<idPositionShift
		default:
			start := b << positionShift
			if n > pos.fineAbove {
				fine, fineBefore, fineN, ok, err := finePosition(ctx, db, pos, sort, q.Status, b, q.Offset-before, n)
				if err != nil {
					return err
				}
				if ok {
					start, before = fine<<pos.fineShift, before+fineBefore
					end, rows = (fine+1)<<pos.fineShift, fineN
				}
			}
			if sort == "active" {
				start = max(start, 1) // after every user never active
			}
			q.startAt = start
		}
	default:
		return fmt.Errorf("store: list users: position %d: a bucket of type %T", q.Offset, bucket)
	}
	q.Offset -= before
	if back := rows - q.Offset - fetch; end != nil && back >= 0 && back < q.Offset {
		q.readBack, q.endAt, q.Offset = true, end, back
	}
	return nil
}

// positionedIntegration reports whether integration_positions counts q's
// integration's users: those with a bit (migration 28).
func positionedIntegration(q UserQuery) bool {
	return IntegrationBit(q.IntegrationID) != 0
}

// positionTables are the buckets a jump reads: every user's, or one
// integration's users' (integration_positions, migration 28), whose fine
// buckets of a time are 2^fineShift ms; read when a bucket holds more
// than fineAbove users.
type positionTables struct {
	coarse, fine string
	fineShift    int
	fineAbove    int
	integration  int64
}

// of is the condition on the integration, parameter ?param, if any, and
// its argument.
func (p positionTables) of(param int) (string, []any) {
	if p.integration == 0 {
		return "", nil
	}
	return fmt.Sprintf("integration_id = ?%d", param), []any{p.integration}
}

// integrationPosition is position for an integration's users in created
// order: a range of its connections index, which holds each one's created
// date and id, stepped over to the row at q.Offset without reading a
// user's row (1M users, the middle of Slack's 180,000: 121 ms joining each
// connection stepped over to its user, 11-16 ms in the index).
func integrationPosition(ctx context.Context, db DB, q *UserQuery) error {
	index, status := integrationIndex(*q)
	where := "c.integration_id = ?"
	if status != "" {
		where += " AND " + status
	}
	var at, id int64
	err := db.QueryRowContext(ctx, `SELECT c.user_created_at, c.user_id FROM connections c INDEXED BY `+index+` WHERE `+where+`
		ORDER BY c.user_created_at, c.user_id LIMIT 1 OFFSET ?`, q.IntegrationID, q.Offset).Scan(&at, &id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil // past the end
	case err != nil:
		return fmt.Errorf("store: list users: position %d: %w", q.Offset, err)
	}
	q.startAt, q.startID, q.Offset = at, id, 0
	return nil
}

// finePosition finds the bucket of user_fine_positions within
// user_positions' bucket (a time's, or a name's first characters) of n
// rows that holds the row offset rows into it, and the rows of the fine
// buckets before; not ok when they hold no more than offset rows (they are
// read apart from user_positions, and a write may come in between): the
// caller then steps from the start of the bucket.
func finePosition[B int64 | string](ctx context.Context, db DB, pos positionTables, sort string, status domain.UserStatus, bucket B, offset, n int) (fine B, before, rows int, ok bool, err error) {
	// The fine buckets of a time's are a range of numbers; those of a
	// name's first characters, the names that start with them (whose
	// first characters are theirs, not longer ones).
	var cond string
	var args []any
	switch b := any(bucket).(type) {
	case int64:
		shift := positionShift - pos.fineShift
		cond, args = "bucket >= ?3 AND bucket < ?4", []any{b << shift, (b + 1) << shift}
	case string:
		cond, args = "bucket >= ?3 AND bucket < ?3 || char(1114111) AND substr(bucket, 1, ?4) = ?3", []any{b, nameChars}
	}
	if c, a := pos.of(5); c != "" {
		cond, args = c+" AND "+cond, append(args, a...)
	}
	got, before, rows, ok, err := bucketAt(ctx, db, pos.fine, sort, status, cond, args, offset, n)
	switch {
	case err != nil:
		return fine, 0, 0, false, fmt.Errorf("store: list users: fine position %d: %w", offset, err)
	case !ok:
		return fine, 0, 0, false, nil
	}
	fine, ok = got.(B)
	if !ok {
		return fine, 0, 0, false, fmt.Errorf("store: list users: fine position %d: a bucket of type %T", offset, got)
	}
	return fine, before, rows, true, nil
}

// bucketAt finds the bucket of table (user_positions or
// user_fine_positions) for sort and status, and cond on bucket (?3, ?4:
// args), that holds row offset of theirs in ascending order, its rows n
// and the rows of the buckets before it; not ok past the last. rows is
// about what the buckets add up to: the counts are added up in Go from the
// nearer end, and the reading stops at the bucket. A window function adds
// up every bucket first (the middle of last active order at a million
// users, 950 buckets: 0.44 ms p50 that way, 0.40 ms reading half of them
// here, and less towards either end; BenchmarkList's jump into the
// densest bucket of that order: 1.2-1.6 ms a jump before, 0.8 after).
func bucketAt(ctx context.Context, db DB, table, sort string, status domain.UserStatus, cond string, args []any, offset, rows int) (bucket any, before, n int, ok bool, err error) {
	where := "sort = ?1 AND status = ?2"
	if cond != "" {
		where += " AND " + cond
	}
	args = append([]any{sort, string(status)}, args...)
	fromEnd := offset > rows/2
	query := "SELECT bucket, n FROM " + table + " WHERE " + where + " ORDER BY bucket"
	if fromEnd {
		// The rows before a bucket are the total less those from it on,
		// the total read in the same statement, so in the same snapshot.
		query = "SELECT bucket, n, (SELECT coalesce(sum(n), 0) FROM " + table + " WHERE " + where + ") FROM " + table +
			" WHERE " + where + " ORDER BY bucket DESC"
	}
	rs, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, 0, false, err
	}
	defer rs.Close()
	sum, sumTotal := 0, 0 // the buckets read so far; from the end, the total
	for rs.Next() {
		dest := []any{&bucket, &n}
		if fromEnd {
			dest = append(dest, &sumTotal)
		}
		if err := rs.Scan(dest...); err != nil {
			return nil, 0, 0, false, err
		}
		if !fromEnd {
			if sum+n > offset {
				return bucket, sum, n, true, nil
			}
			sum += n
			continue
		}
		if offset >= sumTotal {
			return nil, 0, 0, false, rs.Err() // past the end
		}
		// From the end, the first bucket with no more than offset rows
		// before it holds the row: the one after it (if any) has more.
		sum += n
		if before := sumTotal - sum; before <= offset {
			return bucket, before, n, true, nil
		}
	}
	return nil, 0, 0, false, rs.Err()
}

// listSQL is the query for limit rows of q's plan after a cursor (nil: the
// first page, or the page at q.Offset).
func listSQL(q UserQuery, after *cursor, limit int) (string, []any) {
	if q.namePrefix {
		return prefixSQL(q, after, limit)
	}
	dir, cmp := "ASC", ">"
	if q.Desc || q.readBack {
		dir, cmp = "DESC", "<"
	}
	if searchDriven(q) && after != nil {
		// The page's ids start past the cursor's, or past the one
		// lookBehind found: a bound of the search index's (idRange.within).
		from := after.ID
		if q.lookBehind > 0 {
			from = q.rowidFrom
		}
		switch {
		case from == 0:
		case cmp == ">":
			q.ids = q.ids.within(from+1, math.MaxInt64)
		default:
			q.ids = q.ids.within(math.MinInt64, from-1)
		}
	}
	from, where, args := userFilter(q)
	var order string
	switch {
	case searchDriven(q):
		// Walk the search index in id order and stop at a page: users are
		// numbered as first seen, so id order is created order (while
		// user_order says so: see choosePlan), and a common substring
		// costs a page, not every match.
		order = "f.rowid " + dir
		if after != nil && q.lookBehind > 0 {
			where, args = append(where, "(u.created_at, u.id) "+cmp+" (?, ?)"), append(args, after.Int, after.ID)
		}
	default:
		// With an integration filter, created order comes straight from the
		// connections index (integration_id, [user_status,] user_created_at, user_id).
		sortCol, idCol := "u.created_at", "u.id"
		switch {
		case q.Sort == domain.SortName:
			sortCol = "u.name"
		case q.Sort == domain.SortLastActive:
			sortCol = "u.last_active_at"
		case joinsIntegration(q):
			sortCol, idCol = "c.user_created_at", "c.user_id"
		}
		order = fmt.Sprintf("%s %s, %s %s", sortCol, dir, idCol, dir)
		var bound *keyBound
		switch {
		case q.startByID && q.startAt != nil:
			// Created order is id order here (position).
			order = "u.id " + dir
			where, args = append(where, "u.id >= ?"), append(args, q.startAt)
		case q.startAt != nil && q.startID != 0:
			bound = &keyBound{value: q.startAt, id: q.startID, at: true}
		case q.startAt != nil:
			where, args = append(where, sortCol+" >= ?"), append(args, q.startAt)
		case after == nil && q.Sort == domain.SortLastActive && !q.Desc && q.ids.bounded && !searchFirst(q) && !joinsIntegration(q) && !q.rangeFirst:
			// A created range's users never active are a range of ids in
			// the run of the never active, which comes first: sought
			// there, not walked from the run's start (the users created
			// in the last week: 73,000 never active before theirs, 4 ms).
			bound = &keyBound{value: int64(0), id: q.ids.lo, at: true}
		}
		if q.readBack {
			where, args = append(where, sortCol+" < ?"), append(args, q.endAt)
		}
		if q.walkTo != nil {
			to := "<"
			if q.Desc {
				to = ">"
			}
			if q.walkToID != 0 {
				where, args = append(where, sortCol+" = ?", fmt.Sprintf("%s %s ?", idCol, to)), append(args, q.walkTo, q.walkToID)
			} else {
				where, args = append(where, fmt.Sprintf("%s %s ?", sortCol, to)), append(args, q.walkTo)
			}
		}
		if after != nil {
			b := after.bound()
			bound = &b
		}
		if bound != nil {
			// A plan that sorts what it reads tests the bound as one row
			// value: two ranges would read and sort it all twice ("son@",
			// BambooHR, by name, next page: 34 ms each).
			sorts := searchFirst(q) || joinsIntegration(q) || q.rangeFirst
			arms, armArgs := bound.ranges(sortCol, idCol, idCol == "c.user_id" || sorts)
			if len(arms) == 2 {
				// The rest of the run, then the values past it: read one
				// after the other (a compound without an ORDER BY of its
				// own), each in order, never merged. A merge reads the first
				// row of each before it returns one, and the first past the
				// run may be far: the users created in the last week, by
				// activity ascending, next page: a walk of the 860,000 users
				// active before them, 60 ms at 1M users.
				arm := func(i int) string {
					return fmt.Sprintf("SELECT * FROM (SELECT %s FROM %s %s ORDER BY %s LIMIT ?)", userColumns, from, whereSQL(slices.Concat(where, arms[i])), order)
				}
				each := limit + q.Offset
				if limit < 0 {
					each = -1
				}
				return arm(0) + " UNION ALL " + arm(1) + " LIMIT ? OFFSET ?",
					slices.Concat(args, armArgs[0], []any{each}, args, armArgs[1], []any{each, limit, q.Offset})
			}
			where, args = append(where, arms[0]...), append(args, armArgs[0]...)
		}
	}
	return fmt.Sprintf(`SELECT %s FROM %s %s ORDER BY %s LIMIT ? OFFSET ?`, userColumns, from, whereSQL(where), order), append(args, limit, q.Offset)
}

// userColumns are the columns of a list's row (scanUser).
const userColumns = "u.id, u.external_id, u.name, u.email, u.status, u.created_at, u.last_active_at, u.integration_bits, u.error_bits"

// namesStarting is the range of users_name whose names start with a search
// (bound twice), in the name's NOCASE order.
const namesStarting = "name >= ? AND name < ? || char(1114111)"

// otherFilters is q's filters but its search, tested on each user u (the
// integration by its bit, or its connection).
//
// A created range is tested too, never sought: the unary + keeps SQLite
// from reading the range in users_created instead of the index the caller
// walks ("marek" in half a year of a million users by name: its names'
// ranges of users_name read as 170,000 users of the range each, 0.6-0.9 s).
func otherFilters(q UserQuery) (where []string, args []any) {
	q.Search, q.namePrefix, q.probeIntegration = "", false, true
	_, where, args = userFilter(q)
	for i, w := range where {
		if strings.HasPrefix(w, "u.created_at ") {
			where[i] = "+" + w
		}
	}
	return where, args
}

// prefixSQL is listSQL for namePrefix: the first limit rows of
//   - the users whose name starts with the search, read in users_name in
//     order (each of them matches it);
//   - those whose name starts with it once folded but not as it is ("Zoë"
//     for "zoe"), in users_name's ranges that nameBranches gives, tested
//     on their folded text;
//   - the search's other matches, whose name does not start with it once
//     folded: the search index finds them (the phrase, not at the start of
//     a name) and they are sorted;
//
// merged. A first name sorted by name is read from its own range of the
// index instead of sorting every match.
func prefixSQL(q UserQuery, after *cursor, limit int) (string, []any) {
	where, filterArgs := otherFilters(q)
	dir, cmp := "ASC", ">"
	if q.Desc {
		dir, cmp = "DESC", "<"
	}
	rows := limit + q.Offset
	order := fmt.Sprintf("ORDER BY u.name %s, u.id %s LIMIT ?", dir, dir)
	var args []any
	// part is one branch; name is how it tests the cursor, if any.
	part := func(name, from, cond string, condArgs ...any) string {
		conds := append([]string{cond}, where...)
		args = append(append(args, condArgs...), filterArgs...)
		if after != nil {
			conds, args = append(conds, "("+name+", u.id) "+cmp+" (?, ?)"), append(args, after.value(), after.ID)
		}
		args = append(args, rows)
		return fmt.Sprintf("SELECT %s FROM %s %s %s", userColumns, from, whereSQL(conds), order)
	}
	starting := part("u.name", "connected_users u", "u."+namesStarting, q.Search, q.Search)
	// Each range read in users_name, testing the folded text it holds. A
	// search that nameBranches refuses, never planned so (tests force it):
	// every name, its own folded text computed.
	fold := "u.search_text"
	bounds, ok := nameBranches(q.Search)
	if !ok {
		fold, bounds = "search_fold(u.name, '', '')", []string{"", string(utf8.MaxRune)}
	}
	pairs := make([][2]string, 0, len(bounds)/2)
	for i := 0; i < len(bounds); i += 2 {
		pairs = append(pairs, [2]string{bounds[i], bounds[i+1]})
	}
	ranges, _ := json.Marshal(pairs)
	// The cursor is tested, not sought: SQLite took it for the start of
	// each range, up to the range's end ("marek" by name, the next page:
	// half the names read for each of 22 ranges, 0.3 s).
	branches := part("+u.name", "json_each(?) r CROSS JOIN connected_users u ON u.name >= r.value ->> 0 AND u.name < r.value ->> 1",
		`NOT (u.`+namesStarting+`) AND `+fold+` LIKE ? ESCAPE '\'`,
		string(ranges), q.Search, q.Search, escapeLike(foldSearch(q.Search))+"%")
	var conds []string
	var condArgs []any
	if m := q.fts(); m.like != "" {
		// The folded text starts with the name's.
		conds = []string{"users_fts MATCH ?", `u.search_text LIKE ? ESCAPE '\'`, `u.search_text NOT LIKE ? ESCAPE '\'`}
		condArgs = []any{m.query, m.like, escapeLike(foldSearch(q.Search)) + "%"}
	} else {
		phrase := ftsPhrase(q.Search)
		conds, condArgs = []string{"users_fts MATCH ?"}, []any{phrase + " NOT name : ^ " + phrase}
	}
	conds, condArgs = q.fts().bound(conds, condArgs)
	others := part("u.name", "users_fts f CROSS JOIN connected_users u ON u.id = f.rowid", strings.Join(conds, " AND "), condArgs...)
	query := fmt.Sprintf(`SELECT * FROM (SELECT * FROM (%s) UNION ALL SELECT * FROM (%s) UNION ALL SELECT * FROM (%s))
		ORDER BY name COLLATE NOCASE %s, id %s LIMIT ? OFFSET ?`, starting, branches, others, dir, dir)
	return query, append(args, limit, q.Offset)
}

// choosePlan decides how ListUsers finds a page when the filters could be
// read in more than one order, from the maintained counts and a capped
// count of the search's matches.
func choosePlan(ctx context.Context, db DB, q *UserQuery) error {
	var after *cursor
	if q.Cursor != "" {
		c, err := decodeCursor(q.Cursor, q.Sort, q.Desc)
		if err != nil {
			return err
		}
		after = &c
	}
	if q.Search != "" && q.Sort == domain.SortCreated {
		var inOrder bool
		var inversion sql.NullInt64
		if err := db.QueryRowContext(ctx, "SELECT ids_follow_created, max_inversion FROM user_order").Scan(&inOrder, &inversion); err != nil {
			return fmt.Errorf("store: list users: %w", err)
		}
		q.idsUnordered = !inOrder
		// A jump (Offset) steps over rows in the index's order, which is
		// not the list's here.
		if !inOrder && inversion.Valid && q.Offset == 0 && !q.noLookBehind {
			q.idsUnordered, q.lookBehind = false, inversion.Int64
		}
	}
	if q.Search != "" && (q.Sort != domain.SortCreated || q.idsUnordered) {
		if err := chooseSearchWalk(ctx, db, q, after); err != nil {
			return err
		}
	}
	if q.Search != "" && q.Sort == domain.SortCreated && q.IntegrationID != 0 && !q.idsUnordered {
		// Both sides list users in created order: the search index its m
		// matches, connections_integration(_status) the integration's
		// users. For a page, reading the matches costs about limit × m /
		// (users on both sides) steps, walking the integration limit ×
		// both / (users on both sides): walk the integration when m is
		// walkStepCost times both or more. Counting m that far is itself
		// a cost; past walkCountCap the search index is read first.
		both, _, err := integrationShare(ctx, db, q.IntegrationID, q.Status)
		if err != nil {
			return fmt.Errorf("store: list users: %w", err)
		}
		enough := int(float64(both)*walkStepCost) + 1
		if q.walkFrom != 0 {
			enough = max(q.walkFrom, 0)
		}
		if q.fts().set != "" && q.walkFrom == 0 {
			// Read once (materialize), the matches are tested by id in
			// connections_integration, limit × users / m entries for a
			// page (all both at most); the search index read in id order
			// would probe each match's connection, in a set SQLite sorts
			// first: "usr_00" (3,905 matches) among BambooHR's users at 1M
			// users, 45 ms in the index, 7 ms sorted, 1.5 ms walked.
			counts, err := StatusCounts(ctx, db)
			if err != nil {
				return err
			}
			n, err := searchMatches(ctx, db, *q, -1)
			if err != nil {
				return fmt.Errorf("store: list users: %w", err)
			}
			walk := min(float64(q.Offset+q.Limit+1)*float64(counts.Total)/float64(max(n, 1)), float64(both))
			q.searchWalk = walk*walkSetCost < float64(n)*matchProbeCost
		} else if enough <= walkCountCap {
			n, err := searchMatches(ctx, db, *q, enough)
			if err != nil {
				return fmt.Errorf("store: list users: %w", err)
			}
			q.searchWalk = n >= enough
		}
	}
	if searchFirst(*q) {
		if err := idBounds(ctx, db, q, true); err != nil {
			return fmt.Errorf("store: list users: %w", err)
		}
	}
	if statusWalks(*q) && !q.idsUnordered && (isASCII(q.Search) || q.fts().set != "") {
		if err := chooseStatusWalk(ctx, db, q); err != nil {
			return err
		}
	}
	if q.Search == "" && q.IntegrationID != 0 && q.Sort != domain.SortCreated {
		// Walking the sort index (behind the status, if any) and testing
		// each user reads about limit × ofStatus / both users for a page;
		// joining reads all `both` and sorts them. Where the integration
		// has a bit, a user costs bitWalkFactor times less to test than a
		// connection to join (both in the index the walk reads); without,
		// a probe of the connection costs about what joining it does.
		both, ofStatus, err := integrationShare(ctx, db, q.IntegrationID, q.Status)
		if err != nil {
			return fmt.Errorf("store: list users: %w", err)
		}
		factor := 1.0
		if IntegrationBit(q.IntegrationID) != 0 {
			factor = bitWalkFactor
		}
		walk := float64(q.Offset+q.Limit+1) * float64(ofStatus) / float64(max(both, 1))
		join := factor * float64(both)
		if hasRange(*q) {
			// The join seeks the range in the integration's connections
			// (they hold each user's created date), a share of them; the
			// walk tests the range on each user it meets, and meets the
			// integration's among those of the range (rangeWalk):
			// BambooHR's users of a month by name were a walk of 250,000
			// names (50-100 ms at 1M users) for a range of 200 to join.
			inRange, total, err := rangeUsers(ctx, db, *q)
			if err != nil {
				return err
			}
			k := float64(q.Offset+q.Limit+1) * total / float64(max(both, 1))
			if walk, err = rangeWalk(ctx, db, *q, after, k, total, inRange); err != nil {
				return err
			}
			join *= inRange / max(total, 1)
		}
		q.probeIntegration = walk < join
	}
	if q.Search == "" && q.Sort != domain.SortCreated && q.ids.bounded && !joinsIntegration(*q) {
		// Walking the sort order tests each user's id in the index for the
		// range, rangeWalk of them. Reading the range sorts all of it.
		inRange, total, err := rangeUsers(ctx, db, *q)
		if err != nil {
			return err
		}
		walk, err := rangeWalk(ctx, db, *q, after, float64(q.Offset+q.Limit+1), total, inRange)
		if err != nil {
			return err
		}
		q.rangeFirst = inRange*matchSortCost < walk*walkSetCost
	}
	return nil
}

// The costs of a search's plans in an order other than id order, in µs at
// a million users (ListUsers, limit 50, the seeded file in created order):
// a match's row read to sort it ("yuki": 16,521 matches sorted in 33 ms;
// "lovel": 20,127 in 40), or its connection probed first for an
// integration ("marek", 16,759 matches: 5.6 ms read, 23.5 ms probed);
// a match read into the set of a walk (about 10 ms for "lovel"'s; 2.2 µs
// each for the seven trigrams of "@wonka.co");
// an index entry walked, tested against the set or on its row: "yuki"
// sorted by name walked 966,651 names before its first match in 152 ms
// one way, 4.0 s the other; or on the folded text users_name holds
// (coversSearch): 0.2-0.3 µs, every name for "lovel" in 0.2-0.3 s.
const (
	matchSamples    = 256
	priorSamples    = 64
	matchSortCost   = 2.0
	matchProbeCost  = 1.3
	matchSetCost    = 0.5
	walkSetCost     = 0.14
	walkRowCost     = 4.0
	walkCoveredCost = 0.3
	// textTestCost: a user's row read at random and its folded text
	// tested, priced against matchSetCost by what the two measured: 2.8
	// µs for each of BambooHR's 14,160 users (".com" by name, 40 ms) and
	// 0.2 µs for each of the 125,000 matches of ".com" read from the
	// search index (25 ms), 14 times less.
	textTestCost = 14 * matchSetCost
)

// coversSearch reports whether a walk of q's sort order tests the search
// and the other filters in the index it walks: users_name, users_active
// and users_created hold the searched text folded as the search index
// folds it (search_text, migrations 26 and 27) and the status, the first
// two the integration bits; the rarer statuses' indexes hold no folded
// text. An integration without a bit is tested on the row, and in created
// order an integration is walked in its connections. A created range is
// tested on the row too, but after the search: SQLite tests the terms the
// index holds before it reads the row, so only the search's matches cost a
// row each (see chooseSearchWalk). A search of fewer than three characters
// once folded has no trigram to look up: it is left to the search index.
func coversSearch(q UserQuery) bool {
	switch {
	case q.Sort == domain.SortCreated && q.IntegrationID != 0:
		return false
	case q.IntegrationID != 0 && IntegrationBit(q.IntegrationID) == 0:
		return false
	case rareStatus(q.Status):
		return false
	}
	return textSearchable(q.Search)
}

// textSearchable reports whether a search's matches are the users whose
// folded text (search_text) holds it, folded: the search index finds the
// trigrams of a search of three characters or more, folded. The folded
// text is one line a column: a search across lines would match across
// them.
func textSearchable(search string) bool {
	fold := foldSearch(search)
	return utf8.RuneCountInString(fold) >= 3 && !strings.ContainsRune(fold, '\n')
}

// rangeWalk is about how many users a walk of q's sort order steps over,
// from the cursor after (nil: the start), to meet k of its created range's
// inRange users, of total: k × total / inRange, but by activity ascending.
// Users are active after they are created, if ever: that walk meets the
// range's users never active in the run of the never active, first, then
// none among those active before the range began, then the rest (the
// users created in the last week: 6,400 of the 80,000 never active, then
// none among the next 780,000 of a million).
func rangeWalk(ctx context.Context, db DB, q UserQuery, after *cursor, k, total, inRange float64) (float64, error) {
	inRange = max(inRange, 1)
	if q.Sort != domain.SortLastActive || q.Desc && !q.ids.bounded {
		return min(k*total/inRange, total), nil
	}
	if q.Desc {
		return rangeWalkDesc(ctx, db, q, after, k, total, inRange)
	}
	// From user_positions alone, to its buckets (a day and a half of
	// activity; blocks of 4,096 ids for the never active): 0.05 ms, where
	// sortPosition's count within a bucket took 0.3 ms each time.
	from := int64(1)
	if !q.CreatedFrom.IsZero() {
		from = max(q.CreatedFrom.UnixMilli(), 1)
	}
	loBlock, hiBlock := int64(-1), int64(-1)
	if q.ids.bounded {
		loBlock, hiBlock = q.ids.lo>>idPositionShift-neverActiveBase, min(q.ids.hi>>idPositionShift-neverActiveBase, -1)
	}
	var never, before, at float64
	var n, first, last sql.NullInt64
	var cur int64 = math.MaxInt64 >> positionShift
	if after != nil && after.Int != 0 {
		cur = after.Int >> positionShift
	}
	if err := db.QueryRowContext(ctx, `SELECT coalesce(sum(n) FILTER (WHERE bucket < 0), 0),
			coalesce(sum(n) FILTER (WHERE bucket < ?1), 0), coalesce(sum(n) FILTER (WHERE bucket < ?2), 0),
			sum(n) FILTER (WHERE bucket BETWEEN ?3 AND ?4), min(bucket) FILTER (WHERE bucket BETWEEN ?3 AND ?4),
			max(bucket) FILTER (WHERE bucket BETWEEN ?3 AND ?4)
		FROM user_positions WHERE sort = 'active' AND status = ''`,
		from>>positionShift, cur, loBlock, hiBlock).Scan(&never, &before, &at, &n, &first, &last); err != nil {
		return 0, fmt.Errorf("store: list users: %w", err)
	}
	// The range's never active: those of the blocks of ids its users
	// hold, where ids bound it (the blocks at its ends in part), and the
	// walk seeks them (listSQL); else its share of them, spread over the
	// run. Past a cursor in the run, those of ids after it.
	rangeNever, run := never*inRange/max(total, 1), never
	left := rangeNever
	if q.ids.bounded {
		rangeNever, left = 0, 0
		if n.Valid {
			from, to := (first.Int64+neverActiveBase)<<idPositionShift, (last.Int64+neverActiveBase+1)<<idPositionShift
			lo, hi := max(q.ids.lo, from), min(q.ids.hi, to-1)
			rangeNever = min(float64(n.Int64)*float64(hi-lo+1)/float64(to-from), inRange)
			left = rangeNever
			if after != nil {
				left = rangeNever * float64(max(hi-after.ID, 0)) / float64(hi-lo+1)
			}
		}
		run = rangeNever
	}
	// Past those active before the range began, a walk steps over this
	// many users for each of the range's.
	rest := max(total-before, 1) / max(inRange-rangeNever, 1)
	if after != nil && after.Int != 0 {
		return min(max(before-at, 0)+k*rest, total-at), nil
	}
	// Within half of them, surely; nearer their end, the page may need
	// more than the estimate leaves there, and the walk then steps over
	// every user active before the range began (BambooHR in half a year,
	// a second page of 100: 101 of 104 estimated left, 87 there, 14 ms).
	if k <= left/2 {
		return k * run / max(rangeNever, 1), nil
	}
	return min(left*run/max(rangeNever, 1)+before-never+max(k-left, 0)*rest, total), nil
}

// statusWalks reports whether q may walk its status's users in created
// order (chooseStatusWalk): a search among a rare status's users.
func statusWalks(q UserQuery) bool {
	return q.Search != "" && q.Sort == domain.SortCreated && q.IntegrationID == 0 && rareStatus(q.Status)
}

// chooseStatusWalk chooses, for a search among a rare status's users
// newest (or oldest) first, between the search index in id order, testing
// each match's status on its row, and users_status_created, testing each
// user's text (LIKE on the row, as the search is ASCII) or, where the
// matches were read once (materialize), its id in the index. Both lists
// are in created order: a page reads about limit × users / ofStatus
// matches, or limit × users / m users of the status, each a row at about
// the same cost (2 µs at 1M users; a match of a phrase of common trigrams
// more: ".com", 30 µs), an id setWalkCost of that. So the status is
// walked when m is at least its users (within a created range, those of
// the range: idBounds bounds the matches) times that, m estimated from
// the first statusWalkSample matches. At 1M users, newest first: "son@"
// among the disabled, 47 ms → 2.2 ms; ".com" among those with account
// errors, 40 ms → 3 ms; "usr_00" (3,905 matches, read once) among them,
// 45 ms → 8-11 ms.
func chooseStatusWalk(ctx context.Context, db DB, q *UserQuery) error {
	counts, err := StatusCounts(ctx, db)
	if err != nil {
		return err
	}
	share := 1.0
	if hasRange(*q) {
		inRange, total, err := rangeUsers(ctx, db, *q)
		if err != nil {
			return fmt.Errorf("store: list users: %w", err)
		}
		share = inRange / max(total, 1)
	}
	perUser := 1.0
	if q.fts().set != "" {
		perUser = setWalkCost
	}
	enough := float64(counts.Of(q.Status))*share*perUser + 1
	if q.walkFrom != 0 {
		enough = float64(max(q.walkFrom, 0))
	}
	m, err := matchesAbout(ctx, db, *q, statusWalkSample)
	if err != nil {
		return fmt.Errorf("store: list users: %w", err)
	}
	q.searchWalk = m >= enough
	return nil
}

// setWalkCost is what testing a user's id against a search's matches read
// once costs, in the index a walk reads, against reading their row.
const setWalkCost = 0.05

// statusWalkSample is how many matches chooseStatusWalk reads at most to
// estimate them all (0.4 ms for ".com"'s at 1M users).
const statusWalkSample = 2000

// matchesAbout is how many matches q's search has within its ids' bounds:
// counted up to limit, past it estimated from the ids the first limit span.
func matchesAbout(ctx context.Context, db DB, q UserQuery, limit int) (float64, error) {
	from, conds, args := q.fts().from()
	var n, last, lo, hi int64
	err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*), coalesce(max(id), 0),
			(SELECT coalesce(min(id), 0) FROM connected_users), (SELECT coalesce(max(id), 0) FROM connected_users)
		FROM (SELECT f.rowid AS id FROM %s %s ORDER BY f.rowid LIMIT ?)`, from, whereSQL(conds)), append(args, limit)...).Scan(&n, &last, &lo, &hi)
	if err != nil || n < int64(limit) {
		return float64(n), err
	}
	if q.ids.bounded {
		lo, hi = max(lo, q.ids.lo), min(hi, q.ids.hi)
	}
	return float64(n) * float64(hi-lo+1) / float64(max(last-lo+1, 1)), nil
}

// rangeWalkSamples is how many of a created range's users rangeWalkDesc
// reads.
const rangeWalkSamples = 64

// rangeWalkDesc is rangeWalk by activity descending, for a range its ids
// bound. Users created long ago were mostly active long ago too, as often
// as not: of the 14,257 users of the first month of a million, 47 are
// among the 100,000 most recently active, where spread evenly 1,400 would
// be (a first page walked 300,000 users: 6-40 ms). A sample of the range's
// users, at ids spread evenly within its bounds, places its k-th most
// active after the cursor; the walk steps over the users active from
// then to the cursor (or now), counted in user_positions' buckets.
func rangeWalkDesc(ctx context.Context, db DB, q UserQuery, after *cursor, k, total, inRange float64) (float64, error) {
	var lo, hi int64
	if err := db.QueryRowContext(ctx, "SELECT (SELECT coalesce(min(id), 0) FROM connected_users), (SELECT coalesce(max(id), 0) FROM connected_users)").
		Scan(&lo, &hi); err != nil {
		return 0, fmt.Errorf("store: list users: %w", err)
	}
	lo, hi = max(lo, q.ids.lo), min(hi, q.ids.hi)
	if lo > hi {
		return 0, nil
	}
	at := make([]int64, rangeWalkSamples)
	for i := range at {
		at[i] = lo + int64(float64(hi-lo)*float64(i)/float64(len(at)-1))
	}
	list, _ := json.Marshal(at)
	rows, err := db.QueryContext(ctx, `SELECT u.last_active_at FROM json_each(?) s
		CROSS JOIN connected_users u ON u.id = (SELECT id FROM connected_users WHERE id >= s.value ORDER BY id LIMIT 1)
		WHERE u.id <= ?`, string(list), hi)
	active, err := collect(rows, err, "sample a range", func(r *sql.Rows) (int64, error) {
		var t int64
		return t, r.Scan(&t)
	})
	if err != nil {
		return 0, err
	}
	from := int64(math.MaxInt64)
	if after != nil {
		from = after.Int
	}
	// The sampled users after the cursor, most recently active first.
	left := slices.DeleteFunc(active, func(t int64) bool { return t > from || t == from && after != nil })
	slices.Sort(left)
	slices.Reverse(left)
	i := int(k / inRange * float64(len(active)))
	if i >= len(left) || left[i] == 0 {
		return total, nil // past every active user: among the never active, or the end
	}
	var walk float64
	if err := db.QueryRowContext(ctx, `SELECT coalesce(sum(n), 0) FROM user_positions
		WHERE sort = 'active' AND status = '' AND bucket BETWEEN ? AND ?`, left[i]>>positionShift, from>>positionShift).Scan(&walk); err != nil {
		return 0, fmt.Errorf("store: list users: %w", err)
	}
	return min(max(walk, k), total), nil
}

// rareStatus reports whether a status has indexes of its own
// (users_status_*, partial): every one but connected.
func rareStatus(s domain.UserStatus) bool {
	return s == domain.StatusAccountErrors || s == domain.StatusDisabled || s == domain.StatusNoIntegrations
}

// hasRange reports whether q lists a range of creation dates.
func hasRange(q UserQuery) bool { return !q.CreatedFrom.IsZero() || !q.CreatedTo.IsZero() }

// rangeUsers is about how many users were created in q's range
// (usersInRange), and how many there are.
func rangeUsers(ctx context.Context, db DB, q UserQuery) (inRange, total float64, err error) {
	counts, err := StatusCounts(ctx, db)
	if err != nil {
		return 0, 0, err
	}
	n, err := usersInRange(ctx, db, q)
	return float64(n), float64(counts.Total), err
}

// usersInRange is about how many users were created in q's range (see
// createdWithin).
func usersInRange(ctx context.Context, db DB, q UserQuery) (int64, error) {
	from, to := int64(0), int64(math.MaxInt64)
	if !q.CreatedFrom.IsZero() {
		from = q.CreatedFrom.UnixMilli()
	}
	if !q.CreatedTo.IsZero() {
		to = q.CreatedTo.UnixMilli()
	}
	return createdWithin(ctx, db, from, to)
}

// nearWalkUsers is how many users nearWalk tests for each row of the page.
const nearWalkUsers = 200

// nearWalk reads the page of a search that coversSearch from the
// nearWalkUsers × fetch users after the cursor in the list's order (by
// name, activity, or created date where ids do not follow it), testing
// each one's folded text in the index it walks;
// near reports whether it found the page there, or walked to the end of
// the list. Planning costs 1.5-6.5 ms at 1M users, most of it sampling the
// matches ("@wonka.co", seven trigrams: 5.4 ms); walking 20,200 users, for
// a page of 100, about 2.6 ms: a substring as common as one user in 200
// (".com", a company's domain, a surname) finds its page in them, while a
// rarer one, or one whose matches come later (a first name, ascending), is
// planned afterwards.
func nearWalk(ctx context.Context, db DB, q UserQuery, after *cursor, fetch int) (users []domain.UserRow, bitsOf map[int64]userBits, near bool, err error) {
	if ok, err := nearPlan(ctx, db, &q, after, fetch); !ok || err != nil {
		return nil, nil, false, err
	}
	if users, bitsOf, err = readPage(ctx, db, q, after, fetch); err != nil {
		return nil, nil, false, err
	}
	found := len(users)
	if found == fetch || q.walkTo == nil {
		return users, bitsOf, true, nil
	}
	// Most of the page found: the walk goes on as far again as those found
	// say the rest lie, and half that again, when that is no further than
	// the walk so far ("usr_00" by name at 1M users, 1 user in 256: 79 of
	// 101 in 20,200 names; planned, the search index read it three times,
	// 9 ms each). Further, planning costs less.
	walked := nearRows(q, fetch)
	more := 1.5 * float64(walked) * float64(fetch-found) / float64(max(found, 1))
	if found == 0 || more > float64(walked) {
		return nil, nil, false, nil
	}
	// From the user (or the first user of the value) the walk ended before.
	from := cursor{Sort: q.Sort, Desc: q.Desc, run: true}
	switch {
	case q.walkToID != 0 && q.Desc:
		from.ID = q.walkToID + 1
	case q.walkToID != 0:
		from.ID = q.walkToID - 1
	case q.Desc:
		from.ID = math.MaxInt64
	}
	switch v := q.walkTo.(type) {
	case string:
		from.Str = v
	case int64:
		from.Int = v
	}
	on := q
	on.walkTo, on.walkToID, on.searchWalk, on.nearRows = nil, 0, false, int(more)+1
	if ok, err := nearPlan(ctx, db, &on, &from, fetch-found); !ok || err != nil {
		return nil, nil, false, err
	}
	rest, restBits, err := readPage(ctx, db, on, &from, fetch-found)
	if err != nil {
		return nil, nil, false, err
	}
	maps.Copy(bitsOf, restBits)
	return append(users, rest...), bitsOf, len(rest) == fetch-found || on.walkTo == nil, nil
}

// nearRows is how many users nearWalk walks first for a page of fetch.
func nearRows(q UserQuery, fetch int) int {
	if q.nearRows != 0 {
		return q.nearRows
	}
	return nearWalkUsers * fetch
}

// nearPlan sets q to nearWalk's plan, when it has one: the walk, ending
// nearWalkUsers × fetch users after the cursor unless the list ends sooner,
// before the users that share the sort value found there (walkTo): a bound
// on a value, not on a (value, id) pair, which SQLite would seek on the
// value alone (see keyBound). All users up to it sharing one value (the
// 79,520 never active at 1M users, by activity ascending), it ends before
// the user found among them (walkToID).
func nearPlan(ctx context.Context, db DB, q *UserQuery, after *cursor, fetch int) (bool, error) {
	n := nearRows(*q, fetch)
	// Tests choosing a plan (walkFrom) are planned; a jump (Offset) steps
	// over matches the walk cannot count.
	// A created range tested on the rows narrows the matches the walk
	// finds by a share it does not know: planned.
	if n < 0 || q.walkFrom != 0 || q.Offset != 0 || !coversSearch(*q) || hasRange(*q) && q.Sort != domain.SortCreated {
		return false, nil
	}
	if q.Sort == domain.SortCreated {
		// Only where ids do not follow created order, with no bound on how
		// far (see choosePlan): else the search index is read in id order,
		// and nothing more is read here (the list's default order).
		var inOrder bool
		var inversion sql.NullInt64
		if err := db.QueryRowContext(ctx, "SELECT ids_follow_created, max_inversion FROM user_order").Scan(&inOrder, &inversion); err != nil {
			return false, fmt.Errorf("store: list users: %w", err)
		}
		if inOrder || inversion.Valid {
			return false, nil
		}
	}
	// Fewer matches than a page in all: the walk would find them only by
	// reaching the list's end, and sorting them is cheap ("qzx", no match,
	// by name at 1M users: 4.9 ms walked, 0.2 ms sorted).
	if m, err := searchMatches(ctx, db, *q, fetch); err != nil || m < fetch {
		if err != nil {
			err = fmt.Errorf("store: list users: %w", err)
		}
		return false, err
	}
	if q.IntegrationID != 0 && q.Sort == domain.SortLastActive {
		// The integration keeps a share of the users walked. Were the
		// search's matches (at most the users of its rarest trigram) in
		// that share, not half the page would be among them: planned.
		// "son@" among BambooHR's connected users by activity at 1M
		// users: the walk's 20,200 users hold about 260 of BambooHR's
		// (1.6 ms walked for nothing; the estimate reads 0.1-0.3 ms).
		// By name, a search's matches gather: those of "marek" after a
		// cursor among the Mareks fill the page at once.
		both, _, err := integrationShare(ctx, db, q.IntegrationID, q.Status)
		if err != nil {
			return false, fmt.Errorf("store: list users: %w", err)
		}
		counts, err := StatusCounts(ctx, db)
		if err != nil {
			return false, err
		}
		est, err := trigramUsers(ctx, db, trigrams([]rune(foldSearch(q.Search))))
		if err != nil {
			return false, fmt.Errorf("store: list users: %w", err)
		}
		total := float64(max(counts.Total, 1))
		if 2*float64(n)*float64(both)/total*slices.Min(est)/total < float64(fetch) {
			return false, nil
		}
	}
	dir, next, from := "ASC", ">", ">="
	if q.Desc {
		dir, next, from = "DESC", "<", "<="
	}
	col, index := "name", "users_name"
	end := cursor{Sort: q.Sort}
	key := any(&end.Str)
	var created []string // the created range
	var createdArgs []any
	switch q.Sort {
	case domain.SortLastActive:
		col, index, key = "last_active_at", "users_active", &end.Int
	case domain.SortCreated:
		col, index, key, q.idsUnordered = "created_at", "users_created", &end.Int, true
		if !q.CreatedFrom.IsZero() {
			created, createdArgs = append(created, "created_at >= ?"), append(createdArgs, q.CreatedFrom.UnixMilli())
		}
		if !q.CreatedTo.IsZero() {
			created, createdArgs = append(created, "created_at < ?"), append(createdArgs, q.CreatedTo.UnixMilli())
		}
	}
	// Stepping over users in the index reads no row: 0.07 ms for 8,000.
	arms, armArgs := [][]string{nil}, [][]any{nil}
	if after != nil {
		arms, armArgs = after.bound().ranges(col, "id", false)
	}
	var steps []string
	var stepArgs []any
	for i, arm := range arms {
		steps = append(steps, fmt.Sprintf("SELECT %s, id FROM connected_users INDEXED BY %s %s", col, index, whereSQL(slices.Concat(arm, created))))
		stepArgs = slices.Concat(stepArgs, armArgs[i], createdArgs)
	}
	err := db.QueryRowContext(ctx, strings.Join(steps, " UNION ALL ")+fmt.Sprintf(" ORDER BY 1 %[1]s, 2 %[1]s LIMIT 1 OFFSET ?", dir),
		append(stepArgs, n)...).Scan(key, &end.ID)
	switch {
	case errors.Is(err, sql.ErrNoRows): // the list ends within: the walk goes to its end
	case err != nil:
		return false, fmt.Errorf("store: list users: %w", err)
	default:
		q.walkTo = end.value()
		// Where the walk starts: its value, the same as the end's in the
		// order (names compared as their NOCASE column does).
		start := any(nil)
		if after != nil {
			start = after.value()
		} else {
			first := cursor{Sort: q.Sort}
			key := any(&first.Int)
			if q.Sort == domain.SortName {
				key = &first.Str
			}
			if err := db.QueryRowContext(ctx, fmt.Sprintf("SELECT %[1]s FROM connected_users INDEXED BY %[2]s %[3]s ORDER BY %[1]s %[4]s LIMIT 1",
				col, index, whereSQL(created), dir), createdArgs...).Scan(key); err != nil {
				return false, fmt.Errorf("store: list users: %w", err)
			}
			start = first.value()
		}
		if !keyBefore(start, q.walkTo) && !keyBefore(q.walkTo, start) {
			q.walkToID = end.ID
		}
	}
	if q.walkTo != nil && q.Sort == domain.SortName {
		// A first name, ascending: a page of names that start with the
		// search, all beyond the walk, which finds its page only if the
		// search's other matches crowd the names before them. Planned
		// instead: the names' range is read (namePrefix), or what is
		// cheaper ("yuki" at 1M users: the walk cost 2.6 ms and found
		// nothing). A run of one name being short, the cursor's (name, id)
		// is sought on the name.
		var cursorCond string
		var cursorArgs []any
		if after != nil {
			cursorCond, cursorArgs = fmt.Sprintf(" AND (name, id) %s (?, ?)", next), []any{after.Str, after.ID}
		}
		var beyond int
		err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT CASE WHEN (SELECT name COLLATE NOCASE %[1]s ?
				FROM connected_users WHERE %[2]s%[3]s ORDER BY name %[4]s, id %[4]s LIMIT 1)
			THEN (SELECT count(*) FROM (SELECT 1 FROM connected_users WHERE %[2]s%[3]s LIMIT ?)) ELSE 0 END`,
			from, namesStarting, cursorCond, dir),
			slices.Concat([]any{end.Str, q.Search, q.Search}, cursorArgs, []any{q.Search, q.Search}, cursorArgs, []any{fetch})...,
		).Scan(&beyond)
		if err != nil {
			return false, fmt.Errorf("store: list users: %w", err)
		}
		if beyond == fetch {
			return false, nil
		}
	}
	q.searchWalk = true
	return true, nil
}

// chooseSearchWalk decides how ListUsers finds a page of a search sorted by
// name or activity (or by created date when ids are not in created order):
//   - sort the matches: a row read for each of the m matches;
//   - walk the sort order (its index, or the status's), testing each user
//     against the matches, read once into a set;
//   - walk it testing each user's row: a common substring such as ".com"
//     fills a page within a few hundred users. By name, outside the rarer
//     statuses, the test reads users_name's folded text instead of the
//     row, at a tenth of the cost: this walk then wins from a few thousand
//     matches on.
//
// A walk reaches about limit × N / m users of N when the matches spread
// along the sort order, but passes every user before the first one when
// they gather further on: a first name sorted by name walks past every
// name before it. A capped count of the matches samples them (see
// sampleMatches): how far into the sort order the first sampled one lies
// says where the matches start. after is the page's cursor (nil: the
// first page).
func chooseSearchWalk(ctx context.Context, db DB, q *UserQuery, after *cursor) error {
	counts, err := StatusCounts(ctx, db)
	if err != nil {
		return err
	}
	// A jump into the list (Offset) walks to its page the same way.
	rows := q.Offset + q.Limit + 1
	// The plans' costs cross about e = √(rows × N) matches: the count
	// stops at e / 2, and estimates the matches past it.
	capped := max(int(math.Sqrt(float64(rows)*float64(counts.Total)))/2, rows)
	if q.walkFrom != 0 {
		// Tests: walk from walkFrom matches on, against the set from
		// setFrom (default walkFrom) on; or merge the names that start
		// with the search (namePrefix).
		if q.namePrefix {
			q.searchWalk, q.searchSet = false, false
			return nil
		}
		walkFrom := max(q.walkFrom, 0)
		setFrom := walkFrom
		if q.setFrom != 0 {
			setFrom = max(q.setFrom, 0)
		}
		n, err := searchMatches(ctx, db, *q, walkFrom)
		if err != nil {
			return fmt.Errorf("store: list users: %w", err)
		}
		q.searchWalk, q.searchSet = n >= setFrom, n >= setFrom && n < walkFrom
		return nil
	}
	// About 256 of the counted matches are sampled, wherever the count
	// stops: the first of them places the matches' start within about
	// N / 256 users (at 1M users, ListUsers took as long with 64, 128 or
	// 300 samples, within the machine's noise).
	smp, err := sampleMatches(ctx, db, *q, after, capped, max(capped/matchSamples, 1))
	if err != nil {
		return err
	}
	matches := smp.matches
	// The walk's span of the sort order, in positions among the status's
	// users: from the cursor on, and in created order the created range.
	// Walked in created order, an integration's users are a range of
	// connections: share of the users in the span.
	lo, hi := int64(0), int64(counts.Total)
	if q.Status != "" {
		hi = int64(counts.Of(q.Status))
	}
	share := 1.0
	positionOf := func(key any) (int64, error) { return sortPosition(ctx, db, q.Sort, q.Status, key) }
	if q.Sort == domain.SortCreated {
		if q.IntegrationID != 0 && hi > 0 {
			both, _, err := integrationShare(ctx, db, q.IntegrationID, q.Status)
			if err != nil {
				return fmt.Errorf("store: list users: %w", err)
			}
			share = min(float64(both)/float64(hi), 1)
		}
		if !q.CreatedTo.IsZero() {
			if hi, err = positionOf(q.CreatedTo.UnixMilli()); err != nil {
				return err
			}
		}
		if !q.CreatedFrom.IsZero() {
			if lo, err = positionOf(q.CreatedFrom.UnixMilli()); err != nil {
				return err
			}
		}
	}
	if after != nil {
		at, err := positionOf(after.value())
		if err != nil {
			return err
		}
		if q.Desc {
			hi = min(hi, at)
		} else {
			lo = max(lo, at)
		}
	}
	span := float64(max(hi-lo, 0))
	// The matches the filters keep: the sample's share, drawn toward the
	// share of all users they keep, worth priorSamples sampled matches. A
	// rare integration's sample holds a few of them, or one: BambooHR's
	// (1.4% of users) kept 1 of 275 ".com" matches sampled, and the walk
	// by name, 2 ms, was taken for 110,000 users long.
	keptUsers := float64(counts.Total)
	switch {
	case q.IntegrationID != 0:
		both, _, err := integrationShare(ctx, db, q.IntegrationID, q.Status)
		if err != nil {
			return fmt.Errorf("store: list users: %w", err)
		}
		keptUsers = float64(both)
	case q.Status != "":
		keptUsers = float64(counts.Of(q.Status))
	}
	prior := keptUsers / float64(max(counts.Total, 1))
	kept := matches * min((float64(smp.kept)+prior*priorSamples)/(smp.sampled+priorSamples), 1)
	walk := span * share // no sampled match passes the filters: the walk may read every user
	far := true
	if smp.kept > 0 {
		at, err := positionOf(smp.first)
		if err != nil {
			return err
		}
		start := float64(at - lo)
		if q.Desc {
			start = float64(hi - at)
		}
		// Of s matches spread evenly, the first lies about m = span /
		// (s + 1) in, and beyond 4m by chance once in 55 (an exponential
		// tail): only that far does it say where the matches start.
		if m := span / float64(smp.kept+1); start < 4*m {
			start, far = 0, false
		} else {
			start -= m
		}
		walk = min(start+float64(rows)*span/kept, span) * share
	}
	// The users created in the range, if any, for the prices below.
	var inRange int64
	if hasRange(*q) {
		if inRange, err = usersInRange(ctx, db, *q); err != nil {
			return err
		}
	}
	if q.Sort == domain.SortLastActive && !q.Desc && hasRange(*q) && smp.kept > 0 {
		// By activity ascending, a created range's users gather where
		// rangeWalk says, not where a sample of its first matches (never
		// active) says they start (".com", connected to GitHub, created in
		// the last week: a walk of 0.8M users, 118 ms, estimated at 79,000
		// from the sample).
		w, err := rangeWalk(ctx, db, *q, after, float64(rows)*float64(inRange)/max(kept, 1), float64(counts.Total), float64(inRange))
		if err != nil {
			return err
		}
		walk = min(max(w, walk), span*share)
	}
	sort := matches * matchSortCost
	if q.IntegrationID != 0 {
		// Sorting probes each match's connection before its row (see
		// userFilter): only the integration's users' rows are read.
		users, _, err := integrationShare(ctx, db, q.IntegrationID, "")
		if err != nil {
			return fmt.Errorf("store: list users: %w", err)
		}
		sort = matches * (matchProbeCost + matchSortCost*float64(users)/float64(max(counts.Total, 1)))
	}
	// price is what the plans that walk the sort order cost, walking walk
	// users.
	price := func(walk float64) (set, onRows float64) {
		set = matches*matchSetCost + walk*walkSetCost
		onRows = walk * walkRowCost
		if coversSearch(*q) {
			onRows = walk * walkCoveredCost
			if hasRange(*q) && q.Sort != domain.SortCreated {
				// Each match of the search the walk finds is read to test
				// the range: rows / (the range's share of users) of them.
				onRows += min(float64(rows)*float64(counts.Total)/float64(max(inRange, 1)), walk) * walkRowCost
			}
		}
		return set, onRows
	}
	set, onRows := price(walk)
	if far && onRows >= min(sort, set) && after != nil && !after.run && q.fts().set == "" && textSearchable(q.Search) {
		// A walk priced too long to take: the sample is of the matches
		// with the lowest and the highest ids. Where the order follows
		// ids (users are active after they are created), those lie at
		// the two ends of the list, where it starts, and the ones that
		// follow a cursor past them may be any of the others: counted
		// among the users that do, as many as hold twice
		// nearProbeMatches if the matches were spread evenly among those
		// the filters keep, each tested on its folded text. ".com" among
		// users with account errors, by activity, newest first, next
		// page, at 1M users: the first match sampled lay 52,000 users
		// on, and the page read every match into a set (26 ms), where
		// one user in eight matches (a walk of 3 ms).
		walked := counts.Total // of the status, if any
		if q.Status != "" {
			walked = counts.Of(q.Status)
		}
		if n := math.Ceil(2 * nearProbeMatches * float64(counts.Total) / max(matches, 1) * float64(walked) / max(keptUsers, 1)); n <= nearProbeUsers {
			found, err := nearMatches(ctx, db, *q, *after, int(n))
			if err != nil {
				return err
			}
			if found >= nearProbeMatches {
				set, onRows = price(min(float64(rows)*n/float64(found), span) * share)
			}
		}
	}
	q.searchSet = set < sort && set <= onRows
	q.searchWalk = q.searchSet || onRows < sort
	best := min(sort, set, onRows)
	if q.IntegrationID != 0 && q.Sort != domain.SortCreated {
		// The integration's users (and status's) in the created range, if
		// any: a range of its connections index, about the range's share
		// of them.
		integrationUsers := keptUsers
		if hasRange(*q) {
			integrationUsers *= min(float64(inRange)/float64(max(counts.Total, 1)), 1)
		}
		// Or the matches read once, every user of the integration (and
		// status) tested against them in its connections index, and those
		// kept read and sorted: "globex" among BambooHR's users by name at
		// 1M users walked 200,000 names testing them against its 33,000
		// matches (50-86 ms a page), where BambooHR has 14,160 users and
		// 453 of them match.
		if joined := matches*matchSetCost + integrationUsers*walkSetCost + kept*matchSortCost; joined < best {
			q.searchWalk, q.searchSet, q.integrationSorted, best = true, true, true, joined
		}
		// Or no match read at all: the row of every user of the
		// integration (and status) read, its folded text tested, and those
		// kept sorted. ".com" (125,000 matches) among BambooHR's 1,158
		// users with account errors by name at 1M users: 22-28 ms reading
		// the matches, 0.9-3.9 ms testing the users' text.
		if tested := integrationUsers * textTestCost; textSearchable(q.Search) && tested < best {
			q.searchWalk, q.searchSet, q.integrationSorted, q.textTest, best = true, false, true, true, tested
		}
	}
	if q.Sort != domain.SortName || matches*matchSetCost >= best {
		return nil
	}
	if _, ok := nameBranches(q.Search); !ok {
		return nil
	}
	// Sorted by name, the matches whose name starts with the search are a
	// range of users_name, walked for the page; the search index finds the
	// others (see prefixSQL), read and sorted. BenchmarkList at 1M users,
	// "yuki" by name: 6-7 ms mean so; 10-11 ms with the range's ids taken
	// out of every match (EXCEPT) to find the others; 49-171 ms p95 with
	// every match sorted.
	// With s names in the range the plan costs m × matchSetCost + (m - s) ×
	// matchSortCost: it beats best from s = need on (at most m, as m ×
	// matchSetCost < best), so the range is counted that far only.
	need := int((matches*(matchSetCost+matchSortCost)-best)/matchSortCost) + 1
	var starting int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM connected_users WHERE "+namesStarting+" LIMIT ?)",
		q.Search, q.Search, need).Scan(&starting); err != nil {
		return fmt.Errorf("store: list users: %w", err)
	}
	if starting >= need {
		q.searchWalk, q.searchSet, q.integrationSorted, q.textTest, q.namePrefix = false, false, false, false, true
	}
	return nil
}

// nearProbeMatches is the fewest matches among the users nearMatches
// tests that say the matches are there, not a chance few: "marek" among
// BambooHR's connected users by name, from a cursor among the Mareks,
// found one in 256, and its walk read to the end of the list (78 ms).
// nearProbeUsers is the most users it tests (0.3-1.5 ms at 1M users).
const (
	nearProbeMatches = 8
	nearProbeUsers   = 1024
)

// nearMatches counts the users q lists among the first n of its status
// (or all users) after the cursor in the list's order: the positions
// chooseSearchWalk prices a walk in. Not within a run of the cursor's
// value, which SQLite would seek from its start.
func nearMatches(ctx context.Context, db DB, q UserQuery, after cursor, n int) (int, error) {
	col, _ := sortKey(q.Sort)
	key := "u." + col
	dir, cmp := "ASC", ">"
	if q.Desc {
		dir, cmp = "DESC", "<"
	}
	var walk []string
	var args []any
	if q.Status != "" {
		walk, args = append(walk, "u.status = ?"), append(args, string(q.Status))
	}
	walk, args = append(walk, key+" "+cmp+" ?"), append(args, after.value())
	// The row's folded text holds the search, folded, as the index finds
	// it (textSearchable).
	where, filterArgs := otherFilters(q)
	where, filterArgs = append(where, `u.search_text LIKE ? ESCAPE '\'`), append(filterArgs, "%"+escapeLike(foldSearch(q.Search))+"%")
	query := fmt.Sprintf(`SELECT count(*) FROM (SELECT u.id FROM connected_users u %s ORDER BY %s %s, u.id %s LIMIT ?) d
		CROSS JOIN connected_users u ON u.id = d.id %s`, whereSQL(walk), key, dir, dir, whereSQL(where))
	var found int
	if err := db.QueryRowContext(ctx, query, slices.Concat(args, []any{n}, filterArgs)...).Scan(&found); err != nil {
		return 0, fmt.Errorf("store: list users: matches near the cursor: %w", err)
	}
	return found, nil
}

// matchSample is what chooseSearchWalk reads of a search's matches.
type matchSample struct {
	matches float64 // counted, or estimated past the count's cap
	sampled float64 // matches sampled
	kept    int     // of those, the ones the list's filters keep (after its cursor)
	first   any     // the first of the kept in the list's order
}

// sampleMatches counts q's search's matches up to limit, and reads the
// sort key of one in every (by a hash of its id) that passes q's other
// filters and comes after the cursor. Past limit / 2, it reads the other
// half from the highest id down: where ids follow the sort order (users
// imported sorted by name), the lowest ids alone would say nothing of
// where the list's other end starts. The matches between the two halves
// are estimated from how many ids each spans.
func sampleMatches(ctx context.Context, db DB, q UserQuery, after *cursor, limit, every int) (matchSample, error) {
	col, _ := sortKey(q.Sort)
	key := "u." + col
	where, filterArgs := otherFilters(q)
	conds := append([]string{"u.id = f.rowid"}, where...)
	args := append([]any{every}, filterArgs...)
	if after != nil {
		cmp := ">"
		if q.Desc {
			cmp = "<"
		}
		conds, args = append(conds, fmt.Sprintf("(%s, u.id) %s (?, ?)", key, cmp)), append(args, after.value(), after.ID)
	}
	type part struct {
		n, kept     int
		first, last int64
		lo, hi      any
	}
	half := max(limit/2, 1)
	read := func(dir string, above int64) (h part, err error) {
		m := q.fts()
		m.ids = m.ids.within(above+1, math.MaxInt64)
		from, matchConds, matchArgs := m.from()
		// The name's column is NOCASE, as its index; min and max are
		// given it because the value comes out of a subquery.
		query := fmt.Sprintf(`SELECT count(*), coalesce(min(id), 0), coalesce(max(id), 0), count(k), min(k COLLATE NOCASE), max(k COLLATE NOCASE)
			FROM (SELECT f.rowid AS id,
					CASE WHEN ((f.rowid & 4294967295) * 1540483477 >> 13) %% ? = 0 THEN (SELECT %s FROM connected_users u %s) END AS k
				FROM %s %s ORDER BY f.rowid %s LIMIT ?)`, key, whereSQL(conds), from, whereSQL(matchConds), dir)
		err = db.QueryRowContext(ctx, query, slices.Concat(args, matchArgs, []any{half})...).Scan(&h.n, &h.first, &h.last, &h.kept, &h.lo, &h.hi)
		if err != nil {
			err = fmt.Errorf("store: list users: sample matches: %w", err)
		}
		return h, err
	}
	low, err := read("ASC", 0)
	if err != nil {
		return matchSample{}, err
	}
	smp := matchSample{matches: float64(low.n), sampled: float64(low.n) / float64(every), kept: low.kept, first: low.lo}
	if q.Desc {
		smp.first = low.hi
	}
	if low.n < half {
		if c := q.counted; c != nil {
			c.n, c.all = low.n, true // every match read
		}
		return smp, nil
	}
	high, err := read("DESC", low.last)
	if err != nil {
		return smp, err
	}
	smp.sampled += float64(high.n) / float64(every)
	smp.kept += high.kept
	switch {
	case !q.Desc && high.lo != nil && (smp.first == nil || keyBefore(high.lo, smp.first)):
		smp.first = high.lo
	case q.Desc && high.hi != nil && (smp.first == nil || keyBefore(smp.first, high.hi)):
		smp.first = high.hi
	}
	smp.matches += float64(high.n)
	if high.n >= half {
		spanned := float64(low.last-low.first+1) + float64(high.last-high.first+1)
		smp.matches += float64(low.n+high.n) / spanned * float64(high.first-low.last-1)
	}
	return smp, nil
}

// keyBefore reports whether sort key a comes before b in ascending order:
// names as their NOCASE column orders them (ASCII letters folded), times
// as numbers.
func keyBefore(a, b any) bool {
	switch a := a.(type) {
	case string:
		b, _ := b.(string)
		fold := func(c byte) byte {
			if 'A' <= c && c <= 'Z' {
				return c + 'a' - 'A'
			}
			return c
		}
		for i := 0; i < len(a) && i < len(b); i++ {
			if x, y := fold(a[i]), fold(b[i]); x != y {
				return x < y
			}
		}
		return len(a) < len(b)
	case int64:
		b, _ := b.(int64)
		return a < b
	}
	return false
}

// sortKey names a sort order's column of connected_users and its sort in
// user_positions and user_fine_positions.
func sortKey(sort domain.UserSort) (column, positions string) {
	switch sort {
	case domain.SortName:
		return "name", "name"
	case domain.SortLastActive:
		return "last_active_at", "active"
	}
	return "created_at", "created"
}

// sortPosition returns about how many users of status ("" = every one)
// come before key in sort order: those of the buckets of user_positions
// and user_fine_positions before key's (a first name's, at four
// characters), and those of its fine bucket before key, counted in the
// sort index up to positionScan of them.
func sortPosition(ctx context.Context, db DB, sort domain.UserSort, status domain.UserStatus, key any) (int64, error) {
	col, name := sortKey(sort)
	var coarse, fineFrom, fine, from any
	switch k := key.(type) {
	case string:
		coarse, fine = nameBucket(k, nameChars), nameBucket(k, fineNameChars)
		fineFrom, from = coarse, fine
	case int64:
		if name == "active" && k == 0 {
			return 0, nil // never active: first
		}
		coarse, fine = k>>positionShift, k>>finePositionShift
		fineFrom, from = k>>positionShift<<(positionShift-finePositionShift), k>>finePositionShift<<finePositionShift
	default:
		return 0, fmt.Errorf("store: list users: a sort key of type %T", key)
	}
	cond := ""
	args := []any{name, string(status), coarse, fineFrom, fine, from, key, positionScan}
	if status != "" {
		cond = "status = ?2 AND "
	}
	var before int64
	err := db.QueryRowContext(ctx, `SELECT (SELECT coalesce(sum(n), 0) FROM user_positions WHERE sort = ?1 AND status = ?2 AND bucket < ?3)
		+ (SELECT coalesce(sum(n), 0) FROM user_fine_positions WHERE sort = ?1 AND status = ?2 AND bucket >= ?4 AND bucket < ?5)
		+ (SELECT count(*) FROM (SELECT 1 FROM connected_users WHERE `+cond+col+` >= ?6 AND `+col+` < ?7 LIMIT ?8))`, args...).Scan(&before)
	if err != nil {
		return 0, fmt.Errorf("store: list users: sort position: %w", err)
	}
	return before, nil
}

// idBounds bounds the ids a search reads to those of the users created in
// q's range. Where ids follow created order (user_order), the range's
// users are the ids from its first user's to its last's, two seeks in
// users_created whatever its size: a search and half a year of a million
// users read the search index for that half year only. Otherwise the
// bounds are the smallest and largest id of the range's users (of q's
// status), read from users_(status_)created when the range holds at most
// idBoundsScan of them (only if scan; an import numbers users it adds with
// old creation dates after newer ones). Either way the created range stays
// the exact check.
func idBounds(ctx context.Context, db DB, q *UserQuery, scan bool) error {
	if q.ids.bounded || !hasRange(*q) {
		return nil
	}
	var inOrder bool
	if err := db.QueryRowContext(ctx, "SELECT ids_follow_created FROM user_order").Scan(&inOrder); err != nil {
		return err
	}
	lo, hi := int64(1), int64(math.MaxInt64)
	switch {
	case inOrder:
		if !q.CreatedFrom.IsZero() {
			err := db.QueryRowContext(ctx, `SELECT coalesce((SELECT id FROM connected_users WHERE created_at >= ?
				ORDER BY created_at, id LIMIT 1), ?)`, q.CreatedFrom.UnixMilli(), int64(math.MaxInt64)).Scan(&lo)
			if err != nil {
				return err
			}
		}
		if !q.CreatedTo.IsZero() {
			err := db.QueryRowContext(ctx, `SELECT coalesce((SELECT id FROM connected_users WHERE created_at < ?
				ORDER BY created_at DESC, id DESC LIMIT 1), 0)`, q.CreatedTo.UnixMilli()).Scan(&hi)
			if err != nil {
				return err
			}
		}
	case !scan:
		return nil
	default:
		var where []string
		var args []any
		if q.Status != "" {
			where, args = append(where, "status = ?"), append(args, string(q.Status))
		}
		if !q.CreatedFrom.IsZero() {
			where, args = append(where, "created_at >= ?"), append(args, q.CreatedFrom.UnixMilli())
		}
		if !q.CreatedTo.IsZero() {
			where, args = append(where, "created_at < ?"), append(args, q.CreatedTo.UnixMilli())
		}
		var n int
		query := fmt.Sprintf(`SELECT count(*), coalesce(min(id), 1), coalesce(max(id), 0)
			FROM (SELECT id FROM connected_users %s LIMIT ?)`, whereSQL(where))
		if err := db.QueryRowContext(ctx, query, append(args, idBoundsScan+1)...).Scan(&n, &lo, &hi); err != nil {
			return err
		}
		if n > idBoundsScan {
			return nil
		}
	}
	q.ids = idRange{true, lo, hi}
	return nil
}

// matchCount is what a list learnt of its search's matches: at least n
// of them, or n in all.
type matchCount struct {
	n   int
	all bool
}

// searchMatches counts the users matching q's search, up to limit (-1:
// all of them). A list counts them for its plan, and again for its
// total: from what it counted before when that answers (each count reads
// the search index again: 3.4 ms for "ada lovelace" at 1M users).
func searchMatches(ctx context.Context, db DB, q UserQuery, limit int) (int, error) {
	c := q.counted
	switch {
	case c != nil && c.all && limit >= 0:
		return min(c.n, limit), nil
	case c != nil && c.all:
		return c.n, nil
	case c != nil && limit >= 0 && c.n >= limit:
		return limit, nil
	}
	var n int
	from, conds, args := q.fts().from()
	err := db.QueryRowContext(ctx, fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM %s %s LIMIT ?)", from, whereSQL(conds)),
		append(args, limit)...).Scan(&n)
	if err == nil && c != nil {
		c.n, c.all = max(c.n, n), n < limit || limit < 0
	}
	return n, err
}

// integrationShare returns how many users an integration has in a status
// ("" = any), and how many users the status has in all.
func integrationShare(ctx context.Context, db DB, integrationID int64, status domain.UserStatus) (both, ofStatus int64, err error) {
	if status == "" {
		err = db.QueryRowContext(ctx, `SELECT user_count, (SELECT sum(n) FROM status_counts) FROM integrations WHERE id = ?`,
			integrationID).Scan(&both, &ofStatus)
	} else {
		err = db.QueryRowContext(ctx, `SELECT coalesce((SELECT n FROM integration_status_counts WHERE integration_id = ?1 AND status = ?2), 0),
			(SELECT n FROM status_counts WHERE status = ?2)`, integrationID, string(status)).Scan(&both, &ofStatus)
	}
	return both, ofStatus, err
}

// searchDriven reports whether the list is read from the search index in id
// order (a search, newest or oldest first) rather than from a users index.
func searchDriven(q UserQuery) bool {
	return q.Sort == domain.SortCreated && q.Search != "" && !q.searchWalk && !q.idsUnordered
}

// searchFirst reports whether the list reads the search's matches first
// (and then sorts them, unless searchDriven).
func searchFirst(q UserQuery) bool {
	return q.Search != "" && !q.searchWalk
}

// joinsIntegration reports whether the list reads the integration's
// connections first (in created order, or to sort them).
func joinsIntegration(q UserQuery) bool {
	if q.Search != "" {
		return q.IntegrationID != 0 && q.searchWalk && (q.Sort == domain.SortCreated || q.integrationSorted)
	}
	return q.IntegrationID != 0 && !q.probeIntegration
}

// isASCII reports whether s is printable ASCII only.
func isASCII(s string) bool {
	for _, r := range s {
		if r < ' ' || r > '~' {
			return false
		}
	}
	return true
}

// integrationIndex names the connections index that holds q's integration
// (and status) filter as a range in created order, and the test of the
// status copied into connections ("" for none). Named, because the planner
// without statistics for one of them may take the other and sort.
// connections_integration_status holds the rare statuses only (account
// errors, disabled); connected users are most of an integration's, and are
// walked in connections_integration, which carries the status. The test is
// a literal so that SQLite sees, when it prepares the statement, that the
// partial index serves it: with a bound parameter INDEXED BY would fail.
func integrationIndex(q UserQuery) (index, status string) {
	test := "c.user_status = '" + strings.ReplaceAll(string(q.Status), "'", "''") + "'"
	switch q.Status {
	case "":
		return "connections_integration", ""
	case domain.StatusAccountErrors, domain.StatusDisabled:
		return "connections_integration_status", test
	default: // connected, or no integrations: no connection holds that
		return "connections_integration", test
	}
}

// mayMatchFolded reports whether the search index may find needle (printable
// ASCII, lower case) in hay. The index leaves ASCII as it is but for its
// case, and folds every other character to one character (ó is o) or to
// none (a combining accent): taking each such character of hay for any one
// character of needle, or for none, this never misses what the index
// finds. A yes is checked with the index.
func mayMatchFolded(hay, needle string) bool {
	n := len(needle)
	if n == 0 || n > 62 {
		return true // a longer search is left to the index
	}
	// at has bit j set for each place j in needle that hay's character
	// may fill: the needle is matched as a bit set of how much of it ends
	// at the current character, all starts at once.
	var at [utf8.RuneSelf]uint64
	for j := range n {
		at[needle[j]] |= 1 << j
	}
	var ended uint64 // bit j: needle[:j] ends here
	for _, r := range hay {
		ended |= 1 // a match may start at any character
		switch {
		case r >= utf8.RuneSelf:
			ended |= ended << 1
		case 'A' <= r && r <= 'Z':
			ended = (ended & at[r+'a'-'A']) << 1
		default:
			ended = (ended & at[r]) << 1
		}
		if ended&(1<<n) != 0 {
			return true
		}
	}
	return false
}

// ftsPhrase quotes search for the trigram index: a quoted phrase is a
// substring match.
func ftsPhrase(search string) string {
	return `"` + strings.ReplaceAll(search, `"`, `""`) + `"`
}

// userFilter builds the FROM and WHERE parts of the list for its plan.
func userFilter(q UserQuery) (from string, where []string, args []any) {
	from = "connected_users u"
	createdCol, statusCol := "u.created_at", "u.status"
	switch {
	case q.rangeFirst:
		from = "connected_users u INDEXED BY users_created"
	case q.Sort != domain.SortCreated && (q.Search != "" || q.ids.bounded):
		// A walk of the sort order tests the created range, never seeks
		// it (see otherFilters): "son@" in half a year by activity read
		// the range's 170,000 users in users_created and sorted its
		// matches, 40 ms, not the 1,600 users of its walk.
		createdCol = "+u.created_at"
	}
	switch {
	case searchFirst(q):
		// CROSS JOIN keeps the search index outermost.
		m := q.fts()
		index, indexArgs := "users_fts f", []any(nil)
		if m.set != "" {
			index, indexArgs = matchSet+" f", []any{m.set}
		}
		args = append(args, indexArgs...)
		from = index + " CROSS JOIN connected_users u ON u.id = f.rowid"
		if q.IntegrationID != 0 {
			// The integration's connection, not the bit, probed between the
			// match and the user's row: the row is read for the
			// integration's users only (testing the bit on every match's row
			// took 24 ms for search "globex" + BambooHR at 1M users). Probed
			// in its narrow index (migration 21), not the primary key: 8.3-8.9
			// ms → 4.0-4.3 ms mean for that page.
			from = index + ` CROSS JOIN connections c INDEXED BY connections_user ON c.user_id = f.rowid AND c.integration_id = ?
				CROSS JOIN connected_users u ON u.id = f.rowid`
			args = append(args, q.IntegrationID)
		}
		if m.set == "" {
			where, args = append(where, "users_fts MATCH ?"), append(args, m.query)
			if m.like != "" {
				where, args = append(where, `u.search_text LIKE ? ESCAPE '\'`), append(args, m.like)
			}
		}
		where, args = m.bound(where, args)
	case joinsIntegration(q):
		// The status copied into connections makes an integration and a
		// rare status one range of connections_integration_status, and
		// lets connections_integration test the others without the row.
		// CROSS JOIN keeps the connections outermost: in the arm of a
		// page that starts within a run of equal keys (the never active,
		// by activity) SQLite otherwise walked the run in users_active and
		// sought the integration's whole range of connections for each
		// user (Slack in half a year, next page: 300 ms at 1M users).
		index, status := integrationIndex(q)
		from = "connections c INDEXED BY " + index + " CROSS JOIN connected_users u ON u.id = c.user_id AND c.integration_id = ?"
		createdCol, statusCol = "c.user_created_at", ""
		args = append(args, q.IntegrationID)
		if status != "" {
			where = append(where, status)
		}
	case q.IntegrationID != 0 && IntegrationBit(q.IntegrationID) != 0:
		// Tested in the sort index the walk reads (migration 20), before
		// the row is.
		where, args = append(where, "u.integration_bits & ? <> 0"), append(args, IntegrationBit(q.IntegrationID))
	case q.IntegrationID != 0:
		where = append(where, "EXISTS (SELECT 1 FROM connections c WHERE c.user_id = u.id AND c.integration_id = ?)")
		args = append(args, q.IntegrationID)
	}
	switch {
	case q.searchSet:
		// SQLite reads the matches into a set once per statement and tests
		// each user the walk reaches in the walk's index, before its row.
		// The unary + keeps it from looking the matches up one by one in
		// the sort index instead (a skip-scan: 0.5 s).
		idCol := "u.id"
		if joinsIntegration(q) {
			idCol = "c.user_id"
		}
		if m := q.fts(); m.set != "" {
			where, args = append(where, "+"+idCol+" IN (SELECT rowid FROM "+matchSet+")"), append(args, m.set)
			break
		}
		set, setArgs := q.fts().bound([]string{"users_fts MATCH ?"}, []any{q.fts().query})
		where, args = append(where, "+"+idCol+" IN (SELECT rowid FROM users_fts f WHERE "+strings.Join(set, " AND ")+")"), append(args, setArgs...)
		if like := q.fts().like; like != "" {
			// Tested after the set, in the walk's index where it holds it.
			where, args = append(where, `u.search_text LIKE ? ESCAPE '\'`), append(args, like)
		}
	case q.searchWalk && (coversSearch(q) || q.textTest):
		// The walk's index holds the folded text: a substring of it is a
		// match of the search index, and no row is read to find it. Or
		// the row, read to sort the user anyway, holds it (textTest).
		where = append(where, `u.search_text LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(foldSearch(q.Search))+"%")
	case q.searchWalk && q.fts().set != "":
		// Read once: each user the walk reaches is tested against them,
		// in the index it walks.
		idCol := "u.id"
		if joinsIntegration(q) {
			idCol = "c.user_id"
		}
		where, args = append(where, "+"+idCol+" IN (SELECT rowid FROM "+matchSet+")"), append(args, q.fts().set)
	case q.searchWalk && q.fts().like != "":
		// The index's query finds more than the search: the folded text
		// on the row answers alone.
		where, args = append(where, `u.search_text LIKE ? ESCAPE '\'`), append(args, q.fts().like)
	case q.searchWalk:
		probe := "EXISTS (SELECT 1 FROM users_fts f WHERE users_fts MATCH ? AND f.rowid = u.id)"
		if isASCII(q.Search) {
			// On ASCII text the index's match (folded case, accents
			// removed) is LIKE's (ASCII case folded): a LIKE on the row
			// costs a fraction of a probe into the index. Text with other
			// characters may match the index where LIKE does not (Ramón
			// for "mon"), never the other way: LIKE first, then the probe
			// for such rows only. Comparing bytes with characters finds
			// them in a quarter of a GLOB's time.
			// A probe costs about 70 µs, so such rows are first tested
			// by mayMatchFolded (1-2 µs).
			like := "%" + escapeLike(q.Search) + "%"
			where = append(where, `(u.name LIKE ? ESCAPE '\' OR u.email LIKE ? ESCAPE '\' OR u.external_id LIKE ? ESCAPE '\'
				OR octet_length(u.name || u.email || u.external_id) > length(u.name || u.email || u.external_id)
					AND may_match_folded(u.name || char(10) || u.email || char(10) || u.external_id, ?) AND `+probe+`)`)
			args = append(args, like, like, like, strings.ToLower(q.Search), ftsPhrase(q.Search))
		} else {
			where, args = append(where, probe), append(args, ftsPhrase(q.Search))
		}
	}
	if q.Status != "" && statusCol != "" {
		where = append(where, statusCol+" = ?")
		args = append(args, string(q.Status))
	}
	if !q.CreatedFrom.IsZero() {
		where = append(where, createdCol+" >= ?")
		args = append(args, q.CreatedFrom.UnixMilli())
	}
	if !q.CreatedTo.IsZero() {
		where = append(where, createdCol+" < ?")
		args = append(args, q.CreatedTo.UnixMilli())
	}
	if q.ids.bounded && !searchFirst(q) && !joinsIntegration(q) {
		// Tested in the index a walk reads (every index holds the id),
		// before the row is read for the range: ".com" in the last week
		// by activity ascending read a row for each of 900,000 users.
		// The + keeps it a test, not a range of the table to sort.
		where, args = append(where, "+u.id BETWEEN ? AND ?"), append(args, q.ids.lo, q.ids.hi)
	}
	return from, where, args
}

// CountUsers counts every user matching q, however many: the exact total
// of a list whose own count stopped at CountCap (TotalCapped). At a million
// users it may read every match, so the list does not wait for it.
func CountUsers(ctx context.Context, db DB, q UserQuery) (int, error) {
	if n := utf8.RuneCountInString(q.Search); n > 0 && n < domain.MinSearchLen {
		return 0, domain.Invalid("search", "Type at least %d characters to search.", domain.MinSearchLen)
	}
	if q.Search != "" {
		var err error
		if q.match, err = matchOf(ctx, db, q.Search, q.pruneAll); err != nil {
			return 0, err
		}
	}
	if q.Search != "" {
		if err := idBounds(ctx, db, &q, true); err != nil {
			return 0, fmt.Errorf("store: count users: %w", err)
		}
	}
	n, _, err := countUsers(ctx, db, q, 0, true)
	return n, err
}

// countUsers counts the rows matching q when there is more than a page:
// exactly from the maintained counts when only a status and an integration
// filter, else up to CountCap from the index that holds the filter as a
// range, or for a search with other filters from a bounded number of its
// matches (a lower bound, never below the page's rows, when there are more),
// or, where the page tested every user of an integration on their text, up
// to CountCap of those. exact lifts the caps: every match is read.
func countUsers(ctx context.Context, db DB, q UserQuery, pageRows int, exact bool) (int, bool, error) {
	dates := !q.CreatedFrom.IsZero() || !q.CreatedTo.IsZero()
	limit := CountCap + 1
	if exact {
		limit = -1 // SQLite: no limit
	}
	switch {
	case q.Search == "" && !dates && q.IntegrationID != 0:
		var n int
		query, args := "SELECT user_count FROM integrations WHERE id = ?", []any{q.IntegrationID}
		if q.Status != "" {
			query = "SELECT coalesce((SELECT n FROM integration_status_counts WHERE integration_id = ? AND status = ?), 0)"
			args = append(args, string(q.Status))
		}
		if err := db.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
			return 0, false, fmt.Errorf("store: count users of integration %d: %w", q.IntegrationID, err)
		}
		return n, false, nil
	case q.textTest:
		// As the page read them, again: its rows are in the cache. From
		// a bounded number of the matches, ".com" among BambooHR's 1,158
		// users with account errors was "100+".
		from, where, args := userFilter(q)
		var n int
		query := fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM %s %s LIMIT ?)", from, whereSQL(where))
		if err := db.QueryRowContext(ctx, query, append(args, limit)...).Scan(&n); err != nil {
			return 0, false, fmt.Errorf("store: count users: %w", err)
		}
		return capCount(n, n, limit, pageRows)
	case q.Search == "" && !dates:
		counts, err := StatusCounts(ctx, db)
		if err != nil {
			return 0, false, err
		}
		if q.Status != "" {
			return counts.Of(q.Status), false, nil
		}
		return counts.Total, false, nil
	case q.Search == "":
		// A created range: one range of users_(status_)created or of
		// connections_integration(_status), no other table.
		var where []string
		var args []any
		from, createdCol := "connected_users u", "u.created_at"
		switch {
		case q.IntegrationID != 0:
			index, status := integrationIndex(q)
			from, createdCol = "connections c INDEXED BY "+index, "c.user_created_at"
			where, args = append(where, "c.integration_id = ?"), append(args, q.IntegrationID)
			if status != "" {
				where = append(where, status)
			}
		case q.Status != "":
			where, args = append(where, "u.status = ?"), append(args, string(q.Status))
		}
		if !q.CreatedFrom.IsZero() {
			where, args = append(where, createdCol+" >= ?"), append(args, q.CreatedFrom.UnixMilli())
		}
		if !q.CreatedTo.IsZero() {
			where, args = append(where, createdCol+" < ?"), append(args, q.CreatedTo.UnixMilli())
		}
		var n int
		query := fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM %s %s LIMIT ?)", from, whereSQL(where))
		if err := db.QueryRowContext(ctx, query, append(args, limit)...).Scan(&n); err != nil {
			return 0, false, fmt.Errorf("store: count users: %w", err)
		}
		return capCount(n, n, limit, pageRows)
	case q.Status == "" && q.IntegrationID == 0 && !dates:
		n, err := searchMatches(ctx, db, q, limit)
		if err != nil {
			return 0, false, fmt.Errorf("store: count users: %w", err)
		}
		return capCount(n, n, limit, pageRows)
	}
	// A search and other filters: check a bounded number of matches.
	budget := countBudget
	switch {
	case exact:
		budget = -1
	case q.countBudget > 0:
		budget = q.countBudget
	}
	if budget > 0 && !dates {
		// When the filters keep too few of the users for the budget to
		// find more matches than the page holds (search "globex" among
		// BambooHR's users: about 28 in 2,000), the page is the better
		// lower bound, and the walk (2–3 ms at 1M users) is spared.
		counts, err := StatusCounts(ctx, db)
		if err != nil {
			return 0, false, err
		}
		kept := int64(counts.Of(q.Status))
		if q.IntegrationID != 0 {
			if kept, _, err = integrationShare(ctx, db, q.IntegrationID, q.Status); err != nil {
				return 0, false, fmt.Errorf("store: count users: %w", err)
			}
		}
		if counts.Total > 0 && float64(budget)*float64(kept)/float64(counts.Total) < float64(pageRows) {
			return pageRows, true, nil
		}
	}
	var conds, userConds []string
	var args, userArgs []any
	if q.IntegrationID != 0 {
		// Without a status, in the narrow index (migration 21), as the
		// page probes it: 2,000 matches of "usr_00" among Slack's users at
		// 1M users, 7.7 ms in the primary key, whose rows hold the whole
		// connection.
		cond := "EXISTS (SELECT 1 FROM connections c INDEXED BY connections_user WHERE c.user_id = d.id AND c.integration_id = ?"
		args = append(args, q.IntegrationID)
		if q.Status != "" {
			cond = "EXISTS (SELECT 1 FROM connections c WHERE c.user_id = d.id AND c.integration_id = ? AND c.user_status = ?"
			args = append(args, string(q.Status))
		}
		conds = append(conds, cond+")")
	} else if q.Status != "" {
		userConds, userArgs = append(userConds, "u.status = ?"), append(userArgs, string(q.Status))
	}
	if !q.CreatedFrom.IsZero() {
		userConds, userArgs = append(userConds, "u.created_at >= ?"), append(userArgs, q.CreatedFrom.UnixMilli())
	}
	if !q.CreatedTo.IsZero() {
		userConds, userArgs = append(userConds, "u.created_at < ?"), append(userArgs, q.CreatedTo.UnixMilli())
	}
	if len(userConds) > 0 {
		conds = append(conds, "EXISTS (SELECT 1 FROM connected_users u WHERE u.id = d.id AND "+strings.Join(userConds, " AND ")+")")
		args = append(args, userArgs...)
	}
	from, matchConds, matchArgs := q.fts().from()
	args = append(args, matchArgs...)
	query := fmt.Sprintf(`SELECT count(*) FILTER (WHERE %s), count(*)
		FROM (SELECT f.rowid AS id FROM %s %s LIMIT ?) d`, strings.Join(conds, " AND "), from, whereSQL(matchConds))
	var matched, read int
	if err := db.QueryRowContext(ctx, query, append(args, budget)...).Scan(&matched, &read); err != nil {
		return 0, false, fmt.Errorf("store: count users: %w", err)
	}
	return capCount(matched, read, budget, pageRows)
}

// capCount turns n rows found in read rows of a walk stopped at limit into
// a total: exact if the walk saw everything (or had no limit, -1) and n is
// at most CountCap, else a lower bound, at least the page.
func capCount(n, read, limit, pageRows int) (int, bool, error) {
	if limit < 0 {
		return n, false, nil
	}
	if read < limit && n <= CountCap {
		return n, false, nil
	}
	return max(min(n, CountCap), pageRows), true, nil
}

// userBits are a listed user's integration_bits and error_bits.
type userBits struct{ integrations, errors int64 }

// attachIntegrations fills each row's integrations, sorted by name. A
// user's integration_bits and error_bits (bitsOf, by user id) name them and
// their statuses; the connections are read, in one query, only when an
// integration has no bit. BenchmarkList at 1M users, two runs each in turn,
// mean: a page of connected users (first_page) 1.00-1.25 ms reading their
// connections, 0.57-0.83 ms from integration_bits; of users with account
// errors (status_account_errors) 0.96-1.08 ms reading theirs, 0.51 ms from
// error_bits.
func attachIntegrations(ctx context.Context, db DB, users []domain.UserRow, bitsOf map[int64]userBits) error {
	if len(users) == 0 {
		return nil
	}
	cat, err := badges(ctx, db)
	if err != nil {
		return err
	}
	// The catalogue in name order: a user's integrations are listed in it.
	byName := slices.SortedFunc(maps.Values(cat), func(a, b domain.UserIntegration) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	allBits := true
	for id := range cat {
		allBits = allBits && IntegrationBit(id) != 0
	}
	if allBits {
		// Their integrations share one array, each a slice of it: a list
		// is read at every scroll (see ListUsers).
		n := 0
		for i := range users {
			n += bits.OnesCount64(uint64(bitsOf[users[i].ID].integrations))
		}
		flat := make([]domain.UserIntegration, 0, n)
		for i := range users {
			u, b := &users[i], bitsOf[users[i].ID]
			start := len(flat)
			for _, in := range byName {
				bit := IntegrationBit(in.ID)
				if b.integrations&bit == 0 {
					continue
				}
				in.Status = domain.ConnectionConnected
				if b.errors&bit != 0 {
					in.Status = domain.ConnectionError
				}
				flat = append(flat, in)
			}
			u.Integrations = flat[start:len(flat):len(flat)]
		}
		return nil
	}
	var read []int64 // users whose connections are read
	byID := make(map[int64]int, len(users))
	for i := range users {
		byID[users[i].ID] = i
		if users[i].Status != domain.StatusNoIntegrations {
			read = append(read, users[i].ID)
		}
	}
	if len(read) == 0 {
		return nil
	}
	rank := make(map[int64]int, len(byName)) // integration id → place in name order
	for i, in := range byName {
		rank[in.ID] = i
	}
	idsJSON, _ := json.Marshal(read)
	rows, err := db.QueryContext(ctx, `SELECT user_id, integration_id, status FROM connections
		WHERE user_id IN (SELECT value FROM json_each(?))`, string(idsJSON))
	if err != nil {
		return fmt.Errorf("store: list user integrations: %w", err)
	}
	defer rows.Close()
	// In one array too, grouped by user and in name order: sorted by a key
	// computed once a row (looking the rank up in the comparison took a
	// quarter of this function for a page of users with errors).
	type conn struct {
		key int // index in users × len(byName) + rank
		domain.UserIntegration
	}
	got := make([]conn, 0, 4*len(read))
	var uid, iid int64
	var status domain.ConnectionStatus
	for rows.Next() {
		if err := rows.Scan(&uid, &iid, &status); err != nil {
			return fmt.Errorf("store: list user integrations: %w", err)
		}
		c := conn{key: byID[uid]*len(byName) + rank[iid], UserIntegration: cat[iid]}
		c.Status = status
		got = append(got, c)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: list user integrations: %w", err)
	}
	slices.SortFunc(got, func(a, b conn) int { return cmp.Compare(a.key, b.key) })
	fromRows := make([]domain.UserIntegration, len(got))
	for i, c := range got {
		fromRows[i] = c.UserIntegration
	}
	for i := 0; i < len(got); {
		user := got[i].key / len(byName)
		j := i
		for j < len(got) && got[j].key/len(byName) == user {
			j++
		}
		users[user].Integrations = fromRows[i:j:j]
		i = j
	}
	return nil
}

// StatusCounts reads the maintained per-status counts.
func StatusCounts(ctx context.Context, db DB) (domain.StatusCounts, error) {
	var c domain.StatusCounts
	rows, err := db.QueryContext(ctx, "SELECT status, n FROM status_counts")
	if err != nil {
		return c, fmt.Errorf("store: status counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s domain.UserStatus
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return c, fmt.Errorf("store: status counts: %w", err)
		}
		switch s {
		case domain.StatusConnected:
			c.Connected = n
		case domain.StatusAccountErrors:
			c.AccountErrors = n
		case domain.StatusDisabled:
			c.Disabled = n
		case domain.StatusNoIntegrations:
			c.NoIntegrations = n
		}
		c.Total += n
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("store: status counts: %w", err)
	}
	return c, nil
}

// GetUser returns everything about one user, or a not-found error.
func GetUser(ctx context.Context, db DB, id int64) (domain.UserDetail, error) {
	var u domain.UserDetail
	var created, active int64
	var disabled sql.NullInt64
	var meta string
	err := db.QueryRowContext(ctx, `SELECT id, external_id, name, email, status, created_at, last_active_at,
		disabled_at, disabled_reason, metadata FROM connected_users WHERE id = ?`, id).
		Scan(&u.ID, &u.ExternalID, &u.Name, &u.Email, &u.Status, &created, &active, &disabled, &u.DisabledReason, &meta)
	if errors.Is(err, sql.ErrNoRows) {
		return u, domain.NotFound("There is no connected user with id %d; they may have been removed.", id)
	}
	if err != nil {
		return u, fmt.Errorf("store: get user %d: %w", id, err)
	}
	u.CreatedAt, u.LastActiveAt, u.Metadata = fromMillis(created), optMillis(active), json.RawMessage(meta)
	if disabled.Valid {
		t := fromMillis(disabled.Int64)
		u.DisabledAt = &t
	}

	rows, err := db.QueryContext(ctx, `SELECT i.id, i.key, i.name, i.category, c.status, c.error_reason, c.error_message,
		c.connected_at, c.status_changed_at,
		w.id, w.key, w.name, w.description, uw.enabled, uw.changed_by, uw.changed_at,
		-- Who made an admin change: the audit row written with it (same
		-- instant, same workflow), found through audit_target; named as the
		-- member is named now, else as then.
		CASE WHEN uw.changed_by = 'admin' THEN (SELECT coalesce(nullif(m.name, ''), a.actor_name)
			FROM audit_log a LEFT JOIN members m ON m.id = a.actor_id
			WHERE a.target_type = 'workflow' AND a.target_id = CAST(c.user_id AS TEXT) AND a.at = uw.changed_at
			AND a.after ->> '$.integration' = i.key AND a.after ->> '$.workflow' = w.key
			ORDER BY a.id DESC LIMIT 1) END
		FROM connections c
		JOIN integrations i ON i.id = c.integration_id
		LEFT JOIN workflows w ON w.integration_id = c.integration_id
		LEFT JOIN user_workflows uw ON uw.user_id = c.user_id AND uw.workflow_id = w.id
		WHERE c.user_id = ?
		ORDER BY i.name, i.id, w.name, w.id`, id)
	if err != nil {
		return u, fmt.Errorf("store: get user %d connections: %w", id, err)
	}
	defer rows.Close()
	u.Connections = []domain.Connection{}
	for rows.Next() {
		var c domain.Connection
		var connected, changed int64
		var wID sql.NullInt64
		var wKey, wName, wDesc, wBy, wByName sql.NullString
		var wEnabled, wAt sql.NullInt64
		if err := rows.Scan(&c.Integration.ID, &c.Integration.Key, &c.Integration.Name, &c.Integration.Category,
			&c.Status, &c.ErrorReason, &c.ErrorMessage, &connected, &changed,
			&wID, &wKey, &wName, &wDesc, &wEnabled, &wBy, &wAt, &wByName); err != nil {
			return u, fmt.Errorf("store: get user %d connections: %w", id, err)
		}
		n := len(u.Connections)
		if n == 0 || u.Connections[n-1].Integration.ID != c.Integration.ID {
			c.ConnectedAt, c.StatusChangedAt = fromMillis(connected), fromMillis(changed)
			c.Workflows = []domain.WorkflowState{}
			u.Connections = append(u.Connections, c)
			n++
		}
		if wID.Valid {
			w := domain.WorkflowState{ID: wID.Int64, Key: wKey.String, Name: wName.String, Description: wDesc.String,
				Enabled: wEnabled.Int64 == 1, ChangedBy: domain.ChangedBy(wBy.String), ChangedByName: wByName.String}
			if wAt.Valid {
				t := fromMillis(wAt.Int64)
				w.ChangedAt = &t
			}
			u.Connections[n-1].Workflows = append(u.Connections[n-1].Workflows, w)
		}
	}
	if err := rows.Err(); err != nil {
		return u, fmt.Errorf("store: get user %d connections: %w", id, err)
	}
	codes, err := ShortCodes(ctx, db)
	if err != nil {
		return u, err
	}
	for i := range u.Connections {
		u.Connections[i].Integration.Short = codes[u.Connections[i].Integration.ID]
	}
	return u, nil
}

// SetUserDisabled disables (at != nil) or re-enables a user. The status
// and counts follow by trigger.
func SetUserDisabled(ctx context.Context, tx DB, id int64, at *time.Time, reason string) error {
	var v any
	if at != nil {
		v = at.UnixMilli()
	}
	if _, err := tx.ExecContext(ctx, "UPDATE connected_users SET disabled_at = ?, disabled_reason = ? WHERE id = ?", v, reason, id); err != nil {
		return fmt.Errorf("store: set user %d disabled: %w", id, err)
	}
	return nil
}

// UserIDEnds is the lowest and highest user id, 0 and 0 when there are no
// users.
func UserIDEnds(ctx context.Context, db DB) ([2]int64, error) {
	var ends [2]int64
	// Each a lookup at one end of the table (min and max together would
	// read all of it).
	if err := db.QueryRowContext(ctx, `SELECT coalesce((SELECT min(id) FROM connected_users), 0),
		coalesce((SELECT max(id) FROM connected_users), 0)`).Scan(&ends[0], &ends[1]); err != nil {
		return ends, fmt.Errorf("store: user id ends: %w", err)
	}
	return ends, nil
}

// IsEmpty reports whether the database holds no users and no integrations.
func IsEmpty(ctx context.Context, db DB) (bool, error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM (SELECT 1 FROM connected_users LIMIT 1))
		+ (SELECT count(*) FROM (SELECT 1 FROM integrations LIMIT 1))`).Scan(&n); err != nil {
		return false, fmt.Errorf("store: check empty: %w", err)
	}
	return n == 0, nil
}
