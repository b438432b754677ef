package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/golang-migrate/migrate/v4"
	msqlite "github.com/golang-migrate/migrate/v4/database/sqlite3"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	_ "github.com/mattn/go-sqlite3" // registers "sqlite3" for the migration connection
)

// Migrations are numbered upwards from the newest one: a file at version N
// never runs a lower number added later. Versions 5 and 10 were skipped
// (reserved by work that did not land); the next migration is 000025.
//
//go:embed migrations/*.sql
var migrations embed.FS

// LatestVersion is the newest schema version this build knows.
func LatestVersion() uint {
	var latest uint
	entries, _ := fs.ReadDir(migrations, "migrations")
	for _, e := range entries {
		n, err := strconv.ParseUint(strings.SplitN(e.Name(), "_", 2)[0], 10, 32)
		if err == nil && uint(n) > latest {
			latest = uint(n)
		}
	}
	return latest
}

// Errors Open returns for a file it must not touch.
var (
	ErrSchemaTooNew = errors.New("database schema is newer than this Roster")
	ErrSchemaDirty  = errors.New("database schema is dirty")
	ErrFileInUse    = errors.New("database file is in use")
)

// migrateWait is how long Migrate waits for the file when another program
// has it open: a second Roster upgrading it (a million users: about 10 s
// with the copy), or one that would have to close first.
const migrateWait = time.Minute

// PendingMigrations says from which schema version to which Migrate will
// take the file at path, without changing it. from == to when there is
// nothing to migrate, and for a file that does not exist yet, has no schema
// yet, or that Migrate will refuse or fail to open (Migrate says why). held
// says that another process holds the file (it is upgrading it) so that it
// cannot be read now: Migrate will wait for it, up to migrateWait.
func PendingMigrations(path string) (from, to uint, held bool) {
	latest := LatestVersion()
	v, dirty, ok, held := readVersion(path)
	if !ok || dirty || v == 0 || v > latest {
		return latest, latest, held
	}
	return v, latest, false
}

// readVersion reads the schema version of the file at path without
// changing it; ok is false when the file does not exist, has no schema yet
// or cannot be read, held when that is because another process holds it
// (see Migrate).
func readVersion(path string) (v uint, dirty, ok, held bool) {
	if _, err := os.Stat(path); err != nil {
		return 0, false, false, false
	}
	db := openFile(path, url.Values{"mode": {"ro"}, "_busy_timeout": {"1000"}})
	defer db.Close()
	var n int64
	if err := db.QueryRow("SELECT version, dirty FROM schema_migrations").Scan(&n, &dirty); err != nil || n < 0 {
		return 0, false, false, IsBusy(err)
	}
	return uint(n), dirty, true, false
}

// Migrate brings the file at path up to LatestVersion and returns the
// version it is at. A new file is created. An existing file with pending
// migrations is first copied aside (VACUUM INTO path.bak-v<N>-<time>). A file
// whose schema is newer than this build, or dirty (a migration failed half
// way), is refused and left exactly as it was.
//
// A file to create or upgrade is held for this process alone meanwhile: no
// one reads a half-upgraded file, and two Rosters opening it at once (a
// double click while a big file upgrades) do not both upgrade it. The other
// waits up to migrateWait, then finds it up to date. A file that another
// program keeps open that long (an older Roster) is refused, unchanged.
func Migrate(ctx context.Context, path string) (uint, error) {
	v, dirty, ok, _ := readVersion(path)
	if ok && !dirty && v == LatestVersion() {
		return v, nil // the usual open: nothing to do, nothing to hold
	}
	return migrateFile(ctx, path, !ok || (!dirty && v < LatestVersion()))
}

// migrateFile is Migrate, holding the file for itself when exclusive (an
// open store's own connections would keep it waiting: see RestoreFrom).
func migrateFile(ctx context.Context, path string, exclusive bool) (uint, error) {
	open := openMigration
	if exclusive {
		open = holdFile
	}
	db, err := open(ctx, path)
	if err != nil {
		return 0, err
	}
	m, err := migratorOn(db, path)
	if err != nil {
		return 0, err
	}
	defer m.Close()

	latest := LatestVersion()
	current, dirty, err := m.Version()
	switch {
	case errors.Is(err, migrate.ErrNilVersion):
		current = 0
	case err != nil:
		return 0, fmt.Errorf("store: read schema version of %s: %w", path, err)
	case dirty:
		return 0, fmt.Errorf("%w: %s stopped part-way through migration %d. %s; Roster has not changed the file", ErrSchemaDirty, path, current, restoreHint(path))
	case current > latest:
		return 0, fmt.Errorf("%w: %s is at schema version %d but this Roster knows versions up to %d. Use a newer Roster; this one has not changed the file", ErrSchemaTooNew, path, current, latest)
	}
	if current == latest {
		return current, nil
	}
	if current > 0 {
		if _, err := backup(ctx, db, path, current); err != nil {
			return 0, err
		}
	}
	if err := m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		if strings.Contains(err.Error(), "no such module: fts5") {
			return 0, fmt.Errorf("store: migrate %s: this binary was built without the sqlite_fts5 build tag: %w", path, err)
		}
		return 0, fmt.Errorf("store: migrate %s to version %d: %w", path, latest, err)
	}
	return latest, nil
}

