package exporter_test

import (
	"context"
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"roster/backend/audit"
	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/exporter"
	"roster/backend/importer"
	"roster/backend/mail"
	"roster/backend/seed"
	"roster/backend/store"
	"roster/backend/team"
	"roster/backend/testutil"
)

// benchStore opens $ROSTER_BENCH_DB (a file seeded beforehand, e.g. with
// `roster seed --users 1000000`), else a copy of one seeded with
// $ROSTER_BENCH_USERS users (default 20,000).
func benchStore(b *testing.B) *store.Store {
	b.Helper()
	if path := os.Getenv("ROSTER_BENCH_DB"); path != "" {
		st, err := store.Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		return st
	}
	users := 20_000
	if v := os.Getenv("ROSTER_BENCH_USERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatalf("ROSTER_BENCH_USERS: %v", err)
		}
		users = n
	}
	return testutil.OpenSeeded(b, seed.Options{Users: users, Seed: 1, Now: clock, Actor: domain.CommandLine()})
}

// BenchmarkExportUsers writes every user (File → Export… without the
// file) in each format and reports users/s.
func BenchmarkExportUsers(b *testing.B) {
	st := benchStore(b)
	users := connected.New(st, time.Now)
	svc := exporter.New(st, users, team.New(st, &mail.SMTP{}, func() {}, time.Now), audit.New(st), time.Now)
	for _, format := range importer.Formats {
		b.Run(string(format), func(b *testing.B) {
			var n int64
			var spent time.Duration
			for b.Loop() {
				start := time.Now()
				var err error
				n, err = svc.Run(context.Background(), domain.CommandLine(), exporter.Input{What: exporter.WhatUsers, Format: format}, io.Discard, "bench", nil)
				if err != nil {
					b.Fatal(err)
				}
				spent += time.Since(start)
			}
			b.ReportMetric(float64(n)*float64(b.N)/spent.Seconds(), "users/s")
			b.ReportMetric(spent.Seconds()/float64(b.N), "s/export")
		})
	}
}
