// Package outbox delivers queued mail: one sender goroutine, retries with
// jittered exponential backoff for days (RFC 5321 §4.5.4.1), and a visible
// give-up. Rows survive restarts; each keeps the random Message-ID it was
// queued with, so a retry after a crash between sending and recording sends
// the same message.
package outbox

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"roster/backend/mail"
	"roster/backend/store"
)

// Retry policy.
const (
	firstRetry = 30 * time.Second
	maxRetry   = time.Hour
	// lease is how long a claimed row is hidden from other senders: longer
	// than one SMTP exchange can take (mail.SMTP's waits: minutes per reply,
	// 10 for the end of the message), so no other sender sends it meanwhile.
	lease = 20 * time.Minute
	batch = 20
)

// Sender is the one goroutine that sends the outbox.
type Sender struct {
	st     *store.Store
	mailer mail.Mailer
	config func(context.Context) (mail.Config, error)
	now    func() time.Time
	log    *slog.Logger
	kick   chan struct{}
	rnd    *rand.Rand
}

// NewSender returns a Sender; config reads the SMTP settings at each round,
// so new settings apply without a restart.
func NewSender(st *store.Store, m mail.Mailer, config func(context.Context) (mail.Config, error), now func() time.Time, log *slog.Logger) *Sender {
	return &Sender{st: st, mailer: m, config: config, now: now, log: log, kick: make(chan struct{}, 1),
		rnd: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x5eed))}
}

// Kick wakes the sender: a use case just queued mail. It never blocks.
func (s *Sender) Kick() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Run sends until ctx ends. A full round goes on at once; otherwise it
// sleeps until the next mail is due, a kick, or a minute (without SMTP
// settings it waits for the kick that saving them gives).
func (s *Sender) Run(ctx context.Context) {
	for {
		r, err := s.round(ctx)
		if err != nil && ctx.Err() == nil {
			s.log.Error("outbox: round failed", "err", err)
		}
		wait := time.Minute
		switch {
		case err == nil && r.tried == batch:
			wait = 0
		case r.configured:
			if next, err := store.NextMailDue(ctx, s.st.Reader()); err == nil && !next.IsZero() {
				wait = min(wait, max(time.Second, next.Sub(s.now())))
			}
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-s.kick:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// RunOnce tries every mail that is due (up to a batch) and reports how many
// were sent. Without SMTP settings it leaves the queue as it is: the mail
// goes out once someone sets up e-mail.
func (s *Sender) RunOnce(ctx context.Context) (int, error) {
	r, err := s.round(ctx)
	return r.sent, err
}

type roundResult struct {
	configured  bool
	tried, sent int
}

func (s *Sender) round(ctx context.Context) (roundResult, error) {
	var r roundResult
	cfg, err := s.config(ctx)
	if err != nil || !cfg.Configured() {
		return r, err
	}
	r.configured = true
	policy, err := store.Policy(ctx, s.st.Reader())
	if err != nil {
		return r, err
	}
	due, err := store.DueMail(ctx, s.st.Reader(), s.now(), batch)
	if err != nil {
		return r, err
	}
	r.tried = len(due)
	for _, row := range due {
		ok, err := s.claim(ctx, row)
		if err != nil {
			return r, err
		}
		if !ok {
			continue // another sender has it
		}
		if err := s.deliver(ctx, cfg, policy.GiveUp(), row); err != nil {
			return r, err
		}
		if got, err := store.GetMail(ctx, s.st.Reader(), row.ID); err == nil && got.SentAt != nil {
			r.sent++
		}
	}
	return r, nil
}

func (s *Sender) claim(ctx context.Context, row store.OutboxRow) (bool, error) {
	var ok bool
	err := s.st.Update(ctx, func(tx store.DB) error {
		var err error
		ok, err = store.ClaimMail(ctx, tx, row.ID, row.NextAttemptAt, s.now().Add(lease))
		return err
	})
	return ok, err
}

// deliver sends one row and records the outcome.
func (s *Sender) deliver(ctx context.Context, cfg mail.Config, giveUp time.Duration, row store.OutboxRow) error {
	attempt := row.Attempts + 1
	sendErr := s.mailer.Send(ctx, cfg, mail.Message{ID: row.MessageID, To: row.Recipient, Subject: row.Subject, Text: row.Text, HTML: row.HTML})
	now := s.now()
	log := s.log.With("outbox", row.ID, "kind", row.Kind, "to", row.Recipient, "attempt", attempt)
	return s.st.Update(ctx, func(tx store.DB) error {
		switch {
		case sendErr == nil:
			log.Info("outbox: sent")
			return store.MarkMailSent(ctx, tx, row.ID, attempt, now)
		case mail.IsPermanent(sendErr):
			log.Warn("outbox: refused, giving up", "err", sendErr)
			return store.MarkMailFailed(ctx, tx, row.ID, attempt, now, sendErr.Error())
		case now.Sub(row.QueuedAt()) >= giveUp:
			msg := fmt.Sprintf("Gave up after %d attempts over %s: %v", attempt, days(giveUp), sendErr)
			log.Warn("outbox: giving up", "err", sendErr)
			return store.MarkMailFailed(ctx, tx, row.ID, attempt, now, msg)
		default:
			next := now.Add(Backoff(attempt, s.rnd))
			log.Info("outbox: will retry", "err", sendErr, "next", next)
			return store.MarkMailRetry(ctx, tx, row.ID, attempt, next, sendErr.Error())
		}
	})
}

// days says a whole number of days in words.
func days(d time.Duration) string {
	if n := int(d / (24 * time.Hour)); n != 1 {
		return fmt.Sprintf("%d days", n)
	}
	return "1 day"
}

// Backoff is the wait after the attempts-th failure: 30 s doubling to an
// hour, ±20% so that many mails do not retry in lockstep.
func Backoff(attempts int, r *rand.Rand) time.Duration {
	d := firstRetry
	for i := 1; i < attempts && d < maxRetry; i++ {
		d *= 2
	}
	d = min(d, maxRetry)
	jitter := 0.8 + 0.4*r.Float64()
	return time.Duration(float64(d) * jitter)
}
