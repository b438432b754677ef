package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"roster/backend/domain"
)

// MemberAuth is a member as signing in and the use cases that change a
// member need them.
type MemberAuth struct {
	ID            int64
	Email         string
	Name          string
	Role          domain.Role
	Status        domain.MemberStatus // as stored: pending, accepted or dismissed
	Enabled       bool
	Notifications bool
	PasswordHash  string
	Integrations  []int64
	Version       int64
}

// Actor returns the member as the actor of a use case.
func (m MemberAuth) Actor() domain.Actor {
	return domain.Actor{ID: fmt.Sprint(m.ID), MemberID: m.ID, Name: m.Name, Email: m.Email, Role: m.Role, Integrations: m.Integrations}
}

// NewMember is a member to insert.
type NewMember struct {
	Email, Name, InvitedBy string
	Role                   domain.Role
	Status                 domain.MemberStatus
	PasswordHash           string
	Integrations           []int64
	At                     time.Time
}

// CountMembers counts every member, whatever their status.
func CountMembers(ctx context.Context, db DB) (int, error) {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM members").Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count members: %w", err)
	}
	return n, nil
}

// InsertMember adds a member and their integration scope.
func InsertMember(ctx context.Context, tx DB, m NewMember) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO members (email, name, role, status, password_hash, invited_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, m.Email, m.Name, m.Role, m.Status, m.PasswordHash, m.InvitedBy, m.At.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("store: insert member %s: %w", m.Email, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("store: insert member %s: %w", m.Email, err)
	}
	return id, SetMemberIntegrations(ctx, tx, id, m.Integrations)
}

// SetMemberIntegrations replaces a member's integration scope.
func SetMemberIntegrations(ctx context.Context, tx DB, id int64, integrations []int64) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM member_integrations WHERE member_id = ?", id); err != nil {
		return fmt.Errorf("store: clear member %d integrations: %w", id, err)
	}
	for _, in := range integrations {
		if _, err := tx.ExecContext(ctx, "INSERT INTO member_integrations (member_id, integration_id) VALUES (?, ?)", id, in); err != nil {
			return fmt.Errorf("store: member %d integration %d: %w", id, in, err)
		}
	}
	return nil
}

const memberAuthCols = `m.id, m.email, m.name, m.role, m.status, m.enabled, m.notifications, m.password_hash, m.version`

// scanMemberAuth reads one row of memberAuthCols; the caller turns
// sql.ErrNoRows into its not-found error.
func scanMemberAuth(row *sql.Row) (MemberAuth, error) {
	var m MemberAuth
	err := row.Scan(&m.ID, &m.Email, &m.Name, &m.Role, &m.Status, &m.Enabled, &m.Notifications, &m.PasswordHash, &m.Version)
	return m, err
}

// memberNotFound is the error of every lookup of a member by id.
func memberNotFound(id int64) error {
	return domain.NotFound("There is no member with id %d; they may have been removed.", id)
}

// MemberByEmail returns the member with an e-mail address (compared
// case-insensitively), or a not-found error.
func MemberByEmail(ctx context.Context, db DB, email string) (MemberAuth, error) {
	m, err := scanMemberAuth(db.QueryRowContext(ctx, "SELECT "+memberAuthCols+" FROM members m WHERE m.email = ?", email))
	if errors.Is(err, sql.ErrNoRows) {
		return m, domain.NotFound("There is no member with the e-mail address %s.", email)
	}
	if err != nil {
		return m, fmt.Errorf("store: member %s: %w", email, err)
	}
	m.Integrations, err = memberIntegrationIDs(ctx, db, m.ID)
	return m, err
}

