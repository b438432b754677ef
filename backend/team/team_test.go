package team_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/mail"
	"roster/backend/store"
	"roster/backend/team"
	"roster/backend/testutil"
)

const strong = "Correct-horse-9"

// fixture is a team service on a real SQLite file, with a clock the test
// moves by hand.
type fixture struct {
	t     *testing.T
	ctx   context.Context
	st    *store.Store
	svc   *team.Service
	mu    sync.Mutex
	now   time.Time
	kicks int
}

func TestMain(m *testing.M) { testutil.Main(m) }

// newFixture is a team service on an empty store with three integrations
// (1 Salesforce, 2 Slack, 3 Jira).
func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := fixtureOn(t, testutil.Open(t))
	err := f.st.Update(f.ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(f.ctx, `INSERT INTO integrations (id, key, name, category) VALUES
			(1, 'salesforce', 'Salesforce', 'CRM'), (2, 'slack', 'Slack', 'Chat'), (3, 'jira', 'Jira', 'Tickets')`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// fixtureOn is a team service on st, at the fixture's start time.
func fixtureOn(t *testing.T, st *store.Store) *fixture {
	f := &fixture{t: t, ctx: context.Background(), st: st, now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	f.svc = team.New(st, &mail.SMTP{Timeout: 2 * time.Second}, func() { f.mu.Lock(); f.kicks++; f.mu.Unlock() }, f.clock)
	f.svc.CheapPasswordHashes()
	return f
}

func (f *fixture) clock() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fixture) advance(d time.Duration) {
	f.mu.Lock()
	f.now = f.now.Add(d)
	f.mu.Unlock()
}

// owner sets up the owner and returns their actor and session token.
func (f *fixture) owner() (domain.Actor, string) {
	f.t.Helper()
	token, _, err := f.svc.Setup(f.ctx, team.SetupInput{Name: "Olivia Owner", Email: "olivia@example.com", Password: strong})
	if err != nil {
		f.t.Fatalf("setup: %v", err)
	}
	return f.actor(token), token
}

func (f *fixture) actor(token string) domain.Actor {
	f.t.Helper()
	a, err := f.svc.Authenticate(f.ctx, token)
	if err != nil {
		f.t.Fatalf("authenticate: %v", err)
	}
	return a
}

// member invites email with role (and scope) and accepts as them.
func (f *fixture) member(by domain.Actor, email string, role domain.Role, scope ...int64) (domain.Actor, string) {
	f.t.Helper()
	res, err := f.svc.Invite(f.ctx, by, team.InviteInput{Emails: email, Role: role, Integrations: scope})
	if err != nil || len(res.Invited) != 1 {
		f.t.Fatalf("invite %s: %v %+v", email, err, res)
	}
	token, _, err := f.svc.Accept(f.ctx, team.AcceptInput{Email: email, Code: res.Invited[0].Code, Name: strings.Split(email, "@")[0], Password: strong})
	if err != nil {
		f.t.Fatalf("accept %s: %v", email, err)
	}
	return f.actor(token), token
}

func (f *fixture) memberByEmail(by domain.Actor, email string) domain.Member {
	f.t.Helper()
	ms, err := f.svc.List(f.ctx, by, team.ListInput{Search: email})
	if err != nil || len(ms) != 1 {
		f.t.Fatalf("find %s: %v (%d found)", email, err, len(ms))
	}
	return ms[0]
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.st.Reader().QueryRowContext(f.ctx, query, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func wantCode(t *testing.T, err error, code domain.Code, contains string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error; want %s containing %q", code, contains)
	}
	e := domain.AsError(err)
	if e.Code != code || !strings.Contains(e.Message, contains) {
		t.Fatalf("got %s %q (%v); want %s containing %q", e.Code, e.Message, err, code, contains)
	}
}

func TestOwnerSetup(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st, err := f.svc.State(f.ctx, "")
	if err != nil || !st.NeedsSetup {
		t.Fatalf("empty database: %+v %v; want needsSetup", st, err)
	}
	t.Run("refused", func(t *testing.T) {
		for _, c := range []struct {
			name string
			in   team.SetupInput
			code domain.Code
			msg  string
		}{
			{"short password", team.SetupInput{Name: "O", Email: "o@example.com", Password: "Short1"}, domain.CodeInvalid, "at least 10"},
			{"one class", team.SetupInput{Name: "O", Email: "o@example.com", Password: "alllowercaseletters"}, domain.CodeInvalid, "two kinds"},
			{"bad e-mail", team.SetupInput{Name: "O", Email: "not-an-address", Password: strong}, domain.CodeInvalid, "not an e-mail"},
			{"header injection", team.SetupInput{Name: "O", Email: "o@example.com\r\nBcc: x@evil.com", Password: strong}, domain.CodeInvalid, "line break"},
			{"no name", team.SetupInput{Name: "  ", Email: "o@example.com", Password: strong}, domain.CodeInvalid, "Enter a name"},
			{"long name", team.SetupInput{Name: strings.Repeat("n", 101), Email: "o@example.com", Password: strong}, domain.CodeInvalid, "limit is 100"},
		} {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				_, _, err := f.svc.Setup(f.ctx, c.in)
				wantCode(t, err, c.code, c.msg)
			})
		}
	}) // returns once every parallel refusal ran, so the count below sees them all
	if n := f.count("SELECT count(*) FROM members"); n != 0 {
		t.Fatalf("refused setups wrote %d members", n)
	}
	owner, token := f.owner()
	if owner.Role != domain.RoleOwner {
		t.Fatalf("owner role %s", owner.Role)
	}
	st, err = f.svc.State(f.ctx, token)
	if err != nil || !st.SignedIn || st.Me.Email != "olivia@example.com" || len(st.Me.Permissions) != len(domain.Permissions) {
		t.Fatalf("state after setup: %+v %v", st, err)
	}
	_, _, err = f.svc.Setup(f.ctx, team.SetupInput{Name: "Mallory", Email: "m@example.com", Password: strong})
	wantCode(t, err, domain.CodeConflict, "already has an owner")
	if st, _ := f.svc.State(f.ctx, ""); st.NeedsSetup || st.SignedIn {
		t.Fatalf("state without a token after setup: %+v", st)
	}
}

func TestSignInLockoutAndLastSignIn(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	for i := 1; i < team.LockAfter; i++ {
		_, _, err := f.svc.SignIn(f.ctx, "desktop", "olivia@example.com", "wrong password 1")
		wantCode(t, err, domain.CodeUnauthenticated, "do not match")
	}
	_, _, err := f.svc.SignIn(f.ctx, "desktop", "olivia@example.com", "wrong password 1")
	wantCode(t, err, domain.CodeRateLimited, "locked until")
	// Even the right password is refused while locked.
	_, _, err = f.svc.SignIn(f.ctx, "desktop", "OLIVIA@example.com", strong)
	wantCode(t, err, domain.CodeRateLimited, "locked until")
	f.advance(team.LockFor - time.Second)
	_, _, err = f.svc.SignIn(f.ctx, "desktop", "olivia@example.com", strong)
	wantCode(t, err, domain.CodeRateLimited, "locked until")
	f.advance(2 * time.Second)
	token, me, err := f.svc.SignIn(f.ctx, "desktop", "Olivia@Example.com", strong)
	if err != nil || me.ID != owner.MemberID || token == "" {
		t.Fatalf("sign-in after the lock: %v", err)
	}
	m := f.memberByEmail(owner, "olivia@example.com")
	if m.LastSignInAt == nil || !m.LastSignInAt.Equal(f.clock()) {
		t.Fatalf("last sign-in %v; want %v", m.LastSignInAt, f.clock())
	}
	// An unknown address fails like a wrong password and locks nobody.
	_, _, err = f.svc.SignIn(f.ctx, "desktop", "nobody@example.com", strong)
	wantCode(t, err, domain.CodeUnauthenticated, "do not match")
	if n := f.count("SELECT count(*) FROM audit_log WHERE action = ?", domain.ActionSignInFailed); n != 13 {
		t.Fatalf("%d failed sign-ins audited; want 13", n)
	}
	if n := f.count("SELECT count(*) FROM audit_log WHERE action = ? AND after LIKE '%lockedUntil%'", domain.ActionSignInFailed); n != 1 {
		t.Fatalf("%d lockouts audited; want 1", n)
	}
}

// A stranger's wrong guesses from one address lock that address only: the
// owner signs in from the desktop or another address, and an administrator
// can lift the lock.
func TestLockoutIsPerClientAndCanBeLifted(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	f.member(owner, "bob@example.com", domain.RoleMonitorAll)
	stranger := "ip:203.0.113.9"
	for range team.LockAfter {
		_, _, err := f.svc.SignIn(f.ctx, stranger, "bob@example.com", "wrong password 1")
		if err == nil {
			t.Fatal("a wrong password signed in")
		}
	}
	_, _, err := f.svc.SignIn(f.ctx, stranger, "bob@example.com", strong)
	wantCode(t, err, domain.CodeRateLimited, "locked until")
	for _, client := range []string{"desktop", "ip:198.51.100.7"} {
		if _, _, err := f.svc.SignIn(f.ctx, client, "bob@example.com", strong); err != nil {
			t.Fatalf("sign-in from %s while %s is locked out: %v", client, stranger, err)
		}
	}
	if m := f.memberByEmail(owner, "bob@example.com"); m.LockedUntil == nil {
		t.Fatal("the Team page does not show the lock")
	}

	// The owner lifts it; the stranger's address may sign in again.
	m, err := f.svc.UnlockSignIn(f.ctx, owner, f.memberByEmail(owner, "bob@example.com").ID)
	if err != nil || m.LockedUntil != nil {
		t.Fatalf("unlock: %+v, %v", m.LockedUntil, err)
	}
	if _, _, err := f.svc.SignIn(f.ctx, stranger, "bob@example.com", strong); err != nil {
		t.Fatalf("sign-in after the unlock: %v", err)
	}
	if n := f.count("SELECT count(*) FROM audit_log WHERE action = ?", domain.ActionMemberUnlock); n != 1 {
		t.Fatalf("%d unlocks audited; want 1", n)
	}
	monitor, _ := f.member(owner, "carol@example.com", domain.RoleMonitorAll)
	_, err = f.svc.UnlockSignIn(f.ctx, monitor, m.ID)
	wantCode(t, err, domain.CodeForbidden, "")
}

func TestSessionIdleTimeout(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, token := f.owner()
	f.advance(59 * time.Minute)
	f.actor(token) // activity: the idle clock restarts
	f.advance(59 * time.Minute)
	f.actor(token)
	f.advance(61 * time.Minute)
	_, err := f.svc.Authenticate(f.ctx, token)
	wantCode(t, err, domain.CodeUnauthenticated, "60 minutes without activity")
	_, err = f.svc.Authenticate(f.ctx, token)
	wantCode(t, err, domain.CodeUnauthenticated, "60 minutes without activity") // ended for good, still saying why
	if st, _ := f.svc.State(f.ctx, token); st.SignedIn || !strings.Contains(st.Notice, "without activity") {
		t.Fatalf("an ended session reads as %+v; want signed out, saying why", st)
	}
	// A day later the next sign-in prunes it: the table does not grow forever.
	f.advance(24 * time.Hour)
	if _, _, err := f.svc.SignIn(f.ctx, "desktop", "olivia@example.com", strong); err != nil {
		t.Fatal(err)
	}
	var n int
	f.st.Reader().QueryRowContext(f.ctx, "SELECT count(*) FROM sessions").Scan(&n)
	if n != 1 {
		t.Fatalf("%d sessions after pruning; want the new one only", n)
	}
}

// A call does not wait behind a long write (a load holds the writer for as
// long as it runs) to record the session's activity: it skips the touch,
// and a later call writes it.
func TestSessionTouchDoesNotWaitForTheWriter(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, token := f.owner()
	lastSeen := func() int64 {
		var at int64
		if err := f.st.Reader().QueryRowContext(f.ctx, "SELECT max(last_seen_at) FROM sessions").Scan(&at); err != nil {
			t.Fatal(err)
		}
		return at
	}
	before := lastSeen()
	f.advance(time.Minute) // past touchEvery

	holding, release, written := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		written <- f.st.Update(f.ctx, func(store.DB) error { close(holding); <-release; return nil })
	}()
	<-holding
	got := make(chan error, 1)
	go func() { _, err := f.svc.Authenticate(f.ctx, token); got <- err }()
	select {
	case err := <-got:
		if err != nil {
			t.Fatalf("authenticate while the writer is held: %v", err)
		}
	case <-time.After(30 * time.Second): // only when it waits for the writer
		close(release)
		t.Fatal("authenticate waited for the writer")
	}
	if lastSeen() != before {
		t.Fatal("the touch was written while another write held the writer")
	}
	close(release)
	if err := <-written; err != nil {
		t.Fatal(err)
	}
	f.actor(token)
	if want := f.clock().UnixMilli(); lastSeen() != want {
		t.Fatalf("last seen %d after the writer was free; want %d", lastSeen(), want)
	}
}

