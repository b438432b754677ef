package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"roster/backend/domain"
)

// Recipient is a member who gets notifications.
type Recipient struct {
	MemberID    int64
	Email, Name string
}

// Recipients lists the members to notify about an integration: accepted,
// enabled, with notifications on, and whose role reaches the integration.
func Recipients(ctx context.Context, db DB, integrationID int64) ([]Recipient, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, email, name FROM members m
		WHERE status = 'accepted' AND enabled = 1 AND notifications = 1
		  AND (role NOT IN ('manage_integrations', 'monitor_integrations')
		       OR EXISTS (SELECT 1 FROM member_integrations mi WHERE mi.member_id = m.id AND mi.integration_id = ?))
		ORDER BY id`, integrationID)
	return collect(rows, err, fmt.Sprintf("recipients of integration %d", integrationID), func(rows *sql.Rows) (Recipient, error) {
		var r Recipient
		return r, rows.Scan(&r.MemberID, &r.Email, &r.Name)
	})
}

// Incident is a workflow failing for a user.
type Incident struct {
	UserID, WorkflowID int64
	OpenedAt           time.Time
	Failures           int // since opened
	Unreported         int // failures no mail has told of yet
	LastError          string
	LastFailedAt       time.Time
	ResolvedAt         *time.Time // a later run succeeded; nil while failing
	ReportedAt         time.Time  // the last mail about it
}

const incidentCols = `user_id, workflow_id, opened_at, failures, unreported, last_error, last_failed_at, resolved_at, reported_at`

func scanIncident(sc interface{ Scan(...any) error }) (Incident, error) {
	var i Incident
	var opened, failed, resolved, reported int64
	err := sc.Scan(&i.UserID, &i.WorkflowID, &opened, &i.Failures, &i.Unreported, &i.LastError, &failed, &resolved, &reported)
	i.OpenedAt, i.LastFailedAt, i.ResolvedAt, i.ReportedAt = fromMillis(opened), fromMillis(failed), optMillis(resolved), fromMillis(reported)
	return i, err
}

const getIncident = `SELECT ` + incidentCols + ` FROM workflow_incidents WHERE user_id = ? AND workflow_id = ?`

// IncidentKeys returns the (user, workflow) pairs of every open incident,
// or nil if there are more than limit: a caller with a few in memory need
// not ask about every successful run.
func IncidentKeys(ctx context.Context, db DB, limit int) (map[[2]int64]bool, error) {
	rows, err := db.QueryContext(ctx, `SELECT user_id, workflow_id FROM workflow_incidents LIMIT ?`, limit+1)
	if err != nil {
		return nil, fmt.Errorf("store: incident keys: %w", err)
	}
	defer rows.Close()
	keys := map[[2]int64]bool{}
	for rows.Next() {
		var k [2]int64
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			return nil, fmt.Errorf("store: incident keys: %w", err)
		}
		keys[k] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: incident keys: %w", err)
	}
	if len(keys) > limit {
		return nil, nil
	}
	return keys, nil
}

// IncidentReader returns the open incident of a workflow for a user (or a
// not-found error) with a statement prepared once: every run an ingest
// applies asks whether its workflow is failing.
type IncidentReader struct{ get *sql.Stmt }

// NewIncidentReader prepares the lookup on tx; Close it with tx.
func NewIncidentReader(ctx context.Context, tx DB) (*IncidentReader, error) {
	st, err := tx.PrepareContext(ctx, getIncident)
	if err != nil {
		return nil, fmt.Errorf("store: prepare incidents: %w", err)
	}
	return &IncidentReader{get: st}, nil
}

// Get returns the incident of a workflow for a user, or a not-found error.
func (r *IncidentReader) Get(ctx context.Context, userID, workflowID int64) (Incident, error) {
	return incident(r.get.QueryRowContext(ctx, userID, workflowID), userID, workflowID)
}

// Close releases the statement.
func (r *IncidentReader) Close() error { return r.get.Close() }

func incident(row *sql.Row, userID, workflowID int64) (Incident, error) {
	i, err := scanIncident(row)
	if errors.Is(err, sql.ErrNoRows) {
		return i, domain.NotFound("The workflow is not failing for this user.")
	}
	if err != nil {
		return i, fmt.Errorf("store: incident %d/%d: %w", userID, workflowID, err)
	}
	return i, nil
}

// PutIncident writes an incident.
func PutIncident(ctx context.Context, tx DB, i Incident) error {
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO workflow_incidents (`+incidentCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		i.UserID, i.WorkflowID, i.OpenedAt.UnixMilli(), i.Failures, i.Unreported, i.LastError, i.LastFailedAt.UnixMilli(),
		millis(i.ResolvedAt), i.ReportedAt.UnixMilli()); err != nil {
		return fmt.Errorf("store: put incident %d/%d: %w", i.UserID, i.WorkflowID, err)
	}
	return nil
}

