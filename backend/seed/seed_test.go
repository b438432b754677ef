package seed_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/seed"
	"roster/backend/store"
	"roster/backend/testutil"
)

var refTime = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) { testutil.Main(m) }

func BenchmarkSeed100k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		st := testutil.Open(b)
		b.StartTimer()
		if _, err := seed.Load(context.Background(), st, seed.Options{Users: 100000, Seed: 1, Now: refTime, Actor: domain.CommandLine()}); err != nil {
			b.Fatal(err)
		}
	}
}

// dump is the generated data as text, for comparing two loads.
func dump(t *testing.T, st *store.Store) string {
	t.Helper()
	return testutil.Rows(t, st,
		"SELECT id, external_id, name, email, status, created_at, last_active_at, disabled_at, metadata FROM connected_users ORDER BY id",
		"SELECT user_id, integration_id, status, error_message, connected_at FROM connections ORDER BY user_id, integration_id",
		"SELECT user_id, workflow_id, enabled, changed_by, changed_at FROM user_workflows ORDER BY user_id, workflow_id")
}

func TestSeedIsDeterministicAndRealistic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// Independent loads into their own files, side by side: one of 5,000
	// users to look at, and three small ones to compare (the generator takes
	// the same path at any size).
	loads := []seed.Options{{Users: 5000, Seed: 1}, {Users: 1000, Seed: 1}, {Users: 1000, Seed: 1}, {Users: 1000, Seed: 2}}
	stores := make([]*store.Store, len(loads))
	errs := make([]error, len(loads))
	var wg sync.WaitGroup
	for i, o := range loads {
		o.Now, o.Actor = refTime, domain.CommandLine()
		stores[i] = testutil.Open(t)
		wg.Go(func() { _, errs[i] = seed.Load(ctx, stores[i], o) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	// The bulk load leaves what row-by-row writes would have: statuses,
	// counts, the search index, every trigger and index.
	for _, st := range stores {
		testutil.CheckConsistent(t, st)
	}
	a, b, c, d := stores[0], stores[1], stores[2], stores[3]
	dumpB := dump(t, b)
	if dumpB != dump(t, c) {
		t.Fatal("the same options gave different data")
	}
	if dumpB == dump(t, d) {
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

func countUsers(t *testing.T, st *store.Store) int {
	t.Helper()
	var n int
	if err := st.Reader().QueryRowContext(context.Background(), "SELECT count(*) FROM connected_users").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Tests share seeded data through testutil.OpenSeeded: each gets a copy
// holding exactly what its options seed, and a change to one copy is in no
// other.
func TestSeededCopiesAreIndependent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	opts := seed.Options{Users: 40, Seed: 3, Now: refTime, Actor: domain.CommandLine()}
	a, b := testutil.OpenSeeded(t, opts), testutil.OpenSeeded(t, opts)
	if a.Path() == b.Path() || a.SchemaVersion() != store.LatestVersion() {
		t.Fatalf("copies at %s and %s, schema %d", a.Path(), b.Path(), a.SchemaVersion())
	}
	if dump(t, a) != dump(t, b) || countUsers(t, a) != 40 {
		t.Fatalf("the copies differ or do not hold the 40 seeded users (%d)", countUsers(t, a))
	}
	if err := a.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM user_workflows; DELETE FROM connections; DELETE FROM connected_users")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if countUsers(t, a) != 0 || countUsers(t, b) != 40 {
		t.Fatalf("after emptying one copy: %d and %d users; want 0 and 40", countUsers(t, a), countUsers(t, b))
	}
	if _, err := store.VerifyAudit(ctx, b.Reader()); err != nil {
		t.Fatalf("the copied audit chain: %v", err)
	}
	other := opts
	other.Users = 7
	if n := countUsers(t, testutil.OpenSeeded(t, other)); n != 7 {
		t.Fatalf("other options seeded %d users; want 7", n)
	}
	if empty, err := store.IsEmpty(ctx, testutil.Open(t).Reader()); err != nil || !empty {
		t.Fatalf("testutil.Open: empty %v, %v; want an empty database", empty, err)
	}
}
