package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"
	"time"

	"roster/backend/store"
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
