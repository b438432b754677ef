package backups

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
)

// Settings are the automatic-backup settings.
type Settings struct {
	Auto bool `json:"auto"` // a backup a day
	Keep int  `json:"keep"` // automatic backups kept, newest first
}

// Defaults and bounds of the settings.
const (
	DefaultKeep = 7
	MaxKeep     = 365
	// AutoEvery is how old the newest automatic backup may get.
	AutoEvery = 24 * time.Hour
	// CheckEvery is how often the live file gets a quick_check.
	CheckEvery = 7 * 24 * time.Hour
)

// Setting keys, in the settings table.
const (
	keyAuto        = "backup.auto"
	keyKeep        = "backup.keep"
	keyAutoError   = "backup.auto_error"
	keyCheckAt     = "backup.check_at"
	keyCheckResult = "backup.check_result"
)

// Check is the last integrity check of the live file.
type Check struct {
	At     *time.Time `json:"at" ts_type:"string | null"` // nil: never checked
	OK     bool       `json:"ok"`
	Result string     `json:"result"` // "ok", or what quick_check (or running it) reported
}

// Status is what the Backups section and the console's banner show.
type Status struct {
	Settings Settings `json:"settings"`
	Dir      string   `json:"dir"`
	// LastAutoAt is the newest automatic backup's time; nil: none yet.
	LastAutoAt *time.Time `json:"lastAutoAt" ts_type:"string | null"`
	// LastAutoError is why the last automatic backup failed; "" if it did not.
	LastAutoError string `json:"lastAutoError"`
	Check         Check  `json:"check"`
	// LastGood is the newest backup (each passed quick_check when it was
	// made): what the banner offers when the live file fails its check.
	LastGood *Backup `json:"lastGood"`
}

// state is the stored settings and records, defaults filled in.
type state struct {
	Settings
	autoError   string
	checkAt     time.Time
	checkResult string
}

func (s *Service) load(ctx context.Context) (state, error) {
	kv, err := store.Settings(ctx, s.st.Reader())
	if err != nil {
		return state{}, fmt.Errorf("backups: read the settings: %w", err)
	}
	st := state{Settings: Settings{Auto: kv[keyAuto] != "0", Keep: DefaultKeep}, autoError: kv[keyAutoError], checkResult: kv[keyCheckResult]}
	if n, err := strconv.Atoi(kv[keyKeep]); err == nil && n >= 1 && n <= MaxKeep {
		st.Keep = n
	}
	if t, err := time.Parse(time.RFC3339, kv[keyCheckAt]); err == nil {
		st.checkAt = t
	}
	return st, nil
}

// Status returns the settings, the newest automatic backup and the last
// integrity check.
func (s *Service) Status(ctx context.Context, actor domain.Actor) (Status, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return Status{}, err
	}
	st, err := s.load(ctx)
	if err != nil {
		return Status{}, err
	}
	all, err := s.list()
	if err != nil {
		return Status{}, err
	}
	out := Status{Settings: st.Settings, Dir: s.dir, LastAutoError: st.autoError}
	if b, ok := newestAuto(all); ok {
		out.LastAutoAt = &b.At
	}
	if len(all) > 0 {
		out.LastGood = &all[0]
	}
	if !st.checkAt.IsZero() {
		at := st.checkAt
		out.Check = Check{At: &at, OK: st.checkResult == "ok", Result: st.checkResult}
	}
	return out, nil
}

// UpdateSettings saves the automatic-backup settings; the audit entry says
// what changed.
func (s *Service) UpdateSettings(ctx context.Context, actor domain.Actor, in Settings) (Status, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return Status{}, err
	}
	if in.Keep < 1 || in.Keep > MaxKeep {
		return Status{}, domain.Invalid("keep", "Keep between 1 and %d automatic backups.", MaxKeep)
	}
	err := s.st.Update(ctx, func(tx store.DB) error {
		kv, err := store.Settings(ctx, tx)
		if err != nil {
			return err
		}
		old := Settings{Auto: kv[keyAuto] != "0", Keep: DefaultKeep}
		if n, err := strconv.Atoi(kv[keyKeep]); err == nil {
			old.Keep = n
		}
		auto := "1"
		if !in.Auto {
			auto = "0"
		}
		if err := store.PutSettings(ctx, tx, map[string]string{keyAuto: auto, keyKeep: strconv.Itoa(in.Keep)}); err != nil {
			return err
		}
		before, after := map[string]any{}, map[string]any{}
		if old.Auto != in.Auto {
			before["autoBackup"], after["autoBackup"] = old.Auto, in.Auto
		}
		if old.Keep != in.Keep {
			before["keepBackups"], after["keepBackups"] = old.Keep, in.Keep
		}
		if len(after) == 0 {
			return nil
		}
		return store.AppendAudit(ctx, tx, store.AuditRecord{At: s.now(), Actor: actor, Action: domain.ActionSettingsUpdate,
			TargetType: domain.TargetSettings, TargetID: "backups", TargetLabel: "Backups", Before: before, After: after})
	})
	if err != nil {
		return Status{}, fmt.Errorf("backups: save the settings: %w", err)
	}
	return s.Status(ctx, actor)
}

