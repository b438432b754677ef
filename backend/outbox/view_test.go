package outbox_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/mail"
	"roster/backend/outbox"
	"roster/backend/store"
	"roster/backend/testutil"
)

// queue adds a mail of kind, then moves it with change (nil: queued).
func queue(t *testing.T, st *store.Store, kind domain.MailKind, change func(tx store.DB, id int64) error) int64 {
	t.Helper()
	var id int64
	err := st.Update(context.Background(), func(tx store.DB) error {
		var err error
		if id, err = store.EnqueueMail(context.Background(), tx, store.OutboxMail{Kind: string(kind), Recipient: recipient,
			Subject: string(kind), Text: "body"}, t0); err != nil {
			return err
		}
		if change != nil {
			return change(tx, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestOutboxView(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	clk := newClock()
	kicks := 0
	configured := mail.Config{Host: "mail.example.com", Port: 587, Security: mail.SecuritySTARTTLS, From: "roster@example.com"}
	view := outbox.NewView(st, clk.Now, func() { kicks++ }, fixed(configured))
	owner := domain.CommandLine()

	queued := queue(t, st, domain.MailWorkflowFailed, nil)
	retrying := queue(t, st, domain.MailConnectionOffline, func(tx store.DB, id int64) error {
		return store.MarkMailRetry(ctx, tx, id, 1, t0.Add(time.Minute), "Could not connect to mail.example.com:587")
	})
	sent := queue(t, st, domain.MailWorkflowDigest, func(tx store.DB, id int64) error { return store.MarkMailSent(ctx, tx, id, 1, t0) })
	failedNote := queue(t, st, domain.MailConnectionOnline, func(tx store.DB, id int64) error {
		return store.MarkMailFailed(ctx, tx, id, 3, t0, "550 no such user")
	})
	failedInvite := queue(t, st, domain.MailInvitation, func(tx store.DB, id int64) error {
		return store.MarkMailFailed(ctx, tx, id, 3, t0, "550 no such user")
	})

	page, err := view.List(ctx, owner, outbox.ListInput{})
	if err != nil || len(page.Mails) != 5 || page.Mails[0].ID != failedInvite {
		t.Fatalf("list: %+v %v; want 5 mails, newest first", page, err)
	}
	status := map[int64]domain.Mail{}
	for _, m := range page.Mails {
		status[m.ID] = m
	}
	for id, want := range map[int64]domain.MailStatus{queued: domain.MailQueued, retrying: domain.MailRetrying, sent: domain.MailSent,
		failedNote: domain.MailFailed, failedInvite: domain.MailFailed} {
		if status[id].Status != want {
			t.Errorf("mail %d is %s; want %s", id, status[id].Status, want)
		}
	}
	if m := status[retrying]; m.NextAttemptAt == nil || !m.NextAttemptAt.Equal(t0.Add(time.Minute)) || m.LastError == "" || !m.Retryable {
		t.Errorf("retrying mail: %+v", m)
	}
	if status[failedInvite].Retryable || !status[failedNote].Retryable || status[sent].Retryable {
		t.Error("retryable: a failed invitation has no code left, a failed notification does, a sent mail is done")
	}

	t.Run("filters by status and pages", func(t *testing.T) {
		for st, want := range map[domain.MailStatus]int{domain.MailFailed: 2, domain.MailQueued: 1, domain.MailRetrying: 1, domain.MailSent: 1, domain.MailSending: 0} {
			p, err := view.List(ctx, owner, outbox.ListInput{Status: st})
			if err != nil || len(p.Mails) != want {
				t.Errorf("%s: %d mails, %v; want %d", st, len(p.Mails), err, want)
			}
		}
		p, err := view.List(ctx, owner, outbox.ListInput{Limit: 2})
		if err != nil || len(p.Mails) != 2 || p.NextCursor == "" {
			t.Fatalf("first page: %+v %v", p, err)
		}
		p, err = view.List(ctx, owner, outbox.ListInput{Limit: 4, Cursor: p.NextCursor})
		if err != nil || len(p.Mails) != 3 || p.NextCursor != "" {
			t.Fatalf("second page: %+v %v", p, err)
		}
	})
	t.Run("health says what is stuck", func(t *testing.T) {
		h, err := view.Health(ctx, owner)
		if err != nil || !h.Configured || h.Queued != 2 || h.Retrying != 1 || h.Failed != 2 || h.GiveUpDays != 5 ||
			h.NextAttemptAt == nil || !h.NextAttemptAt.Equal(t0) || h.LastError == "" {
			t.Fatalf("%+v %v", h, err)
		}
	})
	t.Run("retry now", func(t *testing.T) {
		clk.Set(t0.Add(10 * time.Second))
		m, err := view.Retry(ctx, owner, retrying)
		if err != nil || m.Status != domain.MailRetrying || !m.NextAttemptAt.Equal(clk.Now()) || kicks != 1 {
			t.Fatalf("retrying mail: %+v %v (kicks %d)", m, err, kicks)
		}
		m, err = view.Retry(ctx, owner, failedNote)
		if err != nil || m.Status != domain.MailRetrying || m.FailedAt != nil {
			t.Fatalf("failed notification: %+v %v", m, err)
		}
		if r := getMail(t, st, failedNote); r.QueuedAt() != clk.Now() {
			t.Fatalf("the give-up period starts again at the retry: %v", r.QueuedAt())
		}
		for id, says := range map[int64]string{sent: "sent already", failedInvite: "Resend the invitation", 999: "no mail with id 999"} {
			if _, err := view.Retry(ctx, owner, id); err == nil || !strings.Contains(err.Error(), says) {
				t.Errorf("retry %d: %v; want %q", id, err, says)
			}
		}
		var audits int
		st.Reader().QueryRowContext(ctx, "SELECT count(*) FROM audit_log WHERE action = 'mail.retry'").Scan(&audits)
		if audits != 2 {
			t.Fatalf("%d retries in the audit log; want 2", audits)
		}
	})
	t.Run("retry every waiting mail", func(t *testing.T) {
		later := queue(t, st, domain.MailWorkflowFailed, func(tx store.DB, id int64) error {
			return store.MarkMailRetry(ctx, tx, id, 2, t0.Add(time.Hour), "421 try later")
		})
		clk.Set(t0.Add(20 * time.Second))
		before := kicks
		n, err := view.RetryAll(ctx, owner)
		if err != nil || n != 4 || kicks != before+1 {
			t.Fatalf("RetryAll: %d %v; want the 4 waiting mails", n, err)
		}
		if r := getMail(t, st, later); !r.NextAttemptAt.Equal(clk.Now()) {
			t.Fatalf("a mail due in an hour is due at %v after Retry now", r.NextAttemptAt)
		}
		h, _ := view.Health(ctx, owner)
		if h.LastError != "421 try later" {
			t.Fatalf("health quotes %q; want the error of a waiting mail, not of a given-up one", h.LastError)
		}
	})
	t.Run("only owners and administrators", func(t *testing.T) {
		monitor := domain.Actor{ID: "9", Role: domain.RoleMonitorAll}
		if _, err := view.List(ctx, monitor, outbox.ListInput{}); domain.AsError(err).Code != domain.CodeForbidden {
			t.Errorf("list as a monitor: %v", err)
		}
		if _, err := view.Retry(ctx, monitor, queued); domain.AsError(err).Code != domain.CodeForbidden {
			t.Errorf("retry as a monitor: %v", err)
		}
		if _, err := view.RetryAll(ctx, monitor); domain.AsError(err).Code != domain.CodeForbidden {
			t.Errorf("retry all as a monitor: %v", err)
		}
	})
	t.Run("refuses bad input", func(t *testing.T) {
		for _, in := range []outbox.ListInput{{Status: "lost"}, {Cursor: "x"}, {Limit: 9999}} {
			if _, err := view.List(ctx, owner, in); domain.AsError(err).Code != domain.CodeInvalid {
				t.Errorf("%+v: %v", in, err)
			}
		}
	})
}
