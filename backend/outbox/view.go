package outbox

import (
	"context"
	"strconv"
	"time"

	"roster/backend/domain"
	"roster/backend/mail"
	"roster/backend/store"
)

// View is the outbox as members see it: every mail and where it stands,
// the health banner, and Retry now. Owners and administrators only: it
// shows every member's address.
type View struct {
	st     *store.Store
	now    func() time.Time
	kick   func()
	config func(context.Context) (mail.Config, error)
}

// NewView returns a View; kick wakes the sender after a retry.
func NewView(st *store.Store, now func() time.Time, kick func(), config func(context.Context) (mail.Config, error)) *View {
	return &View{st: st, now: now, kick: kick, config: config}
}

// ListInput is an outbox-view request.
type ListInput struct {
	Status domain.MailStatus `json:"status,omitempty"` // "" = any
	Cursor string            `json:"cursor"`
	Limit  int               `json:"limit"`
}

// List returns one page of the outbox, newest first.
func (v *View) List(ctx context.Context, actor domain.Actor, in ListInput) (domain.MailPage, error) {
	if err := domain.Require(actor, domain.PermManageSettings, domain.Target{}); err != nil {
		return domain.MailPage{}, err
	}
	if in.Status != "" && !in.Status.Valid() {
		return domain.MailPage{}, domain.Invalid("status", "Unknown status %q; use %s.", in.Status, domain.Choices(domain.MailStatuses))
	}
	limit, err := domain.PageSize(in.Limit)
	if err != nil {
		return domain.MailPage{}, err
	}
	q := store.MailQuery{Status: in.Status, Now: v.now(), Limit: limit + 1}
	if in.Cursor != "" {
		if q.Cursor, err = strconv.ParseInt(in.Cursor, 10, 64); err != nil || q.Cursor <= 0 {
			return domain.MailPage{}, domain.Invalid("cursor", "The page cursor is not one Roster made; start again from the first page.")
		}
	}
	rows, err := store.ListMail(ctx, v.st.Reader(), q)
	if err != nil {
		return domain.MailPage{}, err
	}
	page := domain.MailPage{Mails: []domain.Mail{}}
	for i, r := range rows {
		if i == limit {
			page.NextCursor = strconv.FormatInt(rows[limit-1].ID, 10)
			break
		}
		page.Mails = append(page.Mails, shown(r, q.Now))
	}
	return page, nil
}

// shown is an outbox row as the view shows it.
func shown(r store.OutboxRow, now time.Time) domain.Mail {
	m := domain.Mail{ID: r.ID, Kind: domain.MailKind(r.Kind), Recipient: r.Recipient, Subject: r.Subject, Status: r.Status(now),
		Attempts: r.Attempts, CreatedAt: r.CreatedAt, SentAt: r.SentAt, FailedAt: r.FailedAt, LastError: r.LastError}
	switch m.Status {
	case domain.MailQueued, domain.MailRetrying:
		next := r.NextAttemptAt
		m.NextAttemptAt = &next
		m.Retryable = true
	case domain.MailFailed:
		m.Retryable = r.Text != ""
	}
	return m
}

// Health is the outbox at a glance, for the banner that says mail is stuck.
func (v *View) Health(ctx context.Context, actor domain.Actor) (domain.MailHealth, error) {
	if err := domain.Require(actor, domain.PermManageSettings, domain.Target{}); err != nil {
		return domain.MailHealth{}, err
	}
	cfg, err := v.config(ctx)
	if err != nil {
		return domain.MailHealth{}, err
	}
	sum, err := store.OutboxSummary(ctx, v.st.Reader())
	if err != nil {
		return domain.MailHealth{}, err
	}
	policy, err := store.Policy(ctx, v.st.Reader())
	if err != nil {
		return domain.MailHealth{}, err
	}
	return domain.MailHealth{Configured: cfg.Configured(), Queued: sum.Queued, Retrying: sum.Retrying, Failed: sum.Failed,
		LastError: sum.WaitingError, NextAttemptAt: sum.NextAttemptAt, GiveUpDays: policy.GiveUpDays}, nil
}

// Retry sends a waiting mail now, or tries a failed one again (its give-up
// period starts again). A failed invitation cannot be retried: its code is
// gone; resend the invitation from the Team page.
func (v *View) Retry(ctx context.Context, actor domain.Actor, id int64) (domain.Mail, error) {
	if err := domain.Require(actor, domain.PermManageSettings, domain.Target{}); err != nil {
		return domain.Mail{}, err
	}
	if err := domain.ID("id", id); err != nil {
		return domain.Mail{}, err
	}
	now := v.now()
	var out domain.Mail
	err := v.st.Update(ctx, func(tx store.DB) error {
		r, err := store.GetMail(ctx, tx, id)
		if err != nil {
			return err
		}
		before := shown(r, now)
		switch before.Status {
		case domain.MailSent:
			return domain.Conflict("This mail to %s was sent already.", r.Recipient)
		case domain.MailCancelled:
			return domain.Conflict("This mail to %s was withdrawn (its invitation was resent or revoked).", r.Recipient)
		case domain.MailSending:
			return domain.Conflict("This mail to %s is being sent right now.", r.Recipient)
		}
		if !before.Retryable {
			return domain.Conflict("This invitation to %s cannot be sent again: its code is gone. Resend the invitation from the Team page.", r.Recipient)
		}
		if err := store.RetryMail(ctx, tx, id, now); err != nil {
			return err
		}
		if r, err = store.GetMail(ctx, tx, id); err != nil {
			return err
		}
		out = shown(r, now)
		return store.AppendAudit(ctx, tx, store.AuditRecord{At: now, Actor: actor, Action: domain.ActionMailRetry, TargetType: domain.TargetMail,
			TargetID: strconv.FormatInt(id, 10), TargetLabel: r.Subject + " → " + r.Recipient,
			Before: map[string]any{"status": before.Status, "attempts": before.Attempts}, After: map[string]any{"status": out.Status}})
	})
	if err != nil {
		return domain.Mail{}, err
	}
	v.kick()
	return out, nil
}

// RetryAll sends every waiting mail now (the banner's Retry now) and
// reports how many it made due; one audit entry says so.
func (v *View) RetryAll(ctx context.Context, actor domain.Actor) (int, error) {
	if err := domain.Require(actor, domain.PermManageSettings, domain.Target{}); err != nil {
		return 0, err
	}
	now := v.now()
	var n int64
	err := v.st.Update(ctx, func(tx store.DB) error {
		var err error
		if n, err = store.RetryWaiting(ctx, tx, now); err != nil || n == 0 {
			return err
		}
		return store.AppendAudit(ctx, tx, store.AuditRecord{At: now, Actor: actor, Action: domain.ActionMailRetry, TargetType: domain.TargetMail,
			TargetID: "waiting", TargetLabel: "Every waiting mail", After: map[string]any{"mails": n}})
	})
	if err != nil {
		return 0, err
	}
	if n > 0 {
		v.kick()
	}
	return int(n), nil
}
