package outbox_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/mail"
	"roster/backend/mail/mailtest"
	"roster/backend/outbox"
	"roster/backend/store"
	"roster/backend/team"
	"roster/backend/testutil"
)

const (
	smtpUser     = "roster"
	smtpPassword = "smtp-Secret-1"
	recipient    = "kim@example.com"
)

// t0 is when every test's mail is queued.
var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func newClock() *testutil.Clock { return testutil.NewClock(t0) }

func newLog() (*slog.Logger, *testutil.Buffer) {
	var buf testutil.Buffer
	return slog.New(slog.NewTextHandler(&buf, nil)), &buf
}

// enqueue queues one mail to recipient, due at `at`.
func enqueue(t *testing.T, st *store.Store, at time.Time) int64 {
	t.Helper()
	var id int64
	err := st.Update(context.Background(), func(tx store.DB) error {
		var err error
		id, err = store.EnqueueMail(context.Background(), tx, store.OutboxMail{Kind: string(domain.MailInvitation), Recipient: recipient,
			Subject: "You are invited", Text: "Your code is in here.", HTML: "<p>Your code is in here.</p>"}, at)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func getMail(t *testing.T, st *store.Store, id int64) store.OutboxRow {
	t.Helper()
	r, err := store.GetMail(context.Background(), st.Reader(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func summary(t *testing.T, st *store.Store) store.OutboxStats {
	t.Helper()
	s, err := store.OutboxSummary(context.Background(), st.Reader())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// smtpConfig sends through 127.0.0.1:port with STARTTLS and AUTH PLAIN.
func smtpConfig(port int) mail.Config {
	return mail.Config{Host: "127.0.0.1", Port: port, Security: mail.SecuritySTARTTLS, Username: smtpUser, Password: smtpPassword, From: "roster@example.com"}
}

func fixed(cfg mail.Config) func(context.Context) (mail.Config, error) {
	return func(context.Context) (mail.Config, error) { return cfg, nil }
}

// closedPort returns a local port nothing listens on: a mail server that is down.
func closedPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// busyPort returns the port of a server that greets every client with a
// temporary refusal (421), as a mail server under load does.
func busyPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			fmt.Fprint(c, "421 4.3.2 Too busy, try again later\r\n")
			c.Close()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

// teamEnv is the team service on st, for the SMTP settings the sender
// reads and the settings page's view of the outbox. The command line's
// owner rights stand in for a signed-in owner.
type teamEnv struct {
	svc   *team.Service
	owner domain.Actor
}

func newTeamEnv(st *store.Store, clk *testutil.Clock) teamEnv {
	return teamEnv{svc: team.New(st, &mail.SMTP{Timeout: 5 * time.Second}, func() {}, clk.Now), owner: domain.CommandLine()}
}

// useSMTP saves settings that send through 127.0.0.1:port.
func (e teamEnv) useSMTP(t *testing.T, port int) {
	t.Helper()
	cfg := smtpConfig(port)
	in := team.SettingsInput{SMTP: team.SMTPInput{Host: cfg.Host, Port: cfg.Port, Security: cfg.Security, Username: cfg.Username,
		Password: cfg.Password, From: cfg.From}, InvitationDays: 7, IdleMinutes: 60}
	if _, err := e.svc.UpdateSettings(context.Background(), e.owner, in); err != nil {
		t.Fatal(err)
	}
}

func (e teamEnv) settings(t *testing.T) team.Settings {
	t.Helper()
	s, err := e.svc.GetSettings(context.Background(), e.owner)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// eventually waits until cond holds, failing the test after a generous
// deadline; it never asserts how fast something happened.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		<-tick.C
	}
}

// waitDone waits for Run to return after its context was cancelled.
func waitDone(t *testing.T, done <-chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Error("Run did not return after its context was cancelled")
	}
}

func TestRunSendsWhenKickedAndStopsWithItsContext(t *testing.T) {
	t.Parallel()
	st := testutil.Open(t)
	srv := mailtest.Start(t, mailtest.Options{Username: smtpUser, Password: smtpPassword})
	// The mail falls due an hour after t0, and the sender's clock reaches
	// that hour only when a second round starts: the first round finds
	// nothing due and sets Run's timer to a minute. So the mail goes out
	// in time only if Kick starts the second round.
	due := t0.Add(time.Hour)
	id := enqueue(t, st, due)
	clk := newClock()
	var rounds atomic.Int32
	config := func(context.Context) (mail.Config, error) {
		if rounds.Add(1) >= 2 {
			clk.Set(due)
		}
		return smtpConfig(srv.Port()), nil
	}
	log, logged := newLog()
	sender := outbox.NewSender(st, &mail.SMTP{RootCAs: srv.RootCAs(), Timeout: 10 * time.Second}, config, clk.Now, log)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		sender.Run(ctx)
	}()
	t.Cleanup(func() { cancel(); waitDone(t, done) }) // before the store closes
	sender.Kick()

	got := srv.Wait(t, 1, 30*time.Second) // well under Run's one-minute timer
	if got[0].To != recipient || got[0].Subject != "You are invited" || got[0].MessageID != getMail(t, st, id).MessageID+"@example.com" {
		t.Fatalf("received %+v", got[0])
	}
	eventually(t, "the mail is recorded as sent", func() bool { return getMail(t, st, id).SentAt != nil })
	if r := getMail(t, st, id); (r.SentAt == nil || !r.SentAt.Equal(due)) || r.Attempts != 1 || r.LastError != "" || r.Text != "" || r.HTML != "" {
		t.Fatalf("sent row %+v; want sent at %s on the first attempt, without its bodies", r, due)
	}
	if s := summary(t, st); s.Queued != 0 || s.Failed != 0 {
		t.Fatalf("outbox after sending: %+v", s)
	}

	cancel()
	waitDone(t, done)
	if strings.Contains(logged.String(), "round failed") {
		t.Fatalf("Run logged a failed round:\n%s", logged)
	}
	// Nobody reads the kick channel any more: Kick still returns.
	kicked := make(chan struct{})
	go func() {
		for range 3 {
			sender.Kick()
		}
		close(kicked)
	}()
	select {
	case <-kicked:
	case <-time.After(30 * time.Second):
		t.Fatal("Kick blocked without a running sender")
	}
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("server received %d messages; want 1", n)
	}
}

func TestRunLogsAFailedRound(t *testing.T) {
	t.Parallel()
	st := testutil.Open(t)
	errSettings := errors.New("settings unreadable")
	log, logged := newLog()
	sender := outbox.NewSender(st, &mail.SMTP{}, func(context.Context) (mail.Config, error) { return mail.Config{}, errSettings },
		newClock().Now, log)
	if _, err := sender.RunOnce(context.Background()); !errors.Is(err, errSettings) {
		t.Fatalf("RunOnce: %v; want the settings error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		sender.Run(ctx)
	}()
	t.Cleanup(func() { cancel(); waitDone(t, done) })
	eventually(t, "Run logs the failed round", func() bool {
		s := logged.String()
		return strings.Contains(s, "outbox: round failed") && strings.Contains(s, errSettings.Error())
	})
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		attempts int
		want     time.Duration
	}{
		{1, 30 * time.Second}, {2, time.Minute}, {3, 2 * time.Minute}, {4, 4 * time.Minute}, {5, 8 * time.Minute},
		{6, 16 * time.Minute}, {7, 32 * time.Minute}, {8, time.Hour}, {20, time.Hour}, {1 << 20, time.Hour},
	} {
		t.Run(fmt.Sprint(c.attempts), func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(1, uint64(c.attempts)))
			lo, hi := time.Duration(1<<62), time.Duration(0)
			for range 200 {
				d := outbox.Backoff(c.attempts, r)
				if d < c.want*8/10 || d > c.want*12/10 {
					t.Fatalf("Backoff(%d) = %s; want %s ±20%%", c.attempts, d, c.want)
				}
				lo, hi = min(lo, d), max(hi, d)
			}
			// Jitter spreads the retries of many mails over the ±20%.
			if hi-lo < c.want/5 {
				t.Fatalf("Backoff(%d) stays within %s..%s; want it spread over %s ±20%%", c.attempts, lo, hi, c.want)
			}
		})
	}
}

func TestTemporaryFailureRetriesLater(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		port func(*testing.T) int
		says string
	}{
		{"server down", closedPort, "Could not connect"},
		{"server busy", busyPort, "421"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := testutil.Open(t)
			clk := newClock()
			id := enqueue(t, st, t0)
			cfg := mail.Config{Host: "127.0.0.1", Port: c.port(t), Security: mail.SecurityNone, From: "roster@example.com"}
			log, _ := newLog()
			sender := outbox.NewSender(st, &mail.SMTP{Timeout: 10 * time.Second}, fixed(cfg), clk.Now, log)

			if n, err := sender.RunOnce(ctx); err != nil || n != 0 {
				t.Fatalf("RunOnce: %d %v; want nothing sent and no error", n, err)
			}
			r := getMail(t, st, id)
			if r.Attempts != 1 || r.SentAt != nil || r.FailedAt != nil || !strings.Contains(r.LastError, c.says) || r.Text == "" {
				t.Fatalf("after a temporary failure: %+v; want attempt 1 recorded with an error saying %q, body kept", r, c.says)
			}
			if wait := r.NextAttemptAt.Sub(t0); wait < 24*time.Second || wait > 36*time.Second {
				t.Fatalf("next attempt in %s; want 30s ±20%%", wait)
			}
			if s := summary(t, st); s.Queued != 1 || s.Failed != 0 || s.LastError != r.LastError {
				t.Fatalf("summary %+v; want 1 queued showing %q", s, r.LastError)
			}

			// Not due yet: a round now leaves it alone.
			if n, err := sender.RunOnce(ctx); err != nil || n != 0 || getMail(t, st, id).Attempts != 1 {
				t.Fatalf("a round before the retry was due: %d %v, attempts %d", n, err, getMail(t, st, id).Attempts)
			}
			// Due: the second failure waits about twice as long.
			clk.Set(r.NextAttemptAt)
			if n, err := sender.RunOnce(ctx); err != nil || n != 0 {
				t.Fatalf("second RunOnce: %d %v", n, err)
			}
			r2 := getMail(t, st, id)
			if wait := r2.NextAttemptAt.Sub(r.NextAttemptAt); r2.Attempts != 2 || wait < 48*time.Second || wait > 72*time.Second {
				t.Fatalf("after the second failure: attempts %d, next in %s; want 2 and 1m ±20%%", r2.Attempts, wait)
			}
		})
	}
}

