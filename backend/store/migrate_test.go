package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"roster/backend/domain"
)

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// rawExec runs SQL on a file outside the store (as another Roster would).
func rawExec(t *testing.T, path, query string) {
	t.Helper()
	db := openFile(path, nil)
	defer db.Close()
	if _, err := db.Exec(query); err != nil {
		t.Fatal(err)
	}
	// Fold the WAL back so the file on disk is the whole database.
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
}

// rawDB opens a file outside the store, closed when the test ends.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db := openFile(path, nil)
	t.Cleanup(func() { db.Close() })
	return db
}

// migrateTo brings a new file at path to schema version v, as an older
// Roster left it.
func migrateTo(t *testing.T, path string, v uint) {
	t.Helper()
	if err := CreateAt(path, v); err != nil {
		t.Fatal(err)
	}
}

func TestMigrateUpDownUp(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "roster.db")
	for round := range 2 {
		v, err := Migrate(ctx, path)
		if err != nil || v != LatestVersion() {
			t.Fatalf("round %d up: version %d, %v; want %d", round, v, err, LatestVersion())
		}
		st, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Update(ctx, func(tx DB) error {
			_, err := tx.ExecContext(ctx, "INSERT INTO connected_users (external_id, name, created_at) VALUES ('u1', 'Ada', 1)")
			return err
		}); err != nil {
			t.Fatalf("round %d: schema not usable: %v", round, err)
		}
		st.Close()
		if err := MigrateDown(path); err != nil {
			t.Fatalf("round %d down: %v", round, err)
		}
	}
	matches, _ := filepath.Glob(path + ".bak-*")
	if len(matches) != 0 {
		t.Fatalf("backups of a file with nothing pending: %v", matches)
	}
}

func TestMigrateRefusesAndLeavesFileAlone(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		setup string
		want  error
		say   string
	}{
		{"newer schema", "UPDATE schema_migrations SET version = 99, dirty = 0", ErrSchemaTooNew, "version 99"},
		{"dirty schema, no copy beside it", "UPDATE schema_migrations SET dirty = 1", ErrSchemaDirty, "made no copy of it before"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "roster.db")
			if _, err := Migrate(ctx, path); err != nil {
				t.Fatal(err)
			}
			rawExec(t, path, tc.setup)
			before := fileHash(t, path)
			_, err := Open(ctx, path)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.say) || !strings.Contains(err.Error(), "not changed") {
				t.Fatalf("got %v; want %v saying %q and that the file is unchanged", err, tc.want, tc.say)
			}
			if fileHash(t, path) != before {
				t.Fatal("the refused file was changed")
			}
		})
	}
}

func TestBackupCopiesTheDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "roster.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Update(ctx, func(tx DB) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO connected_users (external_id, name, created_at) VALUES ('u1', 'Ada', 1)")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	dst, err := backup(ctx, rawDB(t, path), path, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(dst), "roster.db.bak-v1-") {
		t.Fatalf("backup named %s", dst)
	}
	copyDB := openFile(dst, url.Values{"mode": {"ro"}})
	defer copyDB.Close()
	var name string
	if err := copyDB.QueryRow("SELECT name FROM connected_users").Scan(&name); err != nil || name != "Ada" {
		t.Fatalf("backup holds %q, %v; want the committed row", name, err)
	}
}

func TestBackupsInOneSecondAllKeptAndNoneHalfMade(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "roster.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db := rawDB(t, path)
	var made []string
	for range 3 { // well within one second
		dst, err := backup(ctx, db, path, 1)
		if err != nil {
			t.Fatalf("backup %d: %v", len(made)+1, err)
		}
		made = append(made, dst)
	}
	if made[0] == made[1] || made[1] == made[2] || made[0] == made[2] {
		t.Errorf("backups named %v: one replaced another", made)
	}
	for _, m := range made {
		if err := CheckFile(ctx, m); err != nil {
			t.Errorf("%s: %v", m, err)
		}
	}
	// A copy that stops part-way (here: cancelled) leaves nothing that
	// looks like a backup, nor its partial file.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := backup(cancelled, db, path, 1); err == nil {
		t.Fatal("a cancelled backup succeeded")
	}
	db.Close()
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if n := len(names); n != 1+len(made) {
		t.Errorf("the folder holds %v", names)
	}
}

func TestPragmasAndReadOnlyPool(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "roster.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "synchronous": "2", "temp_store": "2"} {
		var got string
		if err := st.write.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil || got != want {
			t.Errorf("write pool %s = %q, %v; want %q", pragma, got, err, want)
		}
	}
	var hash int // the search index's pending entries (migration 15)
	if err := st.write.QueryRowContext(ctx, "SELECT v FROM users_fts_config WHERE k = 'hashsize'").Scan(&hash); err != nil || hash != 32<<20 {
		t.Errorf("users_fts hashsize = %d, %v; want %d", hash, err, 32<<20)
	}
	if _, err := st.Reader().ExecContext(ctx, "INSERT INTO integrations (key, name) VALUES ('x', 'X')"); err == nil {
		t.Fatal("the read pool accepted a write")
	}
}

