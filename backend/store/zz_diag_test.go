package store_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
)

// ZZ_DB=... ZZ_Q="search|status|integ|from|to|sort|order" (;; separated)
func TestZZDiag(t *testing.T) {
	path := os.Getenv("ZZ_DB")
	if path == "" {
		t.Skip()
	}
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, spec := range strings.Split(os.Getenv("ZZ_Q"), ";;") {
		f := strings.Split(spec, "|")
		q := store.UserQuery{Search: f[0], Status: domain.UserStatus(f[1]), Sort: domain.UserSort(f[5]), Desc: f[6] == "desc", Limit: 100}
		if f[2] != "" && f[2] != "0" {
			var id int64
			st.Reader().QueryRowContext(ctx, "SELECT id FROM integrations WHERE key = ?", f[2]).Scan(&id)
			q.IntegrationID = id
		}
		if f[3] != "" {
			q.CreatedFrom, _ = time.Parse(time.RFC3339, f[3])
		}
		if f[4] != "" {
			q.CreatedTo, _ = time.Parse(time.RFC3339, f[4])
		}
		if len(f) > 7 && f[7] == "next" {
			p, err := store.ListUsers(ctx, st.Reader(), q)
			if err != nil {
				t.Fatal(err)
			}
			q.Cursor = p.NextCursor
		}
		var best time.Duration = time.Hour
		var page domain.UserPage
		for range 5 {
			t0 := time.Now()
			page, err = store.ListUsers(ctx, st.Reader(), q)
			if err != nil {
				t.Fatal(err)
			}
			best = min(best, time.Since(t0))
		}
		plan, _ := store.PlanOf(ctx, st.Reader(), q)
		_, _, near, _ := store.NearSQL(ctx, st.Reader(), q)
		sqlText, args, _ := store.ListSQL(ctx, st.Reader(), q)
		t.Logf("%s: best %v rows %d total %d capped %v near %v plan %q", spec, best, len(page.Users), page.Total, page.TotalCapped, near, plan)
		if os.Getenv("ZZ_SQL") != "" {
			t.Logf("SQL %s %v", sqlText, args)
			rows, _ := st.Reader().QueryContext(ctx, "EXPLAIN QUERY PLAN "+sqlText, args...)
			for rows.Next() {
				var a, b, c int
				var d string
				rows.Scan(&a, &b, &c, &d)
				t.Logf("   %d %d %s", a, b, d)
			}
			rows.Close()
			t0 := time.Now()
			rows, _ = st.Reader().QueryContext(ctx, sqlText, args...)
			n := 0
			for rows.Next() {
				n++
			}
			rows.Close()
			t.Logf("   listSQL alone: %v, %d rows", time.Since(t0), n)
		}
	}
}