// holdFile opens the one connection a migration runs on, holding the file
// for it until it closes: in exclusive locking mode SQLite keeps the lock a
// write transaction takes, and nobody else may read meanwhile. It waits
// while another program has the file open, up to migrateWait.
func holdFile(ctx context.Context, path string) (*sql.DB, error) {
	give, waited := time.Now().Add(migrateWait), false
	for {
		// A new connection each try: in exclusive mode a failed try may
		// keep its shared lock, and two waiters would then wait on each
		// other.
		db := openFile(path, url.Values{"_locking_mode": {"EXCLUSIVE"}, "_busy_timeout": {"100"}, "_foreign_keys": {"on"}})
		db.SetMaxOpenConns(1) // the lock belongs to one connection
		_, err := db.ExecContext(ctx, "BEGIN EXCLUSIVE")
		if err == nil {
			if _, err = db.ExecContext(ctx, "COMMIT"); err == nil {
				return db, nil
			}
		}
		db.Close()
		// Busy; or ctx ended during a try, while waiting for a busy file.
		if busy := IsBusy(err) || waited && ctx.Err() != nil; !busy {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		waited = true
		if ctx.Err() != nil || time.Now().After(give) {
			return nil, fmt.Errorf("%w: another program (another Roster, or a roster command) has %s open, and this Roster must upgrade it to schema version %d first. Close that program, then open the file again; this Roster has not changed it", ErrFileInUse, path, LatestVersion())
		}
		select { // the lock has no notice to wait on: look again shortly, at
		// times of its own so that two waiters do not keep colliding
		case <-ctx.Done():
		case <-time.After(50*time.Millisecond + rand.N(100*time.Millisecond)):
		}
	}
}

// restoreHint says what to restore a dirty file from: the newest copy
// Roster made beside it before migrating, if there is one (a file left
// dirty by another tool, such as migrate's own command line, has none).
func restoreHint(path string) string {
	copies, _ := filepath.Glob(path + ".bak-v*")
	copies = slices.DeleteFunc(copies, func(p string) bool { return strings.HasSuffix(p, ".partial") })
	if len(copies) == 0 {
		return "Roster made no copy of it before (another tool migrated it?): restore your last backup (Settings → Backups, or backups/ beside it)"
	}
	slices.Sort(copies) // the names end in the time they were made
	return fmt.Sprintf("Restore the copy Roster saved before migrating, %s, or your last backup", copies[len(copies)-1])
}

// MigrateDown reverts every migration. Only the store's tests use it, to
// check that the down migrations undo the up ones; no roster command
// migrates a file down.
func MigrateDown(path string) error {
	m, err := newMigrator(path)
	if err != nil {
		return err
	}
	defer m.Close()
	if err := m.Down(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("store: migrate %s down: %w", path, err)
	}
	return nil
}

// CreateAt makes a new file at path at schema version v, as an older
// Roster left it: for tests of upgrades (the store's, and the desktop
// smoke test's through backend/store/oldschema).
func CreateAt(path string, v uint) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: create %s at version %d: the file exists", path, v)
	}
	m, err := newMigrator(path)
	if err != nil {
		return err
	}
	defer m.Close()
	if err := m.Migrate(v); err != nil {
		return fmt.Errorf("store: create %s at version %d: %w", path, v, err)
	}
	return nil
}

// newMigrator is golang-migrate on the file at path, not held (CreateAt,
// MigrateDown).
func newMigrator(path string) (*migrate.Migrate, error) {
	db, err := openMigration(context.Background(), path)
	if err != nil {
		return nil, err
	}
	return migratorOn(db, path)
}

// openMigration opens the one connection a migration runs on, beside the
// file's other users (see RestoreFrom).
func openMigration(ctx context.Context, path string) (*sql.DB, error) {
	db := openFile(path, url.Values{"_busy_timeout": {"10000"}, "_foreign_keys": {"on"}})
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return db, nil
}

// migratorOn is golang-migrate on db; its Close closes db, also when this
// fails.
func migratorOn(db *sql.DB, path string) (*migrate.Migrate, error) {
	src, err := iofs.New(migrations, "migrations")
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: read migrations: %w", err)
	}
	drv, err := msqlite.WithInstance(db, &msqlite.Config{})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: prepare migrations for %s: %w", path, err)
	}
	m, err := migrate.NewWithInstance("iofs", src, "sqlite3", drv)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: prepare migrations for %s: %w", path, err)
	}
	return m, nil
}

// backup copies the database aside through db (the migration's connection,
// which may hold the file), consistent even while others read it.
// The copy is written under a .partial name and renamed once whole and
// synced, so a copy killed half-way never looks like a backup; a second
// copy within the same second gets a -2, -3… suffix.
func backup(ctx context.Context, db *sql.DB, path string, version uint) (string, error) {
	base := fmt.Sprintf("%s.bak-v%d-%s", path, version, time.Now().UTC().Format("20060102T150405Z"))
	dst := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(dst); errors.Is(err, os.ErrNotExist) {
			break
		}
		dst = fmt.Sprintf("%s-%d", base, i)
	}
	tmp := dst + ".partial"
	_ = os.Remove(tmp)
	_, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp)
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("store: backup %s to %s: %w", path, dst, err)
	}
	return dst, nil
}
