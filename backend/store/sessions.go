package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"roster/backend/domain"
)

// SessionMember is a session and the member it belongs to.
type SessionMember struct {
	Member   MemberAuth
	LastSeen time.Time
	// EndedReason is set once the session was ended for its member (their
	// access turned off, or it sat idle); it no longer signs anyone in.
	EndedReason string
}

// CreateSession stores a session token's hash.
func CreateSession(ctx context.Context, tx DB, tokenHash []byte, memberID int64, at time.Time) error {
	if _, err := tx.ExecContext(ctx, "INSERT INTO sessions (token_hash, member_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
		tokenHash, memberID, at.UnixMilli(), at.UnixMilli()); err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// SessionByToken returns a session and its member, or a not-found error if
// there is no such session (or no longer such a member).
func SessionByToken(ctx context.Context, db DB, tokenHash []byte) (SessionMember, error) {
	var s SessionMember
	var memberID, seen int64
	err := db.QueryRowContext(ctx, "SELECT member_id, last_seen_at, ended_reason FROM sessions WHERE token_hash = ?", tokenHash).
		Scan(&memberID, &seen, &s.EndedReason)
	if errors.Is(err, sql.ErrNoRows) {
		return s, domain.NotFound("There is no such session: it has ended. Sign in again.")
	}
	if err != nil {
		return s, fmt.Errorf("store: session: %w", err)
	}
	s.LastSeen = fromMillis(seen)
	s.Member, err = MemberByID(ctx, db, memberID)
	return s, err
}

// TouchSession records activity on a session.
func TouchSession(ctx context.Context, tx DB, tokenHash []byte, at time.Time) error {
	if _, err := tx.ExecContext(ctx, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", at.UnixMilli(), tokenHash); err != nil {
		return fmt.Errorf("store: touch session: %w", err)
	}
	return nil
}

// DeleteSession ends one session.
func DeleteSession(ctx context.Context, tx DB, tokenHash []byte) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = ?", tokenHash); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// EndSession ends one session, keeping why (the first reason wins).
func EndSession(ctx context.Context, tx DB, tokenHash []byte, reason string) error {
	if _, err := tx.ExecContext(ctx, "UPDATE sessions SET ended_reason = ? WHERE token_hash = ? AND ended_reason = ''", reason, tokenHash); err != nil {
		return fmt.Errorf("store: end session: %w", err)
	}
	return nil
}

// PruneSessions deletes sessions last used before t.
func PruneSessions(ctx context.Context, tx DB, t time.Time) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE last_seen_at < ?", t.UnixMilli()); err != nil {
		return fmt.Errorf("store: prune sessions: %w", err)
	}
	return nil
}

// EndMemberSessions ends every open session of a member at once, keeping
// why, so each window is told at its next call. It returns how many ended.
func EndMemberSessions(ctx context.Context, tx DB, memberID int64, reason string) (int, error) {
	res, err := tx.ExecContext(ctx, "UPDATE sessions SET ended_reason = ? WHERE member_id = ? AND ended_reason = ''", reason, memberID)
	if err != nil {
		return 0, fmt.Errorf("store: end sessions of member %d: %w", memberID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: end sessions of member %d: %w", memberID, err)
	}
	return int(n), nil
}
