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

// EventLog applies events one savepoint each and records their ids, with
// statements prepared once per transaction: a bad event is undone alone,
// and an id applied before is recognised.
type EventLog struct {
	save, release, rollback, record *sql.Stmt
}

// NewEventLog prepares the log's statements on tx; Close them with it.
func NewEventLog(ctx context.Context, tx DB) (*EventLog, error) {
	var l EventLog
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&l.save, "SAVEPOINT event"}, {&l.release, "RELEASE event"}, {&l.rollback, "ROLLBACK TO event"},
		{&l.record, "INSERT OR IGNORE INTO events (id, type, received_at) VALUES (?, ?, ?)"},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			l.Close()
			return nil, fmt.Errorf("store: prepare the event log: %w", err)
		}
		*p.stmt = st
	}
	return &l, nil
}

// Close releases the statements.
func (l *EventLog) Close() error {
	var errs []error
	for _, st := range []*sql.Stmt{l.save, l.release, l.rollback, l.record} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
}

// Begin opens the savepoint of one event.
func (l *EventLog) Begin(ctx context.Context) error {
	if _, err := l.save.ExecContext(ctx); err != nil {
		return fmt.Errorf("store: savepoint: %w", err)
	}
	return nil
}

// Record marks an event id applied, and reports false if it was before.
func (l *EventLog) Record(ctx context.Context, id, typ string, at time.Time) (bool, error) {
	res, err := l.record.ExecContext(ctx, id, typ, at.UnixMilli())
	if err != nil {
		return false, fmt.Errorf("store: record event %q: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: record event %q: %w", id, err)
	}
	return n == 1, nil
}

// Undo rolls back everything since Begin; End must still follow.
func (l *EventLog) Undo(ctx context.Context) error {
	if _, err := l.rollback.ExecContext(ctx); err != nil {
		return fmt.Errorf("store: roll back event: %w", err)
	}
	return nil
}

// End releases the savepoint: the event stays in the transaction.
func (l *EventLog) End(ctx context.Context) error {
	if _, err := l.release.ExecContext(ctx); err != nil {
		return fmt.Errorf("store: release savepoint: %w", err)
	}
	return nil
}

// UpsertIntegration adds an integration to the catalogue or renames it, and
// returns its id.
func UpsertIntegration(ctx context.Context, tx DB, key, name, category string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO integrations (key, name, category) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET name = excluded.name, category = excluded.category RETURNING id`,
		key, name, category).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: upsert integration %s: %w", key, err)
	}
	return id, nil
}

// IntegrationByKey returns an integration's id, key and name, or a
// not-found error.
func IntegrationByKey(ctx context.Context, db DB, key string) (domain.Ref, error) {
	r := domain.Ref{Key: key}
	err := db.QueryRowContext(ctx, "SELECT id, name FROM integrations WHERE key = ?", key).Scan(&r.ID, &r.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return r, domain.NotFound("There is no integration %q; send an integration.upserted event for it first.", key)
	}
	if err != nil {
		return r, fmt.Errorf("store: integration %s: %w", key, err)
	}
	return r, nil
}

// UpsertWorkflow adds a workflow to an integration or renames it, and
// returns its id.
func UpsertWorkflow(ctx context.Context, tx DB, integrationID int64, key, name, description string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO workflows (integration_id, key, name, description) VALUES (?, ?, ?, ?)
		ON CONFLICT (integration_id, key) DO UPDATE SET name = excluded.name, description = excluded.description RETURNING id`,
		integrationID, key, name, description).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: upsert workflow %s: %w", key, err)
	}
	return id, nil
}

// WorkflowByKey returns a workflow of an integration, or a not-found error.
func WorkflowByKey(ctx context.Context, db DB, integration domain.Ref, key string) (domain.Ref, error) {
	r := domain.Ref{Key: key}
	err := db.QueryRowContext(ctx, "SELECT id, name FROM workflows WHERE integration_id = ? AND key = ?", integration.ID, key).Scan(&r.ID, &r.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return r, domain.NotFound("%s has no workflow %q; send a workflow.upserted event for it first.", integration.Name, key)
	}
	if err != nil {
		return r, fmt.Errorf("store: workflow %s: %w", key, err)
	}
	return r, nil
}

