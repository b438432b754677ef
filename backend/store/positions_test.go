package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
	"roster/backend/testutil"
)

// TestBucketAtMatchesRunningSums: a jump starts from the bucket that
// holds its row, read from either end, as the running sums of the buckets
// in SQL find it, at each bucket's first and last row and past the end.
func TestBucketAtMatchesRunningSums(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 3000, 5, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	db := st.Reader()
	for _, table := range []string{"user_positions", "user_fine_positions"} {
		for _, sort := range []string{"created", "active", "name", "id"} {
			for _, status := range []string{"", "connected", "disabled"} {
				t.Run(fmt.Sprintf("%s/%s/%q", table, sort, status), func(t *testing.T) {
					var total int
					if err := db.QueryRowContext(ctx, "SELECT coalesce(sum(n), 0) FROM "+table+" WHERE sort = ? AND status = ?",
						sort, status).Scan(&total); err != nil {
						t.Fatal(err)
					}
					if total == 0 && table == "user_positions" {
						t.Fatalf("no users counted in %s for %s/%q", table, sort, status)
					}
					// Every bucket's first and last row, and past the end.
					rows, err := db.QueryContext(ctx, "SELECT n FROM "+table+" WHERE sort = ? AND status = ? ORDER BY bucket", sort, status)
					if err != nil {
						t.Fatal(err)
					}
					offsets, at := []int{total, total + 3}, 0
					for rows.Next() {
						var n int
						if err := rows.Scan(&n); err != nil {
							t.Fatal(err)
						}
						if n > 0 {
							offsets = append(offsets, at, at+n-1)
						}
						at += n
					}
					if err := rows.Err(); err != nil {
						t.Fatal(err)
					}
					// Fine buckets of times hold a user or two each: a sample.
					for i := 0; i < len(offsets); i += max(len(offsets)/200, 1) {
						offset := offsets[i]
						var want any
						var wantBefore, wantN int
						err := db.QueryRowContext(ctx, `SELECT bucket, before, n FROM (
							SELECT bucket, n, coalesce(sum(n) OVER (ORDER BY bucket ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
							FROM `+table+` WHERE sort = ?1 AND status = ?2)
						WHERE before + n > ?3 ORDER BY bucket LIMIT 1`, sort, status, offset).Scan(&want, &wantBefore, &wantN)
						wantOK := !errors.Is(err, sql.ErrNoRows)
						if err != nil && wantOK {
							t.Fatal(err)
						}
						// rows steers the direction: from the start, then from the end.
						for _, rows := range []int{3 * offset, 0} {
							got, before, n, ok, err := store.BucketAt(ctx, db, table, sort, status, offset, rows)
							if err != nil {
								t.Fatal(err)
							}
							if ok != wantOK || ok && (got != want || before != wantBefore || n != wantN) {
								t.Fatalf("offset %d of %d (rows %d): bucket %v, %d before, %d in it, found %v; want %v, %d, %d, %v",
									offset, total, rows, got, before, n, ok, want, wantBefore, wantN, wantOK)
							}
						}
					}
				})
			}
		}
	}
}

