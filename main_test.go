package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"roster/backend/store"
	"roster/backend/testutil"
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

func TestImportAndExportCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db")
	roster := func(args ...string) (string, string, error) {
		var out, errs bytes.Buffer
		err := run(args, &out, &errs)
		return out.String(), errs.String(), err
	}
	if _, _, err := roster("import", "--db", src, filepath.Join("docs", "examples", "users.csv")); err != nil {
		t.Fatal(err)
	}
	out, _, err := roster("import", "--db", src, "--dry-run", filepath.Join("docs", "examples", "users.jsonl"))
	if err != nil || !strings.Contains(out, "Dry run of users.jsonl (jsonl): 5 rows, 0 added, 3 updated, 2 unchanged, 0 rejected") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	if _, _, err := roster("import", "--db", src, filepath.Join("docs", "examples", "users.jsonl")); err != nil {
		t.Fatal(err)
	}

	// Everything out, and into another file: the same users.
	file := filepath.Join(dir, "out.jsonl")
	if _, errs, err := roster("export", "--db", src, "--format", "jsonl", "--out", file); err != nil || !strings.Contains(errs, "Exported 5 connected users") {
		t.Fatalf("export: %v\n%s", err, errs)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("export file: %v %v", fi, err)
	}
	if out, _, err := roster("import", "--db", dst, file); err != nil || !strings.Contains(out, "5 added") {
		t.Fatalf("import the export: %v\n%s", err, out)
	}
	// A filtered view to standard output, as CSV.
	out, _, err = roster("export", "--db", src, "--status", "account_errors", "--sort", "name", "--order", "asc")
	if err != nil || out != "user_id,name,email,created_at,last_active_at,disabled_at,disabled_reason,metadata,integrations\n"+
		"cus_1001,Ada Lovelace,ada@example.com,2024-03-01T09:30:00Z,2026-10-28T09:15:00Z,,,\"{\"\"plan\"\":\"\"enterprise\"\"}\",salesforce;slack:error\n"+
		"cus_1005,Dorothy Vaughan,,2025-02-03T00:00:00Z,,,,{},salesforce;slack;zendesk:error\n" {
		t.Fatalf("filtered export: %v\n%s", err, out)
	}
	// The audit log, which now holds the imports and the exports above.
	out, _, err = roster("export", "--db", src, "--what", "audit", "--format", "json", "--action", "users.import")
	var entries []struct {
		Action string `json:"action"`
	}
	if err != nil || json.Unmarshal([]byte(out), &entries) != nil || len(entries) != 2 || entries[0].Action != "users.import" {
		t.Fatalf("audit export: %v\n%s", err, out)
	}
	// By actor (the command line did every import) and by target (a user).
	out, _, err = roster("export", "--db", src, "--what", "audit", "--format", "json", "--actor", "cli", "--action", "users.import")
	if err != nil || json.Unmarshal([]byte(out), &entries) != nil || len(entries) != 2 {
		t.Fatalf("audit export by actor: %v\n%s", err, out)
	}
	out, _, err = roster("export", "--db", src, "--what", "audit", "--format", "json", "--target", "cus_1001")
	if err != nil || json.Unmarshal([]byte(out), &entries) != nil || len(entries) != 0 {
		t.Fatalf("audit export by a target nothing happened to: %v\n%s", err, out)
	}
	if out, _, err = roster("export", "--db", src, "--what", "members"); err != nil || !strings.HasPrefix(out, "name,email,role,") {
		t.Fatalf("members export: %v\n%s", err, out)
	}
	for _, bad := range [][]string{
		{"export", "--db", src, "--what", "audit", "--search", "ada"},
		{"export", "--db", src, "--actor", "cli"},
		{"export", "--db", src, "--what", "secrets"},
		{"export", "--db", src, "--status", "sleeping"},
		{"export", "--db", src, "--integration", "nope"},
		{"export", "--db", src, "--format", "xml"},
		{"export", "--db", src, "users"},
		{"import", "--db", src},
		{"import", "--db", src, "--map", "user_id", filepath.Join("docs", "examples", "users.csv")},
		{"import", "--db", src, filepath.Join(dir, "missing.csv")},
	} {
		if _, _, err := roster(bad...); err == nil {
			t.Errorf("roster %v succeeded", bad)
		}
	}
}

func TestBackupAndRestoreCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "roster.db")
	roster := func(args ...string) (string, error) {
		var out, errs bytes.Buffer
		err := run(args, &out, &errs)
		return out.String() + errs.String(), err
	}
	count := func() int {
		st, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var n int
		st.Reader().QueryRowContext(context.Background(), "SELECT count(*) FROM connected_users").Scan(&n)
		return n
	}
	if _, err := roster("seed", "--db", db, "--users", "300"); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "b.db")
	if out, err := roster("backup", "--db", db, "--to", backup); err != nil || !strings.Contains(out, "Backed up") {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if out, err := roster("backup", "--db", db); err != nil || !strings.Contains(out, filepath.Join(dir, "backups", "roster-")) {
		t.Fatalf("backup to the default folder: %v\n%s", err, out)
	}
	// Change the file, then put the backup back.
	if _, err := roster("import", "--db", db, filepath.Join("docs", "examples", "users.csv")); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 305 {
		t.Fatalf("%d users after the import", n)
	}
	out, err := roster("restore", "--db", db, backup)
	if err != nil || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if n := count(); n != 300 {
		t.Fatalf("%d users after the restore; want the backup's 300", n)
	}
	// The file as it was is kept beside the other backups, by a name the
	// automatic pruning never deletes.
	if kept, _ := filepath.Glob(filepath.Join(dir, "backups", "roster-before-restore-*.db")); len(kept) != 1 || !strings.Contains(out, kept[0]) {
		t.Fatalf("kept aside: %v; output %s", kept, out)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	testutil.CheckConsistent(t, st)
	st.Close()

	// Bad backups are refused and the file is left as it is.
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, bytes.Repeat([]byte("not sqlite "), 1000), 0o600)
	for _, bad := range []string{junk, filepath.Join(dir, "missing.db")} {
		if out, err := roster("restore", "--db", db, bad); err == nil {
			t.Errorf("restore from %s succeeded: %s", bad, out)
		}
	}
	if n := count(); n != 300 {
		t.Fatalf("%d users after refused restores", n)
	}
}

func TestServeRefusesBeforeTouchingTheDatabase(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"--addr", "0.0.0.0:0"},                          // exposed without TLS or --insecure
		{"--addr", "127.0.0.1:0", "--tls-cert", "x.pem"}, // a certificate without its key
		{"extra", "--addr", "127.0.0.1:0"},               // a stray word before the flags
	} {
		db := filepath.Join(t.TempDir(), "roster.db")
		var out, errs bytes.Buffer
		err := run(append([]string{"serve", "--db", db}, args...), &out, &errs)
		if err == nil {
			t.Fatalf("roster serve %v started", args)
		}
		if _, statErr := os.Stat(db); !errors.Is(statErr, os.ErrNotExist) {
			t.Errorf("roster serve %v (%v) created or touched %s", args, err, db)
		}
	}
}

func TestTheCommandLineRefusesWordsItDoesNotKnow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	named := filepath.Join(dir, "named.db")
	for _, args := range [][]string{
		{"migrate", "down", "--db", named}, // "down" is no option: --db after it was ignored
		{"seed", "extra", "--db", named, "--users", "1"},
		{"frobnicate"},
		{"version", "now"},
		{"migrate", "--no-such-flag", "--db", named},
		{"--db", named, "stray"},
	} {
		var out, errs bytes.Buffer
		err := run(args, &out, &errs)
		if !errors.As(err, new(usageError)) {
			t.Errorf("roster %v: %v; want a usage error (exit status 2)", args, err)
		}
		if _, statErr := os.Stat(named); !errors.Is(statErr, os.ErrNotExist) {
			t.Fatalf("roster %v touched %s", args, named)
		}
	}
	// --help prints the flags (on standard error, as flag does) and is no error.
	var out, errs bytes.Buffer
	if err := run([]string{"migrate", "--help"}, &out, &errs); !errors.Is(err, errHelp) {
		t.Errorf("roster migrate --help: %v", err)
	}
	// roster --help and -h list every command, as roster help does.
	for _, flag := range []string{"--help", "-h"} {
		out.Reset()
		errs.Reset()
		if err := run([]string{flag}, &out, &errs); !errors.Is(err, errHelp) {
			t.Errorf("roster %s: %v", flag, err)
		}
		if !strings.Contains(errs.String(), "roster export [--db PATH]") || !strings.Contains(errs.String(), "roster serve") {
			t.Errorf("roster %s printed %q; want every command", flag, errs.String())
		}
	}
}

func TestAuditVerifyCommand(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "roster.db")
	roster := func(args ...string) (string, error) {
		var out, errs bytes.Buffer
		err := run(args, &out, &errs)
		return out.String(), err
	}
	if _, err := roster("import", "--db", db, filepath.Join("docs", "examples", "users.csv")); err != nil {
		t.Fatal(err)
	}
	if out, err := roster("audit", "verify", "--db", db); err != nil || !strings.Contains(out, "intact (1 entry)") {
		t.Fatalf("an untouched log: %v %q", err, out)
	}
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_name = 'Mallory'"); err != nil {
		t.Fatal(err)
	}
	if _, err := roster("audit", "verify", "--db", db); err == nil || !strings.Contains(err.Error(), "audit log entry 1 does not match") {
		t.Fatalf("an altered log: %v", err)
	}
	if _, err := roster("audit", "--db", db); !errors.As(err, new(usageError)) {
		t.Fatalf("roster audit without verify: %v", err)
	}
}

