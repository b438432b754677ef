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
	"slices"
	"strconv"
	"strings"
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
	ActorID    string           // "" = anyone
	Targets    []AuditTargetKey // nil = any target; the entries about any of these
	From, To   time.Time        // from inclusive, to exclusive; zero = open
	Cursor     string
	Limit      int
}

// AuditTargetKey is a target as the audit log records it.
type AuditTargetKey struct {
	Type domain.TargetType
	ID   string
}

// userTargets are the target types whose id is a connected user's: the
// user, one of their connections, one of their workflows.
var userTargets = []domain.TargetType{domain.TargetUser, domain.TargetConnection, domain.TargetWorkflow}

// AuditTargetsOf finds the connected user whose external id is key and the
// member whose e-mail is key, and returns the audit targets that are them.
// It returns none when nobody is key.
func AuditTargetsOf(ctx context.Context, db DB, key string) ([]AuditTargetKey, error) {
	rows, err := db.QueryContext(ctx, `SELECT 'user', id FROM connected_users WHERE external_id = ?1
		UNION ALL SELECT 'member', id FROM members WHERE email = ?1`, key)
	if err != nil {
		return nil, fmt.Errorf("store: audit targets of %q: %w", key, err)
	}
	defer rows.Close()
	var keys []AuditTargetKey
	for rows.Next() {
		var kind string
		var id int64
		if err := rows.Scan(&kind, &id); err != nil {
			return nil, fmt.Errorf("store: audit targets of %q: %w", key, err)
		}
		types := []domain.TargetType{domain.TargetMember}
		if kind == "user" {
			types = userTargets
		}
		for _, t := range types {
			keys = append(keys, AuditTargetKey{Type: t, ID: strconv.FormatInt(id, 10)})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: audit targets of %q: %w", key, err)
	}
	return keys, nil
}

// ListAudit returns one page of the audit log, newest first, with each
// entry's actor and subject resolved to who they are now.
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
	if q.ActorID != "" {
		// Behind a target, the target's few entries are the ones to read
		// (26 ms through the actor's index at 1M entries, 0.6 ms through
		// the target's): "+" keeps the planner off audit_actor.
		cond := "actor_id = ?"
		if q.Targets != nil {
			cond = "+actor_id = ?"
		}
		where, args = append(where, cond), append(args, q.ActorID)
	}
	if q.Targets != nil {
		if len(q.Targets) == 0 {
			return page, nil
		}
		// One index range (audit_target) per key; the few rows of one
		// target are then sorted by id.
		values := strings.Repeat("(?, ?),", len(q.Targets))
		where = append(where, "(target_type, target_id) IN (VALUES "+values[:len(values)-1]+")")
		for _, t := range q.Targets {
			args = append(args, t.Type, t.ID)
		}
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
	// The page first, then one primary-key lookup per row and joined table.
	// A target id is text: the joins compare it as a number.
	rows, err := db.QueryContext(ctx, `SELECT a.id, a.at, a.actor_id, a.actor_name, a.action, a.target_type, a.target_id,
		a.target_label, a.before, a.after, coalesce(am.email, ''),
		cu.id IS NOT NULL, coalesce(cu.external_id, ''), coalesce(cu.name, ''),
		m.id IS NOT NULL, coalesce(m.email, ''), coalesce(m.name, '')
		FROM (SELECT * FROM audit_log `+whereSQL(where)+` ORDER BY id DESC LIMIT ?) a
		LEFT JOIN members am ON am.id = a.actor_id
		LEFT JOIN connected_users cu ON a.target_type IN ('user', 'connection', 'workflow') AND cu.id = a.target_id
		LEFT JOIN members m ON a.target_type = 'member' AND m.id = a.target_id
		ORDER BY a.id DESC`, append(args, q.Limit+1)...)
	if err != nil {
		return page, fmt.Errorf("store: list audit: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e domain.AuditEntry
		var at int64
		var before, after sql.NullString
		var user, member bool
		var userKey, userName, memberEmail, memberName string
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &e.ActorName, &e.Action, &e.TargetType, &e.TargetID, &e.TargetLabel,
			&before, &after, &e.ActorEmail, &user, &userKey, &userName, &member, &memberEmail, &memberName); err != nil {
			return page, fmt.Errorf("store: list audit: %w", err)
		}
		e.At, e.Before, e.After = fromMillis(at), rawOrNil(before), rawOrNil(after)
		switch {
		case user:
			e.Subject = subject(domain.SubjectUser, e.TargetID, userKey, userName)
		case member:
			e.Subject = subject(domain.SubjectMember, e.TargetID, memberEmail, memberName)
		default:
			e.Subject = deletedSubject(e)
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

func subject(kind domain.SubjectKind, targetID, key, name string) *domain.AuditSubject {
	id, _ := strconv.ParseInt(targetID, 10, 64) // it joined, so it is a number
	text := key
	if kind == domain.SubjectUser && name != "" {
		text = key + " · " + name
	}
	return &domain.AuditSubject{Kind: kind, ID: id, Key: key, Name: name, Text: text}
}

// deletedSubject is the subject of an entry whose user or member no longer
// exists, named as the entry recorded them; nil for other targets.
func deletedSubject(e domain.AuditEntry) *domain.AuditSubject {
	kind := domain.SubjectUser
	switch {
	case e.TargetType == domain.TargetMember:
		kind = domain.SubjectMember
	case !slices.Contains(userTargets, e.TargetType):
		return nil
	}
	id, err := strconv.ParseInt(e.TargetID, 10, 64)
	if err != nil || id <= 0 {
		return nil
	}
	s := &domain.AuditSubject{Kind: kind, ID: id, Deleted: true, Name: recordedName(e)}
	if s.Name == "" {
		s.Text = fmt.Sprintf("deleted %s #%d", kind, id)
	} else {
		s.Text = fmt.Sprintf("%s (deleted %s)", s.Name, kind)
	}
	return s
}

// recordedName is the name an entry wrote down for its subject: a name or
// e-mail among its values, else its label (a connection's or workflow's
// label starts with the user's name).
func recordedName(e domain.AuditEntry) string {
	for _, values := range []json.RawMessage{e.After, e.Before} {
		var v map[string]any
		if json.Unmarshal(values, &v) != nil {
			continue
		}
		for _, k := range []string{"name", "email"} {
			if s, ok := v[k].(string); ok && s != "" {
				return s
			}
		}
	}
	name, _, _ := strings.Cut(e.TargetLabel, " · ")
	return name
}

// AuditActors lists every actor in the log, by name. It skips through the
// audit_actor index (one seek per actor), so a large log costs no scan.
func AuditActors(ctx context.Context, db DB) ([]domain.AuditActor, error) {
	rows, err := db.QueryContext(ctx, `WITH RECURSIVE actors(id) AS (
			SELECT min(actor_id) FROM audit_log
			UNION ALL
			SELECT (SELECT min(actor_id) FROM audit_log WHERE actor_id > actors.id) FROM actors WHERE actors.id IS NOT NULL)
		SELECT actors.id, (SELECT actor_name FROM audit_log WHERE actor_id = actors.id ORDER BY id DESC LIMIT 1), coalesce(m.email, '')
		FROM actors LEFT JOIN members m ON m.id = actors.id
		WHERE actors.id IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("store: audit actors: %w", err)
	}
	defer rows.Close()
	actors := []domain.AuditActor{}
	for rows.Next() {
		var a domain.AuditActor
		if err := rows.Scan(&a.ID, &a.Name, &a.Email); err != nil {
			return nil, fmt.Errorf("store: audit actors: %w", err)
		}
		actors = append(actors, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: audit actors: %w", err)
	}
	slices.SortFunc(actors, func(a, b domain.AuditActor) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return actors, nil
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
