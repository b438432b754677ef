package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/mattn/go-sqlite3"

	"roster/backend/domain"
)

// EmailChange is a member's open request to change their e-mail address.
type EmailChange struct {
	MemberID  int64
	NewEmail  string
	CodeHash  []byte
	CreatedAt time.Time
	ExpiresAt time.Time
	Attempts  int
	OutboxID  int64
}

// PutEmailChange records a member's request, replacing any earlier one.
func PutEmailChange(ctx context.Context, tx DB, c EmailChange) error {
	var outboxID any
	if c.OutboxID != 0 {
		outboxID = c.OutboxID
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO email_changes (member_id, new_email, code_hash, created_at, expires_at, attempts, outbox_id)
		VALUES (?, ?, ?, ?, ?, 0, ?)`, c.MemberID, c.NewEmail, c.CodeHash, c.CreatedAt.UnixMilli(), c.ExpiresAt.UnixMilli(), outboxID); err != nil {
		return fmt.Errorf("store: e-mail change of member %d: %w", c.MemberID, err)
	}
	return nil
}

// EmailChangeOf returns a member's open request, or a not-found error.
func EmailChangeOf(ctx context.Context, db DB, memberID int64) (EmailChange, error) {
	c := EmailChange{MemberID: memberID}
	var created, expires int64
	var outboxID sql.NullInt64
	err := db.QueryRowContext(ctx, `SELECT new_email, code_hash, created_at, expires_at, attempts, outbox_id FROM email_changes WHERE member_id = ?`,
		memberID).Scan(&c.NewEmail, &c.CodeHash, &created, &expires, &c.Attempts, &outboxID)
	if errors.Is(err, sql.ErrNoRows) {
		return c, domain.NotFound("No change of e-mail address is waiting for a code.")
	}
	if err != nil {
		return c, fmt.Errorf("store: e-mail change of member %d: %w", memberID, err)
	}
	c.CreatedAt, c.ExpiresAt, c.OutboxID = fromMillis(created), fromMillis(expires), outboxID.Int64
	return c, nil
}

// CountEmailChangeAttempt counts one wrong code and returns the count.
func CountEmailChangeAttempt(ctx context.Context, tx DB, memberID int64) (int, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `UPDATE email_changes SET attempts = attempts + 1 WHERE member_id = ? RETURNING attempts`,
		memberID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count e-mail change attempt of member %d: %w", memberID, err)
	}
	return n, nil
}

// DeleteEmailChange ends a member's request (used, replaced or given up).
func DeleteEmailChange(ctx context.Context, tx DB, memberID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM email_changes WHERE member_id = ?`, memberID); err != nil {
		return fmt.Errorf("store: end e-mail change of member %d: %w", memberID, err)
	}
	return nil
}

// SetMemberEmail changes a member's address if they are still at version,
// and reports whether they were. An address another member has (compared
// case-insensitively) is refused with an error for the field "email".
func SetMemberEmail(ctx context.Context, tx DB, id, version int64, email string) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE members SET email = ?, version = version + 1 WHERE id = ? AND version = ?`, email, id, version)
	if isUniqueViolation(err) {
		return false, EmailTaken(email)
	}
	if err != nil {
		return false, fmt.Errorf("store: change e-mail of member %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: change e-mail of member %d: %w", id, err)
	}
	return n == 1, nil
}

// EmailTaken is the error for an address another member already has.
func EmailTaken(email string) error {
	return domain.Invalid("email", "%s is already used by another member of this Roster.", email)
}

func isUniqueViolation(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

// EndOtherSessions ends every open session of a member but the one of
// keepHash, keeping why; it returns how many ended.
func EndOtherSessions(ctx context.Context, tx DB, memberID int64, keepHash []byte, reason string) (int, error) {
	res, err := tx.ExecContext(ctx, "UPDATE sessions SET ended_reason = ? WHERE member_id = ? AND ended_reason = '' AND token_hash != ?",
		reason, memberID, keepHash)
	if err != nil {
		return 0, fmt.Errorf("store: end other sessions of member %d: %w", memberID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: end other sessions of member %d: %w", memberID, err)
	}
	return int(n), nil
}
