// Package backups keeps copies of the database in a backups/ folder beside
// it: made on demand or daily, pruned to the newest N automatic ones,
// restored online; and it checks the live file's integrity weekly.
package backups

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
)

// Kind says who made a backup; it is read from the file's name, so pruning
// can never mistake a manual copy for an automatic one.
type Kind string

const (
	KindManual        Kind = "manual"         // roster-YYYYMMDD-HHMMSS.db: Back up now, roster backup
	KindAuto          Kind = "auto"           // roster-auto-YYYYMMDD-HHMMSS.db: the daily loop
	KindBeforeRestore Kind = "before-restore" // roster-before-restore-YYYYMMDD-HHMMSS.db: the file a restore replaced
)

// Kinds lists every kind, in the order the UI explains them.
var Kinds = []Kind{KindManual, KindAuto, KindBeforeRestore}

// Label is the kind as the list of backups shows it.
func (k Kind) Label() string {
	switch k {
	case KindManual:
		return "Manual"
	case KindAuto:
		return "Automatic"
	case KindBeforeRestore:
		return "Before a restore"
	}
	return string(k)
}

var prefixes = map[Kind]string{KindManual: "roster-", KindAuto: "roster-auto-", KindBeforeRestore: "roster-before-restore-"}

// damagedPrefix names a damaged file a restore replaced: kept for a
// closer look, never listed, so it is never offered for a restore.
const damagedPrefix = "roster-damaged-"

const stamp = "20060102-150405"

// Backup is one file in the backups folder.
type Backup struct {
	Name  string    `json:"name"`
	Bytes int64     `json:"bytes"`
	At    time.Time `json:"at" ts_type:"string"`
	Kind  Kind      `json:"kind"`
	Path  string    `json:"-"` // for the command line; a window sees names only
}

// RestoreResult says what a restore did.
type RestoreResult struct {
	Restored string `json:"restored"`
	KeptAs   string `json:"keptAs"` // the file as it was before, in the backups folder
	// UpgradedFrom is the schema version of a backup an older Roster made,
	// brought up to SchemaVersion as it was restored; 0 when it was current.
	UpgradedFrom  uint `json:"upgradedFrom"`
	SchemaVersion uint `json:"schemaVersion"`
}

// Service runs the backup use cases for one store.
type Service struct {
	st   *store.Store
	now  func() time.Time
	busy func() string
	dir  string
	mu   sync.Mutex // one backup, restore or check at a time
	// quickCheck is st.QuickCheck; a test makes it report damage.
	quickCheck func(context.Context) (string, error)
	// startupCheck is how long after start Run checks the file.
	startupCheck time.Duration
}

// New returns a Service keeping backups in backups/ beside st's file. busy
// names work that a restore must not pull the data from under (a running
// import: "an import of users.csv"), or returns ""; nil means none.
func New(st *store.Store, now func() time.Time, busy func() string) *Service {
	if busy == nil {
		busy = func() string { return "" }
	}
	return &Service{st: st, now: now, busy: busy, dir: filepath.Join(filepath.Dir(st.Path()), "backups"), quickCheck: st.QuickCheck,
		startupCheck: 10 * time.Second}
}

// Dir is the backups folder.
func (s *Service) Dir() string { return s.dir }

// automatic is who the daily loop acts as in the audit log.
var automatic = domain.Actor{ID: "system", Name: "Roster (automatic backup)", Role: domain.RoleOwner}

// BackUpNow writes a manual backup into the backups folder.
func (s *Service) BackUpNow(ctx context.Context, actor domain.Actor) (Backup, error) {
	return s.BackUpTo(ctx, actor, "")
}

