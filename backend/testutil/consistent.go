package testutil

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"roster/backend/store"
)

// CheckConsistent compares every maintained count, status and the search
// index with a recount from the rows, and runs SQLite's integrity check.
func CheckConsistent(t testing.TB, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	db := st.Reader()
	for what, q := range map[string]string{
		"a status differs from its derivation": `SELECT count(*) FROM connected_users u JOIN user_status_derived d ON d.id = u.id WHERE d.status <> u.status`,
		"status_counts differs from a recount": `SELECT count(*) FROM status_counts s
			WHERE s.n <> (SELECT count(*) FROM connected_users u WHERE u.status = s.status)`,
		"integrations.user_count differs from a recount": `SELECT count(*) FROM integrations i
			WHERE i.user_count <> (SELECT count(*) FROM connections c WHERE c.integration_id = i.id)`,
		"integration_status_counts differs from a recount": `SELECT count(*) FROM integrations i CROSS JOIN status_counts s
			LEFT JOIN integration_status_counts n ON n.integration_id = i.id AND n.status = s.status
			WHERE n.n IS NULL OR n.n <> (SELECT count(*) FROM connections c JOIN connected_users u ON u.id = c.user_id
				WHERE c.integration_id = i.id AND u.status = s.status)`,
		"integration_status_counts has a row for no integration and status": `SELECT count(*) FROM integration_status_counts n
			WHERE n.integration_id NOT IN (SELECT id FROM integrations) OR n.status NOT IN (SELECT status FROM status_counts)`,
		"a connection's user_status differs from its user's": `SELECT count(*) FROM connections c JOIN connected_users u ON u.id = c.user_id
			WHERE c.user_status <> u.status`,
		"a connection's user_created_at differs from its user's": `SELECT count(*) FROM connections c JOIN connected_users u ON u.id = c.user_id
			WHERE c.user_created_at <> u.created_at`,
		"user_order says users are numbered in created order, and they are not": `SELECT count(*) FROM (
			SELECT u.created_at < lag(u.created_at) OVER (ORDER BY u.id) AS back FROM connected_users u, user_order o
			WHERE o.ids_follow_created) WHERE back`,
		"user_positions differs from a recount": `SELECT count(*) FROM (SELECT sort, status, bucket FROM (
			SELECT sort, status, bucket, n FROM user_positions
			UNION ALL SELECT sort, status, bucket, -count(*) FROM user_position_keys GROUP BY sort, status, bucket)
			GROUP BY sort, status, bucket HAVING sum(n) <> 0)`,
		"user_fine_positions differs from a recount": `SELECT count(*) FROM (SELECT sort, status, bucket FROM (
			SELECT sort, status, bucket, n FROM user_fine_positions
			UNION ALL SELECT sort, status, bucket, -count(*) FROM user_fine_position_keys GROUP BY sort, status, bucket)
			GROUP BY sort, status, bucket HAVING sum(n) <> 0)`,
		"integration_positions differs from a recount": `SELECT count(*) FROM (SELECT integration_id, sort, status, bucket FROM (
			SELECT integration_id, sort, status, bucket, n FROM integration_positions
			UNION ALL SELECT integration_id, sort, status, bucket, -count(*) FROM integration_position_keys GROUP BY 1, 2, 3, 4)
			GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0)`,
		"integration_fine_positions differs from a recount": `SELECT count(*) FROM (SELECT integration_id, sort, status, bucket FROM (
			SELECT integration_id, sort, status, bucket, n FROM integration_fine_positions
			UNION ALL SELECT integration_id, sort, status, bucket, -count(*) FROM integration_fine_position_keys GROUP BY 1, 2, 3, 4)
			GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0)`,
		"integration_bits differs from a recount": fmt.Sprintf(`SELECT count(*) FROM connected_users u
			WHERE u.integration_bits <> (SELECT coalesce(sum(1 << c.integration_id), 0) FROM connections c
				WHERE c.user_id = u.id AND c.integration_id BETWEEN 1 AND %d)`, store.MaxBitIntegration),
		"error_bits differs from a recount": fmt.Sprintf(`SELECT count(*) FROM connected_users u
			WHERE u.error_bits <> (SELECT coalesce(sum(1 << c.integration_id), 0) FROM connections c
				WHERE c.user_id = u.id AND c.integration_id BETWEEN 1 AND %d AND c.status = 'error')`, store.MaxBitIntegration),
		"a user's search_text differs from the folded name, e-mail and id": `SELECT count(*) FROM connected_users
			WHERE search_text <> search_fold(name, email, external_id)`,
		"user_order has not one row": `SELECT (SELECT count(*) FROM user_order) <> 1`,
		"user_order's max_inversion is less than the users'": `SELECT count(*) FROM user_order o
			WHERE o.max_inversion < (SELECT max(coalesce(max(before - created_at), 0), 0)
				FROM (SELECT created_at, max(created_at) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
					FROM connected_users))`,
		"user_order is on with a max_inversion": `SELECT count(*) FROM user_order WHERE ids_follow_created AND max_inversion IS NOT 0`,
		"a workflow state without its connection": `SELECT count(*) FROM user_workflows uw JOIN workflows w ON w.id = uw.workflow_id
			WHERE NOT EXISTS (SELECT 1 FROM connections c WHERE c.user_id = uw.user_id AND c.integration_id = w.integration_id)`,
	} {
		var n int
		if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if n != 0 {
			t.Fatalf("%s (%d)", what, n)
		}
	}
	if ok, err := st.IntegrityCheck(ctx); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %s %v", ok, err)
	}
	// Every trigger and index a fresh file has (a bulk load sets some aside).
	fresh := Open(t)
	if got, want := schemaObjects(t, st), schemaObjects(t, fresh); !slices.Equal(got, want) {
		t.Fatalf("triggers and indexes %v, want %v", got, want)
	}
	// The search index's own check runs on the writer (the read pool is query_only).
	if err := st.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO users_fts (users_fts, rank) VALUES ('integrity-check', 1)")
		return err
	}); err != nil {
		t.Fatalf("search index differs from the users: %v", err)
	}
}

func schemaObjects(t testing.TB, st *store.Store) []string {
	t.Helper()
	rows, err := st.Reader().QueryContext(context.Background(),
		"SELECT type || ' ' || name FROM sqlite_schema WHERE type IN ('trigger', 'index') ORDER BY 1")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// Rows runs each query on st and returns every row as a line of text, for
// comparing two databases (or one before and after).
func Rows(t testing.TB, st *store.Store, queries ...string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range queries {
		rows, err := st.Reader().QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}