func TestPermanentRefusalFailsAtOnceAndShows(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		opts mailtest.Options
		says string
	}{
		{"recipient refused", mailtest.Options{RefuseRecipient: true}, "refused the recipient " + recipient},
		{"sender refused", mailtest.Options{RefuseSender: true}, "refused the sender roster@example.com"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := testutil.Open(t)
			clk := newClock()
			env := newTeamEnv(st, clk)
			c.opts.Username, c.opts.Password = smtpUser, smtpPassword
			srv := mailtest.Start(t, c.opts)
			env.useSMTP(t, srv.Port())
			id := enqueue(t, st, t0)
			log, _ := newLog()
			sender := outbox.NewSender(st, &mail.SMTP{RootCAs: srv.RootCAs(), Timeout: 10 * time.Second}, env.svc.MailConfig, clk.Now, log)

			if n, err := sender.RunOnce(ctx); err != nil || n != 0 {
				t.Fatalf("RunOnce: %d %v; want nothing sent and no error", n, err)
			}
			r := getMail(t, st, id)
			if r.Attempts != 1 || (r.FailedAt == nil || !r.FailedAt.Equal(t0)) || !strings.Contains(r.LastError, c.says) || r.Text != "" || r.HTML != "" {
				t.Fatalf("after a permanent refusal: %+v; want failed at once saying %q, bodies dropped", r, c.says)
			}
			if s := summary(t, st); s.Queued != 0 || s.Failed != 1 || s.LastError != r.LastError {
				t.Fatalf("summary %+v; want 1 failed showing %q", s, r.LastError)
			}
			if s := env.settings(t); s.MailQueued != 0 || s.MailFailed != 1 || s.MailLastError != r.LastError {
				t.Fatalf("settings show queued %d, failed %d, %q; want the failed mail and its error", s.MailQueued, s.MailFailed, s.MailLastError)
			}
			// A refused mail is never tried again.
			clk.Set(t0.Add(24 * time.Hour))
			if n, err := sender.RunOnce(ctx); err != nil || n != 0 || getMail(t, st, id).Attempts != 1 {
				t.Fatalf("a later round: %d %v, attempts %d; want the refused mail left alone", n, err, getMail(t, st, id).Attempts)
			}
			if n := len(srv.Messages()); n != 0 {
				t.Fatalf("server accepted %d messages", n)
			}
		})
	}
}