func TestDisableEndsSessionsAndKeepsEverything(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	admin, _ := f.member(owner, "ann@example.com", domain.RoleAdmin)
	_, bobToken := f.member(admin, "bob@example.com", domain.RoleMonitorAll)
	bobToken2, _, err := f.svc.SignIn(f.ctx, "desktop", "bob@example.com", strong)
	if err != nil {
		t.Fatal(err)
	}
	bob := f.memberByEmail(owner, "bob@example.com")

	if _, err := f.svc.SetEnabled(f.ctx, admin, bob.ID, false); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Authenticate(f.ctx, bobToken)
	wantCode(t, err, domain.CodeUnauthenticated, "turned off your access") // the window is told why
	_, err = f.svc.Authenticate(f.ctx, bobToken)
	wantCode(t, err, domain.CodeUnauthenticated, "turned off your access") // and again: the event stream asks too
	_, _, err = f.svc.SignIn(f.ctx, "desktop", "bob@example.com", strong)
	wantCode(t, err, domain.CodeForbidden, "turned off")
	if got := f.memberByEmail(owner, "bob@example.com"); got.Enabled || got.Status != domain.MemberAccepted || got.Role != domain.RoleMonitorAll {
		t.Fatalf("disabled member changed beyond enabled: %+v", got)
	}
	if _, err := f.svc.SetEnabled(f.ctx, admin, bob.ID, true); err != nil {
		t.Fatal(err)
	}
	// Turning access back on does not revive a session that was open before.
	_, err = f.svc.Authenticate(f.ctx, bobToken2)
	wantCode(t, err, domain.CodeUnauthenticated, "turned off your access")
	if _, _, err := f.svc.SignIn(f.ctx, "desktop", "bob@example.com", strong); err != nil {
		t.Fatalf("sign-in after re-enable: %v", err)
	}
	var after string
	f.st.Reader().QueryRowContext(f.ctx, "SELECT after FROM audit_log WHERE action = ?", domain.ActionMemberDisable).Scan(&after)
	if !strings.Contains(after, `"sessionsEnded":2`) {
		t.Fatalf("disable audit %s; want 2 sessions ended", after)
	}

	t.Run("nobody turns off themselves or the owner", func(t *testing.T) {
		_, err := f.svc.SetEnabled(f.ctx, admin, admin.MemberID, false)
		wantCode(t, err, domain.CodeForbidden, "own membership")
		_, err = f.svc.SetEnabled(f.ctx, admin, owner.MemberID, false)
		wantCode(t, err, domain.CodeForbidden, "owner")
	})
}

