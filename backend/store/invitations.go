package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"roster/backend/domain"
)

// InsertInvitation stores an invitation code's hash.
func InsertInvitation(ctx context.Context, tx DB, memberID int64, email string, codeHash []byte, at, expires time.Time, outboxID int64) error {
	var ob any
	if outboxID != 0 {
		ob = outboxID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO invitations (member_id, email, code_hash, created_at, expires_at, outbox_id)
		VALUES (?, ?, ?, ?, ?, ?)`, memberID, email, codeHash, at.UnixMilli(), expires.UnixMilli(), ob); err != nil {
		return fmt.Errorf("store: insert invitation for %s: %w", email, err)
	}
	return nil
}

// EndInvitations ends a member's open invitations with outcome and returns
// the ids of their mails not yet sent, for the caller to cancel.
func EndInvitations(ctx context.Context, tx DB, memberID int64, outcome string, at time.Time) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `UPDATE invitations SET ended_at = ?, outcome = ?
		WHERE member_id = ? AND ended_at = 0 RETURNING coalesce(outbox_id, 0)`, at.UnixMilli(), outcome, memberID)
	if err != nil {
		return nil, fmt.Errorf("store: end invitations of member %d: %w", memberID, err)
	}
	defer rows.Close()
	var mails []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: end invitations of member %d: %w", memberID, err)
		}
		if id != 0 {
			mails = append(mails, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: end invitations of member %d: %w", memberID, err)
	}
	return mails, nil
}

// UseInvitation ends the open, unexpired invitation with codeHash for email,
// in one conditional UPDATE, so a code works once however many try at once.
// It returns the member id, or a not-found error if no such invitation is
// open (LookupInvitation then says why).
func UseInvitation(ctx context.Context, tx DB, codeHash []byte, email, outcome string, now time.Time) (int64, error) {
	var member sql.NullInt64
	err := tx.QueryRowContext(ctx, `UPDATE invitations SET ended_at = @now, outcome = @outcome
		WHERE code_hash = @hash AND email = @email AND ended_at = 0 AND expires_at > @now AND member_id IS NOT NULL
		RETURNING member_id`, sql.Named("now", now.UnixMilli()), sql.Named("outcome", outcome),
		sql.Named("hash", codeHash), sql.Named("email", email)).Scan(&member)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, domain.NotFound("There is no open invitation with this code for %s.", email)
	}
	if err != nil {
		return 0, fmt.Errorf("store: use invitation for %s: %w", email, err)
	}
	return member.Int64, nil
}

// InvitationState is what is known of a code: why it does not work, or
// whom it invites.
type InvitationState struct {
	MemberID  int64 // 0 once the member is deleted
	ExpiresAt time.Time
	EndedAt   *time.Time // nil while open
	Outcome   string
}

// LookupInvitation returns the invitation with codeHash for email, open or
// not, or a not-found error.
func LookupInvitation(ctx context.Context, db DB, codeHash []byte, email string) (InvitationState, error) {
	var s InvitationState
	var member sql.NullInt64
	var expires, ended int64
	err := db.QueryRowContext(ctx, `SELECT member_id, expires_at, ended_at, outcome FROM invitations
		WHERE code_hash = ? AND email = ?`, codeHash, email).Scan(&member, &expires, &ended, &s.Outcome)
	if errors.Is(err, sql.ErrNoRows) {
		return s, domain.NotFound("There is no invitation with this code for %s.", email)
	}
	if err != nil {
		return s, fmt.Errorf("store: look up invitation for %s: %w", email, err)
	}
	s.MemberID, s.ExpiresAt, s.EndedAt = member.Int64, fromMillis(expires), optMillis(ended)
	return s, nil
}
