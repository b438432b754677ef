package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"roster/backend/domain"
	"roster/backend/mail"
)

// OutboxMail is a mail to queue.
type OutboxMail struct {
	Kind, Recipient, Subject, Text, HTML, DedupeKey string
}

// OutboxRow is a queued mail as the sender sees it.
type OutboxRow struct {
	ID                                   int64
	MessageID                            string // left part of the Message-ID, fixed for the row
	Kind, Recipient, Subject, Text, HTML string
	CreatedAt, NextAttemptAt             time.Time
	RetriedAt                            *time.Time // a member's last "Retry now"
	Attempts                             int
	SentAt, FailedAt, CancelledAt        *time.Time // nil until it happens
	SendingUntil                         *time.Time // the lease of a sender that has it now
	LastError                            string
}

// QueuedAt is when the give-up period of a mail started: when it was
// queued, or retried by a member.
func (r OutboxRow) QueuedAt() time.Time {
	if r.RetriedAt != nil {
		return *r.RetriedAt
	}
	return r.CreatedAt
}

// Status is where the mail stands at now.
func (r OutboxRow) Status(now time.Time) domain.MailStatus {
	switch {
	case r.SentAt != nil:
		return domain.MailSent
	case r.FailedAt != nil:
		return domain.MailFailed
	case r.CancelledAt != nil:
		return domain.MailCancelled
	case r.SendingUntil != nil && r.SendingUntil.After(now):
		return domain.MailSending
	case r.Attempts > 0:
		return domain.MailRetrying
	}
	return domain.MailQueued
}

// EnqueueMail queues m, due at once, inside the caller's transaction: the
// mail exists exactly when the change that causes it commits.
func EnqueueMail(ctx context.Context, tx DB, m OutboxMail, at time.Time) (int64, error) {
	var dedupe any
	if m.DedupeKey != "" {
		dedupe = m.DedupeKey
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, recipient, subject, body_text, body_html, dedupe_key, created_at, next_attempt_at, message_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.Kind, m.Recipient, m.Subject, m.Text, m.HTML, dedupe, at.UnixMilli(), at.UnixMilli(), mail.NewMessageID())
	if err != nil {
		return 0, fmt.Errorf("store: enqueue mail to %s: %w", m.Recipient, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("store: enqueue mail to %s: %w", m.Recipient, err)
	}
	return id, nil
}

// CancelMail withdraws a mail not yet sent and drops its bodies.
func CancelMail(ctx context.Context, tx DB, id int64, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET cancelled_at = ?, body_text = '', body_html = ''
		WHERE id = ? AND sent_at = 0 AND failed_at = 0 AND cancelled_at = 0`, at.UnixMilli(), id); err != nil {
		return fmt.Errorf("store: cancel mail %d: %w", id, err)
	}
	return nil
}

const outboxCols = `id, message_id, kind, recipient, subject, body_text, body_html, created_at, attempts, next_attempt_at, sent_at, failed_at, cancelled_at, last_error, sending_until, retried_at`

func scanOutbox(sc interface{ Scan(...any) error }) (OutboxRow, error) {
	var r OutboxRow
	var created, next, sent, failed, cancelled, sending, retried int64
	err := sc.Scan(&r.ID, &r.MessageID, &r.Kind, &r.Recipient, &r.Subject, &r.Text, &r.HTML, &created, &r.Attempts, &next, &sent, &failed, &cancelled, &r.LastError, &sending, &retried)
	r.CreatedAt, r.NextAttemptAt, r.SendingUntil, r.RetriedAt = fromMillis(created), fromMillis(next), optMillis(sending), optMillis(retried)
	r.SentAt, r.FailedAt, r.CancelledAt = optMillis(sent), optMillis(failed), optMillis(cancelled)
	return r, err
}

// DueMail lists up to limit mails to try now, oldest due first.
func DueMail(ctx context.Context, db DB, now time.Time, limit int) ([]OutboxRow, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+outboxCols+` FROM outbox INDEXED BY outbox_due
		WHERE sent_at = 0 AND failed_at = 0 AND cancelled_at = 0 AND next_attempt_at <= ?
		ORDER BY next_attempt_at, id LIMIT ?`, now.UnixMilli(), limit)
	return collect(rows, err, "due mail", func(rows *sql.Rows) (OutboxRow, error) { return scanOutbox(rows) })
}

// NextMailDue returns when the next queued mail is due (zero if none).
func NextMailDue(ctx context.Context, db DB) (time.Time, error) {
	var next sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT min(next_attempt_at) FROM outbox INDEXED BY outbox_due
		WHERE sent_at = 0 AND failed_at = 0 AND cancelled_at = 0`).Scan(&next); err != nil {
		return time.Time{}, fmt.Errorf("store: next mail due: %w", err)
	}
	if !next.Valid {
		return time.Time{}, nil
	}
	return fromMillis(next.Int64), nil
}

