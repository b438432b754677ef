package ingest

import (
	"bufio"
	"errors"
	"os"
	"testing"
	"time"

	"roster/backend/domain"
)

// FuzzParse: whatever a line holds, parsing never panics, and either
// yields an event with an id and data, or a *domain.Error a person can act
// on. The sample file's lines are the seed corpus (replayed by go test).
func FuzzParse(f *testing.F) {
	file, err := os.Open("../../docs/examples/events.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		f.Add(append([]byte(nil), sc.Bytes()...))
	}
	file.Close()
	for _, s := range []string{`{}`, `[]`, `null`, `{"id":"x","type":"workflow.run","data":{"duration_ms":-1}}`,
		`{"id":"x","type":"user.upserted","data":{"user":"u","metadata":[]}}`, `{"id":"\u0000","type":"user.upserted"}`} {
		f.Add([]byte(s))
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, line []byte) {
		e, err := parse(1, line, now)
		if err != nil {
			var de *domain.Error
			if !errors.As(err, &de) || de.Message == "" {
				t.Fatalf("%q: %v is not an error a person can act on", line, err)
			}
			return
		}
		if e.id == "" || e.data == nil || e.at.IsZero() {
			t.Fatalf("%q parsed into %+v", line, e)
		}
	})
}
