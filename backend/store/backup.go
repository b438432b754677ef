package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-sqlite3"

	"roster/backend/domain"
)

// BackupTo copies the database, as one consistent snapshot, to path with
// SQLite's online backup (writers keep going meanwhile: WAL lets the copy
// read its snapshot beside them). The copy is written beside path, checked
// with quick_check and synced before it takes path's name, so path is a
// whole, good backup or nothing.
func (s *Store) BackupTo(ctx context.Context, path string) error {
	return s.copyTo(ctx, path, true)
}

// copyTo is BackupTo; check false keeps a copy that fails quick_check too
// (a damaged file set aside as it was).
func (s *Store) copyTo(ctx context.Context, path string, check bool) error {
	tmp := path + ".partial"
	_ = os.Remove(tmp)
	if err := copyDatabase(ctx, s.read, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: back up to %s: %w", path, err)
	}
	if check {
		if err := CheckFile(ctx, tmp); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("store: back up to %s: the copy fails its check: %w", path, err)
		}
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: back up to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: back up to %s: %w", path, err)
	}
	return nil
}

// RestoreFrom replaces the database's content with the backup at path,
// online: the open store keeps working and sees the restored data after.
// The backup is checked first (a Roster file, whole, not from a newer
// Roster); the current content is copied aside to aside first. Content
// from an older Roster is migrated in place right after, so the open store
// never runs on a schema older than it knows; upgradedFrom is then the
// schema version the backup had (0 when it was this build's). A damaged
// file is set aside as it is, and the restore lifts the block on changes
// (see SetDamaged).
func (s *Store) RestoreFrom(ctx context.Context, path, aside string) (upgradedFrom uint, err error) {
	if err := CheckFile(ctx, path); err != nil {
		return 0, err
	}
	if err := s.copyTo(ctx, aside, s.Damaged() == ""); err != nil {
		return 0, fmt.Errorf("store: keep the current file before restoring: %w", err)
	}
	defer leaveNoTrace(path)()
	src := openFile(path, url.Values{"mode": {"ro"}})
	defer src.Close()
	var was uint
	if err := src.QueryRowContext(ctx, "SELECT version FROM schema_migrations").Scan(&was); err != nil {
		return 0, fmt.Errorf("store: restore from %s: %w", path, err)
	}
	if err := copyPages(ctx, src, s.write); err != nil {
		return 0, fmt.Errorf("store: restore from %s: %w", path, err)
	}
	v, err := migrateFile(ctx, s.path, false)
	if err != nil {
		return 0, fmt.Errorf("store: bring the restored content up to date (the file as it was is %s): %w", aside, err)
	}
	s.schema.Store(uint32(v))
	s.SetDamaged("")
	if was < v {
		return was, nil
	}
	return 0, nil
}

// QuickCheck runs SQLite's quick_check and returns its verdict: "ok", or
// the problems it found (one a line).
func (s *Store) QuickCheck(ctx context.Context) (string, error) {
	return s.check(ctx, "quick_check")
}

// IntegrityCheck is QuickCheck with SQLite's thorough integrity_check,
// which also compares every index with its table (tests).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	return s.check(ctx, "integrity_check")
}

// check runs a check pragma on a read connection of its own. A pooled
// reader that has read the search index keeps the index's structure in
// memory, and FTS5's own check (part of both pragmas) reads that copy
// without noticing what was committed since: it reported corruption that
// was not there (TestCheckAfterWritesSeesNoDamage), and Roster would have
// stopped saving changes.
func (s *Store) check(ctx context.Context, pragma string) (string, error) {
	db, err := openPool(s.path, true)
	if err != nil {
		return "", fmt.Errorf("store: %s: %w", pragma, err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "PRAGMA "+pragma)
	lines, err := collect(rows, err, pragma, func(r *sql.Rows) (string, error) {
		var l string
		return l, r.Scan(&l)
	})
	if err != nil {
		return "", err
	}
	return strings.Join(lines, "\n"), nil
}

// CheckFile tells whether path is a whole Roster database this build can
// open: SQLite's quick_check, a Roster schema, not newer than this build's.
func CheckFile(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return domain.Invalid("file", "Cannot read %s: %v.", path, errors.Unwrap(err))
	}
	defer leaveNoTrace(path)()
	db := openFile(path, url.Values{"mode": {"ro"}})
	defer db.Close()
	var ok string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&ok); err != nil || ok != "ok" {
		if err == nil {
			err = errors.New(ok)
		}
		return domain.Invalid("file", "%s is not a whole SQLite database (%v).", filepath.Base(path), err)
	}
	var version uint
	var dirty bool
	err := db.QueryRowContext(ctx, "SELECT version, dirty FROM schema_migrations").Scan(&version, &dirty)
	var users int
	if err == nil {
		err = db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'connected_users'").Scan(&users)
	}
	switch {
	case err != nil || users == 0:
		return domain.Invalid("file", "%s is not a Roster database.", filepath.Base(path))
	case dirty:
		return domain.Invalid("file", "%s was left half-migrated (version %d); it cannot be restored.", filepath.Base(path), version)
	case version > LatestVersion():
		return domain.Invalid("file", "%s comes from a newer Roster (schema version %d; this one knows %d).", filepath.Base(path), version, LatestVersion())
	}
	return nil
}

// leaveNoTrace returns what removes the -wal and -shm files that reading
// the database at path (in WAL mode) creates beside it: read-only, SQLite
// cannot remove them itself, and every backup checked or restored would
// leave two in the backups folder. Those there before are left alone. Run
// it once every connection to path is closed.
func leaveNoTrace(path string) func() {
	var created []string
	for _, p := range []string{path + "-wal", path + "-shm"} {
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			created = append(created, p)
		}
	}
	return func() {
		for _, p := range created {
			_ = os.Remove(p)
		}
	}
}

// copyDatabase backs src up into a new file at path.
func copyDatabase(ctx context.Context, src *sql.DB, path string) error {
	dst := openFile(path, url.Values{})
	defer dst.Close()
	return copyPages(ctx, src, dst)
}

// copyPages copies src's main database over dst's in one step: one snapshot.
func copyPages(ctx context.Context, src, dst *sql.DB) error {
	sc, err := src.Conn(ctx)
	if err != nil {
		return err
	}
	defer sc.Close()
	dc, err := dst.Conn(ctx)
	if err != nil {
		return err
	}
	defer dc.Close()
	return dc.Raw(func(d any) error {
		return sc.Raw(func(s any) error {
			b, err := d.(*sqlite3.SQLiteConn).Backup("main", s.(*sqlite3.SQLiteConn), "main")
			if err != nil {
				return err
			}
			if _, err := b.Step(-1); err != nil {
				b.Finish()
				return err
			}
			return b.Finish()
		})
	})
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}
