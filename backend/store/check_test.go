package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"roster/backend/store"
	"roster/backend/testutil"
)

// TestCheckAfterWritesSeesNoDamage: a read connection that has used the
// search index, then users added by a later commit, then the checks. On that
// reused connection FTS5's check used to read its stale copy of the index's
// structure and report corruption, which would have stopped Roster saving.
func TestCheckAfterWritesSeesNoDamage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	st.Reader().(*sql.DB).SetMaxOpenConns(1) // every read on the one connection
	for round := range 3 {
		// A search (or the last round's check) reads the index on the reader.
		var n int
		if err := st.Reader().QueryRowContext(ctx, `SELECT count(*) FROM users_fts WHERE users_fts MATCH '"Person 1"'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if err := st.Update(ctx, func(tx store.DB) error {
			for i := range 3000 {
				id := round*3000 + i
				if _, err := tx.ExecContext(ctx, "INSERT INTO connected_users (external_id, name, email, created_at) VALUES (?, ?, ?, 0)",
					fmt.Sprintf("cus_%d", id), fmt.Sprintf("Person %d", id), fmt.Sprintf("p%d@example.com", id)); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for name, check := range map[string]func(context.Context) (string, error){"quick_check": st.QuickCheck, "integrity_check": st.IntegrityCheck} {
			if got, err := check(ctx); err != nil || got != "ok" {
				t.Fatalf("round %d: %s says %q (%v) of an undamaged file", round, name, got, err)
			}
		}
	}
}