func TestGiveUpAfterFiveDays(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	clk := newClock()
	env := newTeamEnv(st, clk)
	env.useSMTP(t, closedPort(t)) // down for the whole time
	id := enqueue(t, st, t0)
	log, _ := newLog()
	sender := outbox.NewSender(st, &mail.SMTP{Timeout: 10 * time.Second}, env.svc.MailConfig, clk.Now, log)

	round := func(at time.Time) store.OutboxRow {
		t.Helper()
		clk.Set(at)
		if n, err := sender.RunOnce(ctx); err != nil || n != 0 {
			t.Fatalf("RunOnce at %s: %d %v", at, n, err)
		}
		return getMail(t, st, id)
	}
	if r := round(t0); r.Attempts != 1 || r.FailedAt != nil {
		t.Fatalf("first attempt: %+v", r)
	}
	// Just short of GiveUp after queuing, it still retries.
	r := round(t0.Add(domain.DefaultPolicy.GiveUp() - 2*time.Minute))
	if r.Attempts != 2 || r.FailedAt != nil || !strings.Contains(r.LastError, "Could not connect") {
		t.Fatalf("attempt before the deadline: %+v; want a retry", r)
	}
	if s := env.settings(t); s.MailQueued != 1 || s.MailFailed != 0 || s.MailLastError != r.LastError {
		t.Fatalf("settings while retrying: queued %d, failed %d, %q", s.MailQueued, s.MailFailed, s.MailLastError)
	}
	// At GiveUp it gives up, saying so.
	end := t0.Add(domain.DefaultPolicy.GiveUp())
	r = round(end)
	want := "Gave up after 3 attempts over 5 days: Could not connect"
	if r.Attempts != 3 || (r.FailedAt == nil || !r.FailedAt.Equal(end)) || !strings.HasPrefix(r.LastError, want) || r.Text != "" {
		t.Fatalf("at the deadline: %+v; want failed at %s saying %q…", r, end, want)
	}
	if s := summary(t, st); s.Queued != 0 || s.Failed != 1 || s.LastError != r.LastError {
		t.Fatalf("summary %+v; want 1 failed showing %q", s, r.LastError)
	}
	if s := env.settings(t); s.MailQueued != 0 || s.MailFailed != 1 || s.MailLastError != r.LastError {
		t.Fatalf("settings after giving up: queued %d, failed %d, %q", s.MailQueued, s.MailFailed, s.MailLastError)
	}
	if r := round(end.Add(time.Hour)); r.Attempts != 3 {
		t.Fatalf("tried again after giving up: %+v", r)
	}
}

