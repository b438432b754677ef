package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"roster/backend/domain"
	"roster/backend/seed"
	"roster/backend/store"
	"roster/backend/team"
	"roster/backend/testutil"
)

// boundCalls lists every bound method with sample arguments, in an order
// that keeps later calls meaningful after earlier ones changed data (the
// owner's ownership transfer and sign-out come last). The matrix test fails
// if a bound method is missing here.
var boundCalls = []struct {
	method string
	args   func(f fixture) string
}{
	{"Auth.State", func(fixture) string { return `[]` }},
	{"Auth.Setup", func(fixture) string {
		return `[{"name": "M", "email": "m@example.com", "password": "` + testPassword + `"}]`
	}},
	{"Auth.SignIn", func(fixture) string { return `["not-an-address", "x"]` }},
	{"Auth.CheckInvitation", func(fixture) string { return `["x@example.com", "no-such-code"]` }},
	{"Auth.AcceptInvitation", func(fixture) string {
		return `[{"email": "x@example.com", "code": "no-such-code", "name": "X", "password": "` + testPassword + `"}]`
	}},
	{"Auth.DismissInvitation", func(fixture) string { return `["x@example.com", "no-such-code"]` }},
	{"System.Info", func(fixture) string { return `[]` }},
	{"Integrations.List", func(fixture) string { return `[]` }},
	{"Integrations.Workflows", func(f fixture) string { return fmt.Sprintf(`[%d]`, f.integration) }},
	{"Users.List", func(fixture) string { return `[{}]` }},
	{"Users.Counts", func(fixture) string { return `[]` }},
	{"Users.Get", func(f fixture) string { return fmt.Sprintf(`[%d]`, f.user) }},
	{"Users.SetWorkflowEnabled", func(f fixture) string { return fmt.Sprintf(`[%d, %d, false]`, f.user, f.workflow) }},
	{"Users.UninstallIntegration", func(f fixture) string { return fmt.Sprintf(`[%d, %d]`, f.user, f.integration) }},
	{"Users.Disable", func(f fixture) string { return fmt.Sprintf(`[%d, "matrix"]`, f.user) }},
	{"Users.Enable", func(f fixture) string { return fmt.Sprintf(`[%d]`, f.user) }},
	{"Audit.List", func(fixture) string { return `[{}]` }},
	{"Audit.Actors", func(fixture) string { return `[]` }},
	{"System.LoadDemoData", func(fixture) string { return `[]` }},
	{"Team.List", func(fixture) string { return `[{}]` }},
	{"Team.Invite", func(fixture) string { return `[{"emails": "new@example.com", "role": "monitor_all"}]` }},
	{"Team.NewCode", func(f fixture) string { return fmt.Sprintf(`[%d]`, f.invitee) }},
	{"Team.Resend", func(f fixture) string { return fmt.Sprintf(`[%d]`, f.invitee) }},
	{"Team.Revoke", func(f fixture) string { return fmt.Sprintf(`[%d]`, f.invitee) }},
	{"Team.ChangeRole", func(f fixture) string {
		return fmt.Sprintf(`[{"memberId": %d, "version": %d, "role": "monitor_integrations", "integrations": [%d]}]`, f.target, f.targetVersion, f.integration)
	}},
	{"Team.SetEnabled", func(f fixture) string { return fmt.Sprintf(`[%d, false]`, f.target) }},
	{"Team.SetNotifications", func(f fixture) string { return fmt.Sprintf(`[%d, false]`, f.target) }},
	{"Team.UnlockSignIn", func(f fixture) string { return fmt.Sprintf(`[%d]`, f.target) }},
	{"Team.Remove", func(f fixture) string { return fmt.Sprintf(`[%d]`, f.target) }},
	{"Settings.Get", func(fixture) string { return `[]` }},
	{"Settings.Update", func(fixture) string {
		return `[{"smtp": {}, "invitationsOpen": false, "invitationDays": 7, "idleMinutes": 60}]`
	}},
	{"Settings.SendTestEmail", func(fixture) string {
		return `[{"smtp": {"host": "127.0.0.1", "port": 1, "security": "none", "from": "roster@example.com"}, "to": "o@example.com"}]`
	}},
	{"Runs.List", func(fixture) string { return `[{}]` }},
	{"Events.Import", func(fixture) string {
		return `["events.jsonl", "{\"id\":\"m1\",\"type\":\"user.upserted\",\"data\":{\"user\":\"matrix\"}}"]`
	}},
	{"IngestKeys.List", func(fixture) string { return `[]` }},
	{"IngestKeys.Create", func(fixture) string { return `["matrix"]` }},
	{"IngestKeys.Revoke", func(fixture) string { return `[1]` }},
	{"Outbox.List", func(fixture) string { return `[{}]` }},
	{"Outbox.Health", func(fixture) string { return `[]` }},
	{"Outbox.Retry", func(fixture) string { return `[1]` }},
	{"Outbox.RetryAll", func(fixture) string { return `[]` }},
	{"Imports.ChooseFile", func(fixture) string { return `[]` }},
	{"Imports.Preview", func(fixture) string { return `["no-such-token", "", null]` }},
	{"Imports.Start", func(fixture) string { return `[{"token": "no-such-token"}]` }},
	{"Imports.Status", func(fixture) string { return `[1]` }},
	{"Imports.Cancel", func(fixture) string { return `[1]` }},
	{"Imports.History", func(fixture) string { return `[]` }},
	{"Imports.RollBack", func(fixture) string { return `[999]` }},
	{"Exports.Start", func(fixture) string { return `[{"what": "audit", "format": "csv"}]` }},
	{"Exports.Status", func(fixture) string { return `[1]` }},
	{"Exports.Cancel", func(fixture) string { return `[1]` }},
	{"Backups.Status", func(fixture) string { return `[]` }},
	{"Backups.List", func(fixture) string { return `[]` }},
	{"Backups.UpdateSettings", func(fixture) string { return `[{"auto": true, "keep": 3}]` }},
	{"Backups.BackUpNow", func(fixture) string { return `[]` }},
	{"Backups.Restore", func(fixture) string { return `["roster-20000101-000000.db"]` }},
	{"Account.Profile", func(fixture) string { return `[]` }},
	{"Account.UpdateName", func(fixture) string { return `["Matrix Member"]` }},
	{"Account.SetNotifications", func(fixture) string { return `[false]` }},
	{"Account.ChangePassword", func(fixture) string { return `[{"current": "wrong", "new": "Another-password-1"}]` }},
	{"Account.RequestEmailChange", func(fixture) string { return `["matrix-new@example.com"]` }},
	{"Account.ConfirmEmailChange", func(fixture) string { return `["123456"]` }},
	{"Account.CancelEmailChange", func(fixture) string { return `[]` }},
	{"Team.TransferOwnership", func(f fixture) string { return fmt.Sprintf(`[%d]`, f.heir) }},
	{"Auth.SignOut", func(fixture) string { return `[]` }},
}

