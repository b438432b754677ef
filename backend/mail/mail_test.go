package mail_test

import (
	"context"
	"crypto/x509"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"roster/backend/mail"
	"roster/backend/mail/mailtest"
)

const secret = "pa55-w0rd-Secret"

func TestSendThroughSTARTTLSAndAuthPlain(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t, mailtest.Options{Username: "roster", Password: secret})
	m := &mail.SMTP{RootCAs: srv.RootCAs(), Timeout: 5 * time.Second}
	cfg := mail.Config{Host: "127.0.0.1", Port: srv.Port(), Security: mail.SecuritySTARTTLS, Username: "roster", Password: secret, From: "roster@example.com"}
	subject, text, html, err := mail.Invitation(mail.InvitationData{InviterName: "Zoë <script>", InviteeEmail: "bob@example.com",
		RoleLabel: "Monitor integrations", Integrations: []string{"Slack", "Jira"}, Code: "CODE-123", ExpiresAt: time.Date(2026, 11, 30, 14, 5, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(context.Background(), cfg, mail.Message{ID: "roster.2f0c9a7e", To: "bob@example.com", ToName: "Bob Müller", Subject: subject, Text: text, HTML: html}); err != nil {
		t.Fatal(err)
	}
	got := srv.Wait(t, 1, 5*time.Second)[0]
	if got.To != "bob@example.com" || got.From != "roster@example.com" || got.Subject != "Zoë <script> invited you to Roster" {
		t.Fatalf("received %+v", got)
	}
	if !strings.Contains(got.Text, "CODE-123") || !strings.Contains(got.Text, "(Slack, Jira)") || !strings.Contains(got.Text, "Mon, 30 Nov 2026 14:05 UTC") {
		t.Fatalf("text body:\n%s", got.Text)
	}
	if strings.Contains(got.HTML, "<script>") || !strings.Contains(got.HTML, "Zoë &lt;script&gt;") {
		t.Fatalf("HTML body does not escape the inviter's name:\n%s", got.HTML)
	}
	if got.MessageID != "roster.2f0c9a7e@example.com" {
		t.Fatalf("Message-ID %q", got.MessageID)
	}
	if !strings.Contains(string(got.Raw), "=?utf-8?") {
		t.Fatal("non-ASCII headers were not RFC 2047 encoded")
	}
}

func TestSendFailuresSayWhichStage(t *testing.T) {
	t.Parallel()
	ok := mailtest.Start(t, mailtest.Options{Username: "roster", Password: secret})
	plain := mailtest.Start(t, mailtest.Options{NoTLS: true})
	refuseFrom := mailtest.Start(t, mailtest.Options{RefuseSender: true})
	refuseTo := mailtest.Start(t, mailtest.Options{RefuseRecipient: true})
	closed := func() int { // a port with nothing listening
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		defer ln.Close()
		return ln.Addr().(*net.TCPAddr).Port
	}()
	silent, _ := net.Listen("tcp", "127.0.0.1:0") // accepts, never speaks
	t.Cleanup(func() { silent.Close() })
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	base := mail.Config{Host: "127.0.0.1", Security: mail.SecuritySTARTTLS, From: "roster@example.com"}
	with := func(port int, mod func(*mail.Config)) mail.Config {
		c := base
		c.Port = port
		if mod != nil {
			mod(&c)
		}
		return c
	}
	for _, c := range []struct {
		name      string
		cfg       mail.Config
		roots     *x509.CertPool
		stage     mail.Stage
		permanent bool
		says      string
	}{
		{"dns", with(25, func(c *mail.Config) { c.Host = "nonexistent.invalid" }), nil, mail.StageDNS, false, "Could not find the mail server"},
		{"connect", with(closed, nil), nil, mail.StageConnect, false, "Could not connect"},
		{"tls untrusted", with(ok.Port(), nil), nil, mail.StageTLS, false, "TLS handshake"},
		{"no starttls offered", with(plain.Port(), nil), nil, mail.StageTLS, true, "does not offer STARTTLS"},
		{"auth", with(ok.Port(), func(c *mail.Config) { c.Username, c.Password = "roster", "wrong-"+secret }), ok.RootCAs(), mail.StageAuth, true, "refused the username or password"},
		{"sender", with(refuseFrom.Port(), nil), refuseFrom.RootCAs(), mail.StageSender, true, "refused the sender roster@example.com"},
		{"recipient", with(refuseTo.Port(), nil), refuseTo.RootCAs(), mail.StageRecipient, true, "refused the recipient bob@example.com"},
		{"password over plain text", with(plain.Port(), func(c *mail.Config) {
			c.Host, c.Security, c.Username, c.Password = "localhost.example", mail.SecurityNone, "roster", secret
		}), nil, mail.StageAuth, true, "unencrypted"},
		{"timeout", with(silent.Addr().(*net.TCPAddr).Port, func(c *mail.Config) { c.Security = mail.SecurityNone }), nil, mail.StageConnect, false, "Timed out after 300ms"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m := &mail.SMTP{Timeout: 300 * time.Millisecond}
			if c.name != "timeout" {
				m.Timeout = 5 * time.Second
			}
			m.RootCAs = c.roots
			err := m.Send(context.Background(), c.cfg, mail.Message{ID: "roster.outbox.1", To: "bob@example.com", Subject: "hi", Text: "hi"})
			se, isSend := err.(*mail.SendError)
			if !isSend {
				t.Fatalf("got %T %v; want a *mail.SendError", err, err)
			}
			if se.Stage != c.stage || se.Permanent != c.permanent || !strings.Contains(se.Message, c.says) {
				t.Fatalf("got stage %s permanent %v %q; want %s %v containing %q", se.Stage, se.Permanent, se.Message, c.stage, c.permanent, c.says)
			}
			if strings.Contains(se.Error(), secret) {
				t.Fatal("the password appears in the error")
			}
		})
	}
}

// TestFromTakesADisplayName: the From setting is an address or a name and an
// address; the header carries the name (Roster's own without one) and the
// envelope the address alone.
func TestFromTakesADisplayName(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t, mailtest.Options{NoTLS: true})
	m := &mail.SMTP{Timeout: 5 * time.Second}
	for _, c := range []struct{ from, header, envelope string }{
		{"Roster Admin <roster@example.com>", "Roster Admin <roster@example.com>", "roster@example.com"},
		{"roster@example.com", "Roster <roster@example.com>", "roster@example.com"},
		{`"Zoë, Ops" <ops@example.org>`, "Zoë, Ops <ops@example.org>", "ops@example.org"},
	} {
		t.Run(c.from, func(t *testing.T) {
			cfg := mail.Config{Host: "127.0.0.1", Port: srv.Port(), Security: mail.SecurityNone, From: c.from}
			if err := cfg.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			subject := "from " + c.from
			if err := m.Send(context.Background(), cfg, mail.Message{To: "bob@example.com", Subject: subject, Text: "hi"}); err != nil {
				t.Fatal(err)
			}
			for _, got := range srv.Messages() {
				if got.Subject == subject {
					if got.FromHeader != c.header || got.From != c.envelope {
						t.Fatalf("From header %q, envelope %q; want %q, %q", got.FromHeader, got.From, c.header, c.envelope)
					}
					return
				}
			}
			t.Fatal("not received")
		})
	}
	for _, from := range []string{"Roster Admin", "Roster <not-an-address>", "roster@localhost", "a@example.com, b@example.com", strings.Repeat("n", 101) + " <a@example.com>"} {
		cfg := mail.Config{Host: "127.0.0.1", Port: 25, Security: mail.SecurityNone, From: from}
		if err := cfg.Validate(); err == nil {
			t.Errorf("Validate accepted From %q", from)
		}
	}
}

