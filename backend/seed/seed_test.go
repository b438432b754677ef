package seed_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/seed"
	"roster/backend/store"
)

var refTime = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func openTemp(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "roster.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func BenchmarkSeed100k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		st := openTemp(b)
		b.StartTimer()
		if _, err := seed.Load(context.Background(), st, seed.Options{Users: 100000, Seed: 1, Now: refTime, Actor: domain.CommandLine()}); err != nil {
			b.Fatal(err)
		}
	}
}

// dump is the generated data as text, for comparing two loads.
func dump(t *testing.T, st *store.Store) string {
	t.Helper()
	var out strings.Builder
	for _, q := range []string{
		"SELECT id, external_id, name, email, status, created_at, last_active_at, disabled_at, metadata FROM connected_users ORDER BY id",
		"SELECT user_id, integration_id, status, error_message, connected_at FROM connections ORDER BY user_id, integration_id",
		"SELECT user_id, workflow_id, enabled, changed_by, changed_at FROM user_workflows ORDER BY user_id, workflow_id",
	} {
		rows, err := st.Reader().QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&out, vals...)
		}
		rows.Close()
	}
	return out.String()
}

func TestSeedIsDeterministicAndRealistic(t *testing.T) {
	ctx := context.Background()
	load := func(seedN uint64) *store.Store {
		st := openTemp(t)
		if _, err := seed.Load(ctx, st, seed.Options{Users: 5000, Seed: seedN, Now: refTime, Actor: domain.CommandLine()}); err != nil {
			t.Fatal(err)
		}
		return st
	}
	a, b, c := load(1), load(1), load(2)
	if dump(t, a) != dump(t, b) {
		t.Fatal("the same options gave different data")
	}
	if dump(t, a) == dump(t, c) {
		t.Fatal("a different seed gave the same data")
	}

	counts, err := store.StatusCounts(ctx, a.Reader())
	if err != nil {
		t.Fatal(err)
	}
	if counts.Total != 5000 {
		t.Fatalf("total %d; want 5000", counts.Total)
	}
	if r := float64(counts.AccountErrors) / 5000; r < 0.05 || r > 0.10 {
		t.Errorf("account errors %.1f%%; want about 7%%", r*100)
	}
	if counts.Disabled == 0 || counts.Disabled > 100 {
		t.Errorf("disabled %d; want a few", counts.Disabled)
	}
	var maxConns, outOfOrder int
	a.Reader().QueryRowContext(ctx, "SELECT max(n) FROM (SELECT count(*) n FROM connections GROUP BY user_id)").Scan(&maxConns)
	if maxConns < 1 || maxConns > 5 {
		t.Errorf("max connections per user %d; want 1..5", maxConns)
	}
	// Users are numbered as first seen: search pages rely on it.
	a.Reader().QueryRowContext(ctx, `SELECT count(*) FROM connected_users a JOIN connected_users b ON b.id = a.id + 1
		WHERE b.created_at < a.created_at`).Scan(&outOfOrder)
	if outOfOrder != 0 {
		t.Errorf("%d users were created before the user numbered before them", outOfOrder)
	}
	page, err := store.ListAudit(ctx, a.Reader(), store.AuditQuery{Limit: 10})
	if err != nil || len(page.Entries) != 1 || page.Entries[0].Action != domain.ActionDemoLoad {
		t.Fatalf("audit after seeding: %+v %v; want one demo.load entry", page.Entries, err)
	}

	_, err = seed.Load(ctx, a, seed.Options{Users: 10, Seed: 1, Now: refTime, Actor: domain.CommandLine()})
	if !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("seeding a database with data: %v; want a conflict", err)
	}
	if after, _ := store.StatusCounts(ctx, a.Reader()); after != counts {
		t.Fatalf("a refused seed changed the data: %+v", after)
	}
}