// TestCommandsKeepADamagedFileUnchanged: when the last integrity check found
// the file damaged, the commands that write refuse as the window does, and
// the ones that read still work.
func TestCommandsKeepADamagedFileUnchanged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "roster.db")
	roster := func(args ...string) (string, error) {
		var out, errs bytes.Buffer
		err := run(args, &out, &errs)
		return out.String() + errs.String(), err
	}
	if _, err := roster("seed", "--db", db, "--users", "20"); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Record(ctx, func(tx store.DB) error {
		return store.PutSettings(ctx, tx, map[string]string{"backup.check_at": "2026-11-01T00:00:00Z", "backup.check_result": "*** in database main ***\nTree 7 page 9: btree page is damaged"})
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, args := range [][]string{
		{"import", "--db", db, filepath.Join("docs", "examples", "users.csv")},
		{"ingest", "--db", db, filepath.Join("docs", "examples", "events.jsonl")},
		{"seed", "--db", db, "--users", "5"},
	} {
		if out, err := roster(args...); err == nil || !strings.Contains(err.Error()+out, "failed its integrity check") {
			t.Errorf("roster %s on a damaged file: %v\n%s", args[0], err, out)
		}
	}
	if out, err := roster("export", "--db", db); err != nil || strings.Count(out, "\n") != 21 {
		t.Fatalf("export of a damaged file: %v\n%s", err, out)
	}
}

// TestACommandSaysItWaitsForAnotherRostersUpgrade: a command started while
// another process holds the file to upgrade it says why it sits still, and
// goes on once the file is free.
func TestACommandSaysItWaitsForAnotherRostersUpgrade(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "roster.db")
	if err := run([]string{"migrate", "--db", db}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	// What an upgrading Roster does: exclusive locking mode keeps the lock
	// of a write transaction until the connection closes.
	holder, err := sql.Open("sqlite3", "file:"+db+"?_locking_mode=EXCLUSIVE")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	holder.SetMaxOpenConns(1)
	if _, err := holder.Exec("BEGIN EXCLUSIVE; COMMIT"); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr testutil.Buffer
	done := make(chan error, 1)
	go func() { done <- run([]string{"migrate", "--db", db}, &stdout, &stderr) }()
	for !strings.Contains(stderr.String(), "Waiting for another Roster to finish upgrading "+db) {
		select {
		case err := <-done:
			t.Fatalf("the command ended while the file was held: %v\nstdout: %s\nstderr: %s", err, stdout.String(), stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	holder.Close()
	if err := <-done; err != nil || !strings.Contains(stdout.String(), "is at schema version") || !strings.Contains(stderr.String(), "Waited ") {
		t.Fatalf("once the file was free: %v\nstdout: %s\nstderr: %s", err, stdout.String(), stderr.String())
	}
}

// The command-line roster (this test binary: no desktop tags) opens the
// window by becoming roster-desktop beside it, with its arguments and
// environment; without one it says where it looked. Without a display it
// says so itself: a server may lack roster-desktop's libraries.
// Not in parallel: a test forking while this one writes an executable may
// hold it open, and running it would then fail ("text file busy").
func TestTheWindowOpensThroughRosterDesktopBeside(t *testing.T) {
	self, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		desktop bool   // a roster-desktop beside roster
		display string // $DISPLAY
		want    string // in roster's output; "" for roster-desktop's run
	}{
		{"beside", true, ":9", ""},
		{"missing", false, ":9", "the window is roster-desktop, which is not beside this roster (DIR)"},
		{"no display", true, "", "no display found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			roster, got := filepath.Join(dir, "roster"), filepath.Join(dir, "got")
			if err := os.WriteFile(roster, self, 0o755); err != nil {
				t.Fatal(err)
			}
			if tc.desktop {
				// A stand-in for the window (its GTK cannot run here): it
				// writes down its arguments and an environment variable.
				script := "#!/bin/sh\nprintf '%s\\n' \"$@\" \"$ROSTER_HOP\" >" + got + "\n"
				if err := os.WriteFile(filepath.Join(dir, desktopBinary), []byte(script), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			cmd := exec.Command(roster, "--db", filepath.Join(dir, "a.db"))
			cmd.Env = append(os.Environ(), "ROSTER_AS_COMMAND=1", "ROSTER_HOP=kept", "DISPLAY="+tc.display, "WAYLAND_DISPLAY=")
			out, err := cmd.CombinedOutput()
			if _, statErr := os.Stat(filepath.Join(dir, "a.db")); !errors.Is(statErr, os.ErrNotExist) {
				t.Errorf("the command-line roster touched the database: %v", statErr)
			}
			if tc.want != "" {
				if err == nil || !strings.Contains(string(out), strings.ReplaceAll(tc.want, "DIR", dir)) {
					t.Fatalf("got %v\n%s\nwant an error saying %q", err, out, tc.want)
				}
				if _, err := os.Stat(got); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("roster-desktop ran: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			args, err := os.ReadFile(got)
			if want := "--db\n" + filepath.Join(dir, "a.db") + "\nkept\n"; err != nil || string(args) != want {
				t.Fatalf("roster-desktop got %q (%v), want %q", args, err, want)
			}
		})
	}
}