func TestInvitationLifecycle(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	res, err := f.svc.Invite(f.ctx, owner, team.InviteInput{Emails: "carl@example.com, dana@example.com\nerin@example.com carl@EXAMPLE.com Olivia@Example.com", Role: domain.RoleMonitorAll})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Invited) != 3 || res.Emailed || len(res.Addresses) != 4 ||
		res.Addresses[3] != (team.AddressOutcome{Email: "olivia@example.com", Outcome: domain.InviteAlreadyMember, Reason: "Already a member of the team: not invited again."}) { // reported as the member is known
		t.Fatalf("invite result %+v", res)
	}
	codes := map[string]string{}
	for _, inv := range res.Invited {
		if inv.Member.Status != domain.MemberPending || len(inv.Code) < 43 || inv.Link != "" {
			t.Fatalf("invitation %+v", inv)
		}
		codes[inv.Member.Email] = inv.Code
	}
	if n := f.count("SELECT count(*) FROM invitations WHERE instr(code_hash, ?) > 0", codes["carl@example.com"]); n != 0 {
		t.Fatal("a code is stored in clear")
	}

	t.Run("check says what it invites to", func(t *testing.T) {
		info, err := f.svc.CheckInvitation(f.ctx, "CARL@example.com", codes["carl@example.com"])
		if err != nil || info.Role != domain.RoleMonitorAll || info.InvitedBy != "Olivia Owner" {
			t.Fatalf("check: %+v %v", info, err)
		}
		_, err = f.svc.CheckInvitation(f.ctx, "dana@example.com", codes["carl@example.com"])
		wantCode(t, err, domain.CodeInvalid, "does not match")
	})
	t.Run("resend needs e-mail; a new code replaces the old", func(t *testing.T) {
		carl := f.memberByEmail(owner, "carl@example.com")
		_, err := f.svc.Resend(f.ctx, owner, carl.ID)
		wantCode(t, err, domain.CodeConflict, "not set up")
		inv, err := f.svc.NewCode(f.ctx, owner, carl.ID)
		if err != nil || inv.Code == codes["carl@example.com"] {
			t.Fatalf("new code: %v", err)
		}
		_, _, err = f.svc.Accept(f.ctx, team.AcceptInput{Email: "carl@example.com", Code: codes["carl@example.com"], Name: "Carl", Password: strong})
		wantCode(t, err, domain.CodeConflict, "replaced")
		codes["carl@example.com"] = inv.Code
	})
	t.Run("accept once", func(t *testing.T) {
		_, _, err := f.svc.Accept(f.ctx, team.AcceptInput{Email: "carl@example.com", Code: codes["carl@example.com"], Name: "Carl", Password: "weak"})
		wantCode(t, err, domain.CodeInvalid, "at least 10")
		token, me, err := f.svc.Accept(f.ctx, team.AcceptInput{Email: "carl@example.com", Code: codes["carl@example.com"], Name: "Carl Jung", Password: strong})
		if err != nil || me.Name != "Carl Jung" || me.Role != domain.RoleMonitorAll {
			t.Fatalf("accept: %+v %v", me, err)
		}
		f.actor(token)
		_, _, err = f.svc.Accept(f.ctx, team.AcceptInput{Email: "carl@example.com", Code: codes["carl@example.com"], Name: "Carl", Password: strong})
		wantCode(t, err, domain.CodeConflict, "already been accepted")
		if m := f.memberByEmail(owner, "carl@example.com"); m.Status != domain.MemberAccepted || m.LastSignInAt == nil {
			t.Fatalf("accepted member %+v", m)
		}
	})
	t.Run("dismiss", func(t *testing.T) {
		if err := f.svc.Dismiss(f.ctx, "dana@example.com", codes["dana@example.com"]); err != nil {
			t.Fatal(err)
		}
		if m := f.memberByEmail(owner, "dana@example.com"); m.Status != domain.MemberDismissed {
			t.Fatalf("dismissed member %+v", m)
		}
		err := f.svc.Dismiss(f.ctx, "dana@example.com", codes["dana@example.com"])
		wantCode(t, err, domain.CodeConflict, "dismissed")
	})
	t.Run("revoke", func(t *testing.T) {
		erin := f.memberByEmail(owner, "erin@example.com")
		if err := f.svc.Revoke(f.ctx, owner, erin.ID); err != nil {
			t.Fatal(err)
		}
		_, _, err := f.svc.Accept(f.ctx, team.AcceptInput{Email: "erin@example.com", Code: codes["erin@example.com"], Name: "Erin", Password: strong})
		wantCode(t, err, domain.CodeConflict, "revoked")
		if ms, _ := f.svc.List(f.ctx, owner, team.ListInput{Search: "erin"}); len(ms) != 0 {
			t.Fatalf("revoked invitee still listed: %+v", ms)
		}
		carl := f.memberByEmail(owner, "carl@example.com")
		wantCode(t, f.svc.Revoke(f.ctx, owner, carl.ID), domain.CodeConflict, "already accepted")
	})
	t.Run("expire", func(t *testing.T) {
		res, err := f.svc.Invite(f.ctx, owner, team.InviteInput{Emails: "fay@example.com", Role: domain.RoleMonitorAll})
		if err != nil {
			t.Fatal(err)
		}
		f.advance(7*24*time.Hour + time.Minute)
		expired, err := f.svc.List(f.ctx, owner, team.ListInput{Status: domain.MemberExpired})
		if err != nil || len(expired) != 1 || expired[0].Email != "fay@example.com" {
			t.Fatalf("expired filter: %+v %v", expired, err)
		}
		_, err = f.svc.CheckInvitation(f.ctx, "fay@example.com", res.Invited[0].Code)
		wantCode(t, err, domain.CodeConflict, "expired on")
		inv, err := f.svc.NewCode(f.ctx, owner, expired[0].ID)
		if err != nil || inv.Member.Status != domain.MemberPending {
			t.Fatalf("new code after expiry: %+v %v", inv, err)
		}
	})
	want := map[domain.AuditAction]int{domain.ActionMemberInvite: 4, domain.ActionMemberNewCode: 2, domain.ActionMemberAccept: 1,
		domain.ActionMemberDismiss: 1, domain.ActionMemberRevoke: 1}
	for action, n := range want {
		if got := f.count("SELECT count(*) FROM audit_log WHERE action = ?", action); got != n {
			t.Errorf("%d %s audit entries; want %d", got, action, n)
		}
	}
	if _, err := store.VerifyAudit(f.ctx, f.st.Reader()); err != nil {
		t.Fatal(err)
	}
}

func TestInviteBadInputWritesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	t.Run("refused", func(t *testing.T) {
		for _, c := range []struct {
			name string
			in   team.InviteInput
			code domain.Code
			msg  string
		}{
			{"empty", team.InviteInput{Emails: " ,\n", Role: domain.RoleAdmin}, domain.CodeInvalid, "at least one"},
			{"unknown role", team.InviteInput{Emails: "ok@example.com", Role: "god"}, domain.CodeInvalid, "Unknown role"},
			{"owner", team.InviteInput{Emails: "ok@example.com", Role: domain.RoleOwner}, domain.CodeInvalid, "one owner"},
			{"scoped without integrations", team.InviteInput{Emails: "ok@example.com", Role: domain.RoleManageIntegrations}, domain.CodeInvalid, "Choose the integrations"},
			{"unknown integration", team.InviteInput{Emails: "ok@example.com", Role: domain.RoleManageIntegrations, Integrations: []int64{99}}, domain.CodeInvalid, "no integration with id 99"},
			{"scope on an unscoped role", team.InviteInput{Emails: "ok@example.com", Role: domain.RoleAdmin, Integrations: []int64{1}}, domain.CodeInvalid, "every integration"},
			{"too many", team.InviteInput{Emails: strings.Repeat("x@example.com ", 1) + manyAddresses(51), Role: domain.RoleAdmin}, domain.CodeInvalid, "at most 50"},
		} {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				_, err := f.svc.Invite(f.ctx, owner, c.in)
				wantCode(t, err, c.code, c.msg)
			})
		}
	})
	if n := f.count("SELECT count(*) FROM members"); n != 1 {
		t.Fatalf("%d members after refused invitations; want the owner alone", n)
	}
}

