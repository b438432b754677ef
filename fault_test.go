package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/importer"
	"roster/backend/ingest"
	"roster/backend/mail"
	"roster/backend/mail/mailtest"
	"roster/backend/outbox"
	"roster/backend/store"
	"roster/backend/team"
	"roster/backend/testutil"
)

// TestMain lets a test run this binary as the roster command (a real
// process to SIGKILL): with ROSTER_AS_COMMAND=1 it runs the arguments as
// `roster` would and exits.
func TestMain(m *testing.M) {
	if os.Getenv("ROSTER_AS_COMMAND") == "1" {
		if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "roster:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// failures is how many workflow failures the fault tests ingest: one per
// user, so each is a first failure and mails the owner at once.
const failures = 500

// faultWorkspace prepares a database at path: SMTP settings pointing at
// port (plain, on 127.0.0.1), an owner with notifications on, and the
// failures ingested, as of now. It returns the queued mails' Message-IDs.
func faultWorkspace(t *testing.T, path string, port int, now func() time.Time) map[string]bool {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tm := team.New(st, &mail.SMTP{}, func() {}, now)
	if _, err := tm.UpdateSettings(ctx, domain.CommandLine(), team.SettingsInput{SMTP: team.SMTPInput{Host: "127.0.0.1", Port: port,
		Security: mail.SecurityNone, From: "roster@example.com"}, InvitationDays: 7, IdleMinutes: 60}); err != nil {
		t.Fatal(err)
	}
	if err := st.Update(ctx, func(tx store.DB) error {
		_, err := store.InsertMember(ctx, tx, store.NewMember{Email: "owner@example.com", Name: "Owner", Role: domain.RoleOwner,
			Status: domain.MemberAccepted, At: now()})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(`{"id":"i","type":"integration.upserted","data":{"integration":"crm","name":"CRM"}}` + "\n")
	b.WriteString(`{"id":"w","type":"workflow.upserted","data":{"integration":"crm","workflow":"sync","name":"Sync"}}` + "\n")
	started := now().Add(-time.Minute).Format(time.RFC3339)
	for i := range failures {
		fmt.Fprintf(&b, `{"id":"u%d","type":"user.upserted","data":{"user":"u%d","name":"User %d"}}`+"\n", i, i, i)
		fmt.Fprintf(&b, `{"id":"f%d","type":"workflow.run","data":{"user":"u%d","integration":"crm","workflow":"sync","status":"failed","started_at":%q,"duration_ms":10,"error":"HTTP 500"}}`+"\n", i, i, started)
	}
	rep, err := ingest.New(st, now, func(int) {}).Ingest(ctx, ingest.Lines(strings.NewReader(b.String())), ingest.Options{})
	if err != nil || rep.Rejected != 0 || rep.MailQueued != failures {
		t.Fatalf("ingest: %+v %v; want %d mails queued", rep, err, failures)
	}
	ids := map[string]bool{}
	rows, err := st.Reader().QueryContext(ctx, "SELECT message_id FROM outbox")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids[id+"@example.com"] = true
	}
	return ids
}

// byID counts the received messages per Message-ID, checking that each
// subject (one per failure) came under one Message-ID only.
func byID(t *testing.T, got []mailtest.Received) map[string]int {
	t.Helper()
	n, idOf := map[string]int{}, map[string]string{}
	for _, m := range got {
		n[m.MessageID]++
		if prev, ok := idOf[m.Subject]; ok && prev != m.MessageID {
			t.Errorf("%q arrived under two Message-IDs: %s and %s", m.Subject, prev, m.MessageID)
		}
		idOf[m.Subject] = m.MessageID
	}
	return n
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// The SMTP server is down while the failures come in; it comes back; every
// mail arrives exactly once.
func TestFaultSMTPDownWhileFailuresArrive(t *testing.T) {
	t.Parallel()
	clock := testutil.NewClock(time.Now().UTC().Truncate(time.Second))
	path := filepath.Join(t.TempDir(), "roster.db")
	port := freePort(t) // nothing listens there: the server is down
	want := faultWorkspace(t, path, port, clock.Now)

	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tm := team.New(st, &mail.SMTP{}, func() {}, clock.Now)
	sender := outbox.NewSender(st, &mail.SMTP{Timeout: 5 * time.Second}, tm.MailConfig, clock.Now, slog.New(slog.NewTextHandler(io.Discard, nil)))
	drain := func() int {
		total := 0
		for {
			n, err := sender.RunOnce(ctx)
			if err != nil {
				t.Fatal(err)
			}
			total += n
			if next, err := store.NextMailDue(ctx, st.Reader()); err != nil || next.IsZero() || next.After(clock.Now()) {
				return total
			}
		}
	}
	if n := drain(); n != 0 {
		t.Fatalf("sent %d with the server down", n)
	}
	sum, err := store.OutboxSummary(ctx, st.Reader())
	if err != nil || sum.Retrying != failures || !strings.Contains(sum.LastError, "connect") {
		t.Fatalf("with the server down: %+v %v; want all %d retrying with the connection error", sum, err, failures)
	}

	srv := mailtest.Start(t, mailtest.Options{Port: port, NoTLS: true})
	clock.Advance(time.Hour) // past every backoff
	if n := drain(); n != failures {
		t.Fatalf("sent %d once the server was back; want %d", n, failures)
	}
	clock.Advance(time.Hour)
	if n := drain(); n != 0 {
		t.Fatalf("sent %d more after everything was sent", n)
	}
	got := byID(t, srv.Messages())
	for id, n := range got {
		if n != 1 || !want[id] {
			t.Errorf("Message-ID %s arrived %d times (queued: %v)", id, n, want[id])
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d distinct mails arrived; want %d", len(got), len(want))
	}
	t.Logf("SMTP down then up: %d queued, %d received, %d distinct Message-IDs, 0 duplicates", len(want), len(srv.Messages()), len(got))
}

// command is `roster` run as a real process (this test binary, see TestMain).
type command struct {
	cmd    *exec.Cmd
	done   chan error
	output *testutil.Buffer
	url    string // where it serves
}

func startRoster(t *testing.T, args ...string) *command {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "ROSTER_AS_COMMAND=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var logs testutil.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &command{cmd: cmd, done: make(chan error, 1), output: &logs}
	started := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "Roster is serving at "); ok {
				c.url = strings.TrimSuffix(u, "/")
				close(started)
			}
		}
		c.done <- cmd.Wait()
	}()
	select {
	case <-started:
	case err := <-c.done:
		t.Fatalf("roster %v exited: %v\n%s", args, err, logs.String())
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("roster %v did not start serving within 60 s", args)
	}
	return c
}

// Roster is killed (SIGKILL) while the SMTP server holds a message it has
// stored but not yet acknowledged, then restarted: nothing is lost, and the
// only duplicate carries the same Message-ID as the first copy.
func TestFaultKilledMidDelivery(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Roster processes")
	}
	t.Parallel()
	const killAt = failures / 5
	reached, release := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	count := 0
	srv := mailtest.Start(t, mailtest.Options{NoTLS: true, OnReceive: func(mailtest.Received) {
		mu.Lock()
		count++
		n := count
		mu.Unlock()
		if n == killAt {
			close(reached)
			<-release // stored, not yet acknowledged: Roster dies now
		}
	}})
	path := filepath.Join(t.TempDir(), "roster.db")
	want := faultWorkspace(t, path, srv.Port(), time.Now)

	first := startRoster(t, "serve", "--db", path, "--addr", "127.0.0.1:0")
	select {
	case <-reached:
	case <-time.After(2 * time.Minute):
		first.cmd.Process.Kill()
		t.Fatalf("the server got fewer than %d mails within 2 minutes\n%s", killAt, first.output.String())
	}
	if err := first.cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	<-first.done
	close(release)

	// The mail being sent is leased for 20 minutes to the dead process;
	// fast-forward that wait instead of sleeping through it.
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.Exec("UPDATE outbox SET next_attempt_at = ?, sending_until = 0 WHERE sent_at = 0 AND sending_until > 0", time.Now().UnixMilli())
	if err != nil {
		t.Fatal(err)
	}
	leased, _ := res.RowsAffected()
	db.Close()
	if leased != 1 {
		t.Fatalf("%d mails were leased when Roster died; want the one being sent", leased)
	}

	second := startRoster(t, "serve", "--db", path, "--addr", "127.0.0.1:0")
	// Every mail received, and recorded as sent (the server has a mail a
	// moment before the sender records it).
	db, err = sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	unsent := func() int {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM outbox WHERE sent_at = 0 AND failed_at = 0").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	deadline := time.Now().Add(2 * time.Minute)
	for (len(byID(t, srv.Messages())) < len(want) || unsent() > 0) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond) // polling, not waiting for time
	}
	db.Close()
	second.cmd.Process.Signal(os.Interrupt)
	if err := <-second.done; err != nil {
		t.Errorf("roster serve did not stop cleanly: %v\n%s", err, second.output.String())
	}

	got := byID(t, srv.Messages())
	dups := 0
	for id, n := range got {
		if !want[id] {
			t.Errorf("unknown Message-ID %s", id)
		}
		dups += n - 1
	}
	if len(got) != len(want) {
		t.Fatalf("%d of %d mails arrived after the restart", len(got), len(want))
	}
	if dups > 1 {
		t.Fatalf("%d duplicates; at most the one in flight when Roster died", dups)
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if sum, err := store.OutboxSummary(context.Background(), st.Reader()); err != nil || sum.Queued != 0 || sum.Failed != 0 {
		t.Fatalf("outbox after the restart: %+v %v; want everything sent", sum, err)
	}
	// The try the dead process made counts: the mail it was sending shows
	// two attempts, as many as the server received.
	var twice int
	if err := st.Reader().QueryRowContext(context.Background(), "SELECT count(*) FROM outbox WHERE attempts = 2").Scan(&twice); err != nil || twice != dups {
		t.Fatalf("%d mails show two attempts, %d were received twice (%v)", twice, dups, err)
	}
	t.Logf("SIGKILL after %d of %d mails: %d received, %d distinct Message-IDs, %d duplicate(s) with the same Message-ID",
		killAt, len(want), len(srv.Messages()), len(got), dups)
}

// `roster import` is killed (SIGKILL) half-way through a file: the file
// stays consistent (every committed chunk whole, counts and search exact),
// the import is then reported interrupted, and resuming it finishes it.
func TestFaultKilledMidImport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Roster processes")
	}
	t.Parallel()
	const users = 3 * importer.DefaultChunkRows
	var b strings.Builder
	b.WriteString("user_id,name,email,integrations\n")
	for i := range users {
		fmt.Fprintf(&b, "cus_%d,Person %d,p%d@example.com,crm%s;chat\n", i, i, i, map[bool]string{true: ":error"}[i%9 == 0])
	}
	path, file := importFiles(t, b.String())

	cmd := exec.Command(os.Args[0], "import", "--db", path, "--quiet", file)
	cmd.Env = append(os.Environ(), "ROSTER_AS_COMMAND=1")
	var logs testutil.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_busy_timeout=10000&mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(2 * time.Minute)
	for done := 0; done < importer.DefaultChunkRows; {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the import committed %d rows in 2 minutes\n%s", done, logs.String())
		}
		_ = db.QueryRow("SELECT coalesce(max(rows_done), 0) FROM imports").Scan(&done)
		time.Sleep(10 * time.Millisecond) // polling the file, not waiting for time
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	ctx := context.Background()
	st := reopenConsistent(t, path)
	var written, done int
	_ = st.Reader().QueryRowContext(ctx, "SELECT count(*) FROM connected_users").Scan(&written)
	_ = st.Reader().QueryRowContext(ctx, "SELECT rows_done FROM imports").Scan(&done)
	if written != done || done%importer.DefaultChunkRows != 0 || done >= users {
		t.Fatalf("%d users written, %d rows recorded done: want the same whole number of chunks, short of %d", written, done, users)
	}

	later := func() time.Time { return time.Now().Add(importer.StaleAfter + time.Minute) }
	svc := importer.New(st, later)
	hist, err := svc.History(ctx, domain.CommandLine())
	if err != nil || len(hist) != 1 || hist[0].State != domain.ImportInterrupted || hist[0].RowsDone != int64(done) {
		t.Fatalf("after the kill the history says %+v (%v)", hist, err)
	}
	src, err := importer.FileSource(file)
	if err != nil {
		t.Fatal(err)
	}
	skip, err := svc.ResumePoint(ctx, src)
	if err != nil || skip != int64(done) {
		t.Fatalf("resume point %d (%v), want %d", skip, err, done)
	}
	rep, err := svc.Run(ctx, domain.CommandLine(), src, importer.Options{Skip: skip})
	if err != nil || rep.Added != users-done || rep.State != domain.ImportDone {
		t.Fatalf("resumed: %+v (%v)", rep.Progress, err)
	}
	testutil.CheckConsistent(t, st)

	// Or undo it all: the resumed import, then the interrupted one.
	for _, id := range []int64{rep.ImportID, hist[0].ID} {
		if _, err := svc.Rollback(ctx, domain.CommandLine(), id, nil); err != nil {
			t.Fatalf("roll back import %d: %v", id, err)
		}
	}
	_ = st.Reader().QueryRowContext(ctx, "SELECT count(*) FROM connected_users").Scan(&written)
	if written != 0 {
		t.Fatalf("%d users left after rolling both imports back", written)
	}
	testutil.CheckConsistent(t, st)
	t.Logf("killed after %d of %d rows; resumed and finished %d more; rolled both back", done, users, rep.Added)
}

