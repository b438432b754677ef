package store_test

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/seed"
	"roster/backend/store"
	"roster/backend/testutil"
)

// TestSearchPlansReadNoTable checks SQLite's plan for substring searches:
// the page is read from the search index, or (many matches, sorted by name
// or activity) by walking a users index in sort order to the page's LIMIT,
// never by scanning the users table.
func TestSearchPlansReadNoTable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	st := seeded(t, 2000, 3, now)
	slack := testutil.IntegrationID(t, st, "slack")
	var rare int64
	if err := st.Reader().QueryRowContext(ctx, "SELECT id FROM integrations ORDER BY user_count LIMIT 1").Scan(&rare); err != nil {
		t.Fatal(err)
	}
	month := now.AddDate(0, -1, 0)
	set := func(q store.UserQuery) store.UserQuery { return store.WithSetFrom(store.WithWalkFrom(q, 1<<30), -1) }
	namesRange := regexp.MustCompile(`SEARCH u USING INDEX users_(status_)?name \((status=\? AND )?name>\? AND name<\?\)`)
	fullScan := regexp.MustCompile(`\bSCAN (u|connected_users)\b(?: USING (?:COVERING )?INDEX (users_name|users_status_name|users_active|users_status_active)\b)?`)
	cases := []struct {
		name string
		q    store.UserQuery
		walk bool // the plan walks an index in sort order (users or the integration's connections)
		// joins: it walks the integration's connections testing them
		// against the matches (or with text, their rows' folded text), and
		// sorts the users it finds.
		joins, text bool
	}{
		{"no match", store.UserQuery{Search: "qzx", Sort: domain.SortCreated, Desc: true}, false, false, false},
		{"newest first", store.UserQuery{Search: "globex", Sort: domain.SortCreated, Desc: true}, false, false, false},
		{"by name, few matches", store.UserQuery{Search: "lov", Sort: domain.SortName}, false, false, false},
		{"by name, many matches", store.UserQuery{Search: ".co", Sort: domain.SortName}, true, false, false},
		{"by activity, many matches, status", store.UserQuery{Search: ".co", Sort: domain.SortLastActive, Desc: true, Status: domain.StatusConnected}, true, false, false},
		{"created month", store.UserQuery{Search: "globex", Sort: domain.SortCreated, Desc: true, CreatedFrom: month}, false, false, false},
		{"integration", store.UserQuery{Search: "globex", Sort: domain.SortCreated, Desc: true, IntegrationID: slack}, false, false, false},
		{"status", store.UserQuery{Search: "globex", Sort: domain.SortCreated, Desc: true, Status: domain.StatusAccountErrors}, false, false, false},
		{"by name, few matches, integration", store.UserQuery{Search: "lov", Sort: domain.SortName, IntegrationID: slack}, false, false, false},
		{"by name, a rare integration's users that match", store.UserQuery{Search: "son", Sort: domain.SortName, IntegrationID: rare}, false, true, false},
		{"by activity, a rare integration's few users of a status", store.UserQuery{Search: ".co", Sort: domain.SortLastActive, IntegrationID: rare, Status: domain.StatusAccountErrors}, false, true, true},
		{"many matches, rare integration", store.UserQuery{Search: ".co", Sort: domain.SortCreated, Desc: true, IntegrationID: rare, Status: domain.StatusConnected}, true, false, false},
		{"by name, against the matches", set(store.UserQuery{Search: "son", Sort: domain.SortName}), true, false, false},
		{"by activity, against the matches, status", set(store.UserQuery{Search: "son", Sort: domain.SortLastActive, Desc: true, Status: domain.StatusAccountErrors}), true, false, false},
		{"by name, against the matches, integration", set(store.UserQuery{Search: "son", Sort: domain.SortName, IntegrationID: slack}), true, false, false},
		// The names that start with the search: a range of users_name.
		{"by name, the names that start with it", store.WithNamePrefix(store.UserQuery{Search: "ada", Sort: domain.SortName}), false, false, false},
		{"by name, the names that start with it, status", store.WithNamePrefix(store.UserQuery{Search: "ada", Sort: domain.SortName, Desc: true, Status: domain.StatusConnected}), false, false, false},
		{"by name, the names that start with it, rarer status", store.WithNamePrefix(store.UserQuery{Search: "zoë", Sort: domain.SortName, Status: domain.StatusAccountErrors}), false, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.q.Limit = 50
			query, args, err := store.ListSQL(ctx, st.Reader(), c.q)
			if err != nil {
				t.Fatal(err)
			}
			plan := explain(t, st, query, args)
			t.Log(plan)
			for _, line := range strings.Split(plan, "\n") {
				m := fullScan.FindStringSubmatch(line)
				switch {
				case m == nil:
				case m[2] == "":
					t.Fatalf("scans the users table:\n%s", plan)
				case !c.walk:
					t.Fatalf("walks %s; want the search index first:\n%s", m[2], plan)
				}
			}
			if c.walk && strings.Contains(plan, "TEMP B-TREE") {
				t.Fatalf("sorts; want a walk in sort order to the LIMIT:\n%s", plan)
			}
			// Against the matches: each user tested in the walk's index,
			// not each match looked up in it (a skip-scan, "ANY(name)").
			if c.walk && strings.Contains(plan, "ANY(") {
				t.Fatalf("skip-scans; want a walk in sort order to the LIMIT:\n%s", plan)
			}
			if strings.Contains(c.name, "start with it") && !namesRange.MatchString(plan) {
				t.Fatalf("does not read the names' range of users_(status_)name:\n%s", plan)
			}
			switch {
			case c.text:
				if !strings.Contains(plan, "SEARCH c USING COVERING INDEX connections_integration_status (integration_id=? AND user_status=?)") ||
					strings.Contains(plan, "LIST SUBQUERY") || strings.Contains(plan, "VIRTUAL TABLE") {
					t.Fatalf("does not walk the integration's connections of the status testing the users' text:\n%s", plan)
				}
				return
			case c.joins:
				if !strings.Contains(plan, "SEARCH c USING COVERING INDEX connections_integration (integration_id=?)") || !strings.Contains(plan, "LIST SUBQUERY") {
					t.Fatalf("does not walk the integration's connections testing the matches:\n%s", plan)
				}
				return
			}
			if !c.walk && !strings.Contains(plan, "VIRTUAL TABLE") {
				t.Fatalf("does not read the search index:\n%s", plan)
			}
			// Each match's connection: the narrow index, before the row.
			if !c.walk && c.q.IntegrationID != 0 && !strings.Contains(plan, "SEARCH c USING COVERING INDEX connections_user") {
				t.Fatalf("does not probe connections_user for each match:\n%s", plan)
			}
		})
	}
}

