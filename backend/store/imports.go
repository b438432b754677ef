package store

import (
	"context"
	"database/sql"
	"encoding/json"
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
	added, updated, unchanged, rejected, error, rolled_back_at`

func scanImport(r interface{ Scan(...any) error }) (domain.ImportRun, error) {
	var i domain.ImportRun
	var started, updated, finished, rolledBack int64
	err := r.Scan(&i.ID, &i.File, &i.Format, &i.Size, &i.ActorName, &i.State, &started, &updated, &finished,
		&i.RowsDone, &i.BytesDone, &i.Added, &i.Updated, &i.Unchanged, &i.Rejected, &i.Error, &rolledBack)
	i.StartedAt, i.UpdatedAt, i.FinishedAt, i.RolledBackAt = fromMillis(started), fromMillis(updated), optMillis(finished), optMillis(rolledBack)
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

// RecordAdded records the users an import's chunk added: ids first..last.
func RecordAdded(ctx context.Context, tx DB, importID, first, last int64) error {
	if _, err := tx.ExecContext(ctx, "INSERT INTO import_added (import_id, first_id, last_id) VALUES (?, ?, ?)", importID, first, last); err != nil {
		return fmt.Errorf("store: import %d added users: %w", importID, err)
	}
	return nil
}

// RecordBefore keeps users' rows as they are now (the user, connections
// and workflow states), unless the import kept theirs already: a rollback
// puts back the state before the import's first change.
func RecordBefore(ctx context.Context, tx DB, importID int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	arr, _ := json.Marshal(ids)
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO import_before (import_id, user_id, before)
		SELECT ?1, u.id, json_object('id', u.id, 'name', u.name, 'email', u.email, 'created_at', u.created_at,
			'last_active_at', u.last_active_at, 'disabled_at', u.disabled_at, 'disabled_reason', u.disabled_reason,
			'metadata', u.metadata,
			'connections', json(coalesce((SELECT json_group_array(json_object('i', c.integration_id, 's', c.status, 'r', c.error_reason,
					'm', c.error_message, 'c', c.connected_at, 't', c.status_changed_at,
					'w', json(coalesce((SELECT json_group_array(json_array(uw.workflow_id, uw.enabled, uw.changed_by, uw.changed_at))
						FROM user_workflows uw JOIN workflows w ON w.id = uw.workflow_id
						WHERE uw.user_id = c.user_id AND w.integration_id = c.integration_id), '[]'))))
				FROM connections c WHERE c.user_id = u.id), '[]')))
		FROM connected_users u WHERE u.id IN (SELECT value FROM json_each(?2))`, importID, string(arr)); err != nil {
		return fmt.Errorf("store: import %d keep users before: %w", importID, err)
	}
	return nil
}

// AddedUsers returns up to limit users an import added that still exist.
func AddedUsers(ctx context.Context, db DB, importID int64, limit int) ([]int64, error) {
	rows, err := db.QueryContext(ctx, `SELECT u.id FROM import_added a
		JOIN connected_users u ON u.id BETWEEN a.first_id AND a.last_id
		WHERE a.import_id = ? LIMIT ?`, importID, limit)
	return collect(rows, err, "import added users", func(r *sql.Rows) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	})
}

// Before is a user's rows as an import found them (JSON, see RecordBefore).
type Before struct {
	UserID int64
	JSON   string
}

// UndoLeft counts the users a rollback of an import has still to undo:
// those it added and those it changed.
func UndoLeft(ctx context.Context, db DB, importID int64) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM import_added a
			JOIN connected_users u ON u.id BETWEEN a.first_id AND a.last_id WHERE a.import_id = ?1)
		+ (SELECT count(*) FROM import_before WHERE import_id = ?1)`, importID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: import %d: users to undo: %w", importID, err)
	}
	return n, nil
}

// Befores returns up to limit of the users an import changed, as they were.
func Befores(ctx context.Context, db DB, importID int64, limit int) ([]Before, error) {
	rows, err := db.QueryContext(ctx, "SELECT user_id, before FROM import_before WHERE import_id = ? LIMIT ?", importID, limit)
	return collect(rows, err, "import before", func(r *sql.Rows) (Before, error) {
		var b Before
		return b, r.Scan(&b.UserID, &b.JSON)
	})
}

// ForgetUndo drops what an import kept for a rollback of users (all of it
// when ids is nil).
func ForgetUndo(ctx context.Context, tx DB, importID int64, ids []int64) error {
	if ids == nil {
		for _, q := range []string{"DELETE FROM import_added WHERE import_id = ?", "DELETE FROM import_before WHERE import_id = ?"} {
			if _, err := tx.ExecContext(ctx, q, importID); err != nil {
				return fmt.Errorf("store: forget import %d undo: %w", importID, err)
			}
		}
		return nil
	}
	arr, _ := json.Marshal(ids)
	if _, err := tx.ExecContext(ctx, `DELETE FROM import_before WHERE import_id = ? AND user_id IN (SELECT value FROM json_each(?))`,
		importID, string(arr)); err != nil {
		return fmt.Errorf("store: forget import %d undo: %w", importID, err)
	}
	return nil
}

// MarkRolledBack records that an import was rolled back.
func MarkRolledBack(ctx context.Context, tx DB, importID int64, at time.Time) error {
	if _, err := tx.ExecContext(ctx, "UPDATE imports SET rolled_back_at = ? WHERE id = ?", at.UnixMilli(), importID); err != nil {
		return fmt.Errorf("store: roll back import %d: %w", importID, err)
	}
	return nil
}

// LatestImport is the newest import not rolled back, or a not-found error.
func LatestImport(ctx context.Context, db DB) (domain.ImportRun, error) {
	i, err := scanImport(db.QueryRowContext(ctx, "SELECT "+importColumns+" FROM imports WHERE rolled_back_at = 0 ORDER BY id DESC LIMIT 1"))
	if errors.Is(err, sql.ErrNoRows) {
		return i, domain.NotFound("There is no import to roll back.")
	}
	if err != nil {
		return i, fmt.Errorf("store: latest import: %w", err)
	}
	return i, nil
}