// ClaimMail leases a due mail until `until`, so that a second Roster process
// on the same file does not send it at the same time. It reports whether the
// lease was won (the row was still due as seen).
func ClaimMail(ctx context.Context, tx DB, id int64, seen, until time.Time) (bool, error) {
	// The attempt counts from the claim: a sender killed after the server
	// took the mail but before recording it leaves the try counted.
	res, err := tx.ExecContext(ctx, `UPDATE outbox SET next_attempt_at = ?1, sending_until = ?1, attempts = attempts + 1
		WHERE id = ?2 AND next_attempt_at = ?3 AND sent_at = 0 AND failed_at = 0 AND cancelled_at = 0`,
		until.UnixMilli(), id, seen.UnixMilli())
	if err != nil {
		return false, fmt.Errorf("store: claim mail %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: claim mail %d: %w", id, err)
	}
	return n == 1, nil
}

// MarkMailSent records delivery and drops the bodies (they may hold an
// invitation code).
func MarkMailSent(ctx context.Context, tx DB, id int64, attempts int, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET sent_at = ?, attempts = ?, last_error = '', body_text = '', body_html = '', sending_until = 0
		WHERE id = ?`, at.UnixMilli(), attempts, id); err != nil {
		return fmt.Errorf("store: mark mail %d sent: %w", id, err)
	}
	return nil
}

// MarkMailRetry records a failed attempt and when to try again.
func MarkMailRetry(ctx context.Context, tx DB, id int64, attempts int, next time.Time, lastErr string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, sending_until = 0 WHERE id = ?`,
		attempts, next.UnixMilli(), lastErr, id); err != nil {
		return fmt.Errorf("store: retry mail %d: %w", id, err)
	}
	return nil
}

// MarkMailFailed gives up on a mail, visibly. An invitation's bodies (its
// code) are dropped; other mail keeps them, so a member can retry it.
func MarkMailFailed(ctx context.Context, tx DB, id int64, attempts int, at time.Time, lastErr string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET failed_at = ?, attempts = ?, last_error = ?, sending_until = 0,
			body_text = CASE kind WHEN 'invitation' THEN '' ELSE body_text END,
			body_html = CASE kind WHEN 'invitation' THEN '' ELSE body_html END
		WHERE id = ?`, at.UnixMilli(), attempts, lastErr, id); err != nil {
		return fmt.Errorf("store: fail mail %d: %w", id, err)
	}
	return nil
}

// GetMail returns one outbox row, or a not-found error.
func GetMail(ctx context.Context, db DB, id int64) (OutboxRow, error) {
	r, err := scanOutbox(db.QueryRowContext(ctx, `SELECT `+outboxCols+` FROM outbox WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, domain.NotFound("There is no mail with id %d in the outbox.", id)
	}
	if err != nil {
		return r, fmt.Errorf("store: mail %d: %w", id, err)
	}
	return r, nil
}

// OutboxStats is the outbox at a glance.
type OutboxStats struct {
	Queued, Retrying, Failed int
	LastError                string     // of the newest mail not sent (waiting or given up)
	WaitingError             string     // of the newest mail still waiting
	NextAttemptAt            *time.Time // of the first mail still waiting
}

