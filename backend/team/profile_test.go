package team_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/mail/mailtest"
	"roster/backend/team"
)

// lastAudit returns the newest audit entry of action as "before|after".
func (f *fixture) lastAudit(action domain.AuditAction) string {
	f.t.Helper()
	var before, after string
	if err := f.st.Reader().QueryRowContext(f.ctx, `SELECT coalesce(before, ''), coalesce(after, '') FROM audit_log
		WHERE action = ? ORDER BY id DESC LIMIT 1`, action).Scan(&before, &after); err != nil {
		f.t.Fatalf("audit %s: %v", action, err)
	}
	return before + "|" + after
}

func TestProfileNameAndNotifications(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	ada, _ := f.member(owner, "ada@example.com", domain.RoleMonitorAll)

	p, err := f.svc.UpdateName(f.ctx, ada, "  Ada Lovelace ")
	if err != nil || p.Name != "Ada Lovelace" || p.Email != "ada@example.com" {
		t.Fatalf("UpdateName: %+v %v", p, err)
	}
	if got := f.lastAudit(domain.ActionMemberName); got != `{"name":"ada"}|{"name":"Ada Lovelace"}` {
		t.Fatalf("audit: %s", got)
	}
	if m := f.memberByEmail(owner, "ada@example.com"); m.Name != "Ada Lovelace" {
		t.Fatalf("team list shows %q", m.Name)
	}
	_, err = f.svc.UpdateName(f.ctx, ada, " ")
	wantCode(t, err, domain.CodeInvalid, "Enter a name")

	p, err = f.svc.SetOwnNotifications(f.ctx, ada, false)
	if err != nil || p.Notifications {
		t.Fatalf("SetOwnNotifications: %+v %v", p, err)
	}
	if got := f.lastAudit(domain.ActionMemberNotifications); got != `{"notifications":true}|{"notifications":false}` {
		t.Fatalf("audit: %s", got)
	}
	// Only the caller's own row changes: the owner's name is untouched.
	if m := f.memberByEmail(owner, "olivia@example.com"); m.Name != "Olivia Owner" || !m.Notifications {
		t.Fatalf("owner changed: %+v", m)
	}
	_, err = f.svc.UpdateName(f.ctx, domain.CommandLine(), "Nobody")
	wantCode(t, err, domain.CodeUnauthenticated, "Sign in")
}