// fixture: a user with exactly one integration (so a role scoped to it
// covers the whole user), a pending invitee, and two accepted members to act
// on (target) and hand ownership to (heir).
type fixture struct {
	user, integration, workflow int64
	invitee, target, heir       int64
	targetVersion               int64
}

// refused: 403, or 401 for a call that needs a session.
func refused(status int) bool {
	return status == http.StatusForbidden || status == http.StatusUnauthorized
}

func TestPermissionMatrix(t *testing.T) {
	t.Parallel()
	t.Run("every bound method is in the matrix", func(t *testing.T) {
		var listed []string
		for _, c := range boundCalls {
			listed = append(listed, c.method)
		}
		st := reflect.TypeFor[Services]()
		for i := range st.NumField() {
			f := st.Field(i)
			for j := range f.Type.NumMethod() {
				name := f.Name + "." + f.Type.Method(j).Name
				if !slices.Contains(listed, name) {
					t.Errorf("bound method %s has no row in the permission matrix", name)
				}
			}
		}
	})

	// Public: callable without a session (each fails here on its bad input,
	// not on permission). Auth.Setup is refused to everyone: the database
	// has an owner and no client holds the start-up link's cookie.
	public := []string{"Auth.State", "Auth.SignIn", "Auth.CheckInvitation", "Auth.AcceptInvitation", "Auth.DismissInvitation", "Auth.SignOut"}
	// A member's own exports are theirs to follow, whatever the role.
	// Every member manages their own profile.
	member := append(slices.Clone(public), "System.Info", "Team.List", "Exports.Status", "Exports.Cancel",
		"Account.Profile", "Account.UpdateName", "Account.SetNotifications", "Account.ChangePassword",
		"Account.RequestEmailChange", "Account.ConfirmEmailChange", "Account.CancelEmailChange")
	monitor := append(slices.Clone(member), "Integrations.List", "Integrations.Workflows", "Users.List", "Users.Counts", "Users.Get", "Audit.List", "Audit.Actors", "Runs.List",
		"Exports.Start")
	manage := append(slices.Clone(monitor), "Users.SetWorkflowEnabled", "Users.UninstallIntegration", "Users.Disable", "Users.Enable")
	admin := append(slices.Clone(manage), "System.LoadDemoData", "Team.Invite", "Team.NewCode", "Team.Resend", "Team.Revoke",
		"Team.ChangeRole", "Team.SetEnabled", "Team.UnlockSignIn", "Team.SetNotifications", "Team.Remove", "Settings.Get", "Settings.Update", "Settings.SendTestEmail",
		"Events.Import", "IngestKeys.List", "IngestKeys.Create", "IngestKeys.Revoke", "Outbox.List", "Outbox.Health", "Outbox.Retry", "Outbox.RetryAll",
		"Imports.ChooseFile", "Imports.Preview", "Imports.Start", "Imports.Status", "Imports.Cancel", "Imports.History", "Imports.RollBack",
		"Backups.Status", "Backups.List", "Backups.UpdateSettings", "Backups.BackUpNow", "Backups.Restore")
	scopedMonitor := append(slices.Clone(member), "Integrations.List", "Integrations.Workflows", "Users.Get", "Runs.List")
	scopedManage := append(slices.Clone(scopedMonitor), "Users.SetWorkflowEnabled", "Users.UninstallIntegration")
	cases := []struct {
		name    string
		role    domain.Role // "" = the owner set up the database
		allowed []string
		disable bool // the owner turns the member off before the calls
		anon    bool // no session at all
	}{
		{name: "owner", role: domain.RoleOwner, allowed: append(slices.Clone(admin), "Team.TransferOwnership")},
		{name: "admin", role: domain.RoleAdmin, allowed: admin},
		{name: "manage_all", role: domain.RoleManageAll, allowed: manage},
		{name: "monitor_all", role: domain.RoleMonitorAll, allowed: monitor},
		{name: "manage_integrations", role: domain.RoleManageIntegrations, allowed: scopedManage},
		{name: "monitor_integrations", role: domain.RoleMonitorIntegrations, allowed: scopedMonitor},
		{name: "disabled member", role: domain.RoleAdmin, disable: true, allowed: public},
		{name: "no session", anon: true, allowed: public},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // each role gets its own server on its own copy of the data
			st := openMatrixBase(t)
			ts, _ := serveStore(t, st)
			f := oneIntegrationUser(t, st)
			owner := sessionClient(t, ts, matrixBase.ownerToken)
			f.target, f.heir, f.invitee = matrixBase.target, matrixBase.heir, matrixBase.invitee
			if err := st.Reader().QueryRowContext(context.Background(), "SELECT version FROM members WHERE id = ?", f.target).Scan(&f.targetVersion); err != nil {
				t.Fatal(err)
			}

			var c *http.Client
			var id int64
			switch {
			case tc.anon:
				c = http.DefaultClient
			case tc.role == domain.RoleOwner:
				c = owner
			default:
				var scope []int64
				if tc.role.Scoped() {
					scope = []int64{f.integration}
				}
				c, id = memberClient(t, ts, owner, "actor@example.com", tc.role, scope...)
			}
			if tc.disable {
				if status, body := rpc(t, owner, ts, "Team/SetEnabled", fmt.Sprintf(`[%d, false]`, id)); status != 200 {
					t.Fatalf("disable the actor: %d %s", status, body)
				}
			}
			for _, call := range boundCalls {
				status, body := rpc(t, c, ts, reflectPath(call.method), call.args(f))
				want := slices.Contains(tc.allowed, call.method)
				if got := !refused(status); got != want {
					t.Errorf("%s as %s: status %d %s; want allowed=%v", call.method, tc.name, status, body, want)
				}
				if status >= 500 {
					t.Errorf("%s as %s: server error %s", call.method, tc.name, body)
				}
			}
		})
	}
}