// UserUpsert is a connected user as an event describes them; a nil field
// keeps what Roster has.
type UserUpsert struct {
	ExternalID string
	Name       *string
	Email      *string
	Metadata   json.RawMessage // nil keeps
	At         time.Time       // first seen, for a new user
}

// UpsertUser adds a connected user or updates the fields given, and
// returns the user.
func UpsertUser(ctx context.Context, tx DB, u UserUpsert) (domain.Ref, error) {
	name := u.ExternalID
	if u.Name != nil {
		name = *u.Name
	}
	var email, meta any
	if u.Email != nil {
		email = *u.Email
	}
	if u.Metadata != nil {
		meta = string(u.Metadata)
	}
	r := domain.Ref{Key: u.ExternalID}
	// Numbered as SQLite would, but from FirstUserID in an empty table.
	err := tx.QueryRowContext(ctx, `INSERT INTO connected_users (id, external_id, name, email, metadata, created_at)
		VALUES (coalesce((SELECT max(id) + 1 FROM connected_users), ?7), ?1, ?2, coalesce(?3, ''), coalesce(?4, '{}'), ?5)
		ON CONFLICT (external_id) DO UPDATE SET
			name = CASE WHEN ?6 THEN excluded.name ELSE name END,
			email = coalesce(?3, email),
			metadata = coalesce(?4, metadata)
		RETURNING id, name`, u.ExternalID, name, email, meta, u.At.UnixMilli(), u.Name != nil, FirstUserID).Scan(&r.ID, &r.Name)
	if err != nil {
		return r, fmt.Errorf("store: upsert user %s: %w", u.ExternalID, err)
	}
	return r, nil
}

const userByExternalID = "SELECT id, name FROM connected_users WHERE external_id = ?"

func userRef(row *sql.Row, externalID string) (domain.Ref, error) {
	r := domain.Ref{Key: externalID}
	err := row.Scan(&r.ID, &r.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return r, domain.NotFound("There is no connected user %q; send a user.upserted event for them first.", externalID)
	}
	if err != nil {
		return r, fmt.Errorf("store: user %s: %w", externalID, err)
	}
	return r, nil
}

// UserLookup finds connected users by external id with a statement
// prepared once, for an ingest that looks up a user per event.
type UserLookup struct{ get *sql.Stmt }

// NewUserLookup prepares the lookup on tx; Close it with tx.
func NewUserLookup(ctx context.Context, tx DB) (*UserLookup, error) {
	st, err := tx.PrepareContext(ctx, userByExternalID)
	if err != nil {
		return nil, fmt.Errorf("store: prepare user lookup: %w", err)
	}
	return &UserLookup{get: st}, nil
}

// Get returns a connected user by their external id, or a not-found error.
func (l *UserLookup) Get(ctx context.Context, externalID string) (domain.Ref, error) {
	return userRef(l.get.QueryRowContext(ctx, externalID), externalID)
}

// Close releases the statement.
func (l *UserLookup) Close() error { return l.get.Close() }

// ConnectionState is one connection's health.
type ConnectionState struct {
	Status    domain.ConnectionStatus
	Reason    domain.CredentialError
	Message   string
	ChangedAt time.Time
}

// GetConnection returns a user's connection to an integration, or a
// not-found error.
func GetConnection(ctx context.Context, db DB, userID, integrationID int64) (ConnectionState, error) {
	var c ConnectionState
	var changed int64
	err := db.QueryRowContext(ctx, `SELECT status, error_reason, error_message, status_changed_at FROM connections
		WHERE user_id = ? AND integration_id = ?`, userID, integrationID).Scan(&c.Status, &c.Reason, &c.Message, &changed)
	if errors.Is(err, sql.ErrNoRows) {
		return c, domain.NotFound("The user has no such connection.")
	}
	if err != nil {
		return c, fmt.Errorf("store: connection %d/%d: %w", userID, integrationID, err)
	}
	c.ChangedAt = fromMillis(changed)
	return c, nil
}