// DeleteIncident closes an incident once its end has been told.
func DeleteIncident(ctx context.Context, tx DB, userID, workflowID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM workflow_incidents WHERE user_id = ? AND workflow_id = ?`, userID, workflowID); err != nil {
		return fmt.Errorf("store: delete incident %d/%d: %w", userID, workflowID, err)
	}
	return nil
}

// DueIncidents lists incidents with news (more failures, or resolved) last
// reported at or before `before`, oldest first.
func DueIncidents(ctx context.Context, db DB, before time.Time, limit int) ([]Incident, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+incidentCols+` FROM workflow_incidents INDEXED BY incidents_pending
		WHERE (unreported > 0 OR resolved_at > 0) AND reported_at <= ? ORDER BY reported_at LIMIT ?`, before.UnixMilli(), limit)
	return collect(rows, err, "due incidents", func(rows *sql.Rows) (Incident, error) { return scanIncident(rows) })
}

// ConnectionAlert is what the members were last told about a connection.
type ConnectionAlert struct {
	UserID, IntegrationID int64
	Told                  string // "offline" or "online"
	OfflineMailAt         time.Time
	Held                  int        // offline transitions not mailed (cooldown)
	CheckAt               *time.Time // when to look again at a held-back change
}

// Told values.
const (
	ToldOffline = "offline"
	ToldOnline  = "online"
)

const alertCols = `user_id, integration_id, told, offline_mail_at, held, check_at`

func scanAlert(sc interface{ Scan(...any) error }) (ConnectionAlert, error) {
	var a ConnectionAlert
	var offline, check int64
	err := sc.Scan(&a.UserID, &a.IntegrationID, &a.Told, &offline, &a.Held, &check)
	a.OfflineMailAt, a.CheckAt = fromMillis(offline), optMillis(check)
	return a, err
}

// GetConnectionAlert returns the alert state of a connection, or a
// not-found error when nothing was ever told about it.
func GetConnectionAlert(ctx context.Context, db DB, userID, integrationID int64) (ConnectionAlert, error) {
	a, err := scanAlert(db.QueryRowContext(ctx, `SELECT `+alertCols+` FROM connection_alerts WHERE user_id = ? AND integration_id = ?`, userID, integrationID))
	if errors.Is(err, sql.ErrNoRows) {
		return a, domain.NotFound("Nothing was told about this connection.")
	}
	if err != nil {
		return a, fmt.Errorf("store: connection alert %d/%d: %w", userID, integrationID, err)
	}
	return a, nil
}

// PutConnectionAlert writes the alert state of a connection.
func PutConnectionAlert(ctx context.Context, tx DB, a ConnectionAlert) error {
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO connection_alerts (`+alertCols+`) VALUES (?, ?, ?, ?, ?, ?)`,
		a.UserID, a.IntegrationID, a.Told, a.OfflineMailAt.UnixMilli(), a.Held, millis(a.CheckAt)); err != nil {
		return fmt.Errorf("store: put connection alert %d/%d: %w", a.UserID, a.IntegrationID, err)
	}
	return nil
}

// DeleteConnectionAlert forgets a connection's alert state (it was removed).
func DeleteConnectionAlert(ctx context.Context, tx DB, userID, integrationID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM connection_alerts WHERE user_id = ? AND integration_id = ?`, userID, integrationID); err != nil {
		return fmt.Errorf("store: delete connection alert %d/%d: %w", userID, integrationID, err)
	}
	return nil
}

// DueConnectionChecks lists held-back connection changes to look at again.
func DueConnectionChecks(ctx context.Context, db DB, now time.Time, limit int) ([]ConnectionAlert, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+alertCols+` FROM connection_alerts INDEXED BY connection_alerts_check
		WHERE check_at > 0 AND check_at <= ? ORDER BY check_at LIMIT ?`, now.UnixMilli(), limit)
	return collect(rows, err, "due connection checks", func(rows *sql.Rows) (ConnectionAlert, error) { return scanAlert(rows) })
}

// NextAlertDue returns when the notifier has work next: the oldest incident
// with news (plus the digest interval) or the earliest held-back check; zero
// if none.
func NextAlertDue(ctx context.Context, db DB, digest time.Duration) (time.Time, error) {
	var inc, check sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT
		(SELECT min(reported_at) FROM workflow_incidents INDEXED BY incidents_pending WHERE unreported > 0 OR resolved_at > 0),
		(SELECT min(check_at) FROM connection_alerts INDEXED BY connection_alerts_check WHERE check_at > 0)`).Scan(&inc, &check); err != nil {
		return time.Time{}, fmt.Errorf("store: next alert due: %w", err)
	}
	var next time.Time
	if inc.Valid {
		next = fromMillis(inc.Int64).Add(digest)
	}
	if check.Valid && (next.IsZero() || fromMillis(check.Int64).Before(next)) {
		next = fromMillis(check.Int64)
	}
	return next, nil
}

// Names returns the display names of a user, an integration and (if
// workflowID is not 0) a workflow, for a mail.
func Names(ctx context.Context, db DB, userID, integrationID, workflowID int64) (user, integration, workflow domain.Ref, err error) {
	err = db.QueryRowContext(ctx, `SELECT u.id, u.external_id, u.name, i.id, i.key, i.name,
			coalesce(w.id, 0), coalesce(w.key, ''), coalesce(w.name, '')
		FROM connected_users u, integrations i LEFT JOIN workflows w ON w.id = ?3
		WHERE u.id = ?1 AND i.id = ?2`, userID, integrationID, workflowID).
		Scan(&user.ID, &user.Key, &user.Name, &integration.ID, &integration.Key, &integration.Name, &workflow.ID, &workflow.Key, &workflow.Name)
	if err != nil {
		return user, integration, workflow, fmt.Errorf("store: names of %d/%d/%d: %w", userID, integrationID, workflowID, err)
	}
	return user, integration, workflow, nil
}

// WorkflowIntegration returns the integration id of a workflow.
func WorkflowIntegration(ctx context.Context, db DB, workflowID int64) (int64, error) {
	var id int64
	if err := db.QueryRowContext(ctx, `SELECT integration_id FROM workflows WHERE id = ?`, workflowID).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: integration of workflow %d: %w", workflowID, err)
	}
	return id, nil
}
