package store_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"roster/backend/store"
	"roster/backend/testutil"
)

// TestUserOrderFollowsEveryWriter: every way a user is added or moved in
// time, row by row (triggers) or in bulk (the importer's writers, which set
// the triggers aside), keeps user_order true to the numbering: once a user
// is numbered before an older one, a search in created order must not read
// the search index in id order, or read further by how much older
// (max_inversion).
func TestUserOrderFollowsEveryWriter(t *testing.T) {
	t.Parallel()
	bulk := func(f func(ctx context.Context, b *store.Bulk) error) func(ctx context.Context, tx store.DB) error {
		return func(ctx context.Context, tx store.DB) error {
			b, err := store.BeginBulk(ctx, tx)
			if err != nil {
				return err
			}
			if err := f(ctx, b); err != nil {
				return err
			}
			return b.Close(ctx)
		}
	}
	sql := func(q string) func(ctx context.Context, tx store.DB) error {
		return func(ctx context.Context, tx store.DB) error {
			_, err := tx.ExecContext(ctx, q)
			return err
		}
	}
	insert := func(created ...int64) func(ctx context.Context, tx store.DB) error {
		return bulk(func(ctx context.Context, b *store.Bulk) error {
			var us []store.NewUser
			for i, c := range created {
				us = append(us, store.NewUser{ExternalID: fmt.Sprintf("new-%d", i), Name: "New", CreatedAt: c, Metadata: "{}", Status: "no_integrations"})
			}
			_, err := b.InsertUsers(ctx, us)
			return err
		})
	}
	// Bea, created at 20, renamed and created at created.
	update := func(created int64) func(ctx context.Context, tx store.DB) error {
		return bulk(func(ctx context.Context, b *store.Bulk) error {
			return b.UpdateUsers(ctx, []store.UserUpdate{{ID: 2,
				NewUser: store.NewUser{ExternalID: "b", Name: "Bee", CreatedAt: created, Metadata: "{}"},
				Old:     store.NewUser{ExternalID: "b", Name: "Bea", CreatedAt: 20, Metadata: "{}"}}})
		})
	}
	restore := func(created int64) func(ctx context.Context, tx store.DB) error {
		return bulk(func(ctx context.Context, b *store.Bulk) error {
			return b.Restore(ctx, []store.Before{{UserID: 2, JSON: fmt.Sprintf(`{"id": 2, "name": "Bea", "email": "", "created_at": %d,
				"last_active_at": 0, "disabled_at": null, "disabled_reason": "", "metadata": "{}", "connections": []}`, created)}})
		})
	}
	const unknown = -1
	cases := []struct {
		name    string
		write   func(ctx context.Context, tx store.DB) error
		inOrder bool
		// How much older a user is than one numbered before them, at most
		// (user_order.max_inversion): exact here, or unknown.
		inversion int64
	}{
		{"a newer user", sql(`INSERT INTO connected_users (external_id, name, created_at) VALUES ('c', 'Cy', 30)`), true, 0},
		{"a user as old as the newest", sql(`INSERT INTO connected_users (external_id, name, created_at) VALUES ('c', 'Cy', 20)`), true, 0},
		{"an older user", sql(`INSERT INTO connected_users (external_id, name, created_at) VALUES ('c', 'Cy', 15)`), false, 5},
		// Row by row, users are numbered after every other (UpsertUser);
		// one numbered before is not measured.
		{"a user numbered before the others", sql(`INSERT INTO connected_users (id, external_id, name, created_at) VALUES (0, 'c', 'Cy', 5)`), false, unknown},
		{"a name changed", sql(`UPDATE connected_users SET name = 'Abe' WHERE id = 1`), true, 0},
		{"a creation date moved", sql(`UPDATE connected_users SET created_at = 25 WHERE id = 1`), false, unknown},
		{"a user removed", sql(`DELETE FROM connected_users WHERE id = 2`), true, 0},
		{"newer users in bulk", insert(20, 30, 30), true, 0},
		{"a bulk user older than the newest", insert(30, 15), false, 5},
		{"bulk users listed out of order", insert(40, 30), true, 0}, // numbered in created order
		{"bulk users older than the oldest, no ids below", insert(5, 1), false, 19},
		{"a bulk update in place", update(20), true, 0},
		{"a bulk update moving a creation date", update(30), false, unknown},
		{"a rollback keeping creation dates", restore(20), true, 0},
		{"a rollback moving a creation date", restore(50), false, unknown},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := testutil.Open(t)
			steps := []func(ctx context.Context, tx store.DB) error{
				sql(`INSERT INTO connected_users (id, external_id, name, created_at) VALUES (1, 'a', 'Ada', 10), (2, 'b', 'Bea', 20)`),
				tc.write,
			}
			for i, step := range steps {
				if err := st.Update(ctx, func(tx store.DB) error { return step(ctx, tx) }); err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
			}
			var inOrder, back bool
			var inversion int64
			if err := st.Reader().QueryRowContext(ctx, `SELECT ids_follow_created, coalesce(max_inversion, -1),
				EXISTS (SELECT 1 FROM (SELECT created_at < lag(created_at) OVER (ORDER BY id) AS back FROM connected_users) WHERE back)
				FROM user_order`).Scan(&inOrder, &inversion, &back); err != nil {
				t.Fatal(err)
			}
			if inOrder != tc.inOrder || inOrder && back {
				t.Errorf("user_order says in created order: %v; want %v (numbered against created order: %v)", inOrder, tc.inOrder, back)
			}
			if inversion != tc.inversion {
				t.Errorf("max_inversion = %d, want %d (-1: unknown)", inversion, tc.inversion)
			}
		})
	}
}

