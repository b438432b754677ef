package backups

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
)

// corrupt overwrites the root page of one of connected_users' indexes with
// garbage, as a bad disk sector would, and returns a new store on the
// file: its connections have not cached the page.
func corrupt(t *testing.T, st *store.Store) *store.Store {
	t.Helper()
	ctx := context.Background()
	// Everything into the main file first, so the garbage is what is read.
	raw, err := sql.Open("sqlite3", st.Path())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	var page, size int64
	db := st.Reader()
	if err := db.QueryRowContext(ctx, "SELECT rootpage FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'connected_users' AND sql IS NOT NULL LIMIT 1").Scan(&page); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(st.Path(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte(strings.Repeat("\xff", 64)), (page-1)*size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	damaged, err := store.Open(ctx, st.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { damaged.Close() })
	return damaged
}

// A damaged file is noticed by the check, every change is refused from
// then on with a message that says what to do, the newest backup is
// offered, and restoring it lifts the block; the damaged file is kept
// aside but never offered as a backup.
func TestADamagedFileBlocksChangesUntilARestore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, st, clock := open(t)
	good, err := svc.BackUpNow(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	st = corrupt(t, st)
	svc = New(st, clock.Now, nil)

	if err := svc.check(ctx); err == nil {
		t.Fatal("the check passed a damaged file")
	}
	write := func() error {
		return st.Update(ctx, func(tx store.DB) error {
			_, err := tx.ExecContext(ctx, "UPDATE settings SET value = value WHERE 0")
			return err
		})
	}
	err = write()
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.CodeConflict || !strings.Contains(de.Message, "Restore a backup") {
		t.Fatalf("a change to a damaged file: %v; want a conflict saying to restore a backup", err)
	}
	s, err := svc.Status(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	if s.Check.OK || s.Check.At == nil || s.LastGood == nil || s.LastGood.Name != good.Name {
		t.Fatalf("status after the damage: check %+v, last good %+v; want a failed check offering %s", s.Check, s.LastGood, good.Name)
	}
	// A new start keeps the block until its own check has run.
	again := New(st, clock.Now, nil)
	again.startupCheck = time.Hour // only what Run does before its first check
	st.SetDamaged("")
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		again.Run(runCtx, time.Hour, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	for deadline := time.Now().Add(time.Minute); st.Damaged() == ""; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("after a restart, changes were not blocked though the last check found the file damaged")
		}
	}
	cancel()
	<-done
	if write() == nil {
		t.Fatal("after a restart, a change went into the file the last check found damaged")
	}

	res, err := svc.Restore(ctx, owner, s.LastGood.Name)
	if err != nil {
		t.Fatalf("restoring the last good backup: %v", err)
	}
	if !strings.HasPrefix(res.KeptAs, damagedPrefix) {
		t.Fatalf("the damaged file was kept as %q; want a %s… name", res.KeptAs, damagedPrefix)
	}
	if err := write(); err != nil {
		t.Fatalf("after the restore, a change is still refused: %v", err)
	}
	if got, err := st.QuickCheck(ctx); err != nil || got != "ok" {
		t.Fatalf("after the restore, quick_check says %q, %v", got, err)
	}
	if err := svc.check(ctx); err != nil {
		t.Fatalf("after the restore, the check fails: %v", err)
	}
	list, err := svc.List(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range list {
		if strings.HasPrefix(b.Name, damagedPrefix) {
			t.Fatalf("the damaged file is listed as a backup: %s", b.Name)
		}
	}
	if _, err := os.Stat(svc.Dir() + "/" + res.KeptAs); err != nil {
		t.Fatalf("the damaged file was not kept: %v", err)
	}
}