// TestOneBadAddressDoesNotBlockTheBatch: the good addresses are invited,
// each other address is reported with why, and only the invitations are
// written.
func TestOneBadAddressDoesNotBlockTheBatch(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	if _, err := f.svc.Invite(f.ctx, owner, team.InviteInput{Emails: "pat@example.com", Role: domain.RoleMonitorAll}); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("z", 300) + "@example.com"
	res, err := f.svc.Invite(f.ctx, owner, team.InviteInput{
		Emails: "a@x.com, not-an-address, b@x.com Olivia@example.com\nPAT@example.com @x.com c@x " + long + " A@X.com",
		Role:   domain.RoleMonitorAll,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []team.AddressOutcome{
		{Email: "a@x.com", Outcome: domain.InviteInvited},
		{Email: "not-an-address", Outcome: domain.InviteInvalid, Reason: "No @: an address reads like name@example.com."},
		{Email: "b@x.com", Outcome: domain.InviteInvited},
		{Email: "olivia@example.com", Outcome: domain.InviteAlreadyMember, Reason: "Already a member of the team: not invited again."},
		{Email: "pat@example.com", Outcome: domain.InviteAlreadyInvited, Reason: "Already invited (pending): resend the invitation from their ⋯ menu instead."},
		{Email: "@x.com", Outcome: domain.InviteInvalid, Reason: "Nothing before the @: an address reads like name@example.com."},
		{Email: "c@x", Outcome: domain.InviteInvalid, Reason: `"x" is not a full domain: an address reads like name@example.com.`},
		{Email: strings.Repeat("z", 60) + "…", Outcome: domain.InviteInvalid, Reason: "Longer than 254 characters."},
	}
	if len(res.Addresses) != len(want) {
		t.Fatalf("addresses %+v; want %+v", res.Addresses, want)
	}
	for i := range want {
		if res.Addresses[i] != want[i] {
			t.Errorf("address %d: %+v; want %+v", i, res.Addresses[i], want[i])
		}
	}
	if len(res.Invited) != 2 || res.Invited[0].Member.Email != "a@x.com" || res.Invited[1].Member.Email != "b@x.com" || res.Invited[0].Code == "" {
		t.Fatalf("invited %+v", res.Invited)
	}
	// The owner, pat, a and b: nothing of the refused entries.
	if n := f.count("SELECT count(*) FROM members"); n != 4 {
		t.Fatalf("%d members; want 4", n)
	}
	if n := f.count("SELECT count(*) FROM invitations"); n != 3 {
		t.Fatalf("%d invitations; want 3", n)
	}
	if n := f.count("SELECT count(*) FROM audit_log WHERE action = ?", domain.ActionMemberInvite); n != 3 {
		t.Fatalf("%d invite audit entries; want 3", n)
	}

	t.Run("nothing valid writes nothing and says why", func(t *testing.T) {
		res, err := f.svc.Invite(f.ctx, owner, team.InviteInput{Emails: "nope; a@x.com", Role: domain.RoleMonitorAll})
		if err != nil || len(res.Invited) != 0 || len(res.Addresses) != 2 ||
			res.Addresses[0].Outcome != domain.InviteInvalid || res.Addresses[1].Outcome != domain.InviteAlreadyInvited {
			t.Fatalf("%+v %v", res, err)
		}
		if n := f.count("SELECT count(*) FROM members"); n != 4 {
			t.Fatalf("%d members; want 4", n)
		}
	})
}

func manyAddresses(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("p" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@example.com ")
	}
	return b.String()
}

func TestNobodyGrantsMoreThanTheyHold(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	monitor, _ := f.member(owner, "mo@example.com", domain.RoleMonitorAll)
	slackMgr, _ := f.member(owner, "sm@example.com", domain.RoleManageIntegrations, 2)

	_, err := f.svc.Invite(f.ctx, monitor, team.InviteInput{Emails: "x@example.com", Role: domain.RoleMonitorAll})
	wantCode(t, err, domain.CodeForbidden, "Invitations setting is off")

	if _, err := f.svc.UpdateSettings(f.ctx, owner, team.SettingsInput{InvitationsOpen: true, InvitationDays: 7, IdleMinutes: 60}); err != nil {
		t.Fatal(err)
	}
	t.Run("grants", func(t *testing.T) {
		for _, c := range []struct {
			name  string
			by    domain.Actor
			role  domain.Role
			scope []int64
			ok    bool
		}{
			{"monitor invites a monitor", monitor, domain.RoleMonitorAll, nil, true},
			{"monitor invites a scoped monitor", monitor, domain.RoleMonitorIntegrations, []int64{1}, true},
			{"monitor cannot invite a manager", monitor, domain.RoleManageAll, nil, false},
			{"monitor cannot invite an admin", monitor, domain.RoleAdmin, nil, false},
			{"slack manager invites a slack monitor", slackMgr, domain.RoleMonitorIntegrations, []int64{2}, true},
			{"slack manager cannot reach jira", slackMgr, domain.RoleManageIntegrations, []int64{2, 3}, false},
			{"slack manager cannot invite monitor-all", slackMgr, domain.RoleMonitorAll, nil, false},
		} {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel() // each case invites its own address
				_, err := f.svc.Invite(f.ctx, c.by, team.InviteInput{Emails: strings.ReplaceAll(c.name, " ", "-") + "@example.com", Role: c.role, Integrations: c.scope})
				if c.ok && err != nil {
					t.Fatalf("refused: %v", err)
				}
				if !c.ok {
					wantCode(t, err, domain.CodeForbidden, "nobody grants more")
				}
			})
		}
	})
	t.Run("only owners and admins manage members", func(t *testing.T) {
		mo := f.memberByEmail(owner, "sm@example.com")
		_, err := f.svc.ChangeRole(f.ctx, monitor, team.ChangeRoleInput{MemberID: mo.ID, Version: mo.Version, Role: domain.RoleMonitorAll})
		wantCode(t, err, domain.CodeForbidden, "does not allow")
		err = f.svc.Remove(f.ctx, slackMgr, mo.ID)
		wantCode(t, err, domain.CodeForbidden, "does not allow")
	})
	t.Run("nobody but the owner changes the owner", func(t *testing.T) {
		admin, _ := f.member(owner, "ad@example.com", domain.RoleAdmin)
		o := f.memberByEmail(owner, "olivia@example.com")
		_, err := f.svc.ChangeRole(f.ctx, admin, team.ChangeRoleInput{MemberID: o.ID, Version: o.Version, Role: domain.RoleAdmin})
		wantCode(t, err, domain.CodeForbidden, "owner")
		_, err = f.svc.TransferOwnership(f.ctx, admin, admin.MemberID)
		wantCode(t, err, domain.CodeForbidden, "Only the owner")
		if _, err := f.svc.TransferOwnership(f.ctx, owner, admin.MemberID); err != nil {
			t.Fatal(err)
		}
		if got := f.memberByEmail(admin, "olivia@example.com").Role; got != domain.RoleAdmin {
			t.Fatalf("old owner is %s; want admin", got)
		}
		if got := f.memberByEmail(admin, "ad@example.com").Role; got != domain.RoleOwner {
			t.Fatalf("new owner is %s", got)
		}
	})
}

