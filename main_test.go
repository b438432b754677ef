package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"roster/backend/store"
)

func TestIngestCommand(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "roster.db")
	sample := filepath.Join("docs", "examples", "events.jsonl")
	data, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(string(data), "\n")
	ingest := func(args ...string) (string, string, error) {
		var out, errs bytes.Buffer
		err := run(append([]string{"ingest", "--db", db}, args...), &out, &errs)
		return out.String(), errs.String(), err
	}

	out, _, err := ingest(sample)
	if err != nil || !strings.Contains(out, sample+": 50 accepted, 0 duplicates, 0 rejected") || lines != 50 {
		t.Fatalf("first ingest: %v\n%s", err, out)
	}
	out, _, err = ingest(sample)
	if err != nil || !strings.Contains(out, "0 accepted, 50 duplicates, 0 rejected") {
		t.Fatalf("replay: %v\n%s", err, out)
	}

	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"ok-1","type":"user.upserted","data":{"user":"cli-1"}}
{"id":"bad-1","type":"user.upserted","data":{"user":"cli-2","email":"nope"}}
`), 0o600)
	out, errs, err := ingest(bad)
	if err == nil || !strings.Contains(err.Error(), "1 of 2 lines were rejected") || !strings.Contains(out, "1 accepted, 0 duplicates, 1 rejected") ||
		!strings.Contains(errs, `line 2 (bad-1): rejected: "nope" is not an e-mail address.`) {
		t.Fatalf("a file with a bad line: %v\nstdout: %s\nstderr: %s", err, out, errs)
	}

	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var users, imports int
	st.Reader().QueryRowContext(context.Background(), "SELECT count(*) FROM connected_users").Scan(&users)
	st.Reader().QueryRowContext(context.Background(), "SELECT count(*) FROM audit_log WHERE action = 'events.import' AND actor_id = 'cli'").Scan(&imports)
	if users != 7 || imports != 3 {
		t.Fatalf("%d users, %d import entries in the audit log; want 7 and 3", users, imports)
	}

	if _, _, err := ingest(); err == nil || !strings.Contains(err.Error(), "name one file") {
		t.Fatalf("no file: %v", err)
	}
	if _, _, err := ingest(filepath.Join(t.TempDir(), "missing.jsonl")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("a missing file: %v", err)
	}
}
