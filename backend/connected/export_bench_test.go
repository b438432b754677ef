package connected_test

import (
	"context"
	"encoding/csv"
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
		start := time.Now()
		w := csv.NewWriter(io.Discard)
		var err error
		n, err = svc.Export(context.Background(), owner, connected.ListInput{}, false, func(recs []store.UserRecord) error {
			for _, u := range recs {
				if err := w.Write(importer.CSVRow(u)); err != nil {
					return err
				}
			}
			return nil
		})
		if w.Flush(); err == nil {
			err = w.Error()
		}
		if err != nil {
			b.Fatal(err)
		}
		spent += time.Since(start)
	}
	b.ReportMetric(float64(n)*float64(b.N)/spent.Seconds(), "users/s")
}