func TestConcurrentRoleChangesDoNotOverwrite(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	ann, _ := f.member(owner, "ann@example.com", domain.RoleAdmin)
	f.member(owner, "bob@example.com", domain.RoleMonitorAll)
	bob := f.memberByEmail(owner, "bob@example.com")

	// Both admins loaded the list (same version), then both change Bob.
	if _, err := f.svc.ChangeRole(f.ctx, owner, team.ChangeRoleInput{MemberID: bob.ID, Version: bob.Version, Role: domain.RoleManageAll}); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.ChangeRole(f.ctx, ann, team.ChangeRoleInput{MemberID: bob.ID, Version: bob.Version, Role: domain.RoleMonitorIntegrations, Integrations: []int64{1}})
	wantCode(t, err, domain.CodeConflict, "changed bob@example.com a moment ago")
	got := f.memberByEmail(owner, "bob@example.com")
	if got.Role != domain.RoleManageAll || len(got.Integrations) != 0 {
		t.Fatalf("bob after the race: %+v", got)
	}
	var before, after string
	f.st.Reader().QueryRowContext(f.ctx, "SELECT before, after FROM audit_log WHERE action = ?", domain.ActionMemberRole).Scan(&before, &after)
	if !strings.Contains(before, "monitor_all") || !strings.Contains(after, "manage_all") {
		t.Fatalf("role audit %s → %s", before, after)
	}
	// A role change takes effect at the member's next call.
	token, _, err := f.svc.SignIn(f.ctx, "desktop", "bob@example.com", strong)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ChangeRole(f.ctx, ann, team.ChangeRoleInput{MemberID: bob.ID, Version: got.Version, Role: domain.RoleMonitorIntegrations, Integrations: []int64{1, 1, 3}}); err != nil {
		t.Fatal(err)
	}
	if a := f.actor(token); a.Role != domain.RoleMonitorIntegrations || len(a.Integrations) != 2 {
		t.Fatalf("bob's actor after the change: %+v", a)
	}
}