// countingMailer records how often it was asked to send.
type countingMailer struct{ calls atomic.Int32 }

func (m *countingMailer) Send(context.Context, mail.Config, mail.Message) error {
	m.calls.Add(1)
	return nil
}

func TestWithoutSMTPSettingsMailStaysQueued(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	clk := newClock()
	env := newTeamEnv(st, clk) // no e-mail settings saved
	id := enqueue(t, st, t0)
	before := getMail(t, st, id)
	var mailer countingMailer
	log, _ := newLog()
	sender := outbox.NewSender(st, &mailer, env.svc.MailConfig, clk.Now, log)

	clk.Set(t0.Add(time.Hour))
	if n, err := sender.RunOnce(ctx); err != nil || n != 0 {
		t.Fatalf("RunOnce: %d %v; want nothing sent and no error", n, err)
	}
	if n := mailer.calls.Load(); n != 0 {
		t.Fatalf("the mailer was called %d times without settings", n)
	}
	if after := getMail(t, st, id); after != before {
		t.Fatalf("the queued mail changed:\n%+v\n%+v", before, after)
	}
	if s := env.settings(t); s.MailQueued != 1 || s.MailFailed != 0 || s.MailLastError != "" {
		t.Fatalf("settings: queued %d, failed %d, %q; want the mail queued", s.MailQueued, s.MailFailed, s.MailLastError)
	}
}

