// Package notify e-mails opted-in members when a workflow fails or a
// connection goes offline, and when it is back online, without flooding
// them: a workflow's first failure is mailed at once and its further
// failures summed up once per digest interval; a connection that goes
// offline again within the cooldown of its last offline mail is held back
// and looked at again when the cooldown ends.
//
// Mail is queued in the outbox inside the transaction of the event that
// causes it (Tx), or of the digest that sums it up (Notifier.Flush): it
// exists exactly when its cause is committed, and is never lost.
package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"roster/backend/domain"
	"roster/backend/mail"
	"roster/backend/store"
)

// Subject is what an alert is about, named for the mail.
type Subject struct {
	User, Integration, Workflow domain.Ref // User.Key is the external id; Workflow is zero for a connection
}

func (s Subject) alert() mail.Alert {
	return mail.Alert{UserName: s.User.Name, UserID: s.User.Key, Integration: s.Integration.Name, Workflow: s.Workflow.Name}
}

// Tx queues the notifications of changes made in one write transaction.
type Tx struct {
	ctx        context.Context
	tx         store.DB
	now        time.Time
	policy     domain.Policy
	recipients map[int64][]store.Recipient
	queued     int
	incidents  *store.IncidentReader // prepared on first use
	// open holds the open incidents' keys when there are few (loaded on
	// first use; nil: ask the database), so a successful run, the common
	// case, costs no query.
	open       map[[2]int64]bool
	openLoaded bool
}

// maxOpenKeys bounds the open incidents a Tx keeps in memory.
const maxOpenKeys = 100_000

// NewTx returns a Tx writing in tx; now is when Roster learned of the
// changes (cooldowns and digests count in Roster's time, not the events').
func NewTx(ctx context.Context, tx store.DB, now time.Time, policy domain.Policy) *Tx {
	return &Tx{ctx: ctx, tx: tx, now: now, policy: policy, recipients: map[int64][]store.Recipient{}}
}

// Close releases what the Tx prepared; call it before the transaction ends.
func (t *Tx) Close() error {
	if t.incidents != nil {
		return t.incidents.Close()
	}
	return nil
}

func (t *Tx) incident(userID, workflowID int64) (store.Incident, error) {
	if t.incidents == nil {
		r, err := store.NewIncidentReader(t.ctx, t.tx)
		if err != nil {
			return store.Incident{}, err
		}
		t.incidents = r
	}
	return t.incidents.Get(t.ctx, userID, workflowID)
}

// Queued is how many mails the transaction queued.
func (t *Tx) Queued() int { return t.queued }

func (t *Tx) recipientsOf(integrationID int64) ([]store.Recipient, error) {
	if r, ok := t.recipients[integrationID]; ok {
		return r, nil
	}
	r, err := store.Recipients(t.ctx, t.tx, integrationID)
	if err != nil {
		return nil, err
	}
	t.recipients[integrationID] = r
	return r, nil
}

// send queues one mail per recipient of the integration. key makes each
// row's dedupe key: the same cause never queues the same mail twice.
func (t *Tx) send(integrationID int64, kind domain.MailKind, key, subject, text string) error {
	rs, err := t.recipientsOf(integrationID)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if _, err := store.EnqueueMail(t.ctx, t.tx, store.OutboxMail{Kind: string(kind), Recipient: r.Email, Subject: subject, Text: text,
			DedupeKey: key + ":" + strconv.FormatInt(r.MemberID, 10)}, t.now); err != nil {
			return err
		}
		t.queued++
	}
	return nil
}

// RunFailed records a failed run: the workflow's first failure for the user
// is mailed at once; later ones wait for the digest.
func (t *Tx) RunFailed(s Subject, startedAt time.Time, runErr, eventID string) error {
	inc, err := t.incident(s.User.ID, s.Workflow.ID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		inc = store.Incident{UserID: s.User.ID, WorkflowID: s.Workflow.ID, OpenedAt: t.now, Failures: 1, LastError: runErr,
			LastFailedAt: startedAt, ReportedAt: t.now}
		if err := store.PutIncident(t.ctx, t.tx, inc); err != nil {
			return err
		}
		if t.open != nil {
			t.open[[2]int64{inc.UserID, inc.WorkflowID}] = true
		}
		subject, text, err := mail.WorkflowFailed(mail.WorkflowFailedData{Alert: s.alert(), StartedAt: startedAt, Error: runErr,
			DigestMinutes: t.policy.DigestMinutes})
		if err != nil {
			return err
		}
		return t.send(s.Integration.ID, domain.MailWorkflowFailed, "failed:"+eventID, subject, text)
	case err != nil:
		return err
	}
	// Failing again, or again after a success not yet told: the digest says so.
	inc.Failures++
	inc.Unreported++
	inc.LastError, inc.LastFailedAt, inc.ResolvedAt = runErr, startedAt, nil
	return store.PutIncident(t.ctx, t.tx, inc)
}

