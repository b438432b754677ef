package exporter_test

import (
	"context"
	"io"
	"testing"
	"time"

	"roster/backend/audit"
	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/exporter"
	"roster/backend/importer"
	"roster/backend/mail"
	"roster/backend/seed"
	"roster/backend/team"
	"roster/backend/testutil"
)

// BenchmarkExportUsers writes every user (File → Export… without the
// file) in each format and reports users/s.
func BenchmarkExportUsers(b *testing.B) {
	st := testutil.BenchStore(b, seed.Options{Users: 20_000, Seed: 1, Now: clock, Actor: domain.CommandLine()})
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