func TestRemoveKeepsAuditHistory(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	bob, token := f.member(owner, "bob@example.com", domain.RoleManageAll)
	if _, err := f.svc.SetNotifications(f.ctx, bob, bob.MemberID, false); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Remove(f.ctx, owner, bob.MemberID); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.Authenticate(f.ctx, token)
	wantCode(t, err, domain.CodeUnauthenticated, "")
	if n := f.count("SELECT count(*) FROM audit_log WHERE actor_id = ? AND actor_name = 'bob'", bob.ID); n != 2 {
		t.Fatalf("%d of bob's audit entries remain; want 2 (accept, notifications)", n)
	}
	if n := f.count("SELECT count(*) FROM members WHERE email = 'bob@example.com'"); n != 0 {
		t.Fatal("removed member still stored")
	}
}

func TestSettingsNeverExposeThePassword(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	in := team.SettingsInput{SMTP: team.SMTPInput{Host: "smtp.example.com", Port: 587, Security: mail.SecuritySTARTTLS,
		Username: "roster", Password: "s3cret-Passw0rd", From: "roster@example.com"}, InvitationDays: 5, IdleMinutes: 30}
	got, err := f.svc.UpdateSettings(f.ctx, owner, in)
	if err != nil {
		t.Fatal(err)
	}
	if !got.SMTP.PasswordSet || got.InvitationDays != 5 || got.IdleMinutes != 30 {
		t.Fatalf("settings %+v", got)
	}
	in.SMTP.Password = "" // keep
	in.SMTP.Host = "mail.example.com"
	if got, err = f.svc.UpdateSettings(f.ctx, owner, in); err != nil || !got.SMTP.PasswordSet {
		t.Fatalf("keep password: %+v %v", got, err)
	}
	if n := f.count("SELECT count(*) FROM audit_log WHERE before LIKE '%s3cret%' OR after LIKE '%s3cret%'"); n != 0 {
		t.Fatal("the SMTP password reached the audit log")
	}
	if n := f.count("SELECT count(*) FROM audit_log WHERE action = ? AND after LIKE '%smtpPasswordChanged%'", domain.ActionSettingsUpdate); n != 1 {
		t.Fatalf("%d audit entries note the password change; want 1", n)
	}
	t.Run("refused", func(t *testing.T) {
		for _, c := range []struct {
			name  string
			mod   func(*team.SettingsInput)
			field string
		}{
			{"port", func(s *team.SettingsInput) { s.SMTP.Port = 70000 }, "smtp.port"},
			{"from", func(s *team.SettingsInput) { s.SMTP.From = "not an address" }, "smtp.from"},
			{"host injection", func(s *team.SettingsInput) { s.SMTP.Host = "a\r\nb" }, "smtp.host"},
			{"days", func(s *team.SettingsInput) { s.InvitationDays = 0 }, "invitationDays"},
			{"idle", func(s *team.SettingsInput) { s.IdleMinutes = 2 }, "idleMinutes"},
			{"digest", func(s *team.SettingsInput) { p := domain.DefaultPolicy; p.DigestMinutes = 0; s.Policy = &p }, "policy.digestMinutes"},
			{"cooldown", func(s *team.SettingsInput) { p := domain.DefaultPolicy; p.CooldownMinutes = -1; s.Policy = &p }, "policy.cooldownMinutes"},
			{"retention", func(s *team.SettingsInput) { p := domain.DefaultPolicy; p.RetentionDays = 0; s.Policy = &p }, "policy.retentionDays"},
			{"give up", func(s *team.SettingsInput) { p := domain.DefaultPolicy; p.GiveUpDays = 31; s.Policy = &p }, "policy.giveUpDays"},
		} {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				bad := in
				c.mod(&bad)
				_, err := f.svc.UpdateSettings(f.ctx, owner, bad)
				if e := domain.AsError(err); err == nil || e.Code != domain.CodeInvalid || e.Field != c.field {
					t.Fatalf("got %v (field %q); want invalid %s", err, e.Field, c.field)
				}
			})
		}
	})
	t.Run("policy", func(t *testing.T) {
		if got.Policy != domain.DefaultPolicy {
			t.Fatalf("a new workspace's policy is %+v; want the defaults", got.Policy)
		}
		p := domain.Policy{DigestMinutes: 30, CooldownMinutes: 0, RetentionDays: 7, GiveUpDays: 2}
		withPolicy := in
		withPolicy.Policy = &p
		saved, err := f.svc.UpdateSettings(f.ctx, owner, withPolicy)
		if err != nil || saved.Policy != p {
			t.Fatalf("saved %+v, %v; want %+v", saved.Policy, err, p)
		}
		// A form without a policy keeps it.
		if saved, err = f.svc.UpdateSettings(f.ctx, owner, in); err != nil || saved.Policy != p {
			t.Fatalf("kept %+v, %v", saved.Policy, err)
		}
		if n := f.count(`SELECT count(*) FROM audit_log WHERE action = ? AND json_extract(before, '$.retentionDays') = 90
			AND json_extract(after, '$.retentionDays') = 7`, domain.ActionSettingsUpdate); n != 1 {
			t.Fatalf("%d audit entries record the retention change; want 1", n)
		}
	})
	monitor, _ := f.member(owner, "mo@example.com", domain.RoleMonitorAll)
	_, err = f.svc.GetSettings(f.ctx, monitor)
	wantCode(t, err, domain.CodeForbidden, "does not allow")
}

