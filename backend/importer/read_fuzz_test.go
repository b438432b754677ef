package importer

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
	"time"
	"unicode/utf8"
)

// fuzzRead reads a whole file the way an import does, without a database:
// every row becomes a valid record or a problem, lines never go backwards,
// and nothing panics or loops.
func fuzzRead(t *testing.T, name string, data []byte) {
	rs, _, err := open(name, bytes.NewReader(data), "")
	if err != nil {
		return // refused as a whole, with a message
	}
	dec := &decoder{now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	if h := rs.header(); h != nil {
		if dec.cols, err = DetectMapping(h).columns(h); err != nil {
			return
		}
	}
	last := 0
	for n := 0; ; n++ {
		if n > len(data)+1 {
			t.Fatalf("more rows than bytes: the reader loops")
		}
		r, err := rs.next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			return // the file cannot be read past here; the import stops with a message
		}
		if r.line < last {
			t.Fatalf("line %d after line %d", r.line, last)
		}
		last = r.line
		rec, err := dec.record(r)
		if err != nil {
			if p := problem(r.line, "", err); p.Reason == "" {
				t.Fatalf("a rejected row without a reason: %v", err)
			}
			continue
		}
		if rec.UserID == "" || !utf8.ValidString(rec.UserID) {
			t.Fatalf("accepted a record without a valid user id: %+v", rec)
		}
		if rec.Name != nil && (*rec.Name == "" || !utf8.ValidString(*rec.Name)) {
			t.Fatalf("accepted an empty or invalid name: %q", *rec.Name)
		}
	}
}

func seedCorpus(f *testing.F, samples ...string) {
	for _, s := range samples {
		data, err := os.ReadFile("../../docs/examples/" + s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func FuzzReadCSV(f *testing.F) {
	seedCorpus(f, "users.csv")
	for _, s := range []string{"", "user_id\n", "\ufeffuser_id,name\na,\"b\nc\"\n", "user_id,name\na,\"unclosed\n", "id;name\n1;x\n",
		"user_id,created_at,disabled_at,integrations,metadata\na,2024-01-01,yes,x;y:error,\"{\"\"a\"\":1}\"\n", "user_id\n\xff\xfe\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.csv", data) })
}

func FuzzReadJSON(f *testing.F) {
	seedCorpus(f, "users.jsonl", "platform-users.json")
	for _, s := range []string{"[]", "[1,2]", "{}", `{"user_id":"a","integrations":{"x":{"workflows":{"y":true}}}}`,
		`[{"userId":7,"meta":{"Name":"N"}}]`, "[\n{\"user_id\":\"a\"},", `{"user_id":"a","nmae":1}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.json", data) })
}