func TestAuditLogIsAppendOnlyAndChained(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "roster.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i, action := range []domain.AuditAction{domain.ActionUserDisable, domain.ActionUserEnable, domain.ActionWorkflowDisable} {
		if err := st.Update(ctx, func(tx DB) error {
			return AppendAudit(ctx, tx, AuditRecord{Action: action, TargetType: "user", TargetID: "7",
				Before: map[string]any{"i": i}, After: map[string]any{"i": i + 1}})
		}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := VerifyAudit(ctx, st.Reader()); err != nil {
		t.Fatalf("a good chain: %v", err)
	}
	page, err := ListAudit(ctx, st.Reader(), AuditQuery{Limit: 2})
	if err != nil || len(page.Entries) != 2 || page.Entries[0].Action != "workflow.disable" || page.NextCursor == "" {
		t.Fatalf("newest first, paged: %+v %v", page, err)
	}
	page, err = ListAudit(ctx, st.Reader(), AuditQuery{Limit: 2, Cursor: page.NextCursor})
	if err != nil || len(page.Entries) != 1 || page.Entries[0].Action != "user.disable" || page.NextCursor != "" {
		t.Fatalf("second page: %+v %v", page, err)
	}
	for _, stmt := range []string{"UPDATE audit_log SET actor_name = 'someone else'", "DELETE FROM audit_log"} {
		err := st.Update(ctx, func(tx DB) error { _, err := tx.ExecContext(ctx, stmt); return err })
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("%s: %v; want it refused", stmt, err)
		}
	}
	// Someone with the file and a SQLite shell drops the guard and edits history.
	if err := st.Update(ctx, func(tx DB) error {
		_, err := tx.ExecContext(ctx, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after = '{\"i\":9}' WHERE id = 2")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyAudit(ctx, st.Reader()); !errors.As(err, new(*AuditBroken)) || err.(*AuditBroken).ID != 2 {
		t.Fatalf("tampered chain: %v; want entry 2 reported", err)
	}
}

// A new migration must come after every landed one: a database already at
// the newest version would never run a lower number. Versions 5 and 10 were
// skipped when later ones landed and must stay unused; every other one is there.
func TestMigrationsOnlyGoUp(t *testing.T) {
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	have := map[uint]bool{}
	for _, e := range entries {
		n, err := strconv.ParseUint(strings.SplitN(e.Name(), "_", 2)[0], 10, 32)
		if err != nil {
			t.Fatalf("%s: not a numbered migration", e.Name())
		}
		have[uint(n)] = true
	}
	skipped := map[uint]bool{5: true, 10: true}
	for v := uint(1); v <= LatestVersion(); v++ {
		if skipped[v] && have[v] {
			t.Fatalf("migration %d was skipped when later ones landed; number new migrations after %d", v, LatestVersion())
		}
		if !skipped[v] && !have[v] {
			t.Errorf("migration %d is missing", v)
		}
	}
}

func TestAChangeWhileAnotherProcessHoldsTheLockIsAConflict(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "roster.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The writer waits 50 ms for the lock here, not 10 s (one connection:
	// the pragma stays with it).
	if _, err := st.write.ExecContext(ctx, "PRAGMA busy_timeout = 50"); err != nil {
		t.Fatal(err)
	}
	other := openFile(path, nil)
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	called := false
	err = st.Update(ctx, func(DB) error { called = true; return nil })
	if !errors.Is(err, domain.ErrConflict) || called || !strings.Contains(err.Error(), "try again") {
		t.Fatalf("Update while locked: %v (fn called: %v); want a conflict to retry", err, called)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if err := st.Update(ctx, func(DB) error { called = true; return nil }); err != nil || !called {
		t.Fatalf("Update once the lock is free: %v", err)
	}
}

func TestADirtyFileNamesTheCopyMadeBeforeMigrating(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "roster.db")
	if _, err := Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	older, err := backup(ctx, rawDB(t, path), path, 6)
	if err != nil {
		t.Fatal(err)
	}
	newer := path + ".bak-v7-20991231T000000Z" // made later: named by its time
	if err := os.Link(older, newer); err != nil {
		t.Fatal(err)
	}
	rawExec(t, path, "UPDATE schema_migrations SET dirty = 1")
	_, err = Open(ctx, path)
	if !errors.Is(err, ErrSchemaDirty) || !strings.Contains(err.Error(), newer) {
		t.Fatalf("got %v; want it to name %s", err, newer)
	}
}

// A file marked read-only is refused at open, before anything touches it,
// with an error that says how to fix it; not at the first change with a
// generic failure.
func TestOpenRefusesAReadOnlyFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "roster.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err = Open(ctx, path)
	if err == nil {
		st.Close()
		t.Fatal("a read-only file was opened")
	}
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "chmod u+w") {
		t.Fatalf("error %q; want ErrReadOnly saying how to fix it", err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("the refused file was changed")
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	st, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("made writable again, the file still fails to open: %v", err)
	}
	st.Close()
}

// TestQueuedMailGetsAGloballyUniqueMessageID: mail queued before random
// Message-IDs (roster.outbox.<id>, as migration 4 numbered it) gets a
// random one when migrated; mail already sent keeps the one it went out with.
func TestQueuedMailGetsAGloballyUniqueMessageID(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "roster.db")
	migrateTo(t, path, 9)
	rawExec(t, path, `INSERT INTO outbox (id, kind, recipient, subject, body_text, created_at, next_attempt_at, sent_at, message_id) VALUES
		(1, 'invitation', 'a@example.com', 's', 't', 1, 1, 0, 'roster.outbox.1'),
		(2, 'invitation', 'b@example.com', 's', 't', 1, 1, 5, 'roster.outbox.2'),
		(3, 'invitation', 'c@example.com', 's', 't', 1, 1, 0, 'roster.outbox.3')`)
	if _, err := Migrate(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids := map[int64]string{}
	for id := int64(1); id <= 3; id++ {
		r, err := GetMail(context.Background(), st.Reader(), id)
		if err != nil {
			t.Fatal(err)
		}
		ids[id] = r.MessageID
	}
	random := regexp.MustCompile(`^roster\.[0-9a-f]{32}$`)
	if !random.MatchString(ids[1]) || !random.MatchString(ids[3]) || ids[1] == ids[3] {
		t.Errorf("queued mail kept or shares a numbered Message-ID: %q, %q", ids[1], ids[3])
	}
	if ids[2] != "roster.outbox.2" {
		t.Errorf("sent mail's Message-ID changed to %q", ids[2])
	}
}

// TestPendingMigrationsReadsWithoutChanging: what Migrate will do, read
// before it runs, and nothing said for files it creates or refuses.
func TestPendingMigrationsReadsWithoutChanging(t *testing.T) {
	t.Parallel()
	latest := LatestVersion()
	cases := []struct {
		name     string
		setup    func(t *testing.T, path string)
		from, to uint
		held     bool
	}{
		{"no file yet", func(*testing.T, string) {}, latest, latest, false},
		{"up to date", func(t *testing.T, path string) {
			if _, err := Migrate(context.Background(), path); err != nil {
				t.Fatal(err)
			}
		}, latest, latest, false},
		{"at version 4", func(t *testing.T, path string) {
			migrateTo(t, path, 4)
		}, 4, latest, false},
		{"newer than this build", func(t *testing.T, path string) {
			if _, err := Migrate(context.Background(), path); err != nil {
				t.Fatal(err)
			}
			rawExec(t, path, "UPDATE schema_migrations SET version = 99")
		}, latest, latest, false},
		{"dirty", func(t *testing.T, path string) {
			if _, err := Migrate(context.Background(), path); err != nil {
				t.Fatal(err)
			}
			rawExec(t, path, "UPDATE schema_migrations SET version = 4, dirty = 1")
		}, latest, latest, false},
		{"held by another's upgrade", func(t *testing.T, path string) {
			migrateTo(t, path, 4)
			db, err := holdFile(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
		}, latest, latest, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "roster.db")
			tc.setup(t, path)
			_, err := os.Stat(path)
			existed := err == nil
			var before [32]byte
			if existed {
				before = fileHash(t, path)
			}
			from, to, held := PendingMigrations(path)
			if from != tc.from || to != tc.to || held != tc.held {
				t.Errorf("PendingMigrations = %d → %d, held %v; want %d → %d, held %v", from, to, held, tc.from, tc.to, tc.held)
			}
			if !existed {
				if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("a missing file was created: %v", err)
				}
			} else if fileHash(t, path) != before {
				t.Error("the file was changed")
			}
		})
	}
}