func newestAuto(all []Backup) (Backup, bool) {
	for _, b := range all { // newest first
		if b.Kind == KindAuto {
			return b, true
		}
	}
	return Backup{}, false
}

// Run checks the live file soon after start: damage in the middle of a
// file is otherwise found only by the weekly check, after days of writing
// into it (a quick_check of a 1M-user file takes ~8 s, too long to make the
// window wait for). It then calls Tick a minute after start (not to slow
// the first window down) and every `every`, until ctx ends.
func (s *Service) Run(ctx context.Context, every time.Duration, log *slog.Logger) {
	// Damage found before this start keeps changes blocked until the
	// check below says otherwise.
	if err := s.HoldDamage(ctx); err != nil && ctx.Err() == nil {
		log.Error("read the last integrity check", "err", err)
	}
	select {
	case <-ctx.Done():
		return
	case <-time.After(s.startupCheck):
	}
	if err := s.check(ctx); err != nil && ctx.Err() == nil {
		log.Error("integrity check at start", "err", err)
	}
	wait := max(time.Minute-s.startupCheck, 0)
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = every
		if err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			log.Error("automatic backup", "err", err)
		}
	}
}

// HoldDamage blocks changes to the file (store.SetDamaged) when the last
// integrity check found it damaged, until a check or a restore says
// otherwise: the window, serve and every command that writes start so.
func (s *Service) HoldDamage(ctx context.Context) error {
	st, err := s.load(ctx)
	if err == nil && !st.checkAt.IsZero() && st.checkResult != "ok" {
		s.st.SetDamaged(st.checkResult)
	}
	return err
}

// Tick does what is due, by the clock: an automatic backup when the newest
// is older than AutoEvery (then prunes automatic backups beyond Keep), and a
// quick_check when the last is older than CheckEvery. Outcomes are recorded
// for Status; the error is for the log. It also refreshes the query
// planner's statistics of tables that grew or shrank some 25-fold since they
// were taken (a file filled by events has those of its empty tables).
func (s *Service) Tick(ctx context.Context) error {
	st, err := s.load(ctx)
	if err != nil {
		return err
	}
	errs := []error{s.st.Optimize(ctx)}
	if st.Auto {
		errs = append(errs, s.autoBackup(ctx, st))
	}
	if st.checkAt.IsZero() || s.now().Sub(st.checkAt) >= CheckEvery {
		errs = append(errs, s.check(ctx))
	}
	return errors.Join(errs...)
}

// autoBackup makes the automatic backup if it is due and prunes, and
// records what went wrong (or that nothing did) for Status.
func (s *Service) autoBackup(ctx context.Context, st state) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.autoBackupDue(ctx, st.Keep)
	if err != nil {
		err = fmt.Errorf("backups: automatic backup: %w", err)
	}
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	if msg != st.autoError {
		if perr := s.put(ctx, map[string]string{keyAutoError: msg}); perr != nil {
			return errors.Join(err, perr)
		}
	}
	return err
}

func (s *Service) autoBackupDue(ctx context.Context, keep int) error {
	all, err := s.list()
	if err != nil {
		return err
	}
	if b, ok := newestAuto(all); !ok || s.now().Sub(b.At) >= AutoEvery {
		path, err := s.newName(s.dir, KindAuto)
		if err != nil {
			return err
		}
		if _, err := s.backUp(ctx, automatic, path, KindAuto); err != nil {
			return err
		}
		if all, err = s.list(); err != nil {
			return err
		}
	}
	return s.prune(all, keep)
}

// prune deletes automatic backups beyond the newest keep; it never touches
// manual backups or before-restore copies.
func (s *Service) prune(all []Backup, keep int) error {
	var errs []error
	n := 0
	for _, b := range all { // newest first
		if b.Kind != KindAuto {
			continue
		}
		if n++; n > keep {
			if err := os.Remove(filepath.Join(s.dir, b.Name)); err != nil {
				errs = append(errs, fmt.Errorf("backups: prune %s: %w", b.Name, err))
			}
		}
	}
	return errors.Join(errs...)
}

// check runs quick_check on the live file, then verifies the audit log's
// chain, and records when and what they said; a check that could not run
// is recorded as a failed one.
func (s *Service) check(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	result, err := s.quickCheck(ctx)
	if err == nil && result == "ok" {
		var broken *store.AuditBroken
		if _, err = store.VerifyAudit(ctx, s.st.Reader()); errors.As(err, &broken) {
			result, err = broken.Error(), nil
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return err // shutting down: not a verdict on the file
		}
		result = "The check could not run: " + err.Error()
	}
	if perr := s.put(ctx, map[string]string{keyCheckAt: s.now().UTC().Format(time.RFC3339), keyCheckResult: result}); perr != nil {
		return errors.Join(err, perr)
	}
	if result == "ok" {
		s.st.SetDamaged("")
	} else {
		s.st.SetDamaged(result)
	}
	if result != "ok" {
		return fmt.Errorf("backups: integrity check failed: %s", result)
	}
	return err
}

// put records what the loop found; it writes into a damaged file too.
func (s *Service) put(ctx context.Context, kv map[string]string) error {
	if err := s.st.Record(ctx, func(tx store.DB) error { return store.PutSettings(ctx, tx, kv) }); err != nil {
		return fmt.Errorf("backups: record: %w", err)
	}
	return nil
}
