package store

import (
	"context"
	"encoding/json"

	"roster/backend/domain"
)

// WithCountBudget returns q with the search count's budget set to n, so
// that a small database takes the bounded count's every branch.
func WithCountBudget(q UserQuery, n int) UserQuery {
	q.countBudget = n
	return q
}

// WithWalkFrom returns q with the number of search matches from which a
// search sorted by name or activity walks the sort order set to n (-1:
// always).
func WithWalkFrom(q UserQuery, n int) UserQuery {
	q.walkFrom = n
	return q
}

// WithSetFrom returns q with the number of search matches from which such
// a search walks the sort order testing users against a set of the
// matches, below its walkFrom, set to n (-1: from no match on).
func WithSetFrom(q UserQuery, n int) UserQuery {
	q.setFrom = n
	return q
}

// WithJumpSteps returns q with how far from an end of the list a jump
// steps, rather than read user_positions, set to n (0: the default;
// -1: never, always reading user_positions).
func WithJumpSteps(q UserQuery, n int) UserQuery {
	q.jumpSteps = n
	return q
}

// WithFineAbove returns q with the users a bucket of user_positions holds
// above which a jump reads user_fine_positions set to n (0: the default).
func WithFineAbove(q UserQuery, n int) UserQuery {
	q.fineAbove = n
	return q
}

// WithLookBehindRows returns q with how many rows past a page a search
// looking behind (see readBehind) reads before it gives up set to n.
func WithLookBehindRows(q UserQuery, n int) UserQuery {
	q.lookBehindRows = n
	return q
}

// WithPruned returns q with its search looked up in the search index by
// its rarest trigram alone, and its matches among those found tested on
// their folded text (see matchOf).
func WithPruned(q UserQuery) UserQuery {
	q.pruneAll = true
	return q
}

// MatchOf is matchOf: the search index's query for search, and the
// pattern of the folded text that tests what it finds ("": none).
func MatchOf(ctx context.Context, db DB, search string) (query, like string, err error) {
	m, err := matchOf(ctx, db, search, false)
	return m.query, m.like, err
}

// WithNearRows returns q with how many names from the cursor on a search
// sorted by name walks before it is planned set to n, whatever the page's
// size (-1: none).
func WithNearRows(q UserQuery, n int) UserQuery {
	q.nearRows = n
	return q
}

// NearPlanned reports whether ListUsers would walk near the start of q's
// list for its first page (nearPlan) before planning.
func NearPlanned(ctx context.Context, db DB, q UserQuery) (bool, error) {
	if err := idBounds(ctx, db, &q, false); err != nil {
		return false, err
	}
	return nearPlan(ctx, db, &q, nil, q.Limit+1)
}

// NearWalk reports whether ListUsers finds q's page in the names after
// its cursor (nearWalk), without planning.
func NearWalk(ctx context.Context, db DB, q UserQuery) (bool, error) {
	var after *cursor
	if q.Cursor != "" {
		c, err := decodeCursor(q.Cursor, q.Sort, q.Desc)
		if err != nil {
			return false, err
		}
		after = &c
	}
	_, _, near, err := nearWalk(ctx, db, q, after, q.Limit+1)
	return near, err
}

// NearSQL returns the query of nearWalk for q's first page, ok false when
// q is planned without it.
func NearSQL(ctx context.Context, db DB, q UserQuery) (query string, args []any, ok bool, err error) {
	if ok, err = nearPlan(ctx, db, &q, nil, q.Limit+1); !ok || err != nil {
		return "", nil, false, err
	}
	query, args = listSQL(q, nil, q.Limit+1)
	return query, args, true, nil
}

// PlanOf names the plan ListUsers picks for q when it does not find its
// page near its start (see NearWalk).
func PlanOf(ctx context.Context, db DB, q UserQuery) (string, error) {
	if err := idBounds(ctx, db, &q, false); err != nil {
		return "", err
	}
	if err := choosePlan(ctx, db, &q); err != nil {
		return "", err
	}
	switch {
	case searchDriven(q) && q.lookBehind > 0:
		return "search index in id order, looking behind", nil
	case searchDriven(q):
		return "search index in id order", nil
	case q.namePrefix:
		return "walk the names that start with the search, sort the other matches", nil
	case q.textTest:
		return "sort the integration's users whose text matches", nil
	case q.searchSet && joinsIntegration(q) && q.Sort != domain.SortCreated:
		return "sort the integration's users that match", nil
	case q.searchSet && joinsIntegration(q):
		return "walk the integration's users, test the search's matches", nil
	case q.searchSet:
		return "walk the sort order, test the search's matches", nil
	case q.searchWalk && joinsIntegration(q):
		return "walk the integration's users, test the search", nil
	case q.searchWalk:
		return "walk the sort order, probe the search index", nil
	case searchFirst(q):
		return "sort the search's matches", nil
	case joinsIntegration(q) && q.Status != "":
		return "read the integration's users of the status", nil
	case joinsIntegration(q):
		return "read the integration's users", nil
	case q.probeIntegration:
		return "walk the sort order, probe the integration", nil
	case q.rangeFirst:
		return "read the created range, sort it", nil
	}
	return "walk a users index", nil
}