func TestComposeRefusesHeaderInjection(t *testing.T) {
	t.Parallel()
	cfg := mail.Config{From: "roster@example.com"}
	for _, m := range []mail.Message{
		{To: "bob@example.com\r\nBcc: eve@example.com", Subject: "x"},
		{To: "bob@example.com", ToName: "Bob\nBcc: eve@example.com", Subject: "x"},
		{To: "bob@example.com", Subject: "hello\r\nBcc: eve@example.com"},
	} {
		if _, err := mail.Compose(cfg, m, time.Now()); err == nil {
			t.Errorf("Compose accepted %+v", m)
		}
	}
	a, _ := mail.Compose(cfg, mail.Message{ID: "roster.outbox.7", To: "b@example.com", Subject: "s", Text: "t"}, time.Now())
	b, _ := mail.Compose(cfg, mail.Message{ID: "roster.outbox.7", To: "b@example.com", Subject: "s", Text: "t"}, time.Now().Add(time.Hour))
	if !strings.Contains(string(a), "<roster.outbox.7@example.com>") || !strings.Contains(string(b), "<roster.outbox.7@example.com>") {
		t.Fatal("the Message-ID is not stable for one outbox row")
	}
}

func TestASubjectThatLooksEncodedReadsLiterally(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t, mailtest.Options{NoTLS: true})
	m := &mail.SMTP{Timeout: 5 * time.Second}
	cfg := mail.Config{Host: "127.0.0.1", Port: srv.Port(), Security: mail.SecurityNone, From: "roster@example.com"}
	subjects := []string{
		"=?utf-8?b?QWRtaW4gVGVhbQ==?= invited you to Roster", // decodes to "Admin Team" if sent as is
		"Zoë =?iso-8859-1?q?=E9?= and a long tail of text well past the length of one encoded word, with ümlauts",
	}
	for _, subject := range subjects {
		if err := m.Send(context.Background(), cfg, mail.Message{To: "bob@example.com", Subject: subject, Text: "hi"}); err != nil {
			t.Fatal(err)
		}
	}
	got := srv.Wait(t, 2, 5*time.Second)
	for i, subject := range subjects {
		if got[i].Subject != subject {
			t.Errorf("subject arrived as %q, want %q literally", got[i].Subject, subject)
		}
		for _, line := range strings.Split(string(got[i].Raw), "\r\n") {
			if len(line) > 998 {
				t.Errorf("a header line of %d characters", len(line))
			}
		}
	}
}