// RunSucceeded records a successful run: a failing workflow is resolved,
// and the next digest says so.
func (t *Tx) RunSucceeded(s Subject) error {
	if maybe, err := t.maybeFailing(s.User.ID, s.Workflow.ID); err != nil || !maybe {
		return err
	}
	inc, err := t.incident(s.User.ID, s.Workflow.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil
	}
	if err != nil || inc.ResolvedAt != nil {
		return err
	}
	now := t.now
	inc.ResolvedAt = &now
	return store.PutIncident(t.ctx, t.tx, inc)
}

// Offline records a connection going offline. It is mailed at once, unless
// an offline mail about it went out within the cooldown: then it is held
// back, and looked at again when the cooldown ends.
func (t *Tx) Offline(s Subject, since time.Time, reason domain.CredentialError, message, eventID string) error {
	a, err := store.GetConnectionAlert(t.ctx, t.tx, s.User.ID, s.Integration.ID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		a = store.ConnectionAlert{UserID: s.User.ID, IntegrationID: s.Integration.ID, Told: store.ToldOnline}
	case err != nil:
		return err
	case a.Told == store.ToldOffline:
		return nil // the members were told and nothing since said otherwise
	case t.now.Sub(a.OfflineMailAt) < t.policy.Cooldown():
		check := a.OfflineMailAt.Add(t.policy.Cooldown())
		a.Held++
		a.CheckAt = &check
		return store.PutConnectionAlert(t.ctx, t.tx, a)
	}
	if err := t.offlineMail(s, since, reason, message, a.Held, "offline:"+eventID); err != nil {
		return err
	}
	a.Told, a.OfflineMailAt, a.Held, a.CheckAt = store.ToldOffline, t.now, 0, nil
	return store.PutConnectionAlert(t.ctx, t.tx, a)
}

func (t *Tx) offlineMail(s Subject, since time.Time, reason domain.CredentialError, message string, held int, key string) error {
	subject, text, err := mail.Connection(mail.ConnectionData{Alert: s.alert(), Offline: true, Since: since, Reason: reason.Label(),
		Message: message, Held: held, CooldownMinutes: t.policy.CooldownMinutes})
	if err != nil {
		return err
	}
	return t.send(s.Integration.ID, domain.MailConnectionOffline, key, subject, text)
}