// ListSQL returns the query of q's first page in the plan ListUsers picks.
func ListSQL(ctx context.Context, db DB, q UserQuery) (string, []any, error) {
	if err := idBounds(ctx, db, &q, false); err != nil {
		return "", nil, err
	}
	if err := choosePlan(ctx, db, &q); err != nil {
		return "", nil, err
	}
	query, args := listSQL(q, nil, q.Limit+1)
	return query, args, nil
}

// JumpSQL returns the query of the page at q.Offset of a list of total
// users, from the position a jump starts at.
func JumpSQL(ctx context.Context, db DB, q UserQuery, total int) (string, []any, error) {
	if err := position(ctx, db, &q, total, q.Limit+1); err != nil {
		return "", nil, err
	}
	if err := choosePlan(ctx, db, &q); err != nil {
		return "", nil, err
	}
	query, args := listSQL(q, nil, q.Limit+1)
	return query, args, nil
}

// PageSQL returns the query of the page after q.Cursor in the plan
// ListUsers picks when it does not find it near the cursor (NearWalk).
func PageSQL(ctx context.Context, db DB, q UserQuery) (string, []any, error) {
	c, err := decodeCursor(q.Cursor, q.Sort, q.Desc)
	if err != nil {
		return "", nil, err
	}
	if c.run, err = runFollows(ctx, db, c); err != nil {
		return "", nil, err
	}
	if err := idBounds(ctx, db, &q, false); err != nil {
		return "", nil, err
	}
	if err := choosePlan(ctx, db, &q); err != nil {
		return "", nil, err
	}
	query, args := listSQL(q, &c, q.Limit+1)
	return query, args, nil
}

// BucketAt is bucketAt: the bucket of table for sort and status that holds
// row offset, read from the end when rows is at most 2 × offset.
func BucketAt(ctx context.Context, db DB, table, sort, status string, offset, rows int) (bucket any, before, n int, ok bool, err error) {
	return bucketAt(ctx, db, table, sort, domain.UserStatus(status), "", nil, offset, rows)
}

// ReadsBack reports whether a jump to q.Offset in ascending order, into a
// list of total rows, reads its page backwards from the end of a bucket of
// user_fine_positions.
func ReadsBack(ctx context.Context, db DB, q UserQuery, total int) (bool, error) {
	err := position(ctx, db, &q, total, q.Limit+1)
	return q.readBack, err
}

// SetWALFrames sets how long the WAL may grow during bulk writes (see
// maxWALFrames), for the next BulkWrites that starts them.
func SetWALFrames(s *Store, frames int64) {
	s.bulk.mu.Lock()
	defer s.bulk.mu.Unlock()
	s.bulk.maxFrames = frames
}

// CreatedWithin is createdWithin: the users created from lo to hi (ms), by
// buckets of user_fine_positions.
func CreatedWithin(ctx context.Context, db DB, lo, hi int64) (int64, error) {
	return createdWithin(ctx, db, lo, hi)
}

// WithNamePrefix returns q read in the plan that merges the names starting
// with its search with its other matches, sorted (namePrefix).
func WithNamePrefix(q UserQuery) UserQuery {
	q.walkFrom, q.namePrefix = 1<<30, true
	return q
}

// FoldSearch is foldSearch: s folded as the search index folds it.
var FoldSearch = foldSearch

// WithSetMatches returns q with the most matches ListUsers reads once
// (materialize) set to n (-1: it never does).
func WithSetMatches(q UserQuery, n int) UserQuery {
	q.setMatches = n
	return q
}

// MatchSet returns the ids materialize reads for q's search, ok false when
// it reads none.
func MatchSet(ctx context.Context, db DB, q UserQuery) (ids []int64, ok bool, err error) {
	if q.match, err = matchOf(ctx, db, q.Search, false); err != nil {
		return nil, false, err
	}
	if err := idBounds(ctx, db, &q, true); err != nil {
		return nil, false, err
	}
	if err := materialize(ctx, db, &q); err != nil || q.match.set == "" {
		return nil, false, err
	}
	err = json.Unmarshal([]byte(q.match.set), &ids)
	return ids, true, err
}

// SetQuery returns the query materialize reads q's search's matches with.
func SetQuery(ctx context.Context, db DB, q UserQuery) (string, error) {
	m, err := matchOf(ctx, db, q.Search, false)
	if err != nil {
		return "", err
	}
	q.match = m
	if err := idBounds(ctx, db, &q, true); err != nil {
		return "", err
	}
	fold := foldSearch(q.Search)
	if m, err = estimated(ctx, db, q.fts(), []rune(fold)); err != nil {
		return "", err
	}
	query, _, err := setSQL(ctx, db, m, fold, setMatches)
	return query, err
}

// MatchesAbout is matchesAbout, q's ids bounded as a list bounds them.
func MatchesAbout(ctx context.Context, db DB, q UserQuery, limit int) (float64, error) {
	if err := idBounds(ctx, db, &q, true); err != nil {
		return 0, err
	}
	return matchesAbout(ctx, db, q, limit)
}

// Materialized returns q with its search's matches read once, as ListUsers
// reads them when materialize does (ok false when it does not).
func Materialized(ctx context.Context, db DB, q UserQuery) (UserQuery, bool, error) {
	var err error
	if q.match, err = matchOf(ctx, db, q.Search, false); err != nil {
		return q, false, err
	}
	if err := idBounds(ctx, db, &q, true); err != nil {
		return q, false, err
	}
	err = materialize(ctx, db, &q)
	return q, q.match.set != "", err
}
