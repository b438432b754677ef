package store_test

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
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

// oneBoundASide fails t when a query gives a read of the search index
// (users_fts f) two bounds on the same side of its ids: the index starts
// from one of them, not the tighter (see idRange.within), and may read the
// matches below a range from the first user on, every page.
type oneBoundASide struct {
	t  *testing.T
	db store.DB
}

var ftsBound = regexp.MustCompile(`\bf\.rowid (BETWEEN|[<>]=?) `)

func (b oneBoundASide) check(query string) {
	b.t.Helper()
	for _, read := range strings.Split(query, "users_fts f ")[1:] {
		lower, upper := 0, 0
		for _, m := range ftsBound.FindAllStringSubmatch(read, -1) {
			switch m[1] {
			case "BETWEEN":
				lower, upper = lower+1, upper+1
			case ">", ">=":
				lower++
			default:
				upper++
			}
		}
		if lower > 1 || upper > 1 {
			b.t.Errorf("the search index is given %d lower and %d upper bounds on its ids:\n%s", lower, upper, query)
		}
	}
}

func (b oneBoundASide) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	b.check(query)
	return b.db.ExecContext(ctx, query, args...)
}

func (b oneBoundASide) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	b.check(query)
	return b.db.QueryContext(ctx, query, args...)
}

func (b oneBoundASide) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	b.check(query)
	return b.db.QueryRowContext(ctx, query, args...)
}

func (b oneBoundASide) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	b.check(query)
	return b.db.PrepareContext(ctx, query)
}

// oracleUser is a user as the brute-force oracle sees it.
type oracleUser struct {
	id               int64
	name, email, ext string
	status           domain.UserStatus
	created, active  int64
	integrations     map[int64]bool
}

// TestListPlansAgainstOracle walks every page of many filter and sort
// combinations, covering each query plan ListUsers picks (users index, the
// integration index, probing a common integration, the search index in id
// order, search by IN, the short-search scan), and compares each walk with a
// brute-force answer computed in Go from all rows.
func TestListPlansAgainstOracle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	// Users numbered as first seen, as seeded; numbered against created
	// order, as an import of an export (newest first) numbers them; in
	// created order but many to a creation time, as an import of a file
	// without creation dates creates them; and numbered against created
	// order, all created and active within the same bucket of
	// user_positions (a day and a half), as users moved onto a platform at
	// once and busy every day are; numbered a few minutes out of created
	// order, as users seen live before their platform's history came in
	// are; and numbered in created order but for one in 400, seen hours
	// before it was created.
	for _, numbering := range []string{"in created order", "against created order", "sharing creation times", "crowded into a day",
		"a little out of order", "far out of order in places"} {
		t.Run(numbering, func(t *testing.T) {
			t.Parallel()
			testListPlans(t, ctx, now, numbering)
		})
	}
}