// TestBulkNumbersUsersInCreatedOrder: InsertUsers numbers each block of new
// users in created order, after the newest user or before the oldest, so
// that a file listing the newest first (as Roster's export does) keeps ids
// in created order, chunk after chunk; a block that fits neither end goes
// after the newest and turns user_order off.
func TestBulkNumbersUsersInCreatedOrder(t *testing.T) {
	t.Parallel()
	type block []int64 // created_at of each user, as listed
	cases := []struct {
		name    string
		blocks  []block
		inOrder bool
		ids     [][2]int64 // the first and last id of each block
	}{
		{"oldest first", []block{{10, 20}, {30, 40}}, true, [][2]int64{{first, first + 1}, {first + 2, first + 3}}},
		{"newest first", []block{{40, 30}, {20, 10}, {5, 1}}, true,
			[][2]int64{{first - 2, first - 1}, {first - 4, first - 3}, {first - 6, first - 5}}},
		{"newest first, then newer users", []block{{40, 30}, {20, 10}, {60, 50}}, true,
			[][2]int64{{first - 2, first - 1}, {first - 4, first - 3}, {first, first + 1}}},
		{"ties at either end", []block{{30, 20}, {20, 10}, {30, 30}}, true,
			[][2]int64{{first - 2, first - 1}, {first - 4, first - 3}, {first, first + 1}}},
		{"a block between the ends", []block{{40, 10}, {30, 20}}, false, [][2]int64{{first - 2, first - 1}, {first, first + 1}}},
		{"a block across the oldest", []block{{10, 20}, {15, 5}}, false, [][2]int64{{first, first + 1}, {first + 2, first + 3}}},
		// A platform's history imported after its live events.
		{"older users, oldest first", []block{{10, 20}, {1, 5}}, true, [][2]int64{{first, first + 1}, {first - 2, first - 1}}},
		{"older users, newest first", []block{{10, 20}, {5, 1}}, true, [][2]int64{{first, first + 1}, {first - 2, first - 1}}},
		{"a single user first", []block{{20}, {15, 10}, {30}}, true, [][2]int64{{first, first}, {first - 2, first - 1}, {first + 1, first + 1}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := testutil.Open(t)
			for i, created := range tc.blocks {
				var got map[string]int64
				err := st.Update(ctx, func(tx store.DB) error {
					b, err := store.BeginBulk(ctx, tx)
					if err != nil {
						return err
					}
					var us []store.NewUser
					for j, c := range created {
						us = append(us, store.NewUser{ExternalID: fmt.Sprintf("b%d-%d", i, j), Name: "New", CreatedAt: c,
							Metadata: "{}", Status: "no_integrations"})
					}
					if got, err = b.InsertUsers(ctx, us); err != nil {
						return err
					}
					if err := b.AddCounts(ctx, map[string]int{"no_integrations": len(us)}, nil); err != nil {
						return err
					}
					if err := b.Index(ctx, slices.Collect(maps.Values(got))); err != nil {
						return err
					}
					return b.Close(ctx)
				})
				if err != nil {
					t.Fatalf("block %d: %v", i, err)
				}
				ids := slices.Sorted(maps.Values(got))
				if first, last := ids[0], ids[len(ids)-1]; first != tc.ids[i][0] || last != tc.ids[i][1] || last-first != int64(len(ids)-1) {
					t.Errorf("block %d numbered %v; want %d..%d", i, ids, tc.ids[i][0], tc.ids[i][1])
				}
			}
			var inOrder bool
			if err := st.Reader().QueryRowContext(ctx, "SELECT ids_follow_created FROM user_order").Scan(&inOrder); err != nil || inOrder != tc.inOrder {
				t.Errorf("user_order says in created order: %v (%v); want %v", inOrder, err, tc.inOrder)
			}
			testutil.CheckConsistent(t, st)
		})
	}
}