// TestIntegrationTextPlanCountsItsUsers: a common search among an
// integration's few users of a status, sorted by name, tests their text on
// their rows, every page, and the list counts them exactly as the page read
// them. A bounded number of the search's matches holds few of them: that
// count would be a lower bound.
func TestIntegrationTextPlanCountsItsUsers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 5000, 11, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	slack := testutil.IntegrationID(t, st, "slack")
	// The count's budget of matches as small against 5,000 users as its
	// 2,000 are against a million.
	q := store.WithCountBudget(store.UserQuery{Search: ".CO", Sort: domain.SortName, IntegrationID: slack, Status: domain.StatusAccountErrors, Limit: 8}, 10)
	if plan, err := store.PlanOf(ctx, st.Reader(), q); err != nil || plan != "sort the integration's users whose text matches" {
		t.Fatalf("plan %q, %v; want the integration's users' text tested", plan, err)
	}
	// The matches as the search index finds them.
	want := queryIDs(t, st, `SELECT u.id FROM connections c JOIN connected_users u ON u.id = c.user_id
		WHERE c.integration_id = ? AND u.status = 'account_errors'
			AND u.id IN (SELECT rowid FROM users_fts WHERE users_fts MATCH '".co"') ORDER BY u.name, u.id`, slack)
	if len(want) <= 2*q.Limit {
		t.Fatalf("%d users match; want more than two pages of %d", len(want), q.Limit)
	}
	first, got := listAll(t, st, q)
	if first.Total != len(want) || first.TotalCapped {
		t.Fatalf("Total %d (capped %v); want %d exactly", first.Total, first.TotalCapped, len(want))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("listed %v; want %v", got, want)
	}
}

// TestCreatedOrderWalksARareStatus: newest first, a search among a rare
// status's users walks the status's users in created order testing their
// text when the search matches many of them (".co"), and reads the search
// index when it matches few (an e-mail, none) or is not ASCII (the text is
// tested by a probe of the index then). Its matches read once, it walks
// the status's users, or an integration's, testing their ids.
func TestCreatedOrderWalksARareStatus(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	st := seeded(t, 2000, 3, now)
	var email string
	if err := st.Reader().QueryRowContext(ctx, "SELECT email FROM connected_users WHERE status = 'disabled' LIMIT 1").Scan(&email); err != nil {
		t.Fatal(err)
	}
	// The estimate of the matches it weighs: exact below its sample, near
	// past it (they are spread evenly over the ids here).
	for _, c := range []struct {
		search string
		from   time.Time
	}{{".co", time.Time{}}, {"son", time.Time{}}, {".co", now.AddDate(0, -6, 0)}, {email, time.Time{}}} {
		q := store.UserQuery{Search: c.search, CreatedFrom: c.from, Sort: domain.SortCreated}
		var exact int
		if err := st.Reader().QueryRowContext(ctx, "SELECT count(*) FROM connected_users WHERE search_text LIKE ? AND created_at >= ?",
			"%"+c.search+"%", c.from.UnixMilli()).Scan(&exact); err != nil {
			t.Fatal(err)
		}
		for _, sample := range []int{100, exact + 1} {
			got, err := store.MatchesAbout(ctx, st.Reader(), q, sample)
			if err != nil || got < 0.7*float64(exact) || got > 1.3*float64(exact) || sample > exact && got != float64(exact) {
				t.Fatalf("%s: %.0f matches from a sample of %d (%v), want about %d", describe(q), got, sample, err, exact)
			}
		}
	}
	for _, c := range []struct {
		search string
		status domain.UserStatus
		from   time.Time
		walk   bool
	}{
		{".co", domain.StatusDisabled, time.Time{}, true},
		{".CO", domain.StatusAccountErrors, now.AddDate(0, -6, 0), true},
		{email, domain.StatusDisabled, time.Time{}, false},
		{"qzx", domain.StatusNoIntegrations, time.Time{}, false},
		{"ramón", domain.StatusDisabled, time.Time{}, false},
		{".co", domain.StatusConnected, time.Time{}, false}, // no index of its own
	} {
		q := store.UserQuery{Search: c.search, Status: c.status, CreatedFrom: c.from, Sort: domain.SortCreated, Desc: true, Limit: 50}
		t.Run(describe(q), func(t *testing.T) {
			query, args, err := store.ListSQL(ctx, st.Reader(), q)
			if err != nil {
				t.Fatal(err)
			}
			plan := explain(t, st, query, args)
			if walks := strings.Contains(plan, "USING INDEX users_status_created"); walks != c.walk {
				t.Fatalf("walks users_status_created: %v, want %v:\n%s", walks, c.walk, plan)
			}
		})
	}
	// The matches read once (materialize) are tested by id in the index
	// the walk reads, whatever the text: worth it for far fewer matches.
	prefix := "usr_a"
	slack := testutil.IntegrationID(t, st, "slack")
	for _, c := range []struct {
		search      string
		status      domain.UserStatus
		integration int64
		walk        bool
	}{
		{prefix, domain.StatusAccountErrors, 0, true},
		{"ramón", domain.StatusDisabled, 0, true},
		{email, domain.StatusDisabled, 0, false},
		// So are an integration's users, in connections_integration.
		{prefix, "", slack, true},
		{prefix, domain.StatusAccountErrors, slack, true},
		{email, "", slack, false},
	} {
		q := store.UserQuery{Search: c.search, Status: c.status, IntegrationID: c.integration, Sort: domain.SortCreated, Desc: true, Limit: 50}
		t.Run(describe(q)+" read once", func(t *testing.T) {
			q, ok, err := store.Materialized(ctx, st.Reader(), q)
			if err != nil || !ok {
				t.Fatalf("not read once (%v)", err)
			}
			query, args, err := store.ListSQL(ctx, st.Reader(), q)
			if err != nil {
				t.Fatal(err)
			}
			plan := explain(t, st, query, args)
			index, id := "users_status_created", "u.id"
			if c.integration != 0 {
				index, id = "connections_integration", "c.user_id"
			}
			walks := strings.Contains(plan, "INDEX "+index) && strings.Contains(query, "+"+id+" IN (SELECT rowid FROM (SELECT value AS rowid FROM json_each(?)))")
			if walks != c.walk {
				t.Fatalf("walks %s testing the matches' ids: %v, want %v:\n%s\n%s", index, walks, c.walk, query, plan)
			}
		})
	}
}