// gatedMailer holds each Send until the test lets it through.
type gatedMailer struct {
	next    mail.Mailer
	entered chan struct{}
	release chan struct{}
}

func (m *gatedMailer) Send(ctx context.Context, cfg mail.Config, msg mail.Message) error {
	m.entered <- struct{}{}
	<-m.release
	return m.next.Send(ctx, cfg, msg)
}

// A sender leases the mail it is sending: a second sender on the same file
// (a second Roster process) does not send it too.
func TestALeasedMailIsSentOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	srv := mailtest.Start(t, mailtest.Options{Username: smtpUser, Password: smtpPassword})
	clk := newClock()
	id := enqueue(t, st, t0)
	direct := &mail.SMTP{RootCAs: srv.RootCAs(), Timeout: 10 * time.Second}
	gate := &gatedMailer{next: direct, entered: make(chan struct{}), release: make(chan struct{})}
	log, _ := newLog()
	first := outbox.NewSender(st, gate, fixed(smtpConfig(srv.Port())), clk.Now, log)
	second := outbox.NewSender(st, direct, fixed(smtpConfig(srv.Port())), clk.Now, log)

	type result struct {
		n   int
		err error
	}
	res := make(chan result, 1)
	go func() {
		n, err := first.RunOnce(ctx)
		res <- result{n, err}
	}()
	<-gate.entered // the first sender holds the lease and is sending
	if n, err := second.RunOnce(ctx); err != nil || n != 0 {
		t.Fatalf("second sender during the lease: %d %v; want nothing sent", n, err)
	}
	close(gate.release)
	if r := <-res; r.err != nil || r.n != 1 {
		t.Fatalf("first sender: %d %v; want 1 sent", r.n, r.err)
	}
	if n, err := second.RunOnce(ctx); err != nil || n != 0 {
		t.Fatalf("second sender after the send: %d %v; want nothing", n, err)
	}
	if got := srv.Messages(); len(got) != 1 || got[0].MessageID != getMail(t, st, id).MessageID+"@example.com" {
		t.Fatalf("server received %d messages; want exactly one", len(got))
	}
}

// Two senders that saw the same due row both try to lease it: the store
// gives it to one of them only.
func TestOnlyOneClaimWins(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	id := enqueue(t, st, t0)
	seen := getMail(t, st, id).NextAttemptAt
	var won []bool
	for range 2 {
		err := st.Update(ctx, func(tx store.DB) error {
			ok, err := store.ClaimMail(ctx, tx, id, seen, t0.Add(2*time.Minute))
			won = append(won, ok)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if !won[0] || won[1] {
		t.Fatalf("claims won: %v; want the first only", won)
	}
}

// A sender killed after the server took the mail but before recording it
// (here: its claim, then nothing) leaves the try counted; after the lease
// the mail goes again under the same Message-ID, and both tries show.
func TestATryIsCountedWhenItStarts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	srv := mailtest.Start(t, mailtest.Options{Username: smtpUser, Password: smtpPassword})
	clk := newClock()
	id := enqueue(t, st, t0)
	if err := st.Update(ctx, func(tx store.DB) error {
		_, err := store.ClaimMail(ctx, tx, id, getMail(t, st, id).NextAttemptAt, t0.Add(20*time.Minute))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if m := getMail(t, st, id); m.Attempts != 1 {
		t.Fatalf("after the claim of a sender that then died: %d attempts; want 1", m.Attempts)
	}
	clk.Set(t0.Add(21 * time.Minute)) // the lease has run out
	log, _ := newLog()
	sender := outbox.NewSender(st, &mail.SMTP{RootCAs: srv.RootCAs(), Timeout: 10 * time.Second}, fixed(smtpConfig(srv.Port())), clk.Now, log)
	if n, err := sender.RunOnce(ctx); err != nil || n != 1 {
		t.Fatalf("the next round: %d %v", n, err)
	}
	if m := getMail(t, st, id); m.Attempts != 2 || m.SentAt == nil {
		t.Fatalf("after resending: %+v; want sent on the 2nd attempt", m)
	}
}