// Me tells the UI which roles a member may hand out: none while the
// Invitations setting keeps them from inviting, then their level or lower.
func TestMeListsGrantableRoles(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, ownerToken := f.owner()
	_, monitorToken := f.member(owner, "mo@example.com", domain.RoleMonitorAll)
	grantable := func(token string) string {
		t.Helper()
		st, err := f.svc.State(f.ctx, token)
		if err != nil || st.Me == nil {
			t.Fatalf("state: %+v, %v", st, err)
		}
		return fmt.Sprint(st.Me.Grantable)
	}
	if got := grantable(ownerToken); got != "[admin manage_all monitor_all manage_integrations monitor_integrations]" {
		t.Fatalf("owner grants %s", got)
	}
	if got := grantable(monitorToken); got != "[]" {
		t.Fatalf("monitor with invitations closed grants %s; want nothing", got)
	}
	if _, err := f.svc.UpdateSettings(f.ctx, owner, team.SettingsInput{InvitationsOpen: true, InvitationDays: 7, IdleMinutes: 60}); err != nil {
		t.Fatal(err)
	}
	if got := grantable(monitorToken); got != "[monitor_all monitor_integrations]" {
		t.Fatalf("monitor with invitations open grants %s", got)
	}
}

// TestInviteesHaveNoAccessOrNotificationsToSwitch: until someone accepts,
// there is no access to turn on or off and no notifications: the Team page
// offers neither switch and the calls say why.
func TestInviteesHaveNoAccessOrNotificationsToSwitch(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	res, err := f.svc.Invite(f.ctx, owner, team.InviteInput{Emails: "pending@example.com dismissed@example.com expired@example.com", Role: domain.RoleMonitorAll})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Dismiss(f.ctx, "dismissed@example.com", res.Invited[1].Code); err != nil {
		t.Fatal(err)
	}
	if err := f.st.Update(f.ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(f.ctx, "UPDATE invitations SET expires_at = 1 WHERE member_id = ?", res.Invited[2].Member.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ email, status string }{
		{"pending@example.com", "pending"}, {"dismissed@example.com", "dismissed"}, {"expired@example.com", "pending"},
	} {
		t.Run(c.email, func(t *testing.T) {
			m := f.memberByEmail(owner, c.email)
			if m.Rights.Enable || m.Rights.Notifications {
				t.Errorf("rights %+v: an invitee has no switches", m.Rights)
			}
			_, err := f.svc.SetEnabled(f.ctx, owner, m.ID, false)
			wantCode(t, err, domain.CodeConflict, c.email+" is not a member yet (invitation "+c.status+")")
			_, err = f.svc.SetNotifications(f.ctx, owner, m.ID, false)
			wantCode(t, err, domain.CodeConflict, "access and notifications start when they accept")
		})
	}
}