// TestSearchPlansCountTheMatches checks the plan of a search sorted by name
// at 2,000 users: its matches sorted when few (or their names' range read
// when they start with the search), the name index walked
// against them when more (counted, or past the count's cap estimated from
// the ids its lowest and highest matches span), walked testing rows when
// many.
func TestSearchPlansCountTheMatches(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 2000, 3, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	for _, c := range []struct {
		search string
		limit  int
		plan   string
		status domain.UserStatus
	}{
		{"hopper", 20, "sort the search's matches", ""},                                            // few matches; e = √(21 × 2000) = 205, counted up to 102
		{"grace", 20, "walk the names that start with the search, sort the other matches", ""},     // 23, all named Grace
		{"son", 20, "walk the sort order, test the search's matches", ""},                          // 109: 111 estimated from the first and last 51
		{".co", 50, "walk the sort order, probe the search index", ""},                             // 529: 561 estimated from 2 × 79, a page within about 180 users tested in users_name
		{".co", 50, "walk the sort order, test the search's matches", domain.StatusNoIntegrations}, // tested on rows: users_status_name has no folded text
	} {
		t.Run(fmt.Sprintf("%s limit %d %s", c.search, c.limit, c.status), func(t *testing.T) {
			plan, err := store.PlanOf(ctx, st.Reader(), store.UserQuery{Search: c.search, Sort: domain.SortName, Limit: c.limit, Status: c.status})
			if err != nil {
				t.Fatal(err)
			}
			if plan != c.plan {
				t.Fatalf("plan %q; want %q", plan, c.plan)
			}
		})
	}
}

// TestSearchFindsItsPageNearTheCursor checks the walk of the users after a
// search's cursor, by name or activity (nearWalk), at 2,000 users, within
// 300: a common substring finds its page there, either way and from a
// cursor on; a rare one, one with fewer matches than a page, one among the
// rarer statuses, one in created order where ids follow it, or one whose
// first 300 users share a value of the sort column is planned; within 300
// users of the list's end, the walk reads to the end. Every page is the
// one the planned list gives.
func TestSearchFindsItsPageNearTheCursor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 2000, 3, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	// The same users created in the reverse of id order: a search sorted by
	// created date walks users_created.
	reversed := seeded(t, 2000, 3, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	reverseCreated(t, reversed)
	for _, c := range []struct {
		q        store.UserQuery
		rows     int
		near     bool
		reversed bool
	}{
		{store.UserQuery{Search: ".co"}, 300, true, false}, // 529 matches: about 79 in 300 names
		{store.UserQuery{Search: ".co"}, 150, true, false}, // about 40 in 150: walked on as far as they say the rest lie
		{store.UserQuery{Search: ".CO", Desc: true}, 300, true, false},
		{store.UserQuery{Search: ".co", Status: domain.StatusConnected}, 300, true, false},
		{store.UserQuery{Search: "hopper"}, 300, false, false},                                  // a few
		{store.UserQuery{Search: "hopper", Desc: true}, 2000, false, false},                     // fewer matches than a page: sorted
		{store.UserQuery{Search: ".co", Status: domain.StatusAccountErrors}, 300, false, false}, // users_status_name has no folded text
		{store.UserQuery{Search: ".co", Sort: domain.SortLastActive, Desc: true}, 300, true, false},
		{store.UserQuery{Search: "hopper", Sort: domain.SortLastActive}, 300, false, false},
		{store.UserQuery{Search: "usr_", Sort: domain.SortLastActive}, 100, true, false}, // among the 149 never active, who come first
		{store.UserQuery{Search: ".co", Sort: domain.SortCreated}, 300, false, false},    // ids in created order: the search index in id order
		{store.UserQuery{Search: ".co", Sort: domain.SortCreated, Desc: true}, 300, true, true},
		{store.UserQuery{Search: ".co", Sort: domain.SortCreated, CreatedFrom: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), CreatedTo: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}, 300, true, true},
		{store.UserQuery{Search: "hopper", Sort: domain.SortCreated}, 300, false, true},
	} {
		q := c.q
		q.Sort, q.Limit = cmp.Or(q.Sort, domain.SortName), 50
		q = store.WithNearRows(q, c.rows)
		st := st
		if c.reversed {
			st = reversed
		}
		t.Run(fmt.Sprintf("%s within %d reversed=%v", describe(q), c.rows, c.reversed), func(t *testing.T) {
			planned := store.WithNearRows(q, -1)
			pages := 0
			for {
				near, err := store.NearWalk(ctx, st.Reader(), q)
				if err != nil {
					t.Fatal(err)
				}
				if near != c.near && (pages == 0 || c.near) {
					t.Fatalf("page %d found near the cursor: %v; want %v", pages, near, c.near)
				}
				got, err := store.ListUsers(ctx, st.Reader(), q)
				if err != nil {
					t.Fatal(err)
				}
				want, err := store.ListUsers(ctx, st.Reader(), planned)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(pageIDs(got), pageIDs(want)) || got.NextCursor != want.NextCursor || got.Total != want.Total {
					t.Fatalf("page %d: %v (total %d); planned: %v (total %d)", pages, pageIDs(got), got.Total, pageIDs(want), want.Total)
				}
				pages++
				if got.NextCursor == "" {
					break
				}
				q.Cursor, planned.Cursor = got.NextCursor, got.NextCursor
			}
			if c.near && pages < 2 && c.rows < 2000 {
				t.Fatalf("%d page; want several, from a cursor too", pages)
			}
		})
	}
	// A first name, ascending: a page of names that start with it, all
	// past the walk, is planned without walking; descending, the names
	// from the end on reach them.
	for _, desc := range []bool{false, true} {
		q := store.WithNearRows(store.UserQuery{Search: "yuki", Sort: domain.SortName, Desc: desc, Limit: 20}, 300)
		_, _, walks, err := store.NearSQL(ctx, st.Reader(), q)
		if err != nil {
			t.Fatal(err)
		}
		if walks != desc {
			t.Errorf("yuki, descending %v: walks the names near the start: %v; want %v", desc, walks, desc)
		}
	}
}

