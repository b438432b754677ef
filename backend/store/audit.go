package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"roster/backend/domain"
)

// AuditRecord is what a use case writes to the audit log.
type AuditRecord struct {
	At          time.Time
	Actor       domain.Actor
	Action      domain.AuditAction
	TargetType  domain.TargetType
	TargetID    string
	TargetLabel string
	Before      any // marshalled to JSON; nil = none
	After       any
}

// AppendAudit adds r to the hash chain inside the caller's transaction, so
// the entry commits or rolls back with the change it describes.
func AppendAudit(ctx context.Context, tx DB, r AuditRecord) error {
	before, err := jsonOrNull(r.Before)
	if err != nil {
		return fmt.Errorf("store: audit %s: %w", r.Action, err)
	}
	after, err := jsonOrNull(r.After)
	if err != nil {
		return fmt.Errorf("store: audit %s: %w", r.Action, err)
	}
	var prev string
	err = tx.QueryRowContext(ctx, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: audit %s: %w", r.Action, err)
	}
	e := domain.AuditEntry{At: r.At.UTC(), ActorID: r.Actor.ID, ActorName: r.Actor.Name, Action: r.Action,
		TargetType: r.TargetType, TargetID: r.TargetID, TargetLabel: r.TargetLabel, Before: before, After: after}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, actor_name, action, target_type, target_id,
		target_label, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.At.UnixMilli(), e.ActorID, e.ActorName, e.Action, e.TargetType, e.TargetID, e.TargetLabel,
		nullJSON(before), nullJSON(after), prev, chainHash(prev, e))
	if err != nil {
		return fmt.Errorf("store: audit %s: %w", r.Action, err)
	}
	return nil
}

// AuditQuery is a validated audit-log request, newest first.
type AuditQuery struct {
	Action     domain.AuditAction
	TargetType domain.TargetType
	TargetID   string
	From, To   time.Time // from inclusive, to exclusive; zero = open
	Cursor     string
	Limit      int
}

// ListAudit returns one page of the audit log, newest first.
func ListAudit(ctx context.Context, db DB, q AuditQuery) (domain.AuditPage, error) {
	page := domain.AuditPage{Entries: []domain.AuditEntry{}}
	var where []string
	var args []any
	if q.Action != "" {
		where, args = append(where, "action = ?"), append(args, q.Action)
	}
	if q.TargetType != "" {
		where, args = append(where, "target_type = ?"), append(args, q.TargetType)
	}
	if q.TargetID != "" {
		where, args = append(where, "target_id = ?"), append(args, q.TargetID)
	}
	if !q.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, q.From.UnixMilli())
	}
	if !q.To.IsZero() {
		where, args = append(where, "at < ?"), append(args, q.To.UnixMilli())
	}
	if q.Cursor != "" {
		id, err := strconv.ParseInt(q.Cursor, 10, 64)
		if err != nil || id <= 0 {
			return page, domain.Invalid("cursor", "The page cursor is not one Roster made; start again from the first page.")
		}
		where, args = append(where, "id < ?"), append(args, id)
	}
	rows, err := db.QueryContext(ctx, `SELECT id, at, actor_id, actor_name, action, target_type, target_id,
		target_label, before, after FROM audit_log `+whereSQL(where)+` ORDER BY id DESC LIMIT ?`, append(args, q.Limit+1)...)
	if err != nil {
		return page, fmt.Errorf("store: list audit: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return page, fmt.Errorf("store: list audit: %w", err)
		}
		page.Entries = append(page.Entries, e)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("store: list audit: %w", err)
	}
	if len(page.Entries) > q.Limit {
		page.Entries = page.Entries[:q.Limit]
		page.NextCursor = strconv.FormatInt(page.Entries[q.Limit-1].ID, 10)
	}
	return page, nil
}

// AuditBroken is the first audit entry that does not match the chain: it,
// or one before it, was changed or removed after it was written.
type AuditBroken struct{ ID int64 }

func (a *AuditBroken) Error() string {
	return fmt.Sprintf("audit log entry %d does not match the chain: it or an earlier entry was altered or removed after it was written", a.ID)
}

// VerifyAudit walks the whole chain and returns how many entries it holds,
// or an *AuditBroken for the first entry whose hash does not match its
// content or its predecessor.
func VerifyAudit(ctx context.Context, db DB) (int, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, at, actor_id, actor_name, action, target_type, target_id,
		target_label, before, after, prev_hash, hash FROM audit_log ORDER BY id`)
	if err != nil {
		return 0, fmt.Errorf("store: verify audit: %w", err)
	}
	defer rows.Close()
	prev, n := "", 0
	for rows.Next() {
		var e domain.AuditEntry
		var at int64
		var before, after sql.NullString
		var prevHash, hash string
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &e.ActorName, &e.Action, &e.TargetType, &e.TargetID,
			&e.TargetLabel, &before, &after, &prevHash, &hash); err != nil {
			return n, fmt.Errorf("store: verify audit: %w", err)
		}
		e.At, e.Before, e.After = fromMillis(at), rawOrNil(before), rawOrNil(after)
		if prevHash != prev || chainHash(prev, e) != hash {
			return n, &AuditBroken{ID: e.ID}
		}
		prev, n = hash, n+1
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("store: verify audit: %w", err)
	}
	return n, nil
}

func scanAudit(rows *sql.Rows) (domain.AuditEntry, error) {
	var e domain.AuditEntry
	var at int64
	var before, after sql.NullString
	err := rows.Scan(&e.ID, &at, &e.ActorID, &e.ActorName, &e.Action, &e.TargetType, &e.TargetID,
		&e.TargetLabel, &before, &after)
	e.At, e.Before, e.After = fromMillis(at), rawOrNil(before), rawOrNil(after)
	return e, err
}

// chainHash binds an entry to its content and to the previous entry.
func chainHash(prev string, e domain.AuditEntry) string {
	h := sha256.New()
	for _, part := range []string{prev, strconv.FormatInt(e.At.UnixMilli(), 10), e.ActorID, e.ActorName, string(e.Action),
		string(e.TargetType), e.TargetID, e.TargetLabel, string(e.Before), string(e.After)} {
		h.Write([]byte(strconv.Itoa(len(part)))) // length-prefixed: no two entries hash alike by shifting text
		h.Write([]byte{':'})
		h.Write([]byte(part))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func jsonOrNull(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil || bytes.Equal(b, []byte("null")) {
		return nil, err
	}
	return b, nil
}

func nullJSON(b json.RawMessage) any {
	if b == nil {
		return nil
	}
	return string(b)
}

func rawOrNil(s sql.NullString) json.RawMessage {
	if !s.Valid {
		return nil
	}
	return json.RawMessage(s.String)
}
