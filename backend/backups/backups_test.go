package backups

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/seed"
	"roster/backend/store"
	"roster/backend/testutil"
)

func TestMain(m *testing.M) { testutil.Main(m) }

var (
	owner   = domain.Actor{ID: "1", MemberID: 1, Name: "Olivia Owner", Role: domain.RoleOwner}
	monitor = domain.Actor{ID: "2", MemberID: 2, Name: "Mo Monitor", Role: domain.RoleMonitorAll}
	start   = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
)

// open returns a service on the test's own copy of a small seeded file, on
// a test clock.
func open(t *testing.T) (*Service, *store.Store, *testutil.Clock) {
	t.Helper()
	st := testutil.OpenSeeded(t, seed.Options{Users: 50, Seed: 3, Now: start, Actor: domain.CommandLine()})
	clock := testutil.NewClock(start)
	return New(st, clock.Now, nil), st, clock
}

func countUsers(t *testing.T, st *store.Store) int {
	t.Helper()
	var n int
	if err := st.Reader().QueryRowContext(context.Background(), "SELECT count(*) FROM connected_users").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func lastAudit(t *testing.T, st *store.Store) (action, actor, label string) {
	t.Helper()
	err := st.Reader().QueryRowContext(context.Background(),
		"SELECT action, actor_name, target_label FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&action, &actor, &label)
	if err != nil {
		t.Fatal(err)
	}
	return action, actor, label
}

func code(err error) domain.Code {
	var e *domain.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func names(bs []Backup) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Name)
	}
	return out
}

func TestBackUpChangeRestoreRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, st, clock := open(t)
	before := countUsers(t, st)

	b, err := svc.BackUpNow(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "roster-20261201-100000.db" || b.Bytes == 0 || b.Kind != KindManual {
		t.Fatalf("backup = %+v", b)
	}
	if a, who, label := lastAudit(t, st); a != string(domain.ActionBackup) || who != owner.Name || label != b.Name {
		t.Fatalf("audit after backup: %s by %s on %s", a, who, label)
	}
	// A second backup in the same second does not replace the first.
	again, err := svc.BackUpNow(ctx, owner)
	if err != nil || again.Name != "roster-20261201-100000-2.db" {
		t.Fatalf("second backup in the same second: %+v, %v", again, err)
	}

	if err := st.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM connected_users WHERE id IN (SELECT id FROM connected_users LIMIT 10)")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n := countUsers(t, st); n != before-10 {
		t.Fatalf("%d users after the change; want %d", n, before-10)
	}

	clock.Advance(time.Hour)
	res, err := svc.Restore(ctx, owner, b.Name)
	if err != nil {
		t.Fatal(err)
	}
	if res.Restored != b.Name || res.KeptAs != "roster-before-restore-20261201-110000.db" ||
		res.UpgradedFrom != 0 || res.SchemaVersion != store.LatestVersion() {
		t.Fatalf("restore = %+v", res)
	}
	if n := countUsers(t, st); n != before {
		t.Fatalf("%d users after the restore; want the backup's %d", n, before)
	}
	if a, who, label := lastAudit(t, st); a != string(domain.ActionRestore) || who != owner.Name || label != b.Name {
		t.Fatalf("audit after restore: %s by %s on %s", a, who, label)
	}
	testutil.CheckConsistent(t, st)

	// The file as it was is kept, and is a whole database holding the change.
	aside := filepath.Join(svc.Dir(), res.KeptAs)
	if err := store.CheckFile(ctx, aside); err != nil {
		t.Fatalf("the copy kept aside: %v", err)
	}
	list, err := svc.List(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{res.KeptAs, again.Name, b.Name} // newest first
	if got := names(list); !slices.Equal(got, want) {
		t.Fatalf("list = %v; want %v", got, want)
	}
	if list[0].Kind != KindBeforeRestore || !list[0].At.Equal(start.Add(time.Hour)) {
		t.Fatalf("kept-aside entry = %+v", list[0])
	}
	// Checking and restoring read the backups without leaving a file beside them.
	entries, err := os.ReadDir(svc.Dir())
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
	}
	if slices.Sort(want); !slices.Equal(files, want) {
		t.Fatalf("the backups folder holds %v; want the backups alone, %v", files, want)
	}
}

