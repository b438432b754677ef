package backups

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"roster/backend/store"
)

func kinds(t *testing.T, svc *Service) map[Kind][]string {
	t.Helper()
	list, err := svc.List(context.Background(), owner)
	if err != nil {
		t.Fatal(err)
	}
	out := map[Kind][]string{}
	for _, b := range list {
		out[b.Kind] = append(out[b.Kind], b.Name)
	}
	return out
}

func TestTickBacksUpDailyAndPrunesOnlyAutomaticBackups(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, _, clock := open(t)
	if _, err := svc.UpdateSettings(ctx, owner, Settings{Auto: true, Keep: 2}); err != nil {
		t.Fatal(err)
	}
	// Manual backups and a before-restore copy, older than every automatic
	// one: pruning must leave them.
	manual, err := svc.BackUpNow(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	aside := filepath.Join(svc.Dir(), "roster-before-restore-20261130-000000.db")
	if err := os.WriteFile(aside, []byte("kept"), 0o600); err != nil {
		t.Fatal(err)
	}

	steps := []struct {
		advance time.Duration
		autos   []string // newest first
	}{
		{0, []string{"roster-auto-20261201-100000.db"}},
		{time.Minute, []string{"roster-auto-20261201-100000.db"}}, // not due again
		{23 * time.Hour, []string{"roster-auto-20261201-100000.db"}},
		{time.Hour, []string{"roster-auto-20261202-100100.db", "roster-auto-20261201-100000.db"}},
		{24 * time.Hour, []string{"roster-auto-20261203-100100.db", "roster-auto-20261202-100100.db"}},
		{72 * time.Hour, []string{"roster-auto-20261206-100100.db", "roster-auto-20261203-100100.db"}},
	}
	for i, step := range steps {
		clock.Advance(step.advance)
		if err := svc.Tick(ctx); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		got := kinds(t, svc)
		if !slices.Equal(got[KindAuto], step.autos) {
			t.Fatalf("step %d: automatic backups %v; want %v", i, got[KindAuto], step.autos)
		}
		if !slices.Equal(got[KindManual], []string{manual.Name}) || !slices.Equal(got[KindBeforeRestore], []string{filepath.Base(aside)}) {
			t.Fatalf("step %d: pruning touched other backups: %v", i, got)
		}
	}
	s, err := svc.Status(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	if s.LastAutoAt == nil || !s.LastAutoAt.Equal(time.Date(2026, 12, 6, 10, 1, 0, 0, time.UTC)) || s.LastAutoError != "" {
		t.Fatalf("status: last automatic %v, error %q", s.LastAutoAt, s.LastAutoError)
	}

	// Switched off: nothing more is made, and nothing is pruned.
	if _, err := svc.UpdateSettings(ctx, owner, Settings{Auto: false, Keep: 1}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(48 * time.Hour)
	if err := svc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if got := kinds(t, svc)[KindAuto]; len(got) != 2 {
		t.Fatalf("automatic backups while switched off: %v", got)
	}
}

func TestTickChecksIntegrityWeekly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, _, clock := open(t)
	if _, err := svc.UpdateSettings(ctx, owner, Settings{Auto: false, Keep: 7}); err != nil {
		t.Fatal(err)
	}
	checks := 0
	verdict := "ok"
	svc.quickCheck = func(ctx context.Context) (string, error) {
		checks++
		if verdict == "real" {
			return svc.st.QuickCheck(ctx)
		}
		return verdict, nil
	}
	status := func() Check {
		t.Helper()
		s, err := svc.Status(ctx, owner)
		if err != nil {
			t.Fatal(err)
		}
		return s.Check
	}

	verdict = "real" // the first check runs SQLite's own on the real file
	if err := svc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	c := status()
	if checks != 1 || c.At == nil || !c.At.Equal(start) || !c.OK || c.Result != "ok" {
		t.Fatalf("after the first tick: %d checks, %+v", checks, c)
	}
	clock.Advance(6 * 24 * time.Hour)
	if err := svc.Tick(ctx); err != nil || checks != 1 {
		t.Fatalf("checked again within the week: %d checks, %v", checks, err)
	}

	clock.Advance(24 * time.Hour)
	verdict = "*** in database main ***\nPage 7: btreeInitPage() returns error code 11"
	err := svc.Tick(ctx)
	if err == nil || !strings.Contains(err.Error(), "integrity check failed") {
		t.Fatalf("a failed check: %v", err)
	}
	c = status()
	if checks != 2 || c.OK || c.Result != verdict || !c.At.Equal(start.Add(7*24*time.Hour)) {
		t.Fatalf("a failed check is recorded: %d checks, %+v", checks, c)
	}

	// The next week's good check clears it.
	clock.Advance(7 * 24 * time.Hour)
	verdict = "ok"
	if err := svc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if c = status(); !c.OK || checks != 3 {
		t.Fatalf("after a good check: %d checks, %+v", checks, c)
	}
}

// A failed automatic backup is recorded for the Backups section, and the
// next good one clears it.
func TestTickRecordsAFailedAutomaticBackup(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, _, clock := open(t)
	if err := os.WriteFile(svc.Dir(), []byte("a file where the folder goes"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := svc.Tick(ctx); err == nil {
		t.Fatal("Tick succeeded with no folder to back up into")
	}
	s, err := svc.Status(ctx, owner)
	if err == nil {
		t.Fatalf("status lists a folder that is a file: %+v", s)
	}
	if err := os.Remove(svc.Dir()); err != nil {
		t.Fatal(err)
	}
	s, err = svc.Status(ctx, owner)
	if err != nil || !strings.Contains(s.LastAutoError, "automatic backup") || s.LastAutoAt != nil {
		t.Fatalf("after a failed backup: %+v, %v", s, err)
	}
	clock.Advance(time.Hour)
	if err := svc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if s, err = svc.Status(ctx, owner); err != nil || s.LastAutoError != "" || s.LastAutoAt == nil {
		t.Fatalf("after a good backup: %+v, %v", s, err)
	}
}

// The file is checked at every start, not only weekly: damage is reported
// within seconds of opening it.
func TestRunChecksTheFileSoonAfterStart(t *testing.T) {
	t.Parallel()
	svc, _, _ := open(t)
	damage := "*** in database main ***\nPage 5: btreeInitPage() returns error code 11"
	svc.quickCheck = func(context.Context) (string, error) { return damage, nil }
	svc.startupCheck = 0
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		svc.Run(ctx, time.Hour, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	defer func() { cancel(); <-done }()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		s, err := svc.Status(context.Background(), owner)
		if err != nil {
			t.Fatal(err)
		}
		if s.Check.At != nil {
			if s.Check.OK || s.Check.Result != damage {
				t.Fatalf("the check at start recorded %+v", s.Check)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("no check was recorded after start")
		}
	}
}

// The check verifies the audit log's chain too: an entry edited behind
// Roster's back fails it, saying which.
func TestTheCheckVerifiesTheAuditChain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, _, _ := open(t)
	if _, err := svc.BackUpNow(ctx, owner); err != nil { // an audit entry
		t.Fatal(err)
	}
	if err := svc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if s, _ := svc.Status(ctx, owner); !s.Check.OK {
		t.Fatalf("an untouched log failed the check: %+v", s.Check)
	}
	// Someone with the file and a SQLite shell drops the guard and edits history.
	if err := svc.st.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_name = 'Mallory'")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := svc.check(ctx); err == nil {
		t.Fatal("the check passed an altered audit log")
	}
	s, err := svc.Status(ctx, owner)
	if err != nil || s.Check.OK || !strings.Contains(s.Check.Result, "audit log entry") {
		t.Fatalf("after tampering: %+v, %v", s.Check, err)
	}
}

// Tick refreshes the planner's statistics of a table that grew 25-fold
// since they were taken, as events grow a file.
func TestTickRefreshesThePlannersStatistics(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, st, _ := open(t) // 50 users, their statistics taken
	if err := st.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1950)
			INSERT INTO connected_users (external_id, name, created_at) SELECT 'grown-' || i, 'Grown ' || i, i FROM n`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	rows := func() string {
		var stat string
		if err := st.Reader().QueryRowContext(ctx, "SELECT stat FROM sqlite_stat1 WHERE idx = 'users_created'").Scan(&stat); err != nil {
			t.Fatal(err)
		}
		return strings.Fields(stat)[0]
	}
	if got := rows(); got != "50" {
		t.Fatalf("statistics of %s users before the tick; want those of the 50 seeded", got)
	}
	if err := svc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if got := rows(); got != "2000" {
		t.Fatalf("statistics of %s users after the tick; want 2000", got)
	}
}