// MemberByID returns member id, or a not-found error.
func MemberByID(ctx context.Context, db DB, id int64) (MemberAuth, error) {
	m, err := scanMemberAuth(db.QueryRowContext(ctx, "SELECT "+memberAuthCols+" FROM members m WHERE m.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, memberNotFound(id)
	}
	if err != nil {
		return m, fmt.Errorf("store: member %d: %w", id, err)
	}
	m.Integrations, err = memberIntegrationIDs(ctx, db, m.ID)
	return m, err
}

func memberIntegrationIDs(ctx context.Context, db DB, id int64) ([]int64, error) {
	rows, err := db.QueryContext(ctx, "SELECT integration_id FROM member_integrations WHERE member_id = ? ORDER BY integration_id", id)
	if err != nil {
		return nil, fmt.Errorf("store: member %d integrations: %w", id, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var in int64
		if err := rows.Scan(&in); err != nil {
			return nil, fmt.Errorf("store: member %d integrations: %w", id, err)
		}
		out = append(out, in)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: member %d integrations: %w", id, err)
	}
	return out, nil
}

// MemberQuery filters the team list.
type MemberQuery struct {
	Search string
	Role   domain.Role
	Status domain.MemberStatus
	ID     int64 // one member only
}

// memberStatusSQL derives the shown status: a pending member whose latest
// invitation has expired is Expired.
const memberStatusSQL = `CASE WHEN m.status = 'pending' AND i.ended_at = 0 AND i.expires_at <= @now THEN 'expired' ELSE m.status END`

// ListMembers lists the team, oldest first. Teams are small (tens, not
// millions), so a plain scan is right here.
func ListMembers(ctx context.Context, db DB, q MemberQuery, now time.Time) ([]domain.Member, error) {
	where := []string{"1"}
	args := []any{sql.Named("now", now.UnixMilli())}
	if q.ID != 0 {
		where, args = append(where, "m.id = @id"), append(args, sql.Named("id", q.ID))
	}
	if q.Search != "" {
		where = append(where, `(m.name LIKE @search ESCAPE '\' OR m.email LIKE @search ESCAPE '\')`)
		args = append(args, sql.Named("search", "%"+escapeLike(q.Search)+"%"))
	}
	if q.Role != "" {
		where, args = append(where, "m.role = @role"), append(args, sql.Named("role", q.Role))
	}
	if q.Status != "" {
		where, args = append(where, memberStatusSQL+" = @status"), append(args, sql.Named("status", q.Status))
	}
	rows, err := db.QueryContext(ctx, `SELECT m.id, m.email, m.name, m.role, `+memberStatusSQL+`, m.enabled, m.notifications,
			m.last_sign_in_at, (SELECT coalesce(max(locked_until), 0) FROM sign_in_failures WHERE member_id = m.id),
			m.invited_by, m.created_at, m.version,
			coalesce(i.expires_at, 0), coalesce(i.ended_at, 0),
			coalesce(o.id, 0), coalesce(o.sent_at, 0), coalesce(o.failed_at, 0), coalesce(o.cancelled_at, 0), coalesce(o.last_error, '')
		FROM members m
		LEFT JOIN invitations i ON i.id = (SELECT max(id) FROM invitations WHERE member_id = m.id)
		LEFT JOIN outbox o ON o.id = i.outbox_id
		WHERE `+strings.Join(where, " AND ")+`
		ORDER BY m.created_at, m.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list members: %w", err)
	}
	defer rows.Close()
	var out []domain.Member
	byID := map[int64]int{}
	for rows.Next() {
		var m domain.Member
		var lastSignIn, locked, created, expires, ended, outboxID, sent, failed, cancelled int64
		var lastErr string
		if err := rows.Scan(&m.ID, &m.Email, &m.Name, &m.Role, &m.Status, &m.Enabled, &m.Notifications,
			&lastSignIn, &locked, &m.InvitedBy, &created, &m.Version,
			&expires, &ended, &outboxID, &sent, &failed, &cancelled, &lastErr); err != nil {
			return nil, fmt.Errorf("store: list members: %w", err)
		}
		m.LastSignInAt = optMillis(lastSignIn)
		if locked > now.UnixMilli() {
			m.LockedUntil = optMillis(locked)
		}
		m.CreatedAt = fromMillis(created)
		if (m.Status == domain.MemberPending || m.Status == domain.MemberExpired) && ended == 0 {
			m.InvitationExpiresAt = optMillis(expires)
		}
		switch {
		case outboxID == 0 || cancelled > 0:
		case sent > 0:
			m.Delivery = domain.DeliverySent
		case failed > 0:
			m.Delivery, m.DeliveryError = domain.DeliveryFailed, lastErr
		default:
			m.Delivery, m.DeliveryError = domain.DeliveryQueued, lastErr
		}
		m.Integrations = []domain.IntegrationRef{}
		byID[m.ID] = len(out)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list members: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	scope, err := db.QueryContext(ctx, `SELECT mi.member_id, i.id, i.name FROM member_integrations mi
		JOIN integrations i ON i.id = mi.integration_id ORDER BY i.name`)
	if err != nil {
		return nil, fmt.Errorf("store: list member integrations: %w", err)
	}
	defer scope.Close()
	for scope.Next() {
		var member int64
		var ref domain.IntegrationRef
		if err := scope.Scan(&member, &ref.ID, &ref.Name); err != nil {
			return nil, fmt.Errorf("store: list member integrations: %w", err)
		}
		if i, ok := byID[member]; ok {
			out[i].Integrations = append(out[i].Integrations, ref)
		}
	}
	if err := scope.Err(); err != nil {
		return nil, fmt.Errorf("store: list member integrations: %w", err)
	}
	return out, nil
}

// GetMember returns one member as the Team table shows them, or a
// not-found error.
func GetMember(ctx context.Context, db DB, id int64, now time.Time) (domain.Member, error) {
	ms, err := ListMembers(ctx, db, MemberQuery{ID: id}, now)
	if err != nil {
		return domain.Member{}, err
	}
	if len(ms) == 0 {
		return domain.Member{}, memberNotFound(id)
	}
	return ms[0], nil
}

// MemberUpdate is a compare-and-set change of one member: it applies only
// if the member is still at Version, so two admins cannot overwrite each
// other, and it bumps the version. A nil field leaves its column as it is.
type MemberUpdate struct {
	ID, Version   int64
	Role          *domain.Role
	Status        *domain.MemberStatus
	Enabled       *bool
	Notifications *bool
	Name          *string
	PasswordHash  *string
}

// UpdateMember applies u and reports whether the version still matched.
func UpdateMember(ctx context.Context, tx DB, u MemberUpdate) (bool, error) {
	// A nil pointer binds as NULL, and coalesce keeps the column.
	res, err := tx.ExecContext(ctx, `UPDATE members SET
			role = coalesce(@role, role),
			status = coalesce(@status, status),
			enabled = coalesce(@enabled, enabled),
			notifications = coalesce(@notifications, notifications),
			name = coalesce(@name, name),
			password_hash = coalesce(@password_hash, password_hash),
			version = version + 1
		WHERE id = @id AND version = @version`,
		sql.Named("role", u.Role), sql.Named("status", u.Status), sql.Named("enabled", u.Enabled),
		sql.Named("notifications", u.Notifications), sql.Named("name", u.Name), sql.Named("password_hash", u.PasswordHash),
		sql.Named("id", u.ID), sql.Named("version", u.Version))
	if err != nil {
		return false, fmt.Errorf("store: update member %d: %w", u.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: update member %d: %w", u.ID, err)
	}
	return n == 1, nil
}

// RecordSignIn notes a successful sign-in.
func RecordSignIn(ctx context.Context, tx DB, id int64, at time.Time) error {
	if _, err := tx.ExecContext(ctx, "UPDATE members SET last_sign_in_at = ? WHERE id = ?", at.UnixMilli(), id); err != nil {
		return fmt.Errorf("store: record sign-in of member %d: %w", id, err)
	}
	return nil
}

// ClearSignInFailures forgets the failed sign-ins counted from client
// (after it signed in).
func ClearSignInFailures(ctx context.Context, tx DB, id int64, client string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM sign_in_failures WHERE member_id = ? AND client = ?", id, client); err != nil {
		return fmt.Errorf("store: clear failed sign-ins of member %d: %w", id, err)
	}
	return nil
}

// RecordFailedSignIn counts a failed attempt from client; the limit-th
// locks that client out of the member's account until lockUntil and starts
// the count again.
func RecordFailedSignIn(ctx context.Context, tx DB, id int64, client string, limit int, lockUntil time.Time) (locked bool, err error) {
	var n int
	if err := tx.QueryRowContext(ctx, `INSERT INTO sign_in_failures (member_id, client, failed) VALUES (?, ?, 1)
		ON CONFLICT (member_id, client) DO UPDATE SET failed = failed + 1 RETURNING failed`, id, client).Scan(&n); err != nil {
		return false, fmt.Errorf("store: record failed sign-in of member %d: %w", id, err)
	}
	if n < limit {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE sign_in_failures SET failed = 0, locked_until = ? WHERE member_id = ? AND client = ?",
		lockUntil.UnixMilli(), id, client); err != nil {
		return false, fmt.Errorf("store: lock member %d: %w", id, err)
	}
	return true, nil
}

// SignInLock is until when client may not sign in as the member (a lock
// from before locks were per client, '*', holds for every client); nil
// when it may.
func SignInLock(ctx context.Context, db DB, id int64, client string, now time.Time) (*time.Time, error) {
	var until int64
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(locked_until), 0) FROM sign_in_failures
		WHERE member_id = ? AND client IN (?, '*')`, id, client).Scan(&until); err != nil {
		return nil, fmt.Errorf("store: sign-in lock of member %d: %w", id, err)
	}
	if until <= now.UnixMilli() {
		return nil, nil
	}
	return optMillis(until), nil
}

// UnlockSignIn lifts every sign-in lock on a member; it reports whether
// there was one in force.
func UnlockSignIn(ctx context.Context, tx DB, id int64, now time.Time) (bool, error) {
	var locked bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sign_in_failures WHERE member_id = ? AND locked_until > ?)`,
		id, now.UnixMilli()).Scan(&locked); err != nil {
		return false, fmt.Errorf("store: unlock member %d: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM sign_in_failures WHERE member_id = ?", id); err != nil {
		return false, fmt.Errorf("store: unlock member %d: %w", id, err)
	}
	return locked, nil
}

// DeleteMember removes a membership; their audit entries keep their name.
func DeleteMember(ctx context.Context, tx DB, id int64) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM members WHERE id = ?", id); err != nil {
		return fmt.Errorf("store: delete member %d: %w", id, err)
	}
	return nil
}