// Rosters opening an old file at once (a double click while it upgrades)
// upgrade it once: the others wait for the file, then find it up to date.
func TestOpensAtOnceUpgradeTheFileOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "roster.db")
	migrateTo(t, path, 4)
	rawExec(t, path, "INSERT INTO connected_users (external_id, name, created_at) VALUES ('u1', 'Ada', 1)")
	errs := make([]error, 3)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Go(func() {
			st, err := Open(context.Background(), path)
			if err == nil {
				err = st.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("open %d: %v", i, err)
		}
	}
	copies, _ := filepath.Glob(path + ".bak-*")
	if len(copies) != 1 || strings.HasSuffix(copies[0], ".partial") {
		t.Errorf("copies made before migrating: %v; want one", copies)
	}
	if v, dirty, ok, _ := readVersion(path); !ok || dirty || v != LatestVersion() {
		t.Errorf("schema version %d (dirty %v, read %v); want %d", v, dirty, ok, LatestVersion())
	}
	var name string
	if err := rawDB(t, path).QueryRow("SELECT name FROM connected_users WHERE external_id = 'u1'").Scan(&name); err != nil || name != "Ada" {
		t.Errorf("user after the upgrade: %q, %v", name, err)
	}
}

// An older Roster with the file open keeps it from being upgraded under
// its feet: Migrate waits, then refuses with what to do, and changes
// nothing; once that Roster closes, the upgrade goes ahead.
func TestMigrateWaitsForAnotherProgramToClose(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "roster.db")
	migrateTo(t, path, 4)
	rawExec(t, path, "PRAGMA journal_mode = WAL") // as every Roster leaves it
	older, err := openPool(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer older.Close()
	if err := older.Ping(); err != nil {
		t.Fatal(err)
	}
	before := fileHash(t, path)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err = Migrate(ctx, path)
	if !errors.Is(err, ErrFileInUse) || !strings.Contains(err.Error(), "Close that program") {
		t.Fatalf("Migrate while another program has the file open: %v; want ErrFileInUse saying what to do", err)
	}
	if fileHash(t, path) != before {
		t.Error("the file changed")
	}
	if copies, _ := filepath.Glob(path + ".bak-*"); len(copies) != 0 {
		t.Errorf("copies made: %v", copies)
	}
	older.Close()
	if v, err := Migrate(context.Background(), path); err != nil || v != LatestVersion() {
		t.Fatalf("Migrate once the other program closed: %d, %v", v, err)
	}
}