// A server slow to answer the end of the message (filtering it) gets the
// time RFC 5321 gives that reply, not a budget for the whole exchange: the
// mail is delivered once, not failed and sent again.
func TestASlowFinalReplyIsWaitedFor(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t, mailtest.Options{NoTLS: true, OnReceive: func(mailtest.Received) { time.Sleep(time.Second) }})
	cfg := mail.Config{Host: "127.0.0.1", Port: srv.Port(), Security: mail.SecurityNone, From: "roster@example.com"}
	m := &mail.SMTP{Timeout: 300 * time.Millisecond, DataTimeout: 30 * time.Second}
	if err := m.Send(context.Background(), cfg, mail.Message{To: "bob@example.com", Subject: "slow", Text: "hi"}); err != nil {
		t.Fatalf("a final reply after 1 s (commands may take 300 ms each): %v", err)
	}
	// Past the data timeout it is a timeout of that stage.
	m = &mail.SMTP{Timeout: 300 * time.Millisecond, DataTimeout: 300 * time.Millisecond}
	err := m.Send(context.Background(), cfg, mail.Message{To: "bob@example.com", Subject: "too slow", Text: "hi"})
	var se *mail.SendError
	if !errors.As(err, &se) || se.Stage != mail.StageData || !strings.Contains(se.Message, "Timed out after 300ms") {
		t.Fatalf("a final reply past the data timeout: %v", err)
	}
}