func testListPlans(t *testing.T, ctx context.Context, now time.Time, numbering string) {
	// Seeded once (only this test uses the data), with users in two blocks
	// of ids of user_positions (4,096 ids each).
	st := testutil.Open(t)
	if _, err := seed.Load(ctx, st, seed.Options{Users: 5000, Seed: 11, Now: now, Actor: domain.CommandLine()}); err != nil {
		t.Fatal(err)
	}
	reversed := numbering != "in created order" && numbering != "sharing creation times"
	// How much older a user can be than one numbered before them, while
	// known (user_order.max_inversion): in the last two, 4 minutes and
	// 16.7 hours.
	lookBehind := numbering == "a little out of order" || numbering == "far out of order in places"
	// The start of a bucket of user_positions: 5,000 users 20 s apart fill
	// 28 hours of it.
	const day = "((SELECT max(created_at) FROM connected_users) >> 27 << 27)"
	const seq = "(id - (SELECT min(id) FROM connected_users) + 1)" // 1 to 5,000
	created := map[string]string{
		"against created order":      "(SELECT min(created_at) + max(created_at) FROM connected_users) - created_at",
		"sharing creation times":     "(SELECT min(created_at) FROM connected_users) + " + seq + " / 500 * 1000",
		"crowded into a day":         day + " + (6000 - " + seq + ") * 20000",
		"a little out of order":      "(SELECT min(created_at) FROM connected_users) + (" + seq + " + " + seq + " * 7919 % 13) * 20000",
		"far out of order in places": "(SELECT min(created_at) FROM connected_users) + (" + seq + " + iif(" + seq + " % 400 = 0, 3000, 0)) * 20000",
	}[numbering]
	if created != "" {
		err := st.Update(ctx, func(tx store.DB) error {
			_, err := tx.ExecContext(ctx, `UPDATE connected_users SET created_at = `+created+`;
				UPDATE connections SET user_created_at = (SELECT created_at FROM connected_users WHERE id = user_id)`)
			if err == nil && numbering == "crowded into a day" {
				_, err = tx.ExecContext(ctx, `UPDATE connected_users SET last_active_at = `+day+` + `+seq+` * 7919 % 5000 * 20000
					WHERE last_active_at <> 0`)
			}
			if err == nil && !reversed { // moving every date loses track of the order, which still holds
				_, err = tx.ExecContext(ctx, "UPDATE user_order SET ids_follow_created = 1, max_inversion = 0")
			}
			if err == nil && lookBehind { // and of how far from it they are
				err = store.RecheckUserOrder(ctx, tx)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Names that start with digits or punctuation, as companies' do: their
	// first characters are text that looks like a number ("12", "00"), and
	// sort before letters.
	if err := st.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, `UPDATE connected_users SET name = CASE id % 29
			WHEN 0 THEN (id % 97) || ' Monkeys' WHEN 1 THEN '00' || (id % 7) || ' Ltd' WHEN 2 THEN '#' || name
			WHEN 3 THEN '1.5 ' || name WHEN 4 THEN (id % 3) || 'e5 Labs' WHEN 5 THEN CAST(id % 10 AS TEXT) END WHERE id % 29 < 6`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// An integration numbered past store.MaxBitIntegration has no bit in
	// integration_bits: its users are found through their connections.
	// It takes every third user of integration 1.
	const late = 100
	if err := st.Update(ctx, func(tx store.DB) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO integrations (id, key, name) VALUES (?, 'late', 'Late')", late); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO connections (user_id, integration_id, status, connected_at, status_changed_at, user_created_at)
			SELECT user_id, ?, status, connected_at, status_changed_at, user_created_at FROM connections
			WHERE integration_id = 1 AND user_id % 3 = 0`, late)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var inOrder bool
	if err := st.Reader().QueryRowContext(ctx, "SELECT ids_follow_created FROM user_order").Scan(&inOrder); err != nil || inOrder == reversed {
		t.Fatalf("user_order says users are numbered in created order: %v (%v); want %v", inOrder, err, !reversed)
	}
	all := loadOracle(t, st)
	byID := map[int64]oracleUser{}
	for _, u := range all {
		byID[u.id] = u
	}

	var common, rare int64 // the most and least used integrations
	ints, err := store.ListIntegrations(ctx, st.Reader())
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(ints, func(a, b domain.Integration) int { return cmp.Compare(a.Users, b.Users) })
	rare, common = ints[0].ID, ints[len(ints)-1].ID
	for _, in := range ints {
		n := 0
		for _, u := range all {
			if u.integrations[in.ID] {
				n++
			}
		}
		if n != in.Users {
			t.Fatalf("integration %s: maintained user count %d, real %d", in.Key, in.Users, n)
		}
	}

	from, to := now.AddDate(0, -6, 0), now.AddDate(0, -1, 0)
	oldest := time.UnixMilli(slices.MinFunc(all, func(a, b oracleUser) int { return cmp.Compare(a.created, b.created) }).created).UTC()
	oldFrom, oldTo := oldest.Truncate(24*time.Hour), oldest.Truncate(24*time.Hour).AddDate(0, 1, 0)
	// A range whose first and last users match ".co": a bound on ids one
	// user off loses one of them.
	var co []int64
	for _, u := range all {
		if strings.Contains(u.email, ".co") {
			co = append(co, u.created)
		}
	}
	slices.Sort(co)
	edgeFrom, edgeTo := time.UnixMilli(co[len(co)/3]), time.UnixMilli(co[2*len(co)/3]+1)
	// set walks the sort order testing users against the search's matches
	// read once, whatever their count.
	set := func(q store.UserQuery) store.UserQuery { return store.WithSetFrom(store.WithWalkFrom(q, 1<<30), -1) }
	pruned := store.WithPruned
	queries := []store.UserQuery{
		{Sort: domain.SortCreated, Desc: true},
		{Sort: domain.SortCreated},
		{Sort: domain.SortName},
		{Sort: domain.SortName, Desc: true, Status: domain.StatusAccountErrors},
		{Sort: domain.SortLastActive, Desc: true},
		{Sort: domain.SortLastActive}, // users never active first, in id order
		{Sort: domain.SortLastActive, Status: domain.StatusConnected},
		{Sort: domain.SortCreated, Desc: true, IntegrationID: common},
		{Sort: domain.SortCreated, IntegrationID: rare, Status: domain.StatusConnected},
		{Sort: domain.SortName, IntegrationID: common}, // probe plan
		{Sort: domain.SortLastActive, Desc: true, IntegrationID: common, Status: domain.StatusConnected},
		{Sort: domain.SortName, Desc: true, IntegrationID: rare}, // join-and-sort plan
		{Sort: domain.SortCreated, Desc: true, Search: "son"},    // search index in id order
		{Sort: domain.SortCreated, Search: "ACME", IntegrationID: common},
		{Sort: domain.SortCreated, Desc: true, Search: "mon", Status: domain.StatusConnected}, // Ramón, monarch
		// A rare status's users walked in created order, testing the text.
		store.WithWalkFrom(store.UserQuery{Sort: domain.SortCreated, Desc: true, Search: "son", Status: domain.StatusDisabled}, 1),
		store.WithWalkFrom(store.UserQuery{Sort: domain.SortCreated, Search: "ACME", Status: domain.StatusAccountErrors, CreatedFrom: from}, 1),
		// The same testing the matches read once, or reading them in id order.
		{Sort: domain.SortCreated, Desc: true, Search: "usr_a", Status: domain.StatusAccountErrors},
		{Sort: domain.SortCreated, Search: "son", Status: domain.StatusDisabled, CreatedFrom: from},
		{Sort: domain.SortCreated, Desc: true, Search: "ramón", Status: domain.StatusNoIntegrations},
		{Sort: domain.SortName, Search: "lov"}, // few matches: sorted
		{Sort: domain.SortCreated, Desc: true, CreatedFrom: from, CreatedTo: to},
		{Sort: domain.SortCreated, Desc: true, CreatedFrom: from, CreatedTo: to, IntegrationID: common},
		{Sort: domain.SortName, CreatedFrom: from, Search: "ada"},
		// An integration and a status: one range of connections in created
		// order, sorted when rare, probed when common.
		{Sort: domain.SortCreated, Desc: true, IntegrationID: common, Status: domain.StatusAccountErrors},
		{Sort: domain.SortCreated, IntegrationID: rare, Status: domain.StatusDisabled},
		{Sort: domain.SortName, IntegrationID: rare, Status: domain.StatusAccountErrors},                // bamboohr_errors_by_name
		{Sort: domain.SortName, IntegrationID: common, Status: domain.StatusConnected},                  // probe behind the status
		{Sort: domain.SortName, IntegrationID: common, Status: domain.StatusDisabled},                   // slack_disabled_by_name
		{Sort: domain.SortLastActive, Desc: true, IntegrationID: common, Status: domain.StatusDisabled}, // last_active_slack_disabled
		{Sort: domain.SortCreated, Desc: true, IntegrationID: common, Status: domain.StatusAccountErrors, CreatedFrom: from, CreatedTo: to},
		{Sort: domain.SortName, IntegrationID: rare, Status: domain.StatusConnected, CreatedFrom: from},
		// Connected users of an integration are walked in connections_integration, the rare statuses in its partial twin.
		{Sort: domain.SortCreated, Desc: true, IntegrationID: common, Status: domain.StatusConnected, CreatedFrom: from, CreatedTo: to},
		{Sort: domain.SortCreated, IntegrationID: rare, Status: domain.StatusDisabled, CreatedFrom: from},
		{Sort: domain.SortCreated, IntegrationID: common, Status: domain.StatusNoIntegrations},
		{Sort: domain.SortCreated, IntegrationID: common, Status: domain.StatusNoIntegrations, CreatedTo: to},
		// Searches sorted by name or activity: many matches walk the sort
		// order, few are sorted.
		{Sort: domain.SortName, Search: ".co"}, // as search_dotcom_by_name: a common substring
		{Sort: domain.SortName, Desc: true, Search: ".co", Status: domain.StatusAccountErrors},
		{Sort: domain.SortLastActive, Desc: true, Search: ".co", IntegrationID: common},
		{Sort: domain.SortName, Search: "globex", IntegrationID: rare, Status: domain.StatusConnected},
		// A common search among an integration's few users of a status:
		// their text tested on their rows, no match read ("mon" finds
		// Ramón and monarch alike, "RAMÓN" Ramón, folded).
		{Sort: domain.SortName, Search: ".co", IntegrationID: rare, Status: domain.StatusAccountErrors},
		{Sort: domain.SortLastActive, Desc: true, Search: "mon", IntegrationID: common, Status: domain.StatusDisabled, CreatedFrom: from},
		{Sort: domain.SortName, Desc: true, Search: "RAMÓN", IntegrationID: late, Status: domain.StatusAccountErrors},
		store.WithWalkFrom(store.UserQuery{Sort: domain.SortName, Search: "mon"}, 10),   // Ramón by the index, monarch by LIKE
		store.WithWalkFrom(store.UserQuery{Sort: domain.SortName, Search: "ramón"}, 10), // not ASCII: the index alone
		store.WithWalkFrom(store.UserQuery{Sort: domain.SortName, Search: `a"_%`}, -1),  // LIKE's wildcards and a quote are literal
		store.WithWalkFrom(store.UserQuery{Sort: domain.SortName, Search: "ACME"}, 10),  // case folded
		// The same against the matches read once: in the sort index (behind
		// a status, an integration's bit), or in the integration's users
		// when ids are not in created order.
		set(store.UserQuery{Sort: domain.SortName, Search: "mon"}), // Ramón and monarch alike
		set(store.UserQuery{Sort: domain.SortName, Search: "ramón"}),
		set(store.UserQuery{Sort: domain.SortName, Desc: true, Search: ".co", Status: domain.StatusAccountErrors}),
		set(store.UserQuery{Sort: domain.SortLastActive, Desc: true, Search: "son", IntegrationID: common}),
		set(store.UserQuery{Sort: domain.SortLastActive, Search: "son", IntegrationID: late, Status: domain.StatusConnected}),
		set(store.UserQuery{Sort: domain.SortName, CreatedFrom: from, Search: "ada"}),
		set(store.UserQuery{Sort: domain.SortCreated, Desc: true, Search: "son", Status: domain.StatusConnected}),
		set(store.UserQuery{Sort: domain.SortCreated, Search: "ada", IntegrationID: common, CreatedFrom: from, CreatedTo: to}),
		// The start of many ids ("usr_…"): a range of external_id's index,
		// and the rarest trigram's other users.
		store.UserQuery{Sort: domain.SortName, Search: "usr_a"},
		store.UserQuery{Sort: domain.SortLastActive, Desc: true, Search: "USR_7", Status: domain.StatusConnected, CreatedFrom: from},
		// Sorted by name, the names that start with the search read from
		// their range, merged with the other matches: "zoe" finds Zoë, whose
		// name is outside the range, among the others.
		store.WithNamePrefix(store.UserQuery{Sort: domain.SortName, Search: "ada"}),
		store.WithNamePrefix(store.UserQuery{Sort: domain.SortName, Desc: true, Search: "zoe", Status: domain.StatusConnected}),
		store.WithNamePrefix(store.UserQuery{Sort: domain.SortName, Search: "RAMÓN", IntegrationID: late}),
		store.WithNamePrefix(store.UserQuery{Sort: domain.SortName, Desc: true, Search: "yuki", IntegrationID: common, CreatedFrom: from}),
		store.WithNamePrefix(store.UserQuery{Sort: domain.SortName, Search: "son"}),
		// Sorted by name, activity or (where ids do not follow it) created
		// date, the users after the cursor walked first, a few at a time: a
		// common substring finds its page there, a rare one is planned
		// (every search here finds its page within the default's 19,600
		// users for a page of 97).
		store.WithNearRows(store.UserQuery{Sort: domain.SortName, Search: ".co"}, 600),
		store.WithNearRows(store.UserQuery{Sort: domain.SortName, Desc: true, Search: "son", Status: domain.StatusConnected, IntegrationID: common}, 200),
		store.WithNearRows(store.UserQuery{Sort: domain.SortName, Search: "zoe"}, 200), // Zoë too
		store.WithNearRows(store.UserQuery{Sort: domain.SortLastActive, Search: ".co"}, 600),
		store.WithNearRows(store.UserQuery{Sort: domain.SortLastActive, Desc: true, Search: "ramón", Status: domain.StatusConnected}, 200),
		store.WithNearRows(store.UserQuery{Sort: domain.SortCreated, Desc: true, Search: ".co", CreatedFrom: from}, 600), // where ids do not follow created order
		// A search and a created range, sorted otherwise: the search index
		// read between the range's ids, its matches sorted or read once,
		// or the sort order walked testing the search in the index before
		// the range on the row.
		{Sort: domain.SortLastActive, Search: "ada", CreatedFrom: from, CreatedTo: to},
		set(store.UserQuery{Sort: domain.SortLastActive, Desc: true, Search: "son", Status: domain.StatusConnected, CreatedTo: to}),
		store.WithWalkFrom(store.UserQuery{Sort: domain.SortName, Search: ".co", CreatedFrom: from, CreatedTo: to}, 1),
		store.WithWalkFrom(store.UserQuery{Sort: domain.SortLastActive, Desc: true, Search: "son", IntegrationID: common, CreatedFrom: from}, 1),
		store.WithNamePrefix(store.UserQuery{Sort: domain.SortName, Search: "son", CreatedFrom: oldFrom, CreatedTo: to}),
		// A created range sorted otherwise, without a search: the sort
		// order walked testing ids in the index, or the range read and
		// sorted.
		{Sort: domain.SortName, CreatedFrom: from, CreatedTo: to},
		{Sort: domain.SortLastActive, CreatedFrom: edgeFrom, CreatedTo: edgeTo},
		{Sort: domain.SortLastActive, Desc: true, Status: domain.StatusConnected, CreatedFrom: oldFrom, CreatedTo: oldTo},
		{Sort: domain.SortName, Desc: true, Status: domain.StatusAccountErrors, CreatedFrom: oldFrom, CreatedTo: oldTo},
		{Sort: domain.SortLastActive, IntegrationID: common, CreatedFrom: from},
		// An integration and a created range, joined in the range and sorted
		// (pages inside the run of users never active read it, then the
		// users past it), or walked.
		{Sort: domain.SortLastActive, IntegrationID: common, CreatedFrom: edgeFrom, CreatedTo: edgeTo},
		{Sort: domain.SortName, Desc: true, IntegrationID: rare, CreatedFrom: oldFrom, CreatedTo: to},
		{Sort: domain.SortLastActive, Desc: true, IntegrationID: common, Status: domain.StatusConnected, CreatedTo: edgeTo},
		{Sort: domain.SortLastActive, Search: ".co", CreatedFrom: edgeFrom, CreatedTo: edgeTo},
		{Sort: domain.SortCreated, Desc: true, Search: ".co", CreatedFrom: edgeFrom, CreatedTo: edgeTo},
		set(store.UserQuery{Sort: domain.SortName, Search: ".co", CreatedFrom: edgeFrom, CreatedTo: edgeTo}),
		store.WithNamePrefix(store.UserQuery{Sort: domain.SortName, Desc: true, Search: ".co", CreatedFrom: edgeFrom, CreatedTo: edgeTo}),
		// A search with other filters (the count reads a bounded number of matches).
		{Sort: domain.SortCreated, Desc: true, Search: "globex", CreatedFrom: oldFrom, CreatedTo: oldTo}, // globex_oldest_month
		{Sort: domain.SortCreated, Desc: true, Search: "globex", IntegrationID: rare},                    // globex_bamboohr
		// A search and an integration in created order: the integration's
		// users tested for the search, or the search's matches probed.
		store.WithWalkFrom(store.UserQuery{Sort: domain.SortCreated, Desc: true, Search: "son", IntegrationID: rare}, 1),
		store.WithWalkFrom(store.UserQuery{Sort: domain.SortCreated, Search: "mon", IntegrationID: common, Status: domain.StatusConnected}, 1), // Ramón by the index
		store.WithWalkFrom(store.UserQuery{Sort: domain.SortCreated, Desc: true, Search: "ada", IntegrationID: common, CreatedFrom: from, CreatedTo: to}, 1),
		store.WithWalkFrom(store.UserQuery{Sort: domain.SortCreated, Search: "son", IntegrationID: rare}, 1<<30), // the matches probed
		{Sort: domain.SortCreated, Desc: true, Search: "globex", Status: domain.StatusAccountErrors},             // globex_errors
		{Sort: domain.SortCreated, Search: ".com", IntegrationID: common, Status: domain.StatusDisabled},
		// An integration without a bit: probed, joined, and joined to a search.
		{Sort: domain.SortName, IntegrationID: late},
		{Sort: domain.SortLastActive, Desc: true, IntegrationID: late, Status: domain.StatusConnected},
		{Sort: domain.SortName, IntegrationID: late, Status: domain.StatusAccountErrors},
		{Sort: domain.SortName, Search: "son", IntegrationID: late},
		// More than CountCap matches: the list's count is a lower bound.
		{Sort: domain.SortCreated, Desc: true, Search: ".com"},
		{Sort: domain.SortCreated, Desc: true, Search: ".com", Status: domain.StatusConnected},
		{Sort: domain.SortCreated, Desc: true, Search: ".com", CreatedFrom: oldFrom, CreatedTo: to},
		// A search looked up by its rarest trigram (in 1.4-9 times as many
		// users as it matches, some not at all), the users found tested on
		// their folded text, in every plan: the index in id order (and
		// looking behind), sorted, read once, probed on the row, merged with
		// the names that start with it, walked near the cursor, counted.
		pruned(store.UserQuery{Sort: domain.SortCreated, Desc: true, Search: "usr_a"}),
		pruned(store.UserQuery{Sort: domain.SortCreated, Search: "tim.garcia", Status: domain.StatusConnected}),
		pruned(store.UserQuery{Sort: domain.SortName, Search: "mateo.c"}),
		pruned(set(store.UserQuery{Sort: domain.SortName, Search: "@monarch.io"})),
		pruned(store.WithWalkFrom(store.UserQuery{Sort: domain.SortName, Search: "@monarch.io", Status: domain.StatusAccountErrors}, 10)),
		pruned(store.WithNamePrefix(store.UserQuery{Sort: domain.SortName, Search: "leslie l"})),
		pruned(store.WithNearRows(store.UserQuery{Sort: domain.SortLastActive, Search: "cerf@"}, 600)),
		pruned(store.UserQuery{Sort: domain.SortCreated, Desc: true, Search: "@oscorp.io", IntegrationID: rare}),
		pruned(store.UserQuery{Sort: domain.SortName, Search: "@oscorp", Status: domain.StatusConnected}),
		pruned(store.UserQuery{Sort: domain.SortCreated, Desc: true, Search: "usr_a", CreatedFrom: from, CreatedTo: to}),
		// A search whose matches are read once (materialize: any search
		// here, whose trigrams are rare in 5,000 users), and the same
		// read from the search index.
		store.WithSetMatches(store.UserQuery{Sort: domain.SortName, Search: "lov"}, -1),
		store.WithSetMatches(store.UserQuery{Sort: domain.SortLastActive, Desc: true, Search: "son", IntegrationID: common, Status: domain.StatusConnected}, -1),
		store.WithSetMatches(store.UserQuery{Sort: domain.SortName, Search: "mon", IntegrationID: late}, -1),
		// Looking behind for more than a few rows: planned again.
		store.WithLookBehindRows(store.UserQuery{Sort: domain.SortCreated, Desc: true, Search: ".com"}, 5),
		store.WithLookBehindRows(store.UserQuery{Sort: domain.SortCreated, Search: "son", Status: domain.StatusConnected}, 5),
	}
	plans := map[string]bool{} // written before the subtests run
	t.Cleanup(func() {
		want := []string{"walk the sort order, probe the search index", "sort the search's matches",
			"walk the integration's users, test the search", "walk the sort order, test the search's matches",
			"walk the names that start with the search, sort the other matches",
			"read the integration's users of the status", "read the integration's users", "walk the sort order, probe the integration",
			"walk a users index", "the names near the start", "sort the integration's users that match",
			"sort the integration's users whose text matches"}
		switch {
		case reversed && plans["search index in id order"]:
			t.Error("a search in created order read the search index in id order, which is not created order here")
		case !lookBehind && plans["search index in id order, looking behind"]:
			t.Error("a search in created order read the search index in id order, looking behind, which has no bound here")
		case !reversed:
			want = append(want, "search index in id order", "read the created range, sort it")
		case lookBehind:
			want = append(want, "search index in id order, looking behind")
		}
		if reversed && !lookBehind { // else a search in created order and an integration reads both in that order
			want = append(want, "walk the integration's users, test the search's matches")
		}
		for _, p := range want {
			if !plans[p] {
				t.Errorf("no query took the plan %q", p)
			}
		}
	})
	for _, q := range queries {
		q.Limit = 97
		plan, err := store.PlanOf(ctx, st.Reader(), q)
		if err != nil {
			t.Fatal(err)
		}
		plans[plan] = true
		near, err := store.NearWalk(ctx, st.Reader(), q)
		if err != nil {
			t.Fatal(err)
		}
		plans["the names near the start"] = plans["the names near the start"] || near
		budgets := []int{0}
		if q.Search != "" {
			budgets = append(budgets, 150) // the count's budget runs out
		}
		for _, budget := range budgets {
			q := store.WithCountBudget(q, budget)
			t.Run(fmt.Sprintf("%s budget=%d", describe(q), budget), func(t *testing.T) {
				t.Parallel()
				want := oracle(all, q)
				var got []int64
				total, capped := -2, false
				for page := 0; ; page++ {
					p, err := store.ListUsers(ctx, oneBoundASide{t, st.Reader()}, q)
					if err != nil {
						t.Fatal(err)
					}
					if page == 0 {
						total, capped = p.Total, p.TotalCapped
					} else if p.Total != -1 {
						t.Fatalf("page %d: Total %d; want -1 after the first page", page, p.Total)
					}
					got = append(got, pageIDs(p)...)
					if p.NextCursor == "" {
						break
					}
					q.Cursor = p.NextCursor
				}
				if !slices.Equal(got, want) {
					t.Fatalf("walked %d users, want %d; first difference at %d", len(got), len(want), firstDiff(got, want))
				}
				// Exact from maintained counts without a search or dates;
				// else exact, or a lower bound of at least the first page.
				maintained := q.Search == "" && q.CreatedFrom.IsZero() && q.CreatedTo.IsZero()
				switch {
				case !capped && total != len(want):
					t.Fatalf("first page Total %d, exact; want %d", total, len(want))
				case capped && maintained:
					t.Fatalf("first page Total %d capped; want %d exactly from the maintained counts", total, len(want))
				case capped && (total > min(len(want), store.CountCap) || total < min(len(want), q.Limit)):
					t.Fatalf("first page Total %d capped; want a lower bound of %d, at least a page", total, len(want))
				case capped && len(want) <= store.CountCap && budget == 0 && q.Search == "":
					t.Fatalf("first page Total %d capped; want %d: a created range counts up to CountCap", total, len(want))
				}
				// A jump into the list (the scrollbar) gets the rows at that
				// position, whatever plan the offset leads to: stepping from
				// an end, or from a bucket of user_positions.
				// fine 1: from the fine buckets of user_fine_positions
				// whenever the bucket holds more than one user.
				type jumpAt struct{ offset, steps, fine int }
				jumps := []jumpAt{{1, 0, 0}, {len(want) / 3, 0, 0}, {len(want) - 1, 0, 0}, {len(want), 0, 0},
					{len(want) + 5, 0, 0}, {1, -1, 0}, {len(want) / 3, -1, 0}, {len(want) / 2, -1, 0}, {len(want) - q.Limit - 1, -1, 0},
					{len(want) / 3, -1, 1}, {len(want) / 2, -1, 1}, {len(want) - q.Limit - 1, -1, 1}}
				// Into the last block of ids of the users never active.
				if i := slices.IndexFunc(want, func(id int64) bool { return byID[id].active != 0 }); q.Sort == domain.SortLastActive && !q.Desc && i > 2 {
					jumps = append(jumps, jumpAt{i - 2, -1, 0}, jumpAt{i + 2, -1, 1})
				}
				for _, jump := range jumps {
					offset := jump.offset
					if offset <= 0 {
						continue
					}
					jq := store.WithFineAbove(store.WithJumpSteps(q, jump.steps), jump.fine)
					jq.Cursor, jq.Offset = "", offset
					p, err := store.ListUsers(ctx, oneBoundASide{t, st.Reader()}, jq)
					if err != nil {
						t.Fatal(err)
					}
					ids := pageIDs(p)
					if w := want[min(offset, len(want)):min(offset+q.Limit, len(want))]; !slices.Equal(ids, w) || p.Total != -1 {
						t.Fatalf("offset %d (steps %d, fine above %d): %d users (Total %d), want %d (Total -1); first difference at %d",
							offset, jump.steps, jump.fine, len(ids), p.Total, len(w), firstDiff(ids, w))
					}
					// Its cursor goes on from there, read from either end.
					next := min(offset+q.Limit, len(want))
					if (p.NextCursor != "") != (next < len(want)) {
						t.Fatalf("offset %d (steps %d): next cursor %q; want one only if %d < %d", offset, jump.steps, p.NextCursor, next, len(want))
					}
					if p.NextCursor != "" {
						jq.Offset, jq.Cursor = 0, p.NextCursor
						if p, err = store.ListUsers(ctx, oneBoundASide{t, st.Reader()}, jq); err != nil {
							t.Fatal(err)
						}
						ids = pageIDs(p)
						if w := want[next:min(next+q.Limit, len(want))]; !slices.Equal(ids, w) {
							t.Fatalf("offset %d (steps %d), next page: %d users, want %d; first difference at %d", offset, jump.steps, len(ids), len(w), firstDiff(ids, w))
						}
					}
				}
				// The separate count is exact however many match.
				if n, err := store.CountUsers(ctx, st.Reader(), q); err != nil || n != len(want) {
					t.Fatalf("CountUsers = %d, %v; want %d exactly", n, err, len(want))
				}
			})
		}
	}

}

// TestShortSearchIsRefused: one or two characters would read every user.
func TestShortSearchIsRefused(t *testing.T) {
	t.Parallel()
	st := testutil.Open(t)
	for _, search := range []string{"a", "an", "ó_"} {
		_, err := store.ListUsers(context.Background(), st.Reader(), store.UserQuery{Search: search, Sort: domain.SortName, Limit: 10})
		var de *domain.Error
		if !errors.As(err, &de) || de.Code != domain.CodeInvalid || de.Field != "search" {
			t.Fatalf("search %q: %v; want an invalid search", search, err)
		}
	}
}

func describe(q store.UserQuery) string {
	d := fmt.Sprintf("sort=%s desc=%v", q.Sort, q.Desc)
	if q.Search != "" {
		d += fmt.Sprintf(" search=%q", q.Search)
	}
	if q.Status != "" {
		d += " status=" + string(q.Status)
	}
	if q.IntegrationID != 0 {
		d += fmt.Sprintf(" integration=%d", q.IntegrationID)
	}
	if !q.CreatedFrom.IsZero() || !q.CreatedTo.IsZero() {
		d += " dates"
	}
	return d
}

func oracle(all []oracleUser, q store.UserQuery) []int64 {
	var out []oracleUser
	for _, u := range all {
		if q.Status != "" && u.status != q.Status ||
			q.IntegrationID != 0 && !u.integrations[q.IntegrationID] ||
			!q.CreatedFrom.IsZero() && u.created < q.CreatedFrom.UnixMilli() ||
			!q.CreatedTo.IsZero() && u.created >= q.CreatedTo.UnixMilli() ||
			q.Search != "" && !matches(u, q.Search) {
			continue
		}
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b oracleUser) int {
		c := 0
		switch q.Sort {
		case domain.SortName:
			c = strings.Compare(asciiLower(a.name), asciiLower(b.name)) // SQLite's NOCASE
		case domain.SortLastActive:
			c = cmp.Compare(a.active, b.active)
		default:
			c = cmp.Compare(a.created, b.created)
		}
		if c == 0 {
			c = cmp.Compare(a.id, b.id)
		}
		if q.Desc {
			return -c
		}
		return c
	})
	ids := make([]int64, len(out))
	for i, u := range out {
		ids[i] = u.id
	}
	return ids
}

// matches is substring search as Roster promises it: case-insensitive, and
// from three characters on, accent-insensitive too (the trigram index).
func matches(u oracleUser, search string) bool {
	fold := func(s string) string { return strings.ToLower(s) }
	if len([]rune(search)) >= 3 {
		fold = func(s string) string { return stripAccents(strings.ToLower(s)) } // Ó as ó
	}
	s := fold(search)
	return strings.Contains(fold(u.name), s) || strings.Contains(fold(u.email), s) || strings.Contains(fold(u.ext), s)
}

func stripAccents(s string) string {
	return strings.NewReplacer("ë", "e", "é", "e", "ó", "o", "ä", "a", "ü", "u", "ø", "o", "í", "i", "ã", "a").Replace(s)
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func firstDiff(a, b []int64) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func loadOracle(t *testing.T, st *store.Store) []oracleUser {
	t.Helper()
	ctx := context.Background()
	rows, err := st.Reader().QueryContext(ctx, `SELECT id, name, email, external_id, status, created_at, last_active_at FROM connected_users`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	byID := map[int64]*oracleUser{}
	var all []oracleUser
	for rows.Next() {
		var u oracleUser
		if err := rows.Scan(&u.id, &u.name, &u.email, &u.ext, &u.status, &u.created, &u.active); err != nil {
			t.Fatal(err)
		}
		u.integrations = map[int64]bool{}
		all = append(all, u)
	}
	for i := range all {
		byID[all[i].id] = &all[i]
	}
	conns, err := st.Reader().QueryContext(ctx, `SELECT user_id, integration_id FROM connections`)
	if err != nil {
		t.Fatal(err)
	}
	defer conns.Close()
	for conns.Next() {
		var uid, iid int64
		if err := conns.Scan(&uid, &iid); err != nil {
			t.Fatal(err)
		}
		byID[uid].integrations[iid] = true
	}
	return all
}