// OutboxSummary counts waiting, retrying and given-up mail, with the latest
// error and the next attempt.
func OutboxSummary(ctx context.Context, db DB) (OutboxStats, error) {
	var s OutboxStats
	var next sql.NullInt64
	err := db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM outbox INDEXED BY outbox_due WHERE sent_at = 0 AND failed_at = 0 AND cancelled_at = 0),
		(SELECT count(*) FROM outbox INDEXED BY outbox_due WHERE sent_at = 0 AND failed_at = 0 AND cancelled_at = 0 AND attempts > 0),
		(SELECT count(*) FROM outbox WHERE failed_at > 0),
		coalesce((SELECT last_error FROM outbox WHERE last_error != '' AND sent_at = 0 AND cancelled_at = 0 ORDER BY id DESC LIMIT 1), ''),
		coalesce((SELECT last_error FROM outbox INDEXED BY outbox_due WHERE last_error != '' AND sent_at = 0 AND failed_at = 0 AND cancelled_at = 0
			ORDER BY id DESC LIMIT 1), ''),
		(SELECT min(next_attempt_at) FROM outbox INDEXED BY outbox_due WHERE sent_at = 0 AND failed_at = 0 AND cancelled_at = 0)`).
		Scan(&s.Queued, &s.Retrying, &s.Failed, &s.LastError, &s.WaitingError, &next)
	if err != nil {
		return s, fmt.Errorf("store: outbox summary: %w", err)
	}
	if next.Valid {
		t := fromMillis(next.Int64)
		s.NextAttemptAt = &t
	}
	return s, nil
}

// RetryMail makes a mail due at once: a queued or retrying one, or a
// failed one whose body was kept, whose give-up period starts again.
func RetryMail(ctx context.Context, tx DB, id int64, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET next_attempt_at = ?1, retried_at = ?1, failed_at = 0, sending_until = 0
		WHERE id = ?2 AND sent_at = 0 AND cancelled_at = 0 AND body_text != ''`, at.UnixMilli(), id); err != nil {
		return fmt.Errorf("store: retry mail %d: %w", id, err)
	}
	return nil
}

// RetryWaiting makes every waiting mail due at once (but one a sender has
// leased now) and reports how many.
func RetryWaiting(ctx context.Context, tx DB, at time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx, `UPDATE outbox SET next_attempt_at = ?1, retried_at = ?1
		WHERE sent_at = 0 AND failed_at = 0 AND cancelled_at = 0 AND sending_until <= ?1`, at.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("store: retry waiting mail: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: retry waiting mail: %w", err)
	}
	return n, nil
}

// MailQuery is a validated outbox-view request, newest first.
type MailQuery struct {
	Status domain.MailStatus // "" = any
	Now    time.Time         // for the sending/retrying split
	Cursor int64             // the last id of the previous page; 0 = first page
	Limit  int
}

// ListMail returns one page of the outbox, newest first.
func ListMail(ctx context.Context, db DB, q MailQuery) ([]OutboxRow, error) {
	where := []string{"id < ?"}
	args := []any{q.Cursor}
	if q.Cursor == 0 {
		args[0] = int64(1) << 62
	}
	now := q.Now.UnixMilli()
	waiting := "sent_at = 0 AND failed_at = 0 AND cancelled_at = 0"
	switch q.Status {
	case domain.MailSent:
		where = append(where, "sent_at > 0")
	case domain.MailFailed:
		where = append(where, "failed_at > 0")
	case domain.MailCancelled:
		where = append(where, "cancelled_at > 0")
	case domain.MailSending:
		where, args = append(where, waiting+" AND sending_until > ?"), append(args, now)
	case domain.MailRetrying:
		where, args = append(where, waiting+" AND sending_until <= ? AND attempts > 0"), append(args, now)
	case domain.MailQueued:
		where, args = append(where, waiting+" AND sending_until <= ? AND attempts = 0"), append(args, now)
	}
	rows, err := db.QueryContext(ctx, `SELECT `+outboxCols+` FROM outbox `+whereSQL(where)+` ORDER BY id DESC LIMIT ?`, append(args, q.Limit)...)
	return collect(rows, err, "list mail", func(rows *sql.Rows) (OutboxRow, error) { return scanOutbox(rows) })
}