// importFiles writes content as users.csv beside an empty, migrated Roster
// file, and returns both paths.
func importFiles(t *testing.T, content string) (path, file string) {
	t.Helper()
	dir := t.TempDir()
	path, file = filepath.Join(dir, "roster.db"), filepath.Join(dir, "users.csv")
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), path) // migrated before the child starts
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	return path, file
}

// reopenConsistent opens the file a killed process left and checks it:
// integrity_check, counts, the search index, every index and trigger.
func reopenConsistent(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	testutil.CheckConsistent(t, st)
	return st
}

// `roster import` of a file larger than a chunk into an empty file is a
// load, one transaction: killed (SIGKILL) while it builds the indexes, it
// leaves the file as it was (no user, every index and trigger in place, the
// search index whole), and the import is reported interrupted with nothing
// kept, so a resume starts from the first row.
func TestFaultKilledMidLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Roster processes")
	}
	t.Parallel()
	var b strings.Builder
	b.WriteString("user_id,name,email,integrations,metadata\n")
	note := strings.Repeat("n", 60)
	for i := range 300_000 {
		fmt.Fprintf(&b, "cus_%d,Person %d,p%d@example.com,crm;chat,\"{\"\"note\"\":\"\"%s\"\"}\"\n", i, i, i, note)
	}
	if b.Len() <= importer.DefaultChunkBytes {
		t.Fatalf("a %d-byte file fits in one chunk: it would not be loaded", b.Len())
	}
	path, file := importFiles(t, b.String())

	cmd := exec.Command(os.Args[0], "import", "--db", path, file)
	cmd.Env = append(os.Environ(), "ROSTER_AS_COMMAND=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var logs strings.Builder
	lines := bufio.NewScanner(stderr)
	for lines.Scan() && !strings.Contains(lines.Text(), "building the indexes") {
		logs.WriteString(lines.Text() + "\n")
	}
	if lines.Err() != nil || !strings.Contains(lines.Text(), "building the indexes") {
		cmd.Process.Kill()
		t.Fatalf("the load never said it was building its indexes (%v):\n%s", lines.Err(), logs.String())
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, stderr)
	_ = cmd.Wait()

	ctx := context.Background()
	st := reopenConsistent(t, path)
	var written int
	_ = st.Reader().QueryRowContext(ctx, "SELECT count(*) FROM connected_users").Scan(&written)
	if written != 0 {
		t.Fatalf("a load killed before its commit kept %d users", written)
	}
	svc := importer.New(st, func() time.Time { return time.Now().Add(importer.StaleAfter + time.Minute) })
	hist, err := svc.History(ctx, domain.CommandLine())
	if err != nil || len(hist) != 1 || hist[0].State != domain.ImportInterrupted || hist[0].RowsDone != 0 ||
		!strings.Contains(hist[0].Error, "nothing was imported") {
		t.Fatalf("after the kill the history says %+v (%v)", hist, err)
	}
	src, err := importer.FileSource(file)
	if err != nil {
		t.Fatal(err)
	}
	if skip, err := svc.ResumePoint(ctx, src); err != nil || skip != 0 {
		t.Fatalf("resume point %d (%v), want 0: nothing was kept", skip, err)
	}
}