func TestRestoreRefuses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, st, _ := open(t)
	good, err := svc.BackUpNow(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(filepath.Dir(st.Path()), "roster-20261201-100000.db")
	if err := st.BackupTo(ctx, outside); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(svc.Dir(), "roster-20260101-000000.db"), 0o700); err != nil {
		t.Fatal(err)
	}
	junk := "roster-20250101-000000.db"
	if err := os.WriteFile(filepath.Join(svc.Dir(), junk), []byte(strings.Repeat("not sqlite ", 500)), 0o600); err != nil {
		t.Fatal(err)
	}
	users := countUsers(t, st)
	cases := []struct {
		name  string
		actor domain.Actor
		file  string
		want  domain.Code
	}{
		{"parent folder", owner, "../roster-20261201-100000.db", domain.CodeInvalid},
		{"relative path", owner, "../x.db", domain.CodeInvalid},
		{"absolute path", owner, outside, domain.CodeInvalid},
		{"absolute path to a listed backup", owner, filepath.Join(svc.Dir(), good.Name), domain.CodeInvalid},
		{"backslash", owner, `..\` + good.Name, domain.CodeInvalid},
		{"empty", owner, "", domain.CodeInvalid},
		{"dot dot", owner, "..", domain.CodeInvalid},
		{"not a backup's name", owner, "roster.db", domain.CodeInvalid},
		{"missing file", owner, "roster-20240101-000000.db", domain.CodeNotFound},
		{"a folder", owner, "roster-20260101-000000.db", domain.CodeNotFound},
		{"not a database", owner, junk, domain.CodeInvalid},
		{"not allowed", monitor, good.Name, domain.CodeForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := svc.Restore(ctx, tc.actor, tc.file)
			if code(err) != tc.want {
				t.Fatalf("Restore(%q) = %v; want code %s", tc.file, err, tc.want)
			}
		})
	}
	if n := countUsers(t, st); n != users {
		t.Fatalf("%d users after refused restores; want %d", n, users)
	}
	list, err := svc.List(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range list {
		if b.Kind == KindBeforeRestore {
			t.Fatalf("a refused restore kept a copy aside: %v", names(list))
		}
	}
}

func TestRestoreWaitsForARunningImport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, st, clock := open(t)
	svc := New(st, clock.Now, func() string { return "an import of users.csv" })
	b, err := svc.BackUpNow(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	_, err = svc.Restore(ctx, owner, b.Name)
	if code(err) != domain.CodeConflict || !strings.Contains(err.Error(), "An import of users.csv is running") {
		t.Fatalf("restore during an import: %v", err)
	}
}

func TestOnlyWorkspaceManagers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, _, _ := open(t)
	calls := map[string]func(domain.Actor) error{
		"BackUpNow": func(a domain.Actor) error { _, err := svc.BackUpNow(ctx, a); return err },
		"List":      func(a domain.Actor) error { _, err := svc.List(ctx, a); return err },
		"Status":    func(a domain.Actor) error { _, err := svc.Status(ctx, a); return err },
		"UpdateSettings": func(a domain.Actor) error {
			_, err := svc.UpdateSettings(ctx, a, Settings{Auto: true, Keep: 3})
			return err
		},
		"RestoreFile": func(a domain.Actor) error { _, err := svc.RestoreFile(ctx, a, "x.db"); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			if err := call(monitor); code(err) != domain.CodeForbidden {
				t.Fatalf("as a monitor: %v; want forbidden", err)
			}
			if err := call(domain.Actor{ID: "3", MemberID: 3, Role: domain.RoleAdmin}); code(err) == domain.CodeForbidden {
				t.Fatalf("as an administrator: %v", err)
			}
		})
	}
}

func TestSettings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, st, _ := open(t)
	s, err := svc.Status(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	if s.Settings != (Settings{Auto: true, Keep: DefaultKeep}) || s.Check.At != nil || s.LastAutoAt != nil || s.Dir != svc.Dir() {
		t.Fatalf("defaults: %+v", s)
	}
	for _, keep := range []int{0, -1, MaxKeep + 1} {
		_, err := svc.UpdateSettings(ctx, owner, Settings{Auto: true, Keep: keep})
		var e *domain.Error
		if !errors.As(err, &e) || e.Code != domain.CodeInvalid || e.Field != "keep" {
			t.Errorf("keep %d: %v; want invalid keep", keep, err)
		}
	}
	s, err = svc.UpdateSettings(ctx, owner, Settings{Auto: false, Keep: 30})
	if err != nil || s.Settings != (Settings{Auto: false, Keep: 30}) {
		t.Fatalf("update: %+v, %v", s.Settings, err)
	}
	var action, before, after string
	if err := st.Reader().QueryRowContext(ctx, "SELECT action, before, after FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&action, &before, &after); err != nil {
		t.Fatal(err)
	}
	if action != string(domain.ActionSettingsUpdate) || before != `{"autoBackup":true,"keepBackups":7}` || after != `{"autoBackup":false,"keepBackups":30}` {
		t.Fatalf("audit: %s %s → %s", action, before, after)
	}
	// Saving the same again changes nothing and logs nothing.
	var entries int
	st.Reader().QueryRowContext(ctx, "SELECT count(*) FROM audit_log").Scan(&entries)
	if _, err := svc.UpdateSettings(ctx, owner, Settings{Auto: false, Keep: 30}); err != nil {
		t.Fatal(err)
	}
	var now int
	st.Reader().QueryRowContext(ctx, "SELECT count(*) FROM audit_log").Scan(&now)
	if now != entries {
		t.Fatalf("an unchanged save wrote %d audit entries", now-entries)
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		kind Kind
		ok   bool
	}{
		{"roster-20261201-100000.db", KindManual, true},
		{"roster-20261201-100000-2.db", KindManual, true},
		{"roster-auto-20261201-100000.db", KindAuto, true},
		{"roster-before-restore-20261201-100000.db", KindBeforeRestore, true},
		{"roster-auto-20261201-100000.db.partial", "", false},
		{"roster-20261201-100000-1.db", "", false},
		{"roster-20261201-100000x.db", "", false},
		{"roster-auto-x.db", "", false},
		{"roster.db", "", false},
		{"notes.txt", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			kind, at, ok := parse(tc.name)
			if ok != tc.ok || kind != tc.kind || (ok && !at.Equal(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))) {
				t.Fatalf("parse = %s %v %v; want %s %v", kind, at, ok, tc.kind, tc.ok)
			}
		})
	}
}
