package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/ingest"
	"roster/backend/seed"
	"roster/backend/testutil"
)

func TestMain(m *testing.M) { testutil.Main(m) }

// BenchmarkIngestRuns measures the ingest rate of workflow.run events from
// a file (JSON Lines, 5% failures, to a workspace of $ROSTER_BENCH_USERS
// seeded users, default 100,000, with an owner to notify) while a reader
// lists the dashboard's first page over and over, as a window open beside
// it would (20 times a second: far more than a person): events/s, and the
// list's p95 under that load.
func BenchmarkIngestRuns(b *testing.B) {
	users := 100_000
	if v := os.Getenv("ROSTER_BENCH_USERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatalf("ROSTER_BENCH_USERS: %v", err)
		}
		users = n
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	st := testutil.OpenSeeded(b, seed.Options{Users: users, Seed: 1, Now: now, Actor: domain.CommandLine()})
	ctx := context.Background()
	rows, err := st.Reader().QueryContext(ctx, `SELECT u.external_id, i.key, w.key FROM connections c
		JOIN connected_users u ON u.id = c.user_id JOIN integrations i ON i.id = c.integration_id
		JOIN workflows w ON w.integration_id = c.integration_id LIMIT 5000`)
	if err != nil {
		b.Fatal(err)
	}
	var targets [][3]string
	for rows.Next() {
		var t [3]string
		rows.Scan(&t[0], &t[1], &t[2])
		targets = append(targets, t)
	}
	rows.Close()

	var file bytes.Buffer
	for i := range b.N {
		t := targets[i%len(targets)]
		status, errField := "succeeded", ""
		if i%20 == 0 {
			status, errField = "failed", `,"error":"HTTP 502 from the API"`
		}
		fmt.Fprintf(&file, `{"id":"bench-%d","type":"workflow.run","data":{"user":%q,"integration":%q,"workflow":%q,"status":%q,"started_at":%q,"duration_ms":%d%s}}`+"\n",
			i, t[0], t[1], t[2], status, now.Add(-time.Duration(b.N-i)*time.Millisecond).Format(time.RFC3339Nano), 100+i%5000, errField)
	}
	svc := ingest.New(st, func() time.Time { return now }, func(int) {})
	users2 := connected.New(st, func() time.Time { return now })

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var lat []time.Duration
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			start := time.Now()
			if _, err := users2.List(ctx, domain.CommandLine(), connected.ListInput{}); err != nil {
				b.Error(err)
				return
			}
			lat = append(lat, time.Since(start))
			time.Sleep(50 * time.Millisecond)
		}
	}()
	b.ResetTimer()
	start := time.Now()
	rep, err := svc.Ingest(ctx, ingest.Lines(&file), ingest.Options{})
	elapsed := time.Since(start)
	b.StopTimer()
	close(stop)
	wg.Wait()
	if err != nil || rep.Accepted != b.N {
		b.Fatalf("%+v %v", rep, err)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "events/s")
	if len(lat) > 0 {
		slices.Sort(lat)
		b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "list-p95-ms")
		b.ReportMetric(float64(len(lat)), "lists")
	}
}
