package connected_test

import (
	"context"
	"io"
	"testing"
	"time"

	"roster/backend/connected"
	"roster/backend/importer"
	"roster/backend/store"
)

// BenchmarkExportUsersCSV writes every user of the seeded file as CSV (the
// File → Export path without the file) and reports users/s.
func BenchmarkExportUsersCSV(b *testing.B) {
	st := benchStore(b)
	svc := connected.New(st, time.Now)
	var n int
	var spent time.Duration
	for b.Loop() {
		w, err := importer.NewWriter(io.Discard, importer.FormatCSV)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		n, err = svc.Export(context.Background(), owner, connected.ListInput{}, connected.ExportTarget{Format: "csv", Where: "bench"},
			func(recs []store.UserRecord) error { return w.Write(recs) })
		if err == nil {
			err = w.Flush()
		}
		if err != nil {
			b.Fatal(err)
		}
		spent += time.Since(start)
	}
	b.ReportMetric(float64(n)*float64(b.N)/spent.Seconds(), "users/s")
}