// Online records a connection back online: mailed at once if the members
// were told it was offline.
func (t *Tx) Online(s Subject, since time.Time, eventID string) error {
	a, err := store.GetConnectionAlert(t.ctx, t.tx, s.User.ID, s.Integration.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if a.Told != store.ToldOffline {
		return nil // a held-back offline: the check at the end of the cooldown finds it online
	}
	subject, text, err := mail.Connection(mail.ConnectionData{Alert: s.alert(), Since: since})
	if err != nil {
		return err
	}
	if err := t.send(s.Integration.ID, domain.MailConnectionOnline, "online:"+eventID, subject, text); err != nil {
		return err
	}
	a.Told = store.ToldOnline
	return store.PutConnectionAlert(t.ctx, t.tx, a)
}

// Removed forgets a connection that is gone.
func (t *Tx) Removed(userID, integrationID int64) error {
	return store.DeleteConnectionAlert(t.ctx, t.tx, userID, integrationID)
}

// Notifier sends what waits for a time: failure digests and held-back
// offline changes. One runs beside the outbox sender.
type Notifier struct {
	st   *store.Store
	now  func() time.Time
	log  *slog.Logger
	mail func() // wakes the outbox sender
	kick chan struct{}
}

// New returns a Notifier; mail wakes the outbox sender after a flush queued mail.
func New(st *store.Store, now func() time.Time, log *slog.Logger, mail func()) *Notifier {
	return &Notifier{st: st, now: now, log: log, mail: mail, kick: make(chan struct{}, 1)}
}

// Kick wakes the notifier: an event may have made new work. It never blocks.
func (n *Notifier) Kick() {
	select {
	case n.kick <- struct{}{}:
	default:
	}
}

// Run flushes whatever is due until ctx ends. Events written by another
// process (roster ingest) do not kick it, so it looks at least every minute.
func (n *Notifier) Run(ctx context.Context) {
	for {
		wait := time.Minute
		if _, err := n.Flush(ctx); err != nil && ctx.Err() == nil {
			n.log.Error("notify: flush failed", "err", err)
		} else if p, err := store.Policy(ctx, n.st.Reader()); err == nil {
			if next, err := store.NextAlertDue(ctx, n.st.Reader(), p.Digest()); err == nil && !next.IsZero() {
				wait = min(wait, max(time.Second, next.Sub(n.now())))
			}
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-n.kick:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// flushBatch bounds one flush transaction.
const flushBatch = 500

// Flush queues the digests and held-back offline mails that are due, in one
// transaction, and reports how many mails it queued.
func (n *Notifier) Flush(ctx context.Context) (int, error) {
	queued := 0
	err := n.st.Update(ctx, func(tx store.DB) error {
		now := n.now()
		policy, err := store.Policy(ctx, tx)
		if err != nil {
			return err
		}
		t := NewTx(ctx, tx, now, policy)
		defer t.Close()
		if err := t.checkHeld(); err != nil {
			return err
		}
		if err := t.digests(); err != nil {
			return err
		}
		queued = t.queued
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("notify: flush: %w", err)
	}
	if queued > 0 {
		n.mail()
	}
	return queued, nil
}

// checkHeld looks again at connections whose offline change was held back:
// still offline, and the members last heard "online", so they hear now.
func (t *Tx) checkHeld() error {
	due, err := store.DueConnectionChecks(t.ctx, t.tx, t.now, flushBatch)
	if err != nil {
		return err
	}
	for _, a := range due {
		c, err := store.GetConnection(t.ctx, t.tx, a.UserID, a.IntegrationID)
		if errors.Is(err, domain.ErrNotFound) {
			if err := store.DeleteConnectionAlert(t.ctx, t.tx, a.UserID, a.IntegrationID); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		if c.Status == domain.ConnectionError && a.Told == store.ToldOnline {
			user, integration, _, err := store.Names(t.ctx, t.tx, a.UserID, a.IntegrationID, 0)
			if err != nil {
				return err
			}
			key := fmt.Sprintf("offline-held:%d:%d:%d", a.UserID, a.IntegrationID, a.CheckAt.UnixMilli())
			if err := t.offlineMail(Subject{User: user, Integration: integration}, c.ChangedAt, c.Reason, c.Message, a.Held, key); err != nil {
				return err
			}
			a.Told, a.OfflineMailAt = store.ToldOffline, t.now
		}
		a.Held, a.CheckAt = 0, nil
		if err := store.PutConnectionAlert(t.ctx, t.tx, a); err != nil {
			return err
		}
	}
	return nil
}

// digests sums up, per member, the incidents with news whose last mail is a
// digest interval old: one mail per member however many workflows.
func (t *Tx) digests() error {
	due, err := store.DueIncidents(t.ctx, t.tx, t.now.Add(-t.policy.Digest()), flushBatch)
	if err != nil || len(due) == 0 {
		return err
	}
	type box struct {
		r     store.Recipient
		items []mail.DigestItem
	}
	var order []int64
	boxes := map[int64]*box{}
	for _, inc := range due {
		integrationID, err := store.WorkflowIntegration(t.ctx, t.tx, inc.WorkflowID)
		if err != nil {
			return err
		}
		user, integration, workflow, err := store.Names(t.ctx, t.tx, inc.UserID, integrationID, inc.WorkflowID)
		if err != nil {
			return err
		}
		item := mail.DigestItem{Alert: Subject{User: user, Integration: integration, Workflow: workflow}.alert(),
			Resolved: inc.ResolvedAt != nil, NewFailures: inc.Unreported, Failures: inc.Failures, Since: inc.OpenedAt,
			LastError: inc.LastError, LastFailedAt: inc.LastFailedAt}
		if inc.ResolvedAt != nil {
			item.ResolvedAt = *inc.ResolvedAt
		}
		rs, err := t.recipientsOf(integrationID)
		if err != nil {
			return err
		}
		for _, r := range rs {
			b, ok := boxes[r.MemberID]
			if !ok {
				b = &box{r: r}
				boxes[r.MemberID] = b
				order = append(order, r.MemberID)
			}
			b.items = append(b.items, item)
		}
		if inc.ResolvedAt != nil {
			err = store.DeleteIncident(t.ctx, t.tx, inc.UserID, inc.WorkflowID)
		} else {
			inc.Unreported, inc.ReportedAt = 0, t.now
			err = store.PutIncident(t.ctx, t.tx, inc)
		}
		if err != nil {
			return err
		}
	}
	for _, id := range order {
		b := boxes[id]
		subject, text, err := mail.Digest(mail.DigestData{Items: b.items, DigestMinutes: t.policy.DigestMinutes})
		if err != nil {
			return err
		}
		if _, err := store.EnqueueMail(t.ctx, t.tx, store.OutboxMail{Kind: string(domain.MailWorkflowDigest), Recipient: b.r.Email,
			Subject: subject, Text: text, DedupeKey: fmt.Sprintf("digest:%d:%d", id, t.now.UnixMilli())}, t.now); err != nil {
			return err
		}
		t.queued++
	}
	return nil
}

// Mark returns a function that forgets what the Tx learned since: call it
// when the caller rolls back to a savepoint taken with Mark.
func (t *Tx) Mark() (undo func()) {
	n := t.queued
	return func() { t.queued, t.open, t.openLoaded = n, nil, false }
}

// maybeFailing reports whether a workflow may have an open incident for a
// user: false only when the Tx knows every open incident.
func (t *Tx) maybeFailing(userID, workflowID int64) (bool, error) {
	if !t.openLoaded {
		keys, err := store.IncidentKeys(t.ctx, t.tx, maxOpenKeys)
		if err != nil {
			return false, err
		}
		t.open, t.openLoaded = keys, true
	}
	return t.open == nil || t.open[[2]int64{userID, workflowID}], nil
}