// TestSearchPlansFindWhereMatchesStart checks the plan of a search whose
// matches all come late in the sort order (a first name sorted by name):
// 5,000 users named Ann, then 400 named Zed Miller, active an hour apart
// in that order, searched for "miller". From the start, a walk would pass
// every Ann: the matches are sorted. From the end, or from a cursor among
// them, the walk finds a page at once. Created in the reverse order, a
// created range and an integration bound the walk in created order.
func TestSearchPlansFindWhereMatchesStart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	if err := st.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5400)
			INSERT INTO connected_users (external_id, name, email, created_at, last_active_at)
			SELECT 'cus_' || i, CASE WHEN i <= 5000 THEN 'Ann Lee ' ELSE 'Zed Miller ' END || i, 'u' || i || '@example.com', i, i * 3600000 FROM n`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	planOf := func(t *testing.T, q store.UserQuery, want string) {
		t.Helper()
		plan, err := store.PlanOf(ctx, st.Reader(), q)
		if err != nil {
			t.Fatal(err)
		}
		if plan != want {
			t.Fatalf("plan %q; want %q", plan, want)
		}
	}
	page := func(t *testing.T, q store.UserQuery, want ...string) string {
		t.Helper()
		page, err := store.ListUsers(ctx, st.Reader(), q)
		if err != nil {
			t.Fatal(err)
		}
		if got := pageNames(page); !slices.Equal(got, want) {
			t.Fatalf("page %q; want %q", got, want)
		}
		return page.NextCursor
	}
	const sorted, walk = "sort the search's matches", "walk the sort order, probe the search index"
	for _, c := range []struct {
		sort   domain.UserSort
		status domain.UserStatus
	}{{domain.SortName, ""}, {domain.SortLastActive, ""}, {domain.SortName, domain.StatusNoIntegrations}} {
		t.Run(fmt.Sprintf("by %s %s", c.sort, c.status), func(t *testing.T) {
			// 400 matches against e = √(3 × 5400) = 127, estimated from
			// the first 63 and the last 63.
			q := store.UserQuery{Search: "miller", Sort: c.sort, Status: c.status, Limit: 2}
			planOf(t, q, sorted)
			q.Cursor = page(t, q, "Zed Miller 5001", "Zed Miller 5002")
			planOf(t, q, walk)
			page(t, q, "Zed Miller 5003", "Zed Miller 5004")
			desc := store.UserQuery{Search: "miller", Sort: c.sort, Status: c.status, Limit: 2, Desc: true}
			planOf(t, desc, walk)
			page(t, desc, "Zed Miller 5400", "Zed Miller 5399")
		})
	}
	// A search that starts the names it matches reads their range of the
	// name index, and sorts the other matches (none here).
	prefix := store.UserQuery{Search: "ZED MIL", Sort: domain.SortName, Limit: 2}
	planOf(t, prefix, "walk the names that start with the search, sort the other matches")
	page(t, prefix, "Zed Miller 5001", "Zed Miller 5002")
	// No match created in the range sampled: the walk might read every
	// user, and an empty status none.
	planOf(t, store.UserQuery{Search: "miller", Sort: domain.SortName, CreatedTo: time.UnixMilli(5001), Limit: 2}, sorted)
	planOf(t, store.UserQuery{Search: "miller", Sort: domain.SortName, Status: domain.StatusConnected, Limit: 2}, walk)

	// Created in the reverse of id order: created order is planned as the
	// others are, and a created range bounds the walk. Newest first, the
	// 5,000 Anns come first; within the range of the 1,000 oldest, 600,
	// each tested on the folded text users_created holds.
	if err := st.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, "UPDATE connected_users SET created_at = 5401 - created_at")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	created := store.UserQuery{Search: "miller", Sort: domain.SortCreated, Limit: 2}
	planOf(t, created, walk)
	created.Desc = true
	planOf(t, created, sorted)
	created.CreatedFrom, created.CreatedTo = time.UnixMilli(1), time.UnixMilli(1001)
	planOf(t, created, walk)
	page(t, created, "Zed Miller 5001", "Zed Miller 5002")

	// An integration without a bit, of 150 users: the 100 oldest Millers
	// and 50 Anns. Walked in created order, its connections are the walk,
	// not every user.
	if err := st.Update(ctx, func(tx store.DB) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO integrations (id, key, name) VALUES (100, 'late', 'Late')"); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO connections (user_id, integration_id, status, connected_at, status_changed_at, user_created_at)
			SELECT id, 100, 'connected', 0, 0, created_at FROM connected_users WHERE id > 5300 OR id <= 50`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	late := store.UserQuery{Search: "miller", Sort: domain.SortCreated, IntegrationID: 100, Limit: 2}
	planOf(t, late, "walk the integration's users, test the search")
	page(t, late, "Zed Miller 5400", "Zed Miller 5399")
}