// TestJumpsReadDenseBucketsBackwards: a jump into the second half of a
// fine bucket larger than its page reads the page backwards from the
// bucket's end, in every sort, and gets the rows the list holds there;
// so does one into an integration's users by name or last active, from
// their buckets of integration_positions.
func TestJumpsReadDenseBucketsBackwards(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	st := seeded(t, 1500, 7, now)
	// 300 users created and last active within one fine bucket of times,
	// older than the newest (numbered out of created order, so a created
	// order jump counts times, not ids), and named alike.
	at := now.AddDate(0, -2, 0).UnixMilli() &^ (1<<21 - 1)
	var us []store.NewUser
	for i := range 300 {
		us = append(us, store.NewUser{ExternalID: fmt.Sprintf("dense-%03d", i), Name: fmt.Sprintf("Zedekiah %03d", (i*37)%300),
			CreatedAt: at + int64(i*1000), LastActiveAt: at + int64((i*53)%300*1000), Metadata: "{}", Status: "no_integrations"})
	}
	addUsers(t, st, us)
	// Two in three of them connect an integration (its users' buckets move
	// with the triggers).
	var integration int64
	if err := st.Update(ctx, func(tx store.DB) error {
		if err := tx.QueryRowContext(ctx, "SELECT min(id) FROM integrations").Scan(&integration); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO connections (user_id, integration_id, status, connected_at, status_changed_at, user_created_at)
			SELECT id, ?, 'connected', created_at, created_at, created_at FROM connected_users
			WHERE external_id LIKE 'dense-%' AND substr(external_id, 7) % 3 <> 0`, integration)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	testutil.CheckConsistent(t, st)
	type list struct {
		integration int64
		status      domain.UserStatus
		desc        bool
	}
	lists := []list{{0, "", false}, {0, "", true}, {0, domain.StatusNoIntegrations, false}, {0, domain.StatusNoIntegrations, true}}
	for _, sort := range []domain.UserSort{domain.SortName, domain.SortLastActive, domain.SortCreated} {
		cases := lists
		if sort != domain.SortCreated {
			cases = append(cases, list{integration, "", false}, list{integration, "", true},
				list{integration, domain.StatusConnected, false}, list{integration, domain.StatusConnected, true})
		}
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s/%d/%q/desc=%v", sort, c.integration, c.status, c.desc), func(t *testing.T) {
				// The whole list, page by page.
				q := store.UserQuery{Sort: sort, IntegrationID: c.integration, Status: c.status, Desc: c.desc, Limit: 23}
				var want []int64
				for {
					p, err := store.ListUsers(ctx, st.Reader(), q)
					if err != nil {
						t.Fatal(err)
					}
					want = append(want, pageIDs(p)...)
					if p.NextCursor == "" {
						break
					}
					q.Cursor = p.NextCursor
				}
				q.Cursor = ""
				back := 0
				for offset := 1; offset < len(want); offset += 3 {
					jq := store.WithFineAbove(store.WithJumpSteps(q, -1), 1)
					jq.Offset = offset
					if c.desc { // ListUsers jumps in ascending order
						jq.Desc, jq.Offset = false, max(len(want)-offset-q.Limit, 0)
					}
					if b, err := store.ReadsBack(ctx, st.Reader(), jq, len(want)); err != nil {
						t.Fatal(err)
					} else if b {
						back++
					}
					jq.Desc, jq.Offset = c.desc, offset
					p, err := store.ListUsers(ctx, st.Reader(), jq)
					if err != nil {
						t.Fatal(err)
					}
					ids := pageIDs(p)
					if w := want[offset:min(offset+q.Limit, len(want))]; !slices.Equal(ids, w) || (p.NextCursor != "") != (offset+q.Limit < len(want)) {
						t.Fatalf("offset %d of %d: %v (next %q), want %v", offset, len(want), ids, p.NextCursor, w)
					}
				}
				if back == 0 {
					t.Fatalf("no jump read backwards")
				}
			})
		}
	}
}

// TestIntegrationJumpInCreatedOrderSeeksItsBlock: while users are
// numbered in created order, a jump into an integration's users in created
// order starts at the first user of its block of ids, sought in the
// integration's connections index by created date and id (read by user id
// instead, the middle of Slack's users at a million took 170 ms).
func TestIntegrationJumpInCreatedOrderSeeksItsBlock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 9000, 5, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) // three blocks
	db := st.Reader()
	var integration int64
	var total int
	if err := db.QueryRowContext(ctx, "SELECT id, user_count FROM integrations ORDER BY user_count DESC LIMIT 1").Scan(&integration, &total); err != nil {
		t.Fatal(err)
	}
	q := store.UserQuery{IntegrationID: integration, Sort: domain.SortCreated, Offset: total / 2, Limit: 20}
	query, args, err := store.JumpSQL(ctx, db, q, total)
	if err != nil {
		t.Fatal(err)
	}
	if plan := explain(t, st, query, args); !strings.Contains(plan, "connections_integration (integration_id=? AND (user_created_at,user_id)>(?,?))") {
		t.Fatalf("plan:\n%s\nwant a seek in connections_integration by created date and id\n%s %v", plan, query, args)
	}
	// And the page is the one at the offset.
	p, err := store.ListUsers(ctx, db, store.WithJumpSteps(q, -1))
	if err != nil {
		t.Fatal(err)
	}
	q.Offset = 0
	q.Limit = total
	all, err := store.ListUsers(ctx, db, q)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pageIDs(p), pageIDs(all)[total/2:total/2+20]; !slices.Equal(got, want) {
		t.Fatalf("jump to %d: %v, want %v", total/2, got, want)
	}
}

// pageIDs is the ids of a page's users, in its order.
func pageIDs(p domain.UserPage) []int64 {
	ids := make([]int64, 0, len(p.Users))
	for _, u := range p.Users {
		ids = append(ids, u.ID)
	}
	return ids
}

// TestJumpWhenRowsEndBeforeTheCount: a jump counts its list, then reads
// its rows, apart: a delete in between (a rollback, say) leaves fewer rows
// than the count. The list returns the rows it found and no next page.
func TestJumpWhenRowsEndBeforeTheCount(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 100, 3, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	// The count as it was before 900 users went.
	if err := st.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, "UPDATE status_counts SET n = n + 900 WHERE status = 'connected'")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, desc := range []bool{false, true} {
		t.Run(fmt.Sprintf("desc=%v", desc), func(t *testing.T) {
			// Nearer the end than the start: read from the end, 350 rows in.
			p, err := store.ListUsers(ctx, st.Reader(), store.UserQuery{Sort: domain.SortName, Desc: desc, Offset: 600, Limit: 50})
			if err != nil || len(p.Users) != 0 || p.NextCursor != "" {
				t.Errorf("page past the rows: %d users, next %q, %v; want none", len(p.Users), p.NextCursor, err)
			}
		})
	}
}

// TestCreatedWithinCountsTheWindow: the users created within a window, by
// whole buckets of user_positions and the fine buckets at its ends, are
// those whose fine bucket lies within it: windows inside one bucket, across
// a few, and across all, with ends on and off the buckets' bounds.
func TestCreatedWithinCountsTheWindow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := seeded(t, 3000, 5, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	db := st.Reader()
	var first, last int64
	if err := db.QueryRowContext(ctx, "SELECT min(created_at), max(created_at) FROM connected_users").Scan(&first, &last); err != nil {
		t.Fatal(err)
	}
	const fine, coarse = int64(1) << 21, int64(1) << 27
	mid := first + (last-first)/2
	for _, w := range [][2]int64{
		{first, last}, {first - coarse, last + coarse}, {mid, mid}, {mid, mid + fine}, {mid - 3*fine, mid + 5*fine},
		{mid &^ (coarse - 1), mid | (coarse - 1)}, {mid - coarse, mid + 2*coarse}, {mid &^ (coarse - 1), mid + 3*coarse},
		{first, mid}, {mid, last}, {last, first},
	} {
		t.Run(fmt.Sprintf("%d-%d", w[0]-first, w[1]-first), func(t *testing.T) {
			var want int64
			if err := db.QueryRowContext(ctx, "SELECT count(*) FROM connected_users WHERE created_at >> 21 BETWEEN ? >> 21 AND ? >> 21",
				w[0], w[1]).Scan(&want); err != nil {
				t.Fatal(err)
			}
			got, err := store.CreatedWithin(ctx, db, w[0], w[1])
			if err != nil || got != want {
				t.Fatalf("%d users (%v); want %d", got, err, want)
			}
		})
	}
}