// first is the id of an empty table's first user.
const first = store.FirstUserID

// TestLiveUsersLeaveRoomForHistory: users first seen live are numbered
// from store.FirstUserID, so that a platform's history imported afterwards
// is numbered below them, in created order.
func TestLiveUsersLeaveRoomForHistory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	seen := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	var ids []int64
	for i, ext := range []string{"live-1", "live-2", "live-1"} { // the last one again: no new id
		err := st.Update(ctx, func(tx store.DB) error {
			r, err := store.UpsertUser(ctx, tx, store.UserUpsert{ExternalID: ext, At: seen.Add(time.Duration(i) * time.Hour)})
			ids = append(ids, r.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if want := []int64{first, first + 1, first}; !slices.Equal(ids, want) {
		t.Fatalf("live users numbered %v; want %v", ids, want)
	}
	err := st.Update(ctx, func(tx store.DB) error {
		b, err := store.BeginBulk(ctx, tx)
		if err != nil {
			return err
		}
		old := seen.AddDate(-1, 0, 0).UnixMilli()
		got, err := b.InsertUsers(ctx, []store.NewUser{
			{ExternalID: "old-2", Name: "Old", CreatedAt: old + 1, Metadata: "{}", Status: "no_integrations"},
			{ExternalID: "old-1", Name: "Old", CreatedAt: old, Metadata: "{}", Status: "no_integrations"},
		})
		if err != nil {
			return err
		}
		if got["old-1"] != first-2 || got["old-2"] != first-1 {
			t.Errorf("history numbered %v; want %d and %d", got, first-2, first-1)
		}
		if err := b.AddCounts(ctx, map[string]int{"no_integrations": 2}, nil); err != nil {
			return err
		}
		if err := b.Index(ctx, slices.Collect(maps.Values(got))); err != nil {
			return err
		}
		return b.Close(ctx)
	})
	if err != nil {
		t.Fatal(err)
	}
	var inOrder bool
	if err := st.Reader().QueryRowContext(ctx, "SELECT ids_follow_created FROM user_order").Scan(&inOrder); err != nil || !inOrder {
		t.Errorf("user_order says in created order: %v (%v); want true", inOrder, err)
	}
	testutil.CheckConsistent(t, st)
}
