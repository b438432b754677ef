package app

import (
	"context"

	"roster/backend/backups"
	"roster/backend/domain"
)

// Backups is the bound service for Settings → Backups: copies of the
// database in the backups folder beside it, made now or daily, and
// restored by name.
type Backups struct{ svc }

// List returns the backups, newest first.
func (b *Backups) List() ([]backups.Backup, error) {
	return as(b.svc, b.b.Backups.List)
}

// BackUpNow writes a backup into the backups folder.
func (b *Backups) BackUpNow() (backups.Backup, error) {
	out, err := as(b.svc, b.b.Backups.BackUpNow)
	b.changed(err, "backups", "audit")
	return out, err
}

// Restore replaces the database's content with the backup called name (a
// name from List, never a path), keeping the current content aside first.
// Every window reloads: all of its data may have changed.
func (b *Backups) Restore(name string) (backups.RestoreResult, error) {
	out, err := as(b.svc, func(ctx context.Context, a domain.Actor) (backups.RestoreResult, error) {
		return b.b.Backups.Restore(ctx, a, name)
	})
	b.changed(err, "restore", "users", "audit", "team", "settings", "sessions", "imports", "outbox", "backups")
	return out, err
}

// Status is the automatic-backup settings, the newest automatic backup and
// the last integrity check (for the Backups section and the banner).
func (b *Backups) Status() (backups.Status, error) {
	return as(b.svc, b.b.Backups.Status)
}

// UpdateSettings saves the automatic-backup settings.
func (b *Backups) UpdateSettings(in backups.Settings) (backups.Status, error) {
	out, err := as(b.svc, func(ctx context.Context, a domain.Actor) (backups.Status, error) {
		return b.b.Backups.UpdateSettings(ctx, a, in)
	})
	b.changed(err, "backups", "settings", "audit")
	return out, err
}