// TestMigration16FindsHowUsersAreNumbered: a file whose users an import
// numbered against created order is flagged so, one numbered as first seen
// is not.
func TestMigration16FindsHowUsersAreNumbered(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		users   string
		inOrder bool
	}{
		{"no users", "", true},
		{"numbered as first seen", "(1, 'a', 'A', 10), (2, 'b', 'B', 10), (5, 'c', 'C', 30)", true},
		{"numbered against created order", "(1, 'a', 'A', 30), (2, 'b', 'B', 20), (3, 'c', 'C', 10)", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "roster.db")
			migrateTo(t, path, 15)
			if tc.users != "" {
				rawExec(t, path, "INSERT INTO connected_users (id, external_id, name, created_at) VALUES "+tc.users)
			}
			if _, err := Migrate(context.Background(), path); err != nil {
				t.Fatal(err)
			}
			var inOrder bool
			if err := rawDB(t, path).QueryRow("SELECT ids_follow_created FROM user_order").Scan(&inOrder); err != nil || inOrder != tc.inOrder {
				t.Fatalf("user_order: %v, %v; want %v", inOrder, err, tc.inOrder)
			}
		})
	}
}

// Migration 18 counts the users of each status by blocks of 4,096 ids, and
// its triggers keep the count as users come, change status and go.
func TestMigration18CountsUsersByID(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "roster.db")
	migrateTo(t, path, 17)
	rawExec(t, path, `INSERT INTO connected_users (id, external_id, name, created_at, disabled_at) VALUES
		(1, 'a', 'A', 10, NULL), (4095, 'b', 'B', 20, NULL), (4096, 'c', 'C', 30, NULL), (20000, 'd', 'D', 40, 40)`)
	if _, err := Migrate(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	byID := func() string {
		t.Helper()
		var got string
		if err := db.QueryRow(`SELECT group_concat(status || ':' || bucket || '=' || n, ' ') FROM
			(SELECT * FROM user_positions WHERE sort = 'id' AND status <> '' AND n <> 0 ORDER BY status, bucket)`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got, want := byID(), "disabled:4=1 no_integrations:0=2 no_integrations:1=1"; got != want {
		t.Fatalf("after the migration, by id: %s; want %s", got, want)
	}
	if _, err := db.Exec(`INSERT INTO connected_users (id, external_id, name, created_at) VALUES (12000, 'e', 'E', 50);
		UPDATE connected_users SET disabled_at = 60 WHERE id = 4095;
		DELETE FROM connected_users WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if got, want := byID(), "disabled:0=1 disabled:4=1 no_integrations:1=1 no_integrations:2=1"; got != want {
		t.Fatalf("after an insert, a change of status and a delete, by id: %s; want %s", got, want)
	}
	positionsRecount(t, db, "user_positions")
}

// positionsRecount fails t unless each of tables (user_positions, or
// user_fine_positions) holds what a recount of its keys view finds.
func positionsRecount(t *testing.T, db *sql.DB, tables ...string) {
	t.Helper()
	for _, table := range tables {
		keys := strings.TrimSuffix(table, "s") + "_keys" // user_position_keys, user_fine_position_keys
		var off int
		if err := db.QueryRow(`SELECT count(*) FROM (SELECT sort, status, bucket FROM (
				SELECT sort, status, bucket, n FROM ` + table + `
				UNION ALL SELECT sort, status, bucket, -count(*) FROM ` + keys + ` GROUP BY sort, status, bucket)
			GROUP BY sort, status, bucket HAVING sum(n) <> 0)`).Scan(&off); err != nil || off != 0 {
			t.Fatalf("%s: %d buckets differ from a recount (%v)", table, off, err)
		}
	}
}

// Migration 18 counts the users never active by blocks of 4,096 ids, below
// every time bucket of last active order.
func TestMigration18CountsUsersNeverActiveByID(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "roster.db")
	migrateTo(t, path, 17)
	day := int64(86_400_000)
	rawExec(t, path, fmt.Sprintf(`INSERT INTO connected_users (id, external_id, name, created_at, last_active_at) VALUES
		(1, 'a', 'A', 10, 0), (4095, 'b', 'B', 20, 0), (4096, 'c', 'C', 30, 0), (20000, 'd', 'D', 40, %d)`, 20_000*day))
	if _, err := Migrate(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	active := func() string {
		t.Helper()
		var got string
		if err := db.QueryRow(`SELECT group_concat(bucket || '=' || n, ' ') FROM
			(SELECT * FROM user_positions WHERE sort = 'active' AND status <> '' AND n <> 0 ORDER BY bucket)`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	never := func(block int64) string { return strconv.FormatInt(block-neverActiveBase, 10) }
	at := strconv.FormatInt(20_000*day>>positionShift, 10)
	if got, want := active(), never(0)+"=2 "+never(1)+"=1 "+at+"=1"; got != want {
		t.Fatalf("after the migration, by last active: %s; want %s", got, want)
	}
	if _, err := db.Exec(fmt.Sprintf(`UPDATE connected_users SET last_active_at = %d WHERE id = 1;
		INSERT INTO connected_users (id, external_id, name, created_at) VALUES (12000, 'e', 'E', 50)`, 20_000*day)); err != nil {
		t.Fatal(err)
	}
	if got, want := active(), never(0)+"=1 "+never(1)+"=1 "+never(2)+"=1 "+at+"=2"; got != want {
		t.Fatalf("after a first activity and an insert, by last active: %s; want %s", got, want)
	}
	positionsRecount(t, db, "user_positions")
}

// Migration 18 counts every status under the empty status, and its triggers move
// those counts only when a user's bucket moves.
func TestMigration18CountsEveryStatus(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "roster.db")
	migrateTo(t, path, 17)
	rawExec(t, path, `INSERT INTO connected_users (id, external_id, name, created_at, disabled_at) VALUES
		(1, 'a', 'Ada', 10, NULL), (2, 'b', 'Adam', 20, 20), (3, 'c', 'Bea', 30, NULL)`)
	if _, err := Migrate(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	names := func() string {
		t.Helper()
		var got string
		if err := db.QueryRow(`SELECT group_concat(bucket || '=' || n, ' ') FROM
			(SELECT * FROM user_positions WHERE sort = 'name' AND status = '' AND n <> 0 ORDER BY bucket)`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got, want := names(), "ad=2 be=1"; got != want {
		t.Fatalf("after the migration, by name in every status: %s; want %s", got, want)
	}
	for _, change := range []struct{ sql, want string }{
		{"UPDATE connected_users SET disabled_at = 40 WHERE id = 1", "ad=2 be=1"}, // a status moves no bucket of every status
		{"UPDATE connected_users SET name = 'Beatrix' WHERE id = 2", "ad=1 be=2"},
		{"DELETE FROM connected_users WHERE id = 3", "ad=1 be=1"},
		{"INSERT INTO connected_users (id, external_id, name, created_at) VALUES (4, 'd', 'Cy', 50)", "ad=1 be=1 cy=1"},
	} {
		if _, err := db.Exec(change.sql); err != nil {
			t.Fatal(err)
		}
		if got := names(); got != change.want {
			t.Fatalf("after %s, by name in every status: %s; want %s", change.sql, got, change.want)
		}
		positionsRecount(t, db, "user_positions")
	}
}

// Migration 19 counts users by buckets of 2^21 ms of their creation and
// activity (users never active have none), and its triggers keep the counts
// as users come, change and go.
func TestMigration19CountsFineBuckets(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "roster.db")
	migrateTo(t, path, 18)
	at := func(bucket, plus int64) int64 { return bucket<<finePositionShift + plus }
	rawExec(t, path, fmt.Sprintf(`INSERT INTO connected_users (id, external_id, name, created_at, last_active_at, disabled_at) VALUES
		(1, 'a', 'A', %d, 0, NULL), (2, 'b', 'B', %d, %d, NULL), (3, 'c', 'C', %d, %d, 1)`,
		at(1000, 0), at(1001, 0), at(1000, 5), at(1000, 9), at(1001, 0)))
	if _, err := Migrate(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	fine := func(sort string) string {
		t.Helper()
		var got string
		if err := db.QueryRow(`SELECT group_concat(bucket || '=' || n, ' ') FROM
			(SELECT * FROM user_fine_positions WHERE sort = ? AND status = '' AND n <> 0 ORDER BY bucket)`, sort).Scan(&got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got, want := fine("created")+" / "+fine("active"), "1000=2 1001=1 / 1000=1 1001=1"; got != want {
		t.Fatalf("after the migration, created / active in every status: %s; want %s", got, want)
	}
	positionsRecount(t, db, "user_fine_positions")
	for _, change := range []struct{ sql, want string }{
		{fmt.Sprintf("UPDATE connected_users SET last_active_at = %d WHERE id = 1", at(1005, 0)), "1000=2 1001=1 / 1000=1 1001=1 1005=1"}, // a first activity
		{fmt.Sprintf("UPDATE connected_users SET last_active_at = %d WHERE id = 2", at(1001, 7)), "1000=2 1001=1 / 1001=2 1005=1"},
		{"UPDATE connected_users SET disabled_at = 7 WHERE id = 2", "1000=2 1001=1 / 1001=2 1005=1"},  // a status moves no bucket of every status
		{"UPDATE connected_users SET name = 'Beatrix' WHERE id = 2", "1000=2 1001=1 / 1001=2 1005=1"}, // names: the recount
		{fmt.Sprintf("UPDATE connected_users SET created_at = %d WHERE id = 3", at(1003, 0)), "1000=1 1001=1 1003=1 / 1001=2 1005=1"},
		{"UPDATE connected_users SET last_active_at = 0 WHERE id = 3", "1000=1 1001=1 1003=1 / 1001=1 1005=1"},
		{"DELETE FROM connected_users WHERE id = 1", "1001=1 1003=1 / 1001=1"},
		{fmt.Sprintf("INSERT INTO connected_users (id, external_id, name, created_at, last_active_at) VALUES (4, 'd', 'D', %d, %d)", at(1001, 1), at(1001, 2)),
			"1001=2 1003=1 / 1001=2"},
	} {
		if _, err := db.Exec(change.sql); err != nil {
			t.Fatal(err)
		}
		if got := fine("created") + " / " + fine("active"); got != change.want {
			t.Fatalf("after %s, created / active in every status: %s; want %s", change.sql, got, change.want)
		}
		positionsRecount(t, db, "user_fine_positions")
	}
}

// Migration 19 stores the first characters of a name as text, even when
// they read as a number: migration 17's table had stored "12" as 12.
func TestMigration19KeepsNameBucketsText(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "roster.db")
	migrateTo(t, path, 18)
	rawExec(t, path, `INSERT INTO connected_users (id, external_id, name, created_at) VALUES
		(1, 'a', '12 Monkeys', 10), (2, 'b', '007 Agents', 20), (3, 'c', 'Ada', 30), (4, 'd', '1e5 Labs', 40)`)
	if _, err := Migrate(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	if _, err := db.Exec(`INSERT INTO connected_users (id, external_id, name, created_at) VALUES (5, 'e', '2024 Ltd', 50)`); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := db.QueryRow(`SELECT group_concat(bucket || ':' || typeof(bucket), ' ') FROM (
			SELECT bucket FROM user_positions WHERE sort = 'name' AND status = '' UNION ALL
			SELECT bucket FROM user_fine_positions WHERE sort = 'name' AND status = '' ORDER BY 1)`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "00:text 007 :text 12:text 12 m:text 1e:text 1e5 :text 20:text 2024:text ad:text ada:text"; got != want {
		t.Fatalf("name buckets %s; want %s", got, want)
	}
	positionsRecount(t, db, "user_positions", "user_fine_positions")
}

// Migration 20 sets each user's integration bits from their connections,
// and its triggers keep them as connections come, go and move; an
// integration numbered past MaxBitIntegration has no bit.
func TestMigration20CarriesIntegrationBits(t *testing.T) {
	t.Parallel()
	c62 := strconv.FormatInt(1<<62, 10)
	checkBits(t, 19, "integration_bits", `(1, 1, 'connected', 1, 1, 10), (1, 2, 'error', 1, 1, 10),
		(2, 63, 'connected', 1, 1, 20), (3, 62, 'connected', 1, 1, 30)`, "1=6 2=0 3="+c62, []bitsChange{
		{"INSERT INTO connections (user_id, integration_id, status, connected_at, status_changed_at, user_created_at) VALUES (2, 1, 'connected', 1, 1, 20)", "1=6 2=2 3=" + c62},
		{"DELETE FROM connections WHERE user_id = 1 AND integration_id = 1", "1=4 2=2 3=" + c62},
		{"UPDATE connections SET integration_id = 2 WHERE user_id = 3", "1=4 2=2 3=4"},
		{"UPDATE connections SET user_id = 1 WHERE user_id = 2 AND integration_id = 1", "1=6 2=0 3=4"},
		{"INSERT INTO connections (user_id, integration_id, status, connected_at, status_changed_at, user_created_at) VALUES (3, 63, 'connected', 1, 1, 30)", "1=6 2=0 3=4"},
		{"DELETE FROM connections WHERE integration_id = 63", "1=6 2=0 3=4"},
	})
}

// Migration 23 sets each user's error bits from their connections in
// error, and its triggers keep them as connections come, go, move and
// change status; an integration numbered past MaxBitIntegration has no bit.
func TestMigration23CarriesErrorBits(t *testing.T) {
	t.Parallel()
	c62 := strconv.FormatInt(1<<62, 10)
	c62s := c62 + "/" + c62
	checkBits(t, 22, "integration_bits || '/' || error_bits", `(1, 1, 'connected', 1, 1, 10), (1, 2, 'error', 1, 1, 10),
		(2, 63, 'error', 1, 1, 20), (3, 62, 'error', 1, 1, 30)`, "1=6/4 2=0/0 3="+c62s, []bitsChange{
		{"INSERT INTO connections (user_id, integration_id, status, connected_at, status_changed_at, user_created_at) VALUES (2, 1, 'error', 1, 1, 20)", "1=6/4 2=2/2 3=" + c62s},
		{"UPDATE connections SET status = 'connected' WHERE user_id = 1 AND integration_id = 2", "1=6/0 2=2/2 3=" + c62s},
		{"UPDATE connections SET status = 'error' WHERE user_id = 1 AND integration_id = 1", "1=6/2 2=2/2 3=" + c62s},
		{"UPDATE connections SET error_message = 'again' WHERE user_id = 1", "1=6/2 2=2/2 3=" + c62s},
		{"DELETE FROM connections WHERE user_id = 1 AND integration_id = 1", "1=4/0 2=2/2 3=" + c62s},
		{"UPDATE connections SET integration_id = 2 WHERE user_id = 3", "1=4/0 2=2/2 3=4/4"},
		{"UPDATE connections SET user_id = 1, integration_id = 1 WHERE user_id = 3", "1=6/2 2=2/2 3=0/0"},
		{"UPDATE connections SET status = 'connected' WHERE integration_id = 63", "1=6/2 2=2/2 3=0/0"},
	})
}

// bitsChange is a change to connections and the users' bits after it.
type bitsChange struct{ sql, want string }

// checkBits migrates a file from version from, holding three users and
// the connections (user_id, integration_id, status, connected_at,
// status_changed_at, user_created_at) of conns, to the newest, then checks
// each user's bits (bits: an SQL expression of them) after it and after
// each change.
func checkBits(t *testing.T, from uint, bits, conns, want string, changes []bitsChange) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "roster.db")
	migrateTo(t, path, from)
	rawExec(t, path, `INSERT INTO integrations (id, key, name) VALUES (1, 'a', 'A'), (2, 'b', 'B'), (62, 'c', 'C'), (63, 'late', 'Late');
		INSERT INTO connected_users (id, external_id, name, created_at) VALUES (1, 'u1', 'U1', 10), (2, 'u2', 'U2', 20), (3, 'u3', 'U3', 30);
		INSERT INTO connections (user_id, integration_id, status, connected_at, status_changed_at, user_created_at) VALUES `+conns)
	if _, err := Migrate(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	read := func() string {
		t.Helper()
		var got string
		if err := db.QueryRow(`SELECT group_concat(id || '=' || ` + bits + `, ' ') FROM (SELECT * FROM connected_users ORDER BY id)`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := read(); got != want {
		t.Fatalf("after the migration: %s; want %s", got, want)
	}
	for _, change := range changes {
		if _, err := db.Exec(change.sql); err != nil {
			t.Fatal(err)
		}
		if got := read(); got != change.want {
			t.Fatalf("after %s: %s; want %s", change.sql, got, change.want)
		}
	}
}

func TestMigration22ChecksListsByComparison(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "roster.db")
	migrateTo(t, path, 21)
	rawExec(t, path, `INSERT INTO integrations (id, key, name) VALUES (1, 'a', 'A');
		INSERT INTO connected_users (id, external_id, name, created_at) VALUES (1, 'u1', 'Ada', 10)`)
	schemaVersion := func() (v int) {
		t.Helper()
		db := rawDB(t, path)
		if err := db.QueryRow("PRAGMA schema_version").Scan(&v); err != nil {
			t.Fatal(err)
		}
		db.Close()
		return v
	}
	was := schemaVersion()
	if _, err := Migrate(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	// Other connections read the schema again only when its version moves.
	if now := schemaVersion(); now <= was {
		t.Errorf("schema version %d after the migration, %d before", now, was)
	}
	db := rawDB(t, path)
	// A list of three or more in a CHECK is a temporary b-tree built for
	// every row written: none in the tables that get rows per user.
	list := regexp.MustCompile(`(?i)\bIN\s*\(([^(),]*,){2,}`)
	tables := []string{"connected_users", "connections", "user_workflows", "user_positions", "user_fine_positions"}
	for _, table := range tables {
		var schema string
		if err := db.QueryRow("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", table).Scan(&schema); err != nil {
			t.Fatal(err)
		}
		if m := list.FindString(schema); m != "" {
			t.Errorf("%s checks a list: %q", table, m)
		}
	}
	for _, insert := range []string{
		"INSERT INTO connected_users (external_id, name, created_at, status) VALUES ('u2', 'Bo', 20, 'disabled')",
		"INSERT INTO connections (user_id, integration_id, status, error_reason, connected_at, status_changed_at, user_created_at) VALUES (1, 1, 'error', 'expired', 1, 1, 10)",
	} {
		// The statement alone: the triggers are set aside by a bulk write.
		rows, err := db.Query("EXPLAIN " + insert)
		if err != nil {
			t.Fatal(err)
		}
		var ops []string
		for rows.Next() {
			var addr, p1, p2, p3, p5 int64
			var op string
			var p4, comment sql.NullString
			if err := rows.Scan(&addr, &op, &p1, &p2, &p3, &p4, &p5, &comment); err != nil {
				t.Fatal(err)
			}
			if addr == 0 && len(ops) > 0 {
				break // a trigger's program follows
			}
			ops = append(ops, op)
		}
		rows.Close()
		if slices.Contains(ops, "OpenEphemeral") {
			t.Errorf("%s opens a temporary b-tree: %v", insert, ops)
		}
	}
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %s %v", check, err)
	}
	// The constraints still take every value they took, and nothing else.
	for _, c := range []struct {
		sql string
		ok  bool
	}{
		{"UPDATE connected_users SET status = 'account_errors'", true},
		{"UPDATE connected_users SET status = 'disabled'", true},
		{"UPDATE connected_users SET status = 'no_integrations'", true},
		{"UPDATE connected_users SET status = 'connected'", true},
		{"UPDATE connected_users SET status = 'Connected'", false},
		{"UPDATE connected_users SET status = ''", false},
		{"INSERT INTO connections (user_id, integration_id, status, error_reason, connected_at, status_changed_at, user_created_at) VALUES (1, 1, 'error', 'expired', 1, 1, 10)", true},
		{"UPDATE connections SET error_reason = 'invalid'", true},
		{"UPDATE connections SET error_reason = ''", true},
		{"UPDATE connections SET error_reason = 'revoked'", false},
		{"INSERT INTO user_positions (sort, status, bucket, n) VALUES ('id', '', 99, 0), ('created', '', 99, 0), ('active', '', 99, 0), ('name', '', 'zz', 0)", true},
		{"INSERT INTO user_positions (sort, status, bucket, n) VALUES ('email', '', 99, 0)", false},
		{"INSERT INTO user_fine_positions (sort, status, bucket, n) VALUES ('created', '', 99, 0), ('active', '', 99, 0), ('name', '', 'zzzz', 0)", true},
		{"INSERT INTO user_fine_positions (sort, status, bucket, n) VALUES ('id', '', 99, 0)", false},
	} {
		_, err := db.Exec(c.sql)
		if c.ok && err != nil || !c.ok && (err == nil || !strings.Contains(err.Error(), "CHECK constraint failed")) {
			t.Errorf("%s: %v; want accepted %v", c.sql, err, c.ok)
		}
	}
}

// Migration 26 folds every user's searched text into search_text, and its
// triggers keep it as users come and change; the walks read it from
// users_name and users_active.
func TestMigration26FoldsTheSearchedText(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "roster.db")
	migrateTo(t, path, 25)
	rawExec(t, path, `INSERT INTO connected_users (id, external_id, name, email, created_at) VALUES
		(1, 'EXT-ÅÄÖ', 'Zoë Lovelace', 'ZOE@EXAMPLE.COM', 10), (2, 'usr-2', 'RAMÓN García', 'ramon@example.es', 20)`)
	if _, err := Migrate(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	rawExec(t, path, `INSERT INTO connected_users (id, external_id, name, email, created_at) VALUES (3, 'usr-3', 'Ørjan', 'orjan@example.no', 30);
		UPDATE connected_users SET email = 'Zoë@Example.com' WHERE id = 1`)
	want := map[int64]string{
		1: searchFold("Zoë Lovelace", "Zoë@Example.com", "EXT-ÅÄÖ"),
		2: searchFold("RAMÓN García", "ramon@example.es", "usr-2"),
		3: searchFold("Ørjan", "orjan@example.no", "usr-3"),
	}
	rows, err := rawDB(t, path).Query("SELECT id, search_text FROM connected_users ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[int64]string{}
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			t.Fatal(err)
		}
		got[id] = text
	}
	if !maps.Equal(got, want) {
		t.Fatalf("search_text %v; want %v", got, want)
	}
	if want[1] != "zoe lovelace\nzoe@example.com\next-aao" {
		t.Fatalf("Zoë folds to %q", want[1])
	}
	var sql string
	if err := rawDB(t, path).QueryRow("SELECT sql FROM sqlite_schema WHERE name = 'users_active'").Scan(&sql); err != nil || !strings.Contains(sql, "search_text") {
		t.Fatalf("users_active: %s %v; want search_text in it", sql, err)
	}
}
