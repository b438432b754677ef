package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
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

// bigCSV generates a CSV file of n rows of about 700 bytes on the fly.
type bigCSV struct {
	n, i int
	buf  []byte
}

func (b *bigCSV) Read(p []byte) (int, error) {
	for len(b.buf) == 0 {
		switch {
		case b.i == 0:
			b.buf = []byte("user_id,name,email,metadata,integrations\n")
		case b.i > b.n:
			return 0, io.EOF
		default:
			b.buf = fmt.Appendf(nil, "cus_%d,Person %d,p%d@example.com,\"{\"\"note\"\":\"\"%s\"\"}\",crm;chat:error\n", b.i, b.i, b.i, bytes.Repeat([]byte("x"), 620))
		}
		b.i++
	}
	n := copy(p, b.buf)
	b.buf = b.buf[n:]
	return n, nil
}

// A file far larger than memory would hold streams through the reader: the
// heap stays small while every row is read and checked.
func TestLargeFileStreamsInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100 MB")
	}
	const rows = 150_000 // ~100 MB
	rs, _, err := open("big.csv", &bigCSV{n: rows}, "")
	if err != nil {
		t.Fatal(err)
	}
	dec := &decoder{now: time.Now()}
	if dec.cols, err = DetectMapping(rs.header()).columns(rs.header()); err != nil {
		t.Fatal(err)
	}
	var peak uint64
	var ms runtime.MemStats
	n := 0
	for {
		r, err := rs.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := dec.record(r); err != nil {
			t.Fatalf("line %d: %v", r.line, err)
		}
		if n++; n%10_000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	if n != rows || rs.offset() < 100_000_000 {
		t.Fatalf("read %d rows, %d bytes", n, rs.offset())
	}
	if peak > 32<<20 {
		t.Errorf("the heap reached %d MiB reading a %d MiB file", peak>>20, rs.offset()>>20)
	}
	t.Logf("%d rows, %d MiB read; heap peak %d MiB", n, rs.offset()>>20, peak>>20)
}