// TestSearchPlansCountMatchesNearTheCursor checks the walk of a next page
// whose matches follow the cursor, while the ones sampled (those with the
// lowest and the highest ids) lie at the list's far end: 5,000 users, one
// in four a Miller, the middle third of ids active last, then the
// highest, then the lowest, as users created long ago come back; none
// connected, so the walk reads each user's row. The sample alone says the
// matches start 1,667 users on; the users after the cursor hold one in
// four.
func TestSearchPlansCountMatchesNearTheCursor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	if err := st.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
			INSERT INTO connected_users (external_id, name, email, created_at, last_active_at)
			SELECT 'cus_' || i, CASE WHEN i % 4 = 0 THEN 'Zed Miller ' ELSE 'Ann Lee ' END || i, 'u' || i || '@example.com', i,
				(CASE WHEN i BETWEEN 1667 AND 3333 THEN 3000000 WHEN i > 3333 THEN 2000000 ELSE 1000000 END + i) * 1000 FROM n`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	q := store.UserQuery{Search: "miller", Sort: domain.SortLastActive, Desc: true, Status: domain.StatusNoIntegrations, Limit: 2}
	for i, want := range [][]string{{"Zed Miller 3332", "Zed Miller 3328"}, {"Zed Miller 3324", "Zed Miller 3320"}, {"Zed Miller 3316", "Zed Miller 3312"}} {
		plan, err := store.PlanOf(ctx, st.Reader(), q)
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && plan != "walk the sort order, probe the search index" {
			t.Fatalf("page %d: plan %q; want the walk", i+1, plan)
		}
		page, err := store.ListUsers(ctx, st.Reader(), q)
		if err != nil {
			t.Fatal(err)
		}
		if got := pageNames(page); !slices.Equal(got, want) {
			t.Fatalf("page %d: %q; want %q", i+1, got, want)
		}
		q.Cursor = page.NextCursor
	}
}

// TestFilterPlansWalkTheirIndex checks the plan of a status filter, alone
// in every sort and with an integration in created order. A rare status is
// one range of a partial index (users_status_*, or with an integration
// connections_integration_status), which hold only the statuses other than
// connected; connected walks the index of the sort (connections_integration),
// whose entries carry the status. None sorts or scans the table.
func TestFilterPlansWalkTheirIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 2000, 3, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	planOf := func(t *testing.T, q store.UserQuery) string {
		t.Helper()
		q.Desc, q.Offset, q.Limit = true, 100, 50
		query, args, err := store.ListSQL(ctx, st.Reader(), q)
		if err != nil {
			t.Fatal(err)
		}
		return explain(t, st, query, args)
	}
	index := map[domain.UserSort]string{domain.SortCreated: "users_created", domain.SortName: "users_name", domain.SortLastActive: "users_active"}
	for _, status := range []domain.UserStatus{domain.StatusConnected, domain.StatusAccountErrors, domain.StatusDisabled, domain.StatusNoIntegrations} {
		for sort, want := range index {
			if status != domain.StatusConnected {
				want = strings.Replace(want, "users_", "users_status_", 1)
			}
			t.Run(fmt.Sprintf("%s by %s", status, sort), func(t *testing.T) {
				plan := planOf(t, store.UserQuery{Status: status, Sort: sort})
				if !regexp.MustCompile(`^(SCAN|SEARCH) u USING INDEX ` + want + `( \(status=\?\))?$`).MatchString(plan) {
					t.Fatalf("plan:\n%s\nwant one walk of %s", plan, want)
				}
				// A jump (OFFSET) steps over users without reading their rows.
				var carried bool
				if err := st.Reader().QueryRowContext(ctx, "SELECT count(*) > 0 FROM pragma_index_info(?) WHERE name = 'status'", want).Scan(&carried); err != nil || !carried {
					t.Fatalf("%s holds no status (%v)", want, err)
				}
			})
		}
	}
	slack := testutil.IntegrationID(t, st, "slack")
	all, rare := `connections_integration \(integration_id=\?\)`, `connections_integration_status \(integration_id=\? AND user_status=\?\)`
	for status, want := range map[domain.UserStatus]string{"": all, domain.StatusConnected: all, domain.StatusNoIntegrations: all,
		domain.StatusAccountErrors: rare, domain.StatusDisabled: rare} {
		t.Run(fmt.Sprintf("slack %s", status), func(t *testing.T) {
			plan := planOf(t, store.UserQuery{IntegrationID: slack, Status: status, Sort: domain.SortCreated})
			if !regexp.MustCompile(`^SEARCH c USING COVERING INDEX ` + want + `\nSEARCH u USING INTEGER PRIMARY KEY \(rowid=\?\)$`).MatchString(plan) {
				t.Fatalf("plan:\n%s\nwant a walk of /%s/, then each user's row", plan, want)
			}
		})
	}
}

// TestPagesInARunSeekTheirStart: SQLite seeks a row value (value, id) on
// the value alone when id is the rowid, so a page inside a run of users
// sharing a sort value (the users never active, by activity) reads the
// rest of the run, then the values past it: two ranges of the index read
// one after the other (a merge reads the first row of both, and the first
// past the run may be far behind a filter); a page after the last user of
// a run, the values past it.
func TestPagesInARunSeekTheirStart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 2000, 3, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	var never int
	if err := st.Reader().QueryRowContext(ctx, "SELECT count(*) FROM connected_users WHERE last_active_at = 0 AND status = 'account_errors'").Scan(&never); err != nil || never <= 10 {
		t.Fatalf("%d users with account errors never active (%v), want more than a page", never, err)
	}
	planAfter := func(t *testing.T, q store.UserQuery) string {
		t.Helper()
		q.Limit = 10
		first, err := store.ListUsers(ctx, st.Reader(), q)
		if err != nil || first.NextCursor == "" {
			t.Fatalf("first page: %v, next %q", err, first.NextCursor)
		}
		q.Cursor = first.NextCursor
		query, args, err := store.PageSQL(ctx, st.Reader(), q)
		if err != nil {
			t.Fatal(err)
		}
		return explain(t, st, query, args)
	}
	for _, tc := range []struct {
		name string
		q    store.UserQuery
		want []string
	}{
		{"never active", store.UserQuery{Sort: domain.SortLastActive},
			[]string{`SEARCH u USING INDEX users_active \(last_active_at=\? AND id>\?\)`, `SEARCH u USING INDEX users_active \(last_active_at>\?\)`}},
		{"account errors, never active", store.UserQuery{Sort: domain.SortLastActive, Status: domain.StatusAccountErrors},
			[]string{`SEARCH u USING INDEX users_status_active \(status=\? AND last_active_at=\? AND id>\?\)`, `SEARCH u USING INDEX users_status_active \(status=\? AND last_active_at>\?\)`}},
		{"newest first", store.UserQuery{Sort: domain.SortCreated, Desc: true},
			[]string{`^SEARCH u USING INDEX users_created \(created_at<\?\)$`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan := planAfter(t, tc.q)
			for _, want := range tc.want {
				if !regexp.MustCompile(want).MatchString(plan) {
					t.Errorf("plan:\n%s\nwant /%s/", plan, want)
				}
			}
			if strings.Contains(plan, "TEMP B-TREE") || strings.Contains(plan, "MERGE") {
				t.Errorf("plan:\n%s\nwant the ranges read one after the other in the index's order, not sorted or merged", plan)
			}
		})
	}
}

// TestIntegrationRangePlans: an integration and a created range, sorted by
// name or activity, read the integration's connections in the range and
// sort them where the range holds few of its users, rather than walk the
// sort order for them; by activity ascending, a walk steps over every user
// active before the range began.
func TestIntegrationRangePlans(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 4000, 5, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	slack := testutil.IntegrationID(t, st, "slack")
	// The creation dates of the users at these shares of created order.
	at := func(share float64) time.Time {
		var ms int64
		if err := st.Reader().QueryRowContext(ctx, "SELECT created_at FROM connected_users ORDER BY created_at LIMIT 1 OFFSET ?",
			int(share*4000)).Scan(&ms); err != nil {
			t.Fatal(err)
		}
		return time.UnixMilli(ms)
	}
	const probe, join = "walk the sort order, probe the integration", "read the integration's users"
	for _, tc := range []struct {
		name string
		q    store.UserQuery
		want string
	}{
		{"by name", store.UserQuery{Sort: domain.SortName}, probe},
		{"the oldest 2%, by name", store.UserQuery{Sort: domain.SortName, CreatedTo: at(0.02)}, join},
		{"the oldest two thirds, by activity", store.UserQuery{Sort: domain.SortLastActive, Desc: true, CreatedTo: at(0.66)}, probe},
		{"the newest third, by activity", store.UserQuery{Sort: domain.SortLastActive, Desc: true, CreatedFrom: at(0.66)}, probe},
		// The newest 20% come after two thirds of the users, active before
		// them; the oldest 10-30%, after the never active and 8% of the users.
		{"the newest 20%, by activity ascending", store.UserQuery{Sort: domain.SortLastActive, CreatedFrom: at(0.8)}, join},
		{"the oldest 10-30%, by activity ascending", store.UserQuery{Sort: domain.SortLastActive, CreatedFrom: at(0.1), CreatedTo: at(0.3)}, probe},
		// By activity, the newest users are the most recently active:
		// the walk meets them first.
		{"the newest 10%, by activity", store.UserQuery{Sort: domain.SortLastActive, Desc: true, CreatedFrom: at(0.9)}, probe},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.q
			q.IntegrationID, q.Limit = slack, 50
			plan, err := store.PlanOf(ctx, st.Reader(), q)
			if err != nil {
				t.Fatal(err)
			}
			if plan != tc.want {
				t.Errorf("plan %q, want %q", plan, tc.want)
			}
		})
	}
}

// TestIntegrationRangeSearchPlans: a search among an integration's users
// created in a range reads the integration's connections in the range
// only (its index holds their created date), and prices them so: a tenth
// of Slack's users here, tested against the search's matches, or on their
// text when a rare status keeps few; priced as all of Slack's users, the
// plans sorted every match in the range, or tested the matches.
func TestIntegrationRangeSearchPlans(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 5000, 11, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	slack := testutil.IntegrationID(t, st, "slack")
	var from, to int64
	if err := st.Reader().QueryRowContext(ctx, `SELECT (SELECT created_at FROM connected_users ORDER BY created_at LIMIT 1 OFFSET 2500),
		(SELECT created_at FROM connected_users ORDER BY created_at LIMIT 1 OFFSET 3000)`).Scan(&from, &to); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		status domain.UserStatus
		plan   string
	}{
		{domain.StatusConnected, "sort the integration's users that match"},
		{domain.StatusAccountErrors, "sort the integration's users whose text matches"},
	} {
		t.Run(string(tc.status), func(t *testing.T) {
			q := store.UserQuery{Search: ".co", IntegrationID: slack, Status: tc.status, Sort: domain.SortName, Limit: 8,
				CreatedFrom: time.UnixMilli(from), CreatedTo: time.UnixMilli(to)}
			if plan, err := store.PlanOf(ctx, st.Reader(), q); err != nil || plan != tc.plan {
				t.Fatalf("plan %q, %v; want %q", plan, err, tc.plan)
			}
			want := queryIDs(t, st, `SELECT u.id FROM connections c JOIN connected_users u ON u.id = c.user_id
				WHERE c.integration_id = ? AND u.status = ? AND u.created_at >= ? AND u.created_at < ?
					AND u.id IN (SELECT rowid FROM users_fts WHERE users_fts MATCH '".co"') ORDER BY u.name, u.id`, slack, tc.status, from, to)
			if len(want) == 0 {
				t.Fatal("no user matches")
			}
			if _, got := listAll(t, st, q); !slices.Equal(got, want) {
				t.Fatalf("listed %v; want %v", got, want)
			}
		})
	}
}

// TestNearWalkLeavesOutARareIntegration: by activity, a search among a
// rare integration's users is planned at once. Its first users by activity
// hold too few of the integration's for the walk near the list's start to
// find a page, even if every one of them matched as often as the rarest
// trigram of the search allows. Without the integration, or by name
// (where a search's matches gather: a first name), the walk comes first.
func TestNearWalkLeavesOutARareIntegration(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 5000, 11, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	bamboo := testutil.IntegrationID(t, st, "bamboohr")
	for _, tc := range []struct {
		name string
		q    store.UserQuery
		walk bool
	}{
		{"BambooHR by activity", store.UserQuery{IntegrationID: bamboo, Sort: domain.SortLastActive}, false},
		{"BambooHR's connected users by activity", store.UserQuery{IntegrationID: bamboo, Status: domain.StatusConnected, Sort: domain.SortLastActive, Desc: true}, false},
		{"every user by activity", store.UserQuery{Sort: domain.SortLastActive}, true},
		{"BambooHR by name", store.UserQuery{IntegrationID: bamboo, Sort: domain.SortName}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.q
			q.Search, q.Limit = "son", 8
			walk, err := store.NearPlanned(ctx, st.Reader(), q)
			if err != nil {
				t.Fatal(err)
			}
			if walk != tc.walk {
				t.Errorf("walked near the start: %v; want %v", walk, tc.walk)
			}
		})
	}
}

// TestRangeByActivityDescending: a created range's users last active long
// ago (the oldest, here active only when created) come after nearly every
// other user by activity descending: the list reads the range and sorts
// it, or its integration's users, rather than walk the whole order to
// them; the newest, last active lately, are walked.
func TestRangeByActivityDescending(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 4000, 5, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	var oldest, newest time.Time
	var slack, ms, ms2 int64
	if err := st.Reader().QueryRowContext(ctx, `SELECT (SELECT id FROM integrations WHERE key = 'slack'),
			(SELECT created_at FROM connected_users ORDER BY created_at LIMIT 1 OFFSET 200),
			(SELECT created_at FROM connected_users ORDER BY created_at DESC LIMIT 1 OFFSET 200)`).Scan(&slack, &ms, &ms2); err != nil {
		t.Fatal(err)
	}
	oldest, newest = time.UnixMilli(ms), time.UnixMilli(ms2)
	if err := st.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, `UPDATE connected_users SET last_active_at = created_at + 1000 WHERE created_at < ?;
			UPDATE connected_users SET last_active_at = (SELECT max(last_active_at) FROM connected_users) + id WHERE created_at >= ?`, ms, ms2)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		q    store.UserQuery
		want string
	}{
		{store.UserQuery{CreatedTo: oldest}, "read the created range, sort it"},
		{store.UserQuery{CreatedTo: oldest, IntegrationID: slack}, "read the integration's users"},
		{store.UserQuery{CreatedFrom: newest}, "walk a users index"},
	} {
		q := tc.q
		q.Sort, q.Desc, q.Limit = domain.SortLastActive, true, 50
		t.Run(describe(q), func(t *testing.T) {
			plan, err := store.PlanOf(ctx, st.Reader(), q)
			if err != nil || plan != tc.want {
				t.Errorf("plan %q (%v), want %q", plan, err, tc.want)
			}
		})
	}
}

// TestSearchReadsRareMatchesOnce: a search one of whose trigrams few users
// have is read from the search index once, its matches' ids (those the
// folded text keeps), and not a search whose trigrams are all common.
func TestSearchReadsRareMatchesOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 3000, 7, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	var email, prefix string
	if err := st.Reader().QueryRowContext(ctx, "SELECT email, substr(external_id, 1, 5) FROM connected_users ORDER BY id LIMIT 1 OFFSET 1000").Scan(&email, &prefix); err != nil {
		t.Fatal(err)
	}
	// Besides the ids that start with prefix, users who have it elsewhere:
	// the start of an id in capitals, inside an id, in a name.
	var newest int64
	if err := st.Update(ctx, func(tx store.DB) error {
		if err := tx.QueryRowContext(ctx, "SELECT max(created_at) FROM connected_users").Scan(&newest); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO connected_users (external_id, name, email, created_at) VALUES
			(upper(?1) || 'A1', 'Una Upper', 'una@upper.test', ?2),
			('x' || ?1 || 'b', 'Ines Inside', 'ines@inside.test', ?2),
			('named-1', 'Nat ' || ?1, 'nat@named.test', ?2)`, prefix, newest+1000)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	since := time.UnixMilli(newest - 30*24*3600*1000).UTC()
	want := func(like string, from time.Time) []int64 {
		var ids []int64
		rows, err := st.Reader().QueryContext(ctx, "SELECT id FROM connected_users WHERE search_text LIKE ? AND created_at >= ? ORDER BY id", like, from.UnixMilli())
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		return ids
	}
	for _, tc := range []struct {
		name, search string
		from         time.Time
		most         int
		read, byID   bool // byID: the ids that start with the search read from external_id's index
	}{
		{"an e-mail", strings.ToUpper(email), time.Time{}, 40, true, false}, // estimates stop at 31
		{"the start of many ids", prefix, time.Time{}, 10, false, true},     // "usr_x": every id has "usr"
		{"the start of many ids, more allowed", prefix, time.Time{}, 5000, true, true},
		{"the start of many ids, created lately", strings.ToUpper(prefix), since, 5000, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := store.WithSetMatches(store.UserQuery{Search: tc.search, Sort: domain.SortName, CreatedFrom: tc.from}, tc.most)
			ids, read, err := store.MatchSet(ctx, st.Reader(), q)
			if err != nil || read != tc.read {
				t.Fatalf("read %v (%v), want %v", read, err, tc.read)
			}
			if w := want("%"+strings.ToLower(tc.search)+"%", tc.from); read && !slices.Equal(ids, w) {
				t.Fatalf("%d ids, want %d: %v, want %v", len(ids), len(w), ids, w)
			}
			query, err := store.SetQuery(ctx, st.Reader(), q)
			if err != nil || strings.Contains(query, "external_id >=") != tc.byID {
				t.Fatalf("reads the matches with %s (%v); want external_id's index: %v", query, err, tc.byID)
			}
		})
	}
}

