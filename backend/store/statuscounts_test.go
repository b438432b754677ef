package store_test

import (
	"context"
	"testing"

	"roster/backend/store"
	"roster/backend/testutil"
)

// TestIntegrationStatusCountsFollowEveryChange makes, with the triggers in
// place, each change that moves a user between statuses or integrations, or
// in a sort order, and checks the per-integration status counts, the status
// copied into connections and the other maintained counts after each one.
func TestIntegrationStatusCountsFollowEveryChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	steps := []struct{ name, sql string }{
		{"integrations", `INSERT INTO integrations (id, key, name) VALUES (1, 'slack', 'Slack'), (2, 'jira', 'Jira')`},
		{"users", `INSERT INTO connected_users (id, external_id, name, created_at) VALUES (1, 'a', 'Ada', 1), (2, 'b', 'Bob', 2)`},
		{"connect", `INSERT INTO connections (user_id, integration_id, status, connected_at, status_changed_at, user_created_at)
			VALUES (1, 1, 'connected', 1, 1, 1)`},
		{"connect in error", `INSERT INTO connections (user_id, integration_id, status, connected_at, status_changed_at, user_created_at)
			VALUES (1, 2, 'error', 1, 1, 1), (2, 2, 'connected', 1, 1, 2)`},
		{"error fixed", `UPDATE connections SET status = 'connected' WHERE user_id = 1 AND integration_id = 2`},
		{"error again", `UPDATE connections SET status = 'error' WHERE user_id = 2 AND integration_id = 2`},
		{"disable", `UPDATE connected_users SET disabled_at = 5 WHERE id = 1`},
		{"enable", `UPDATE connected_users SET disabled_at = NULL WHERE id = 1`},
		{"disconnect", `DELETE FROM connections WHERE user_id = 2 AND integration_id = 2`},
		{"new integration", `INSERT INTO integrations (id, key, name) VALUES (3, 'zoom', 'Zoom')`},
		// Moves in the sort orders (user_positions).
		{"rename", `UPDATE connected_users SET name = 'Zed' WHERE id = 1`},
		{"rename within the bucket", `UPDATE connected_users SET name = 'zeta' WHERE id = 1`},
		{"active", `UPDATE connected_users SET last_active_at = 900000000000 WHERE id = 2`},
		{"created moved", `UPDATE connected_users SET created_at = 800000000000 WHERE id = 2`},
		{"several at once", `UPDATE connected_users SET name = 'Amy', created_at = 5, last_active_at = 6, disabled_at = 7 WHERE id = 2`},
		{"remove user", `DELETE FROM connected_users WHERE id = 1`},
	}
	for _, s := range steps {
		if err := st.Update(ctx, func(tx store.DB) error {
			_, err := tx.ExecContext(ctx, s.sql)
			return err
		}); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		t.Run(s.name, func(t *testing.T) { testutil.CheckConsistent(t, st) })
	}
}
