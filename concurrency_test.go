package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"roster/backend/mail"
	"roster/backend/store"
	"roster/backend/team"
)

// A window (roster serve, as the desktop would) and `roster ingest` write
// the same file at once: no "database is locked" reaches either, and the
// window's writes wait at most one ingest batch. $ROSTER_CONCURRENT_EVENTS
// sets the file's size (default 30,000 runs).
func TestConcurrentWindowAndIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Roster processes")
	}
	t.Parallel()
	events := 30_000
	if v := os.Getenv("ROSTER_CONCURRENT_EVENTS"); v != "" {
		events, _ = strconv.Atoi(v)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "roster.db")
	var out bytes.Buffer
	if err := run([]string{"seed", "--db", db, "--users", "2000"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := team.New(st, &mail.SMTP{}, func() {}, time.Now).Setup(ctx, team.SetupInput{Name: "Olivia Owner", Email: "olivia@example.com", Password: "Correct-horse-9"})
	if err != nil {
		t.Fatal(err)
	}
	var userID int64
	rows, err := st.Reader().QueryContext(ctx, `SELECT u.external_id, i.key, w.key FROM connections c
		JOIN connected_users u ON u.id = c.user_id JOIN integrations i ON i.id = c.integration_id
		JOIN workflows w ON w.integration_id = c.integration_id LIMIT 2000`)
	if err != nil {
		t.Fatal(err)
	}
	var targets [][3]string
	for rows.Next() {
		var x [3]string
		rows.Scan(&x[0], &x[1], &x[2])
		targets = append(targets, x)
	}
	rows.Close()
	st.Reader().QueryRowContext(ctx, "SELECT id FROM connected_users WHERE disabled_at IS NULL LIMIT 1").Scan(&userID)
	st.Close()

	file := filepath.Join(dir, "runs.jsonl")
	var b strings.Builder
	started := time.Now().Add(-time.Hour)
	for i := range events {
		x := targets[i%len(targets)]
		fmt.Fprintf(&b, `{"id":"c%d","type":"workflow.run","data":{"user":%q,"integration":%q,"workflow":%q,"status":"succeeded","started_at":%q,"duration_ms":10}}`+"\n",
			i, x[0], x[1], x[2], started.Add(time.Duration(i)*time.Millisecond).Format(time.RFC3339Nano))
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}

	window := startRoster(t, "serve", "--db", db, "--addr", "127.0.0.1:0")
	defer func() {
		window.cmd.Process.Signal(os.Interrupt)
		<-window.done
	}()
	call := func(method, args string) (int, string, time.Duration) {
		req, _ := http.NewRequest(http.MethodPost, window.url+"/rpc/"+method, strings.NewReader(args))
		req.Header.Set("Content-Type", "application/json")
		req.AddCookie(&http.Cookie{Name: "roster_session", Value: token})
		start := time.Now()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body), time.Since(start)
	}
	if status, body, _ := call("Users/Get", fmt.Sprintf("[%d]", userID)); status != 200 {
		t.Fatalf("the window cannot read: %d %s", status, body)
	}

	ingest := exec.Command(os.Args[0], "ingest", "--db", db, file)
	ingest.Env = append(os.Environ(), "ROSTER_AS_COMMAND=1")
	var ingestOut, ingestErr bytes.Buffer
	ingest.Stdout, ingest.Stderr = &ingestOut, &ingestErr
	if err := ingest.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- ingest.Wait() }()

	var lat []time.Duration
	var failures []string
	disable := true
	for running := true; running; {
		select {
		case err := <-done:
			running = false
			if err != nil {
				t.Fatalf("roster ingest: %v\n%s\n%s", err, ingestOut.String(), ingestErr.String())
			}
			continue
		default:
		}
		method, args := "Users/Enable", fmt.Sprintf("[%d]", userID)
		if disable {
			method, args = "Users/Disable", fmt.Sprintf("[%d, %q]", userID, "concurrency test")
		}
		status, body, d := call(method, args)
		if status != 200 {
			failures = append(failures, fmt.Sprintf("%s: %d %s", method, status, body))
		}
		disable = !disable
		lat = append(lat, d)
	}
	if len(failures) > 0 {
		t.Fatalf("%d of %d window writes failed beside the ingest, e.g. %s", len(failures), len(lat), failures[0])
	}
	if len(lat) < 5 {
		t.Fatalf("only %d window writes ran during the ingest; make the file larger", len(lat))
	}
	slices.Sort(lat)
	t.Logf("beside `roster ingest` (%s): %d window writes (disable/enable + audit), 0 failed; latency p50 %s, p95 %s, max %s",
		strings.TrimSpace(ingestOut.String()), len(lat), lat[len(lat)/2], lat[len(lat)*95/100], lat[len(lat)-1])
}
