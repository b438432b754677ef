package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"roster/backend/domain"
)

// StartImport records an import as running and returns its id.
func StartImport(ctx context.Context, tx DB, file, format string, size int64, actor domain.Actor, at time.Time) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO imports (file, format, size, actor_id, actor_name, state, started_at, updated_at)
		VALUES (?, ?, ?, ?, ?, 'running', ?6, ?6) RETURNING id`,
		file, format, size, actor.ID, actor.Name, at.UnixMilli()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: start import: %w", err)
	}
	return id, nil
}

// ProgressImport records how far an import got, in the transaction of the
// chunk that got it there.
func ProgressImport(ctx context.Context, tx DB, r domain.ImportRun, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE imports SET updated_at = ?, rows_done = ?, bytes_done = ?, added = ?,
		updated = ?, unchanged = ?, rejected = ? WHERE id = ?`,
		at.UnixMilli(), r.RowsDone, r.BytesDone, r.Added, r.Updated, r.Unchanged, r.Rejected, r.ID); err != nil {
		return fmt.Errorf("store: import %d progress: %w", r.ID, err)
	}
	return nil
}

// FinishImport records the end of an import.
func FinishImport(ctx context.Context, tx DB, id int64, state domain.ImportState, errText string, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE imports SET state = ?, error = ?, finished_at = ?, updated_at = ? WHERE id = ?`,
		state, errText, at.UnixMilli(), at.UnixMilli(), id); err != nil {
		return fmt.Errorf("store: finish import %d: %w", id, err)
	}
	return nil
}

const importColumns = `id, file, format, size, actor_name, state, started_at, updated_at, finished_at, rows_done, bytes_done,
	added, updated, unchanged, rejected, error`

func scanImport(r interface{ Scan(...any) error }) (domain.ImportRun, error) {
	var i domain.ImportRun
	var started, updated, finished int64
	err := r.Scan(&i.ID, &i.File, &i.Format, &i.Size, &i.ActorName, &i.State, &started, &updated, &finished,
		&i.RowsDone, &i.BytesDone, &i.Added, &i.Updated, &i.Unchanged, &i.Rejected, &i.Error)
	i.StartedAt, i.UpdatedAt, i.FinishedAt = fromMillis(started), fromMillis(updated), optMillis(finished)
	return i, err
}

// GetImport returns one import, or a not-found error.
func GetImport(ctx context.Context, db DB, id int64) (domain.ImportRun, error) {
	i, err := scanImport(db.QueryRowContext(ctx, "SELECT "+importColumns+" FROM imports WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return i, domain.NotFound("There is no import %d.", id)
	}
	if err != nil {
		return i, fmt.Errorf("store: import %d: %w", id, err)
	}
	return i, nil
}

// ListImports returns the latest imports, newest first.
func ListImports(ctx context.Context, db DB, limit int) ([]domain.ImportRun, error) {
	rows, err := db.QueryContext(ctx, "SELECT "+importColumns+" FROM imports ORDER BY id DESC LIMIT ?", limit)
	return collect(rows, err, "list imports", func(r *sql.Rows) (domain.ImportRun, error) { return scanImport(r) })
}

// StaleImports returns the imports still marked running whose last chunk
// committed before cutoff: their process stopped without finishing them.
func StaleImports(ctx context.Context, db DB, cutoff time.Time) ([]domain.ImportRun, error) {
	rows, err := db.QueryContext(ctx, "SELECT "+importColumns+" FROM imports WHERE state = 'running' AND updated_at < ?", cutoff.UnixMilli())
	return collect(rows, err, "stale imports", func(r *sql.Rows) (domain.ImportRun, error) { return scanImport(r) })
}

// LastImportOf returns the newest import of a file (by name and size), or a
// not-found error.
func LastImportOf(ctx context.Context, db DB, file string, size int64) (domain.ImportRun, error) {
	i, err := scanImport(db.QueryRowContext(ctx, "SELECT "+importColumns+` FROM imports
		WHERE file = ? AND size = ? ORDER BY id DESC LIMIT 1`, file, size))
	if errors.Is(err, sql.ErrNoRows) {
		return i, domain.NotFound("%s was never imported into this database.", file)
	}
	if err != nil {
		return i, fmt.Errorf("store: last import of %s: %w", file, err)
	}
	return i, nil
}