// BackUpTo writes a backup to the file to, or into the folder to, or (to
// "") into the backups folder; the command line's --to.
func (s *Service) BackUpTo(ctx context.Context, actor domain.Actor, to string) (Backup, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return Backup{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	path := to
	if fi, err := os.Stat(to); to == "" || (err == nil && fi.IsDir()) {
		dir := to
		if to == "" {
			dir = s.dir
		}
		if path, err = s.newName(dir, KindManual); err != nil {
			return Backup{}, err
		}
	}
	return s.backUp(ctx, actor, path, KindManual)
}

// backUp writes the backup at path and audits it; s.mu is held.
func (s *Service) backUp(ctx context.Context, actor domain.Actor, path string, kind Kind) (Backup, error) {
	if err := s.st.BackupTo(ctx, path); err != nil {
		return Backup{}, fmt.Errorf("backups: back up: %w", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return Backup{}, fmt.Errorf("backups: back up: %w", err)
	}
	b := Backup{Name: filepath.Base(path), Bytes: fi.Size(), At: s.now().UTC().Truncate(time.Second), Kind: kind, Path: path}
	after := map[string]any{"file": path, "bytes": b.Bytes}
	if kind == KindAuto {
		after["automatic"] = true
	}
	if err := s.st.Update(ctx, func(tx store.DB) error {
		return store.AppendAudit(ctx, tx, store.AuditRecord{At: s.now(), Actor: actor, Action: domain.ActionBackup,
			TargetType: domain.TargetWorkspace, TargetID: "backup", TargetLabel: b.Name, After: after})
	}); err != nil {
		return Backup{}, fmt.Errorf("backups: audit the backup: %w", err)
	}
	return b, nil
}

// newName returns a path in dir for a new backup of kind, stamped with the
// time; a second backup in the same second gets a -2, -3… suffix rather
// than replacing the first.
func (s *Service) newName(dir string, kind Kind) (string, error) {
	return s.newNameWith(dir, prefixes[kind])
}

func (s *Service) newNameWith(dir, prefix string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backups: create the folder: %w", err)
	}
	base := prefix + s.now().UTC().Format(stamp)
	for i := 1; ; i++ {
		name := base + ".db"
		if i > 1 {
			name = fmt.Sprintf("%s-%d.db", base, i)
		}
		path := filepath.Join(dir, name)
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
	}
}

// parse reads a backup's kind and time from its name; ok is false for a
// file that is not one of Roster's backups.
func parse(name string) (kind Kind, at time.Time, ok bool) {
	if !strings.HasSuffix(name, ".db") {
		return "", time.Time{}, false
	}
	// Longest prefix first: "roster-" is a prefix of the other two.
	for _, k := range []Kind{KindBeforeRestore, KindAuto, KindManual} {
		rest, found := strings.CutPrefix(strings.TrimSuffix(name, ".db"), prefixes[k])
		if !found || len(rest) < len(stamp) {
			continue
		}
		if suffix := rest[len(stamp):]; suffix != "" {
			if n, err := strconv.Atoi(strings.TrimPrefix(suffix, "-")); err != nil || n < 2 || suffix[0] != '-' {
				continue
			}
		}
		t, err := time.Parse(stamp, rest[:len(stamp)])
		if err != nil {
			continue
		}
		return k, t, true
	}
	return "", time.Time{}, false
}

// List returns the backups in the backups folder, newest first.
func (s *Service) List(ctx context.Context, actor domain.Actor) ([]Backup, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return nil, err
	}
	return s.list()
}

func (s *Service) list() ([]Backup, error) {
	entries, err := os.ReadDir(s.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return []Backup{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("backups: list: %w", err)
	}
	out := []Backup{}
	for _, e := range entries {
		kind, at, ok := parse(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, Backup{Name: e.Name(), Bytes: fi.Size(), At: at, Kind: kind})
	}
	slices.SortFunc(out, func(a, b Backup) int {
		if c := b.At.Compare(a.At); c != 0 {
			return c
		}
		// Same second: -2 after the plain name (compared without ".db").
		return strings.Compare(strings.TrimSuffix(b.Name, ".db"), strings.TrimSuffix(a.Name, ".db"))
	})
	return out, nil
}

// Restore replaces the database's content with the backup called name in
// the backups folder. A window names a file, never a path: only a backup
// listed there can be restored. The current content is kept in the folder
// first (roster-before-restore-…db).
func (s *Service) Restore(ctx context.Context, actor domain.Actor, name string) (RestoreResult, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return RestoreResult{}, err
	}
	if name == "" || name != filepath.Base(name) || strings.ContainsAny(name, `/\:`) || name == "." || name == ".." {
		return RestoreResult{}, domain.Invalid("name", "Name a backup from the list (a file name such as roster-20260101-120000.db, not a path).")
	}
	if _, _, ok := parse(name); !ok {
		return RestoreResult{}, domain.Invalid("name", "%s is not one of Roster's backups (roster-YYYYMMDD-HHMMSS.db); pick one from the list.", name)
	}
	path := filepath.Join(s.dir, name)
	if fi, err := os.Lstat(path); err != nil || !fi.Mode().IsRegular() {
		return RestoreResult{}, domain.NotFound("There is no backup called %s in %s; refresh the list.", name, s.dir)
	}
	return s.RestoreFile(ctx, actor, path)
}

// RestoreFile restores from any file the caller trusts (the command line's
// argument). See Restore.
func (s *Service) RestoreFile(ctx context.Context, actor domain.Actor, path string) (RestoreResult, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return RestoreResult{}, err
	}
	if what := s.busy(); what != "" {
		return RestoreResult{}, domain.Conflict("%s is running; wait for it to end (or cancel it) before restoring a backup.", capitalise(what))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	prefix := prefixes[KindBeforeRestore]
	if s.st.Damaged() != "" {
		prefix = damagedPrefix
	}
	aside, err := s.newNameWith(s.dir, prefix)
	if err != nil {
		return RestoreResult{}, err
	}
	upgraded, err := s.st.RestoreFrom(ctx, path, aside)
	if err != nil {
		return RestoreResult{}, fmt.Errorf("backups: restore %s: %w", filepath.Base(path), err)
	}
	res := RestoreResult{Restored: filepath.Base(path), KeptAs: filepath.Base(aside), UpgradedFrom: upgraded,
		SchemaVersion: s.st.SchemaVersion()}
	after := map[string]any{"from": path, "keptAs": aside}
	if upgraded != 0 {
		after["upgradedFrom"] = upgraded
	}
	// The entry goes into the restored file's log: the log the app now shows.
	if err := s.st.Update(ctx, func(tx store.DB) error {
		return store.AppendAudit(ctx, tx, store.AuditRecord{At: s.now(), Actor: actor, Action: domain.ActionRestore,
			TargetType: domain.TargetWorkspace, TargetID: "restore", TargetLabel: res.Restored,
			After: after})
	}); err != nil {
		return RestoreResult{}, fmt.Errorf("backups: audit the restore: %w", err)
	}
	return res, nil
}

func capitalise(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