// seeded returns a new file seeded with users (from seed) as of now.
func seeded(t *testing.T, users int, seedN uint64, now time.Time) *store.Store {
	t.Helper()
	st := testutil.Open(t)
	if _, err := seed.Load(context.Background(), st, seed.Options{Users: users, Seed: seedN, Now: now, Actor: domain.CommandLine()}); err != nil {
		t.Fatal(err)
	}
	return st
}

// queryIDs reads the ids query returns, in its order.
func queryIDs(t *testing.T, st *store.Store, query string, args ...any) []int64 {
	t.Helper()
	rows, err := st.Reader().QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// pageNames is the names of a page's users, in its order.
func pageNames(p domain.UserPage) []string {
	names := make([]string, 0, len(p.Users))
	for _, u := range p.Users {
		names = append(names, u.Name)
	}
	return names
}

// listAll lists q page after page from its first, which it returns, and
// the ids of every user listed.
func listAll(t *testing.T, st *store.Store, q store.UserQuery) (first domain.UserPage, ids []int64) {
	t.Helper()
	for page := 0; ; page++ {
		p, err := store.ListUsers(context.Background(), st.Reader(), q)
		if err != nil {
			t.Fatal(err)
		}
		if page == 0 {
			first = p
		}
		ids = append(ids, pageIDs(p)...)
		if p.NextCursor == "" {
			return first, ids
		}
		q.Cursor = p.NextCursor
	}
}

// addUsers inserts users through the bulk path, counted and indexed as an
// import leaves them.
func addUsers(t *testing.T, st *store.Store, us []store.NewUser) {
	t.Helper()
	ctx := context.Background()
	err := st.Update(ctx, func(tx store.DB) error {
		b, err := store.BeginBulk(ctx, tx)
		if err != nil {
			return err
		}
		ids, err := b.InsertUsers(ctx, us)
		if err != nil {
			return err
		}
		list := make([]int64, 0, len(ids))
		for _, id := range ids {
			list = append(list, id)
		}
		statuses := map[string]int{}
		for _, u := range us {
			statuses[u.Status]++
		}
		if err := b.AddCounts(ctx, statuses, nil); err != nil {
			return err
		}
		if err := b.Index(ctx, list); err != nil {
			return err
		}
		return b.Close(ctx)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// explain returns SQLite's query plan, a step a line.
func explain(t *testing.T, st *store.Store, query string, args []any) string {
	t.Helper()
	rows, err := st.Reader().QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

// TestCreatedRangeFindsLateNumberedUsers: an import numbers a user it adds
// after everyone before it, whatever their creation date, so a created
// range's users are not an id range of the table; the search reads the
// range's own smallest to largest id and still finds them.
func TestCreatedRangeFindsLateNumberedUsers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	st := seeded(t, 500, 5, now)
	var oldest int64
	if err := st.Reader().QueryRowContext(ctx, "SELECT min(created_at) FROM connected_users").Scan(&oldest); err != nil {
		t.Fatal(err)
	}
	// Created before everyone, numbered after everyone.
	if err := st.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO connected_users (id, external_id, name, email, created_at)
			VALUES (100000, 'late-1', 'Zed Late', 'zed@latecomer.test', ?)`, oldest-1)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	from := time.UnixMilli(oldest - 1).UTC()
	for _, q := range []store.UserQuery{
		{Search: "latecomer", Sort: domain.SortCreated, Desc: true, CreatedFrom: from, CreatedTo: from.AddDate(0, 1, 0)},
		{Search: "latecomer", Sort: domain.SortName, CreatedFrom: from, CreatedTo: from.AddDate(0, 1, 0)},
		{Search: "late", Sort: domain.SortCreated, CreatedTo: from.AddDate(0, 0, 1)},
	} {
		q.Limit = 10
		p, err := store.ListUsers(ctx, st.Reader(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Users) != 1 || p.Users[0].ID != 100000 || p.Total != 1 || p.TotalCapped {
			t.Fatalf("%s: %d users, total %d capped %v; want the late-numbered user alone", describe(q), len(p.Users), p.Total, p.TotalCapped)
		}
	}
}

// TestWalkedSearchFindsFoldedText: the plans that test the search on each
// row use LIKE on ASCII text, which does not fold accents; a row that
// matches only once folded ("Ångström" for "angstr") is still found, by
// every plan, and a row that matches neither way is not.
func TestWalkedSearchFindsFoldedText(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	st := seeded(t, 300, 7, now)
	// Three users of one integration: accented, plain, and accented without the word.
	var integration int64
	var ids []int64
	rows, err := st.Reader().QueryContext(ctx, `SELECT integration_id, user_id FROM connections
		WHERE integration_id = (SELECT id FROM integrations ORDER BY user_count DESC LIMIT 1) ORDER BY user_id LIMIT 3`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&integration, &id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) != 3 {
		t.Fatalf("found %d users of one integration; want 3", len(ids))
	}
	folded, plain, neither := ids[0], ids[1], ids[2]
	if err := st.Update(ctx, func(tx store.DB) error {
		for _, u := range []struct {
			id                 int64
			name, email, extID string
		}{
			{folded, "Åsa Ångström", "asa@fjord.test", "ext-fjord-1"},
			{plain, "Bo Angstrom", "bo@fjord.test", "ext-fjord-2"},
			{neither, "Çağla Öz", "cagla@fjord.test", "ext-fjord-3"},
		} {
			if _, err := tx.ExecContext(ctx, "UPDATE connected_users SET name = ?, email = ?, external_id = ? WHERE id = ?",
				u.name, u.email, u.extID, u.id); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		plan string
		q    store.UserQuery
	}{
		{"walk the sort order, probe the search index", store.WithWalkFrom(store.UserQuery{Search: "angstr", Sort: domain.SortName}, 1)},
		{"walk the sort order, probe the search index", store.WithWalkFrom(store.UserQuery{Search: "ANGSTR", Sort: domain.SortLastActive, Desc: true}, 1)},
		{"walk the integration's users, test the search", store.WithWalkFrom(store.UserQuery{Search: "angstr", Sort: domain.SortCreated, IntegrationID: integration}, 1)},
		{"search index in id order", store.WithWalkFrom(store.UserQuery{Search: "angstr", Sort: domain.SortCreated, IntegrationID: integration}, 1<<30)},
		{"sort the search's matches", store.WithWalkFrom(store.UserQuery{Search: "angstr", Sort: domain.SortName}, 1<<30)},
	} {
		t.Run(c.plan+" "+describe(c.q), func(t *testing.T) {
			c.q.Limit = 10
			if plan, err := store.PlanOf(ctx, st.Reader(), c.q); err != nil || plan != c.plan {
				t.Fatalf("plan %q, %v; want %q", plan, err, c.plan)
			}
			p, err := store.ListUsers(ctx, st.Reader(), c.q)
			if err != nil {
				t.Fatal(err)
			}
			got := pageIDs(p)
			slices.Sort(got)
			if !slices.Equal(got, []int64{folded, plain}) {
				t.Fatalf("found users %v; want %v (Ångström and Angstrom)", got, []int64{folded, plain})
			}
		})
	}
}

// TestSearchPlansTestTheFoldInTheIndex checks that a walk in name,
// activity or (where ids do not follow it) created order tests the search
// on the folded text users_name, users_active and users_created hold
// (search_text, migrations 26 and 27): the index's column read, and the
// user's row only once the user matches; the walk of the users near the
// start (nearWalk) the same, within its range of the index.
func TestSearchPlansTestTheFoldInTheIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 300, 5, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	reverseCreated(t, st)
	for _, c := range []struct {
		sort domain.UserSort
		near bool // the walk of the users near the start (nearWalk), bounded
		walk string
	}{
		{domain.SortName, false, "SCAN u USING INDEX users_name"},
		{domain.SortName, true, "SEARCH u USING INDEX users_name (name<?)"},
		{domain.SortLastActive, false, "SCAN u USING INDEX users_active"},
		{domain.SortLastActive, true, "SEARCH u USING INDEX users_active (last_active_at<?)"},
		{domain.SortCreated, false, "SCAN u USING INDEX users_created"},
		{domain.SortCreated, true, "SEARCH u USING INDEX users_created (created_at<?)"},
	} {
		t.Run(fmt.Sprintf("%s near=%v", c.sort, c.near), func(t *testing.T) {
			q := store.WithWalkFrom(store.UserQuery{Search: "RAMÓN", Sort: c.sort, Limit: 20}, 1)
			query, args, err := store.ListSQL(ctx, st.Reader(), q)
			if c.near {
				query, args, _, err = store.NearSQL(ctx, st.Reader(), store.WithNearRows(store.UserQuery{Search: ".CO", Sort: c.sort, Limit: 20}, 100))
			}
			if err != nil {
				t.Fatal(err)
			}
			if plan := explain(t, st, query, args); !strings.Contains(plan, c.walk) {
				t.Fatalf("does not %s:\n%s", c.walk, plan)
			}
			rows, err := st.Reader().QueryContext(ctx, "EXPLAIN "+query, args...)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			type op struct {
				code       string
				p1, p2, p3 int
				p4         string
			}
			var program []op
			var listing []string
			for rows.Next() {
				var addr int
				var o op
				var p5 int
				var p4, comment sql.NullString
				if err := rows.Scan(&addr, &o.code, &o.p1, &o.p2, &o.p3, &p4, &p5, &comment); err != nil {
					t.Fatal(err)
				}
				o.p4 = p4.String
				program, listing = append(program, o), append(listing, fmt.Sprintf("%d %s %d %d %d %s", addr, o.code, o.p1, o.p2, o.p3, o.p4))
			}
			// DeferredSeek: the index's cursor p1 stands for the table's p3
			// until a column of the row is read. None may be before the
			// search's LIKE.
			seek := slices.IndexFunc(program, func(o op) bool { return o.code == "DeferredSeek" })
			like := slices.IndexFunc(program, func(o op) bool { return strings.HasPrefix(o.p4, "like(") })
			if seek < 0 || like < seek {
				t.Fatalf("does not test the search before reading the user's row:\n%s", strings.Join(listing, "\n"))
			}
			for _, o := range program[seek:like] {
				if o.code == "Column" && o.p1 == program[seek].p3 {
					t.Fatalf("reads the user's row before testing the search:\n%s", strings.Join(listing, "\n"))
				}
			}
		})
	}
}

// reverseCreated gives st's users the creation dates of their reverse in id
// order: ids then follow no created order (user_order says so).
func reverseCreated(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	if err := st.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, `UPDATE connected_users SET created_at = (SELECT min(created_at) + max(created_at) FROM connected_users) - created_at;
			UPDATE connections SET user_created_at = (SELECT created_at FROM connected_users WHERE id = user_id)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var inOrder bool
	var inversion sql.NullInt64
	if err := st.Reader().QueryRowContext(ctx, "SELECT ids_follow_created, max_inversion FROM user_order").Scan(&inOrder, &inversion); err != nil || inOrder || inversion.Valid {
		t.Fatalf("user_order: in order %v, max inversion %v, %v; want neither", inOrder, inversion, err)
	}
}

// TestNamePrefixPagesPastFoldedNames pages through a search by name in the
// plan that merges the names starting with it, a page smaller than the
// users whose name starts with it only once folded ("zoe": Zoë): each page
// after the first continues from its cursor in every branch, Zoë's too,
// and the pages are the list the planned order gives.
func TestNamePrefixPagesPastFoldedNames(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 2000, 5, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	for _, desc := range []bool{false, true} {
		t.Run(fmt.Sprintf("desc=%v", desc), func(t *testing.T) {
			all := func(q store.UserQuery) []int64 {
				var ids []int64
				for page := 0; ; page++ {
					if page > 100 {
						t.Fatalf("%d pages of %d: the cursor does not move on", page, q.Limit)
					}
					p, err := store.ListUsers(ctx, st.Reader(), q)
					if err != nil {
						t.Fatal(err)
					}
					ids = append(ids, pageIDs(p)...)
					if p.NextCursor == "" {
						return ids
					}
					q.Cursor = p.NextCursor
				}
			}
			q := store.UserQuery{Search: "zoe", Sort: domain.SortName, Desc: desc, Limit: 7}
			want := all(store.WithWalkFrom(q, 1<<30)) // every match sorted
			if len(want) < 3*q.Limit {
				t.Fatalf("%d users match %q; want several pages", len(want), q.Search)
			}
			if got := all(store.WithNamePrefix(q)); !slices.Equal(got, want) {
				t.Fatalf("%d users, want %d; first difference at %d", len(got), len(want), firstDiff(got, want))
			}
		})
	}
}
