package connected_test

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/seed"
	"roster/backend/store"
	"roster/backend/testutil"
)

func TestMain(m *testing.M) { testutil.Main(m) }

// benchStore is the benchmark's own copy of a database seeded with
// $ROSTER_BENCH_USERS users (default 100,000); the seeded file is built once
// per run.
func benchStore(b *testing.B) *store.Store {
	b.Helper()
	users := 100_000
	if v := os.Getenv("ROSTER_BENCH_USERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatalf("ROSTER_BENCH_USERS: %v", err)
		}
		users = n
	}
	return testutil.OpenSeeded(b, seed.Options{Users: users, Seed: 1, Now: clock, Actor: domain.CommandLine()})
}

// measure times each call (use case + JSON encoding, as the bound method
// returns it) and reports the 95th percentile.
func measure(b *testing.B, call func() (any, error)) {
	b.Helper()
	var times []time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		v, err := call()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := json.Marshal(v); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
}

func integrationID(b *testing.B, st *store.Store, key string) int64 {
	b.Helper()
	var id int64
	if err := st.Reader().QueryRowContext(context.Background(), "SELECT id FROM integrations WHERE key = ?", key).Scan(&id); err != nil {
		b.Fatal(err)
	}
	return id
}

func BenchmarkList(b *testing.B) {
	st := benchStore(b)
	svc := connected.New(st, time.Now)
	ctx := context.Background()
	deep := connected.ListInput{}
	for range 50 {
		p, err := svc.List(ctx, owner, deep)
		if err != nil {
			b.Fatal(err)
		}
		deep.Cursor = p.NextCursor
	}
	cases := []struct {
		name string
		in   connected.ListInput
	}{
		{"first_page", connected.ListInput{}},
		{"deep_page", deep},
		{"status_account_errors", connected.ListInput{Status: "account_errors"}},
		{"integration_slack", connected.ListInput{IntegrationID: integrationID(b, st, "slack")}},
		{"integration_bamboohr", connected.ListInput{IntegrationID: integrationID(b, st, "bamboohr")}},
		{"integration_slack_by_name", connected.ListInput{IntegrationID: integrationID(b, st, "slack"), Sort: "name", Order: "asc"}},
		{"search_email_part", connected.ListInput{Search: "son@"}},
		{"search_company", connected.ListInput{Search: "globex"}},
		{"search_name", connected.ListInput{Search: "lovel"}},
		{"search_2_chars", connected.ListInput{Search: "an"}},
		{"sort_name", connected.ListInput{Sort: "name", Order: "asc"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			measure(b, func() (any, error) { return svc.List(ctx, owner, c.in) })
		})
	}
}

func BenchmarkCounts(b *testing.B) {
	svc := connected.New(benchStore(b), time.Now)
	measure(b, func() (any, error) { return svc.Counts(context.Background(), owner) })
}

func BenchmarkGet(b *testing.B) {
	st := benchStore(b)
	svc := connected.New(st, time.Now)
	// A user from the middle of the table, whatever $ROSTER_BENCH_USERS is.
	var id int64
	if err := st.Reader().QueryRowContext(context.Background(),
		"SELECT id FROM connected_users ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM connected_users)").Scan(&id); err != nil {
		b.Fatal(err)
	}
	measure(b, func() (any, error) { return svc.Get(context.Background(), owner, id) })
}