func TestChangePassword(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	ada, token := f.member(owner, "ada@example.com", domain.RoleMonitorAll)
	otherWindow, _, err := f.svc.SignIn(f.ctx, "ip:192.0.2.1", "ada@example.com", strong)
	if err != nil {
		t.Fatal(err)
	}
	const newer = "Battery-staple-42"

	for _, c := range []struct {
		name string
		in   team.ChangePasswordInput
		code domain.Code
		msg  string
	}{
		{"no current", team.ChangePasswordInput{New: newer}, domain.CodeInvalid, "Enter your current password"},
		{"wrong current", team.ChangePasswordInput{Current: "Wrong-password-1", New: newer}, domain.CodeInvalid, "not your current password"},
		{"weak new (the same rule as sign-up)", team.ChangePasswordInput{Current: strong, New: "short"}, domain.CodeInvalid, "at least 10"},
		{"one kind", team.ChangePasswordInput{Current: strong, New: "alllowercaseletters"}, domain.CodeInvalid, "two kinds"},
		{"unchanged", team.ChangePasswordInput{Current: strong, New: strong}, domain.CodeInvalid, "different"},
	} {
		t.Run(c.name, func(t *testing.T) {
			wantCode(t, f.svc.ChangePassword(f.ctx, ada, token, c.in), c.code, c.msg)
		})
	}
	if err := f.svc.ChangePassword(f.ctx, ada, token, team.ChangePasswordInput{Current: strong, New: newer}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.SignIn(f.ctx, "desktop", "ada@example.com", strong); err == nil {
		t.Fatal("the old password still signs in")
	}
	if _, _, err := f.svc.SignIn(f.ctx, "desktop", "ada@example.com", newer); err != nil {
		t.Fatalf("the new password does not sign in: %v", err)
	}
	// This window stays signed in; the member's other windows are signed out.
	if _, err := f.svc.Authenticate(f.ctx, token); err != nil {
		t.Fatalf("the changing window: %v", err)
	}
	_, err = f.svc.Authenticate(f.ctx, otherWindow)
	wantCode(t, err, domain.CodeUnauthenticated, "Your password was changed")

	got := f.lastAudit(domain.ActionMemberPassword)
	if got != `|{"otherSessionsEnded":1,"password":"changed"}` || strings.Contains(got, newer) || strings.Contains(got, strong) {
		t.Fatalf("audit: %s", got)
	}
	// The owner's password is untouched.
	if _, _, err := f.svc.SignIn(f.ctx, "desktop", "olivia@example.com", strong); err != nil {
		t.Fatalf("owner: %v", err)
	}
}

func TestChangePasswordLimitsGuesses(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	ada, token := f.member(owner, "ada@example.com", domain.RoleMonitorAll)
	wrong := team.ChangePasswordInput{Current: "Wrong-password-1", New: "Battery-staple-42"}
	for range team.LockAfter - 1 {
		wantCode(t, f.svc.ChangePassword(f.ctx, ada, token, wrong), domain.CodeInvalid, "not your current password")
	}
	wantCode(t, f.svc.ChangePassword(f.ctx, ada, token, wrong), domain.CodeRateLimited, "Too many wrong current passwords")
	// Even the right one waits…
	right := team.ChangePasswordInput{Current: strong, New: "Battery-staple-42"}
	wantCode(t, f.svc.ChangePassword(f.ctx, ada, token, right), domain.CodeRateLimited, "Too many")
	// …but signing in elsewhere is not locked by it.
	if _, _, err := f.svc.SignIn(f.ctx, "desktop", "ada@example.com", strong); err != nil {
		t.Fatalf("sign-in locked by password-change guesses: %v", err)
	}
	f.advance(team.LockFor)
	if err := f.svc.ChangePassword(f.ctx, ada, token, right); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
}

var emailCodeLine = regexp.MustCompile(`(?m)^ {4}(\d{6})\r?$`)

func TestEmailChangeByCodeOverSMTP(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	ada, _ := f.member(owner, "ada@example.com", domain.RoleMonitorAll)
	f.member(owner, "bob@example.com", domain.RoleMonitorAll)

	_, err := f.svc.RequestEmailChange(f.ctx, ada, "ada@new.example.com")
	wantCode(t, err, domain.CodeConflict, "E-mail is not set up")

	srv := mailtest.Start(t, mailtest.Options{Username: "roster", Password: "smtp-Secret-1"})
	sender := f.withSMTP(owner, srv.Port(), srv)

	t.Run("refused addresses", func(t *testing.T) {
		_, err := f.svc.RequestEmailChange(f.ctx, ada, "BOB@example.com")
		wantCode(t, err, domain.CodeInvalid, "already used by another member")
		_, err = f.svc.RequestEmailChange(f.ctx, ada, "ada@example.com")
		wantCode(t, err, domain.CodeInvalid, "your address already")
		_, err = f.svc.RequestEmailChange(f.ctx, ada, "not-an-address")
		wantCode(t, err, domain.CodeInvalid, "not an e-mail")
	})

	p, err := f.svc.RequestEmailChange(f.ctx, ada, "ada@new.example.com")
	if err != nil || p.PendingEmail != "ada@new.example.com" || p.Email != "ada@example.com" || p.PendingExpiresAt == nil {
		t.Fatalf("request: %+v %v", p, err)
	}
	if _, err := sender.RunOnce(f.ctx); err != nil {
		t.Fatal(err)
	}
	got := srv.Wait(t, 1, 5*time.Second)[0]
	if got.To != "ada@new.example.com" {
		t.Fatalf("the code went to %s", got.To)
	}
	match := emailCodeLine.FindStringSubmatch(got.Text)
	if match == nil {
		t.Fatalf("no code in the mail:\n%s", got.Text)
	}
	code := match[1]
	// Stored hashed: the code is nowhere in the database once sent.
	if n := f.count("SELECT count(*) FROM email_changes WHERE instr(code_hash, ?) > 0", code); n != 0 {
		t.Fatal("the code is stored in clear")
	}
	if n := f.count("SELECT count(*) FROM outbox WHERE instr(body_text, ?) > 0", code); n != 0 {
		t.Fatal("the sent mail keeps the code")
	}
	if n := f.count("SELECT count(*) FROM audit_log WHERE instr(coalesce(after, ''), ?) > 0", code); n != 0 {
		t.Fatal("the audit log holds the code")
	}
	// Until the code is entered, nothing changed.
	if _, _, err := f.svc.SignIn(f.ctx, "desktop", "ada@example.com", strong); err != nil {
		t.Fatalf("old address before confirming: %v", err)
	}

	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	_, err = f.svc.ConfirmEmailChange(f.ctx, ada, wrong)
	wantCode(t, err, domain.CodeInvalid, "4 tries left")

	p, err = f.svc.ConfirmEmailChange(f.ctx, ada, " "+code[:3]+" "+code[3:]+" ")
	if err != nil || p.Email != "ada@new.example.com" || p.PendingEmail != "" {
		t.Fatalf("confirm: %+v %v", p, err)
	}
	if got := f.lastAudit(domain.ActionMemberEmail); got != `{"email":"ada@example.com"}|{"email":"ada@new.example.com"}` {
		t.Fatalf("audit: %s", got)
	}
	if _, _, err := f.svc.SignIn(f.ctx, "desktop", "ada@new.example.com", strong); err != nil {
		t.Fatalf("new address: %v", err)
	}
	// Single use.
	_, err = f.svc.ConfirmEmailChange(f.ctx, ada, code)
	wantCode(t, err, domain.CodeConflict, "No change of e-mail address is waiting")
}

func TestEmailChangeCodeExpiresAndLimitsTries(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	ada, _ := f.member(owner, "ada@example.com", domain.RoleMonitorAll)
	srv := mailtest.Start(t, mailtest.Options{Username: "roster", Password: "smtp-Secret-1"})
	sender := f.withSMTP(owner, srv.Port(), srv)

	if _, err := f.svc.RequestEmailChange(f.ctx, ada, "ada@new.example.com"); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.RequestEmailChange(f.ctx, ada, "ada@other.example.com")
	wantCode(t, err, domain.CodeRateLimited, "less than a minute ago")

	t.Run("expired", func(t *testing.T) {
		f.advance(team.EmailCodeTTL)
		if p, err := f.svc.Profile(f.ctx, ada); err != nil || p.PendingEmail != "" {
			t.Fatalf("profile after expiry: %+v %v", p, err)
		}
		_, err := f.svc.ConfirmEmailChange(f.ctx, ada, "123456")
		wantCode(t, err, domain.CodeConflict, "expired")
		_, err = f.svc.ConfirmEmailChange(f.ctx, ada, "123456")
		wantCode(t, err, domain.CodeConflict, "No change of e-mail address is waiting")
	})

	t.Run("too many wrong codes", func(t *testing.T) {
		if _, err := f.svc.RequestEmailChange(f.ctx, ada, "ada@other.example.com"); err != nil {
			t.Fatal(err)
		}
		// The first request's mail, still queued, was withdrawn.
		if n := f.count("SELECT count(*) FROM outbox WHERE recipient = 'ada@new.example.com' AND cancelled_at = 0"); n != 0 {
			t.Fatal("the replaced code's mail is still queued")
		}
		for range team.EmailCodeTries - 1 {
			_, err := f.svc.ConfirmEmailChange(f.ctx, ada, "999999x")
			wantCode(t, err, domain.CodeInvalid, "left")
		}
		_, err := f.svc.ConfirmEmailChange(f.ctx, ada, "999999x")
		wantCode(t, err, domain.CodeConflict, "Too many wrong codes")
		if p, _ := f.svc.Profile(f.ctx, ada); p.Email != "ada@example.com" || p.PendingEmail != "" {
			t.Fatalf("profile: %+v", p)
		}
	})

	t.Run("taken while waiting", func(t *testing.T) {
		f.advance(time.Minute)
		if _, err := f.svc.RequestEmailChange(f.ctx, ada, "carol@example.com"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Invite(f.ctx, owner, team.InviteInput{Emails: "carol@example.com", Role: domain.RoleMonitorAll}); err != nil {
			t.Fatal(err)
		}
		if _, err := sender.RunOnce(f.ctx); err != nil {
			t.Fatal(err)
		}
		got := srv.Wait(t, 1, 5*time.Second)[0]
		match := emailCodeLine.FindStringSubmatch(got.Text)
		if got.To != "carol@example.com" || match == nil {
			t.Fatalf("mail: %+v", got)
		}
		_, err := f.svc.ConfirmEmailChange(f.ctx, ada, match[1])
		wantCode(t, err, domain.CodeInvalid, "already used by another member")
		if p, _ := f.svc.Profile(f.ctx, ada); p.Email != "ada@example.com" || p.PendingEmail != "" {
			t.Fatalf("profile: %+v", p)
		}
	})
}
