package store_test

import (
	"context"
	"fmt"
	"testing"

	"roster/backend/store"
	"roster/backend/testutil"
)

// TestUserOrderFollowsEveryWriter: every way a user is added or moved in
// time, row by row (triggers) or in bulk (the importer's writers, which set
// the triggers aside), keeps user_order true to the numbering: once a user
// is numbered before an older one, a search in created order must not read
// the search index in id order.
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
	update := func(moved bool, created int64) func(ctx context.Context, tx store.DB) error {
		return bulk(func(ctx context.Context, b *store.Bulk) error {
			return b.UpdateUsers(ctx, []store.UserUpdate{{ID: 2, Moved: moved,
				NewUser: store.NewUser{ExternalID: "b", Name: "Bea", CreatedAt: created, Metadata: "{}"}}})
		})
	}
	restore := func(created int64) func(ctx context.Context, tx store.DB) error {
		return bulk(func(ctx context.Context, b *store.Bulk) error {
			return b.Restore(ctx, []store.Before{{UserID: 2, JSON: fmt.Sprintf(`{"id": 2, "name": "Bea", "email": "", "created_at": %d,
				"last_active_at": 0, "disabled_at": null, "disabled_reason": "", "metadata": "{}", "connections": []}`, created)}})
		})
	}
	cases := []struct {
		name    string
		write   func(ctx context.Context, tx store.DB) error
		inOrder bool
	}{
		{"a newer user", sql(`INSERT INTO connected_users (external_id, name, created_at) VALUES ('c', 'Cy', 30)`), true},
		{"a user as old as the newest", sql(`INSERT INTO connected_users (external_id, name, created_at) VALUES ('c', 'Cy', 20)`), true},
		{"an older user", sql(`INSERT INTO connected_users (external_id, name, created_at) VALUES ('c', 'Cy', 15)`), false},
		{"a name changed", sql(`UPDATE connected_users SET name = 'Abe' WHERE id = 1`), true},
		{"a creation date moved", sql(`UPDATE connected_users SET created_at = 25 WHERE id = 1`), false},
		{"a user removed", sql(`DELETE FROM connected_users WHERE id = 2`), true},
		{"newer users in bulk", insert(20, 30, 30), true},
		{"a bulk user older than the newest", insert(30, 15), false},
		{"bulk users out of order", insert(40, 30), false},
		{"a bulk update in place", update(false, 20), true},
		{"a bulk update moving a creation date", update(true, 30), false},
		{"a rollback keeping creation dates", restore(20), true},
		{"a rollback moving a creation date", restore(50), false},
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
			if err := st.Reader().QueryRowContext(ctx, `SELECT (SELECT ids_follow_created FROM user_order),
				EXISTS (SELECT 1 FROM (SELECT created_at < lag(created_at) OVER (ORDER BY id) AS back FROM connected_users) WHERE back)`).Scan(&inOrder, &back); err != nil {
				t.Fatal(err)
			}
			if inOrder != tc.inOrder || inOrder && back {
				t.Errorf("user_order says in created order: %v; want %v (numbered against created order: %v)", inOrder, tc.inOrder, back)
			}
		})
	}
}