// InsertConnection connects a user to an integration, healthy.
func InsertConnection(ctx context.Context, tx DB, userID, integrationID int64, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO connections (user_id, integration_id, status, connected_at, status_changed_at, user_created_at)
		SELECT id, ?, 'connected', ?2, ?2, created_at FROM connected_users WHERE id = ?3`, integrationID, at.UnixMilli(), userID); err != nil {
		return fmt.Errorf("store: connect user %d to %d: %w", userID, integrationID, err)
	}
	return nil
}

// SetConnectionState moves a connection to c; the user's status and the
// header counts follow by trigger.
func SetConnectionState(ctx context.Context, tx DB, userID, integrationID int64, c ConnectionState) error {
	if _, err := tx.ExecContext(ctx, `UPDATE connections SET status = ?, error_reason = ?, error_message = ?, status_changed_at = ?
		WHERE user_id = ? AND integration_id = ?`, c.Status, c.Reason, c.Message, c.ChangedAt.UnixMilli(), userID, integrationID); err != nil {
		return fmt.Errorf("store: set connection %d/%d: %w", userID, integrationID, err)
	}
	return nil
}

// RunRecord is one workflow run to keep.
type RunRecord struct {
	UserID, WorkflowID, IntegrationID int64
	Status                            domain.RunStatus
	StartedAt                         time.Time
	Duration                          time.Duration
	Error                             string
}

// RunWriter writes runs with statements prepared once per transaction: an
// ingest of a large file spends its time in SQLite, not in parsing SQL.
type RunWriter struct {
	insert, active *sql.Stmt
}

// NewRunWriter prepares the run statements on tx; Close them with it.
func NewRunWriter(ctx context.Context, tx DB) (*RunWriter, error) {
	var w RunWriter
	var err error
	if w.insert, err = tx.PrepareContext(ctx, `INSERT INTO workflow_runs (user_id, workflow_id, integration_id, status, started_at, duration_ms, error)
		VALUES (?, ?, ?, ?, ?, ?, ?)`); err != nil {
		return nil, fmt.Errorf("store: prepare runs: %w", err)
	}
	if w.active, err = tx.PrepareContext(ctx, `UPDATE connected_users SET last_active_at = ?1 WHERE id = ?2 AND last_active_at < ?1`); err != nil {
		w.insert.Close()
		return nil, fmt.Errorf("store: prepare runs: %w", err)
	}
	return &w, nil
}

// Close releases the statements.
func (w *RunWriter) Close() error { return errors.Join(w.insert.Close(), w.active.Close()) }

// Insert keeps one run.
func (w *RunWriter) Insert(ctx context.Context, r RunRecord) error {
	if _, err := w.insert.ExecContext(ctx, r.UserID, r.WorkflowID, r.IntegrationID, r.Status, r.StartedAt.UnixMilli(),
		r.Duration.Milliseconds(), r.Error); err != nil {
		return fmt.Errorf("store: insert run: %w", err)
	}
	return nil
}

// Active moves a user's last activity forward to at (never back).
func (w *RunWriter) Active(ctx context.Context, userID int64, at time.Time) error {
	if _, err := w.active.ExecContext(ctx, at.UnixMilli(), userID); err != nil {
		return fmt.Errorf("store: user %d active: %w", userID, err)
	}
	return nil
}

// RunQuery is a validated run-history request, newest first.
type RunQuery struct {
	UserID, IntegrationID, WorkflowID int64 // 0 = any
	// Integrations limits the runs to these (a per-integration role's
	// scope); nil = every integration.
	Integrations []int64
	Status       domain.RunStatus // "" = any
	From, To     time.Time        // started in [From, To); zero = open
	Cursor       string
	Limit        int
}

// ListRuns returns one keyset page of runs, newest first. The index is
// chosen by the most selective filter given.
func ListRuns(ctx context.Context, db DB, q RunQuery) (domain.RunPage, error) {
	var where []string
	var args []any
	index := "runs_started"
	switch {
	case q.UserID != 0:
		index = "runs_user"
	case q.IntegrationID != 0 || q.WorkflowID != 0:
		index = "runs_integration"
	case q.Status == domain.RunFailed:
		index = "runs_failed"
	}
	if q.UserID != 0 {
		where, args = append(where, "r.user_id = ?"), append(args, q.UserID)
	}
	if q.WorkflowID != 0 {
		where, args = append(where, "r.workflow_id = ?"), append(args, q.WorkflowID)
	}
	if q.IntegrationID != 0 {
		where, args = append(where, "r.integration_id = ?"), append(args, q.IntegrationID)
	}
	if q.Integrations != nil {
		ids, _ := json.Marshal(q.Integrations)
		where, args = append(where, "r.integration_id IN (SELECT value FROM json_each(?))"), append(args, string(ids))
	}
	switch q.Status {
	case domain.RunFailed:
		where = append(where, "r.status = 'failed'") // a literal, so the partial index applies
	case domain.RunSucceeded:
		where = append(where, "r.status = 'succeeded'")
	}
	if !q.From.IsZero() {
		where, args = append(where, "r.started_at >= ?"), append(args, q.From.UnixMilli())
	}
	if !q.To.IsZero() {
		where, args = append(where, "r.started_at < ?"), append(args, q.To.UnixMilli())
	}
	if q.Cursor != "" {
		c, err := decodeCursor(q.Cursor, "runs", true)
		if err != nil {
			return domain.RunPage{}, err
		}
		where, args = append(where, "(r.started_at, r.id) < (?, ?)"), append(args, c.Int, c.ID)
	}
	rows, err := db.QueryContext(ctx, `SELECT r.id, r.status, r.started_at, r.duration_ms, r.error,
			u.id, u.external_id, u.name, i.id, i.key, i.name, w.id, w.key, w.name
		FROM workflow_runs r INDEXED BY `+index+`
		JOIN connected_users u ON u.id = r.user_id
		JOIN workflows w ON w.id = r.workflow_id
		JOIN integrations i ON i.id = r.integration_id
		`+whereSQL(where)+` ORDER BY r.started_at DESC, r.id DESC LIMIT ?`, append(args, q.Limit+1)...)
	if err != nil {
		return domain.RunPage{}, fmt.Errorf("store: list runs: %w", err)
	}
	defer rows.Close()
	page := domain.RunPage{Runs: []domain.Run{}}
	for rows.Next() {
		var r domain.Run
		var started int64
		if err := rows.Scan(&r.ID, &r.Status, &started, &r.DurationMs, &r.Error, &r.User.ID, &r.User.Key, &r.User.Name,
			&r.Integration.ID, &r.Integration.Key, &r.Integration.Name, &r.Workflow.ID, &r.Workflow.Key, &r.Workflow.Name); err != nil {
			return page, fmt.Errorf("store: list runs: %w", err)
		}
		r.StartedAt = fromMillis(started)
		page.Runs = append(page.Runs, r)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("store: list runs: %w", err)
	}
	if len(page.Runs) > q.Limit {
		page.Runs = page.Runs[:q.Limit]
		last := page.Runs[q.Limit-1]
		page.NextCursor = cursor{Sort: "runs", Desc: true, Int: last.StartedAt.UnixMilli(), ID: last.ID}.encode()
	}
	return page, nil
}

// PruneRuns deletes up to limit runs started before cutoff, and as many
// applied event ids received before it, and reports how many runs went.
// Small batches keep the write lock short beside the windows' writes.
func PruneRuns(ctx context.Context, tx DB, cutoff time.Time, limit int) (int64, error) {
	res, err := tx.ExecContext(ctx, `DELETE FROM workflow_runs WHERE id IN
		(SELECT id FROM workflow_runs INDEXED BY runs_started WHERE started_at < ? ORDER BY started_at LIMIT ?)`, cutoff.UnixMilli(), limit)
	if err != nil {
		return 0, fmt.Errorf("store: prune runs: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: prune runs: %w", err)
	}
	ev, err := tx.ExecContext(ctx, `DELETE FROM events WHERE id IN
		(SELECT id FROM events INDEXED BY events_received WHERE received_at < ? LIMIT ?)`, cutoff.UnixMilli(), limit)
	if err != nil {
		return 0, fmt.Errorf("store: prune events: %w", err)
	}
	m, err := ev.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: prune events: %w", err)
	}
	return max(n, m), nil
}
