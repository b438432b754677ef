package team_test

import (
	"io"
	"log/slog"
	"net"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/mail"
	"roster/backend/mail/mailtest"
	"roster/backend/outbox"
	"roster/backend/store"
	"roster/backend/team"
)

// withSMTP points the settings at srv (STARTTLS, AUTH PLAIN) and returns an
// outbox sender that trusts srv's certificate.
func (f *fixture) withSMTP(owner domain.Actor, port int, roots *mailtest.Server) *outbox.Sender {
	f.t.Helper()
	in := team.SettingsInput{SMTP: team.SMTPInput{Host: "127.0.0.1", Port: port, Security: mail.SecuritySTARTTLS,
		Username: "roster", Password: "smtp-Secret-1", From: "Roster Admin <roster@example.com>"}, InvitationDays: 7, IdleMinutes: 60}
	if _, err := f.svc.UpdateSettings(f.ctx, owner, in); err != nil {
		f.t.Fatal(err)
	}
	m := &mail.SMTP{RootCAs: roots.RootCAs(), Timeout: 3 * time.Second}
	return outbox.NewSender(f.st, m, f.svc.MailConfig, f.clock, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

var codeLine = regexp.MustCompile(`(?m)^ {4}(\S{43})\r?$`)

func TestInvitationTravelsBySMTP(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	srv := mailtest.Start(t, mailtest.Options{Username: "roster", Password: "smtp-Secret-1"})
	sender := f.withSMTP(owner, srv.Port(), srv)

	res, err := f.svc.Invite(f.ctx, owner, team.InviteInput{Emails: "müller.jürgen@example.com", Role: domain.RoleMonitorAll})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Emailed || f.kicks == 0 {
		t.Fatalf("invitation not queued for e-mail: %+v, kicks %d", res, f.kicks)
	}
	if m := f.memberByEmail(owner, "jürgen"); m.Delivery != "queued" {
		t.Fatalf("delivery before sending: %q", m.Delivery)
	}
	if n, err := sender.RunOnce(f.ctx); err != nil || n != 1 {
		t.Fatalf("RunOnce: %d %v", n, err)
	}
	got := srv.Wait(t, 1, 5*time.Second)[0]
	if got.To != "müller.jürgen@example.com" || got.Subject != "Olivia Owner invited you to Roster" {
		t.Fatalf("received %+v", got)
	}
	// The From setting's display name is what the invitee sees; the
	// envelope carries the address alone.
	if got.FromHeader != "Roster Admin <roster@example.com>" || got.From != "roster@example.com" {
		t.Fatalf("From header %q, envelope %q", got.FromHeader, got.From)
	}
	// Globally unique (random, at the From domain), not the outbox row's number.
	if !regexp.MustCompile(`^roster\.[0-9a-f]{32}@example\.com$`).MatchString(got.MessageID) {
		t.Fatalf("Message-ID %q", got.MessageID)
	}
	match := codeLine.FindStringSubmatch(got.Text)
	if match == nil {
		t.Fatalf("no code in the mail:\n%s", got.Text)
	}
	if m := f.memberByEmail(owner, "jürgen"); m.Delivery != "sent" {
		t.Fatalf("delivery after sending: %q", m.Delivery)
	}
	// Sent mail keeps no body: the code lived in clear only while queued.
	if n := f.count("SELECT count(*) FROM outbox WHERE body_text != '' OR body_html != ''"); n != 0 {
		t.Fatalf("%d sent mails keep their bodies", n)
	}
	if _, _, err := f.svc.Accept(f.ctx, team.AcceptInput{Email: "müller.jürgen@example.com", Code: match[1], Name: "Jürgen Müller", Password: strong}); err != nil {
		t.Fatalf("the mailed code does not work: %v", err)
	}
}

func TestQueuedInvitationSurvivesAnOutageAndIsSentOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()                                     // the server is down
	other := mailtest.Start(t, mailtest.Options{}) // the down server's certificate does not matter
	other.Close()
	sender := f.withSMTP(owner, port, other)

	if _, err := f.svc.Invite(f.ctx, owner, team.InviteInput{Emails: "kim@example.com", Role: domain.RoleMonitorAll}); err != nil {
		t.Fatal(err)
	}
	if n, err := sender.RunOnce(f.ctx); err != nil || n != 0 {
		t.Fatalf("RunOnce with the server down: %d %v", n, err)
	}
	var id int64
	f.st.Reader().QueryRowContext(f.ctx, "SELECT id FROM outbox").Scan(&id)
	row, err := store.GetMail(f.ctx, f.st.Reader(), id)
	if err != nil || row.Attempts != 1 || !row.NextAttemptAt.After(f.clock()) || row.LastError == "" || row.Text == "" {
		t.Fatalf("after a failed attempt: %+v %v", row, err)
	}
	if m := f.memberByEmail(owner, "kim@"); m.Delivery != "queued" || m.DeliveryError == "" {
		t.Fatalf("member shows delivery %q %q; want queued with the error", m.Delivery, m.DeliveryError)
	}
	// Not due yet: nothing is tried.
	if n, _ := sender.RunOnce(f.ctx); n != 0 {
		t.Fatal("sent before the retry was due")
	}

	srv := mailtest.Start(t, mailtest.Options{Port: port, Username: "roster", Password: "smtp-Secret-1"})
	sender = f.withSMTP(owner, port, srv)
	f.advance(time.Hour)
	if n, err := sender.RunOnce(f.ctx); err != nil || n != 1 {
		t.Fatalf("RunOnce with the server back: %d %v", n, err)
	}
	f.advance(time.Hour)
	if n, err := sender.RunOnce(f.ctx); err != nil || n != 0 {
		t.Fatalf("a further round sent %d (%v); want nothing", n, err)
	}
	if got := srv.Messages(); len(got) != 1 || got[0].To != "kim@example.com" {
		t.Fatalf("server received %d messages; want exactly one to kim", len(got))
	}
}

func TestResendCancelsTheQueuedMail(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	srv := mailtest.Start(t, mailtest.Options{Username: "roster", Password: "smtp-Secret-1"})
	sender := f.withSMTP(owner, srv.Port(), srv)
	res, err := f.svc.Invite(f.ctx, owner, team.InviteInput{Emails: "lee@example.com", Role: domain.RoleMonitorAll})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Resend(f.ctx, owner, res.Invited[0].Member.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := sender.RunOnce(f.ctx); err != nil || n != 1 {
		t.Fatalf("RunOnce: %d %v; want only the resent mail", n, err)
	}
	got := srv.Wait(t, 1, 5*time.Second)
	if code := codeLine.FindStringSubmatch(got[0].Text); code == nil || code[1] == res.Invited[0].Code {
		t.Fatal("the mail carries the replaced code")
	}
}

// TestSendTestEmailSaysWhatFailed: the settings page shows the result's
// title over the server's answer, so Go names the stage in words.
func TestSendTestEmailSaysWhatFailed(t *testing.T) {
	t.Parallel()
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := closed.Addr().(*net.TCPAddr).Port
	closed.Close()
	for _, c := range []struct {
		name  string
		port  func(t *testing.T) int
		ok    bool
		stage mail.Stage
		title string
	}{
		{"accepted", func(t *testing.T) int { return mailtest.Start(t, mailtest.Options{NoTLS: true}).Port() }, true, "", ""},
		{"nobody listening", func(*testing.T) int { return closedPort }, false, mail.StageConnect, "Could not connect"},
		{"recipient refused", func(t *testing.T) int {
			return mailtest.Start(t, mailtest.Options{NoTLS: true, RefuseRecipient: true}).Port()
		}, false, mail.StageRecipient, "The server refused the recipient"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			owner, _ := f.owner()
			res, err := f.svc.SendTestEmail(f.ctx, owner, team.TestEmailInput{To: "olivia@example.com", SMTP: team.SMTPInput{
				Host: "127.0.0.1", Port: c.port(t), Security: mail.SecurityNone, From: "roster@example.com"}})
			if err != nil || res.OK != c.ok || res.Stage != c.stage || res.Title != c.title || res.Message == "" {
				t.Fatalf("SendTestEmail = %+v, %v; want ok=%v stage %q title %q and a message", res, err, c.ok, c.stage, c.title)
			}
		})
	}
}

// TestInvitationMailSaysHowToDecline: with an address to link to (serve),
// the mail links to the dismiss form as it links to the accept form, and
// the link's code dismisses; without one (the desktop) it says where to
// decline in Roster.
func TestInvitationMailSaysHowToDecline(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"https://roster.example.com", ""} {
		t.Run("link base "+base, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			owner, _ := f.owner()
			srv := mailtest.Start(t, mailtest.Options{Username: "roster", Password: "smtp-Secret-1"})
			sender := f.withSMTP(owner, srv.Port(), srv)
			f.svc.SetLinkBase(base, false)
			if _, err := f.svc.Invite(f.ctx, owner, team.InviteInput{Emails: "dee+x@example.com", Role: domain.RoleMonitorAll}); err != nil {
				t.Fatal(err)
			}
			if _, err := sender.RunOnce(f.ctx); err != nil {
				t.Fatal(err)
			}
			got := srv.Wait(t, 1, 5*time.Second)[0]
			if !strings.Contains(got.Text, `choose "Dismiss the invitation"`) {
				t.Fatalf("the mail does not say how to decline:\n%s", got.Text)
			}
			code := codeLine.FindStringSubmatch(got.Text)[1]
			decline := regexp.MustCompile(`Not for you\? Open this link to decline:\r?\n(\S+)`).FindStringSubmatch(got.Text)
			if base == "" {
				if decline != nil || strings.Contains(got.HTML, "#dismiss") {
					t.Fatalf("a decline link without an address to link to:\n%s", got.Text)
				}
				return
			}
			want := base + "/#dismiss?email=dee%2Bx%40example.com&code=" + code
			if decline == nil || decline[1] != want || !strings.Contains(got.HTML, `href="`+strings.ReplaceAll(want, "&", "&amp;")+`"`) {
				t.Fatalf("decline link %v; want %s in text and HTML:\n%s\n%s", decline, want, got.Text, got.HTML)
			}
			u, err := url.Parse(decline[1])
			if err != nil {
				t.Fatal(err)
			}
			q, _ := url.ParseQuery(strings.TrimPrefix(u.EscapedFragment(), "dismiss?")) // as the browser reads location.hash
			if err := f.svc.Dismiss(f.ctx, q.Get("email"), q.Get("code")); err != nil {
				t.Fatalf("the decline link's code does not dismiss: %v", err)
			}
			if m := f.memberByEmail(owner, "dee+x@example.com"); m.Status != domain.MemberDismissed {
				t.Fatalf("status %s after declining", m.Status)
			}
		})
	}
}
