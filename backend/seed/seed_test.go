package seed_test

import (
	"context"
	"path/filepath"
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
		if _, err := seed.Load(context.Background(), st, seed.Options{Users: 100000, Seed: 1, Now: refTime, Actor: domain.LocalOperator()}); err != nil {
			b.Fatal(err)
		}
	}
}