// matrixBase is what every role's matrix starts from: the seeded users,
// the owner, two members to act on (target) and to hand ownership to
// (heir), and a pending invitee. openMatrixBase prepares it once per test
// binary (their passwords cost an argon2id hash each) and fills this in.
var matrixBase struct {
	ownerToken            string
	target, heir, invitee int64
}

// openMatrixBase returns the test's own copy of the matrix's database.
func openMatrixBase(t *testing.T) *store.Store {
	t.Helper()
	return testutil.OpenBuilt(t, "permission matrix", func(ctx context.Context, st *store.Store) error {
		if _, err := seed.Load(ctx, st, seed.Options{Users: testUsers, Seed: 7, Now: testNow(), Actor: domain.CommandLine()}); err != nil {
			return err
		}
		svc := newBackend(st, NewHub()).Team
		token, _, err := svc.Setup(ctx, team.SetupInput{Name: "Olivia Owner", Email: "olivia@example.com", Password: testPassword})
		if err != nil {
			return err
		}
		owner, err := svc.Authenticate(ctx, token)
		if err != nil {
			return err
		}
		invite := func(email string) (team.Invitation, error) {
			res, err := svc.Invite(ctx, owner, team.InviteInput{Emails: email, Role: domain.RoleMonitorAll})
			if err != nil {
				return team.Invitation{}, fmt.Errorf("invite %s: %w", email, err)
			}
			if len(res.Invited) != 1 {
				return team.Invitation{}, fmt.Errorf("invite %s: %+v", email, res)
			}
			return res.Invited[0], nil
		}
		for _, m := range []struct {
			email string
			id    *int64
		}{{"target@example.com", &matrixBase.target}, {"heir@example.com", &matrixBase.heir}} {
			inv, err := invite(m.email)
			if err != nil {
				return err
			}
			if _, _, err := svc.Accept(ctx, team.AcceptInput{Email: m.email, Code: inv.Code, Name: strings.Split(m.email, "@")[0], Password: testPassword}); err != nil {
				return err
			}
			*m.id = inv.Member.ID
		}
		inv, err := invite("invitee@example.com")
		if err != nil {
			return err
		}
		matrixBase.ownerToken, matrixBase.invitee = token, inv.Member.ID
		return nil
	})
}

// sessionClient is a browser holding the session cookie for token.
func sessionClient(t *testing.T, ts *httptest.Server, token string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	u, err := url.Parse(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: token, Path: "/"}})
	return &http.Client{Jar: jar}
}

func reflectPath(method string) string { return strings.Replace(method, ".", "/", 1) }

func oneIntegrationUser(t *testing.T, st *store.Store) fixture {
	t.Helper()
	var f fixture
	err := st.Reader().QueryRowContext(context.Background(), `
		SELECT c.user_id, c.integration_id, w.id FROM connections c
		JOIN connected_users u ON u.id = c.user_id AND u.status = 'connected'
		JOIN workflows w ON w.integration_id = c.integration_id
		JOIN user_workflows uw ON uw.user_id = c.user_id AND uw.workflow_id = w.id AND uw.enabled = 1
		WHERE (SELECT count(*) FROM connections c2 WHERE c2.user_id = c.user_id) = 1
		LIMIT 1`).Scan(&f.user, &f.integration, &f.workflow)
	if err != nil {
		t.Fatalf("find a user with one integration: %v", err)
	}
	return f
}
