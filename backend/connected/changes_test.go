package connected_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/store"
	"roster/backend/testutil"
)

var clock = time.Date(2026, 11, 3, 12, 0, 0, 0, time.UTC)

// fixture builds a small database with hand-made users, so each test knows
// exactly what it starts from.
type fixture struct {
	st  *store.Store
	svc *connected.Service
	ctx context.Context
}

const (
	intSalesforce = 1
	intSlack      = 2
	wfSync        = 10 // Salesforce
	wfLog         = 11 // Salesforce
	wfAlerts      = 20 // Slack

	userAda   = 1 // Salesforce (connected) + Slack (error): account_errors
	userAlan  = 2 // Salesforce only: connected
	userGrace = 3 // nothing: no_integrations
)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st := testutil.Open(t)
	err := st.Update(ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO integrations (id, key, name, category) VALUES (1, 'salesforce', 'Salesforce', 'CRM'), (2, 'slack', 'Slack', 'Chat');
			INSERT INTO workflows (id, integration_id, key, name) VALUES (10, 1, 'sync', 'Sync contacts'), (11, 1, 'log', 'Log activity'), (20, 2, 'alerts', 'Post alerts');
			INSERT INTO connected_users (id, external_id, name, email, created_at) VALUES
				(1, 'u-ada', 'Ada Lovelace', 'ada@example.com', 1000),
				(2, 'u-alan', 'Alan Turing', 'alan@example.com', 2000),
				(3, 'u-grace', 'Grace Hopper', 'grace@example.com', 3000);
			INSERT INTO connections (user_id, integration_id, status, error_message, connected_at, status_changed_at, user_created_at) VALUES
				(1, 1, 'connected', '', 1100, 1100, 1000),
				(1, 2, 'error', 'Refresh token expired', 1200, 1300, 1000),
				(2, 1, 'connected', '', 2100, 2100, 2000);
			INSERT INTO user_workflows (user_id, workflow_id, enabled, changed_by, changed_at) VALUES
				(1, 10, 1, 'user', 1100), (1, 11, 0, 'user', 1100), (1, 20, 1, 'user', 1200), (2, 10, 1, 'user', 2100);`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{st: st, svc: connected.New(st, func() time.Time { return clock }), ctx: ctx}
}

var owner = domain.CommandLine()

func (f *fixture) get(t *testing.T, id int64) domain.UserDetail {
	t.Helper()
	u, err := f.svc.Get(f.ctx, owner, id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func (f *fixture) audit(t *testing.T) []domain.AuditEntry {
	t.Helper()
	p, err := store.ListAudit(f.ctx, f.st.Reader(), store.AuditQuery{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return p.Entries
}

// assertCounts checks the maintained header counts against a recount.
func (f *fixture) assertCounts(t *testing.T, want domain.StatusCounts) {
	t.Helper()
	got, err := f.svc.Counts(f.ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("counts %+v; want %+v", got, want)
	}
}

func TestDisableAndEnable(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.assertCounts(t, domain.StatusCounts{Connected: 1, AccountErrors: 1, NoIntegrations: 1, Total: 3})

	u, err := f.svc.Disable(f.ctx, owner, userAda, "  Unpaid invoices  ")
	if err != nil {
		t.Fatal(err)
	}
	if u.Status != domain.StatusDisabled || u.DisabledReason != "Unpaid invoices" || u.DisabledAt == nil || !u.DisabledAt.Equal(clock) {
		t.Fatalf("after disable: %+v", u)
	}
	f.assertCounts(t, domain.StatusCounts{Connected: 1, Disabled: 1, NoIntegrations: 1, Total: 3})
	entries := f.audit(t)
	if len(entries) != 1 || entries[0].Action != domain.ActionUserDisable || entries[0].TargetID != "1" || entries[0].ActorID != owner.ID {
		t.Fatalf("audit after disable: %+v", entries)
	}
	assertJSON(t, entries[0].Before, map[string]any{"status": "account_errors"})
	assertJSON(t, entries[0].After, map[string]any{"status": "disabled", "reason": "Unpaid invoices"})

	if _, err := f.svc.Disable(f.ctx, owner, userAda, ""); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("disabling twice: %v; want a conflict", err)
	}
	if n := len(f.audit(t)); n != 1 {
		t.Fatalf("a refused change wrote audit entries: %d", n)
	}

	u, err = f.svc.Enable(f.ctx, owner, userAda)
	if err != nil {
		t.Fatal(err)
	}
	if u.Status != domain.StatusAccountErrors || u.DisabledAt != nil || u.DisabledReason != "" {
		t.Fatalf("after enable: %+v; want the derived status back", u)
	}
	f.assertCounts(t, domain.StatusCounts{Connected: 1, AccountErrors: 1, NoIntegrations: 1, Total: 3})
	assertJSON(t, f.audit(t)[0].After, map[string]any{"status": "account_errors"})

	if _, err := f.svc.Enable(f.ctx, owner, userAda); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("enabling an enabled user: %v; want a conflict", err)
	}
}

func TestDisabledUserCannotBeChanged(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if _, err := f.svc.Disable(f.ctx, owner, userAlan, ""); err != nil {
		t.Fatal(err)
	}
	before := f.get(t, userAlan)
	for name, change := range map[string]func() error{
		"uninstall": func() error {
			_, err := f.svc.UninstallIntegration(f.ctx, owner, userAlan, intSalesforce)
			return err
		},
		"workflow": func() error { _, err := f.svc.SetWorkflowEnabled(f.ctx, owner, userAlan, wfSync, false); return err },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // both are refused: neither changes what the other checks
			err := change()
			if !errors.Is(err, domain.ErrConflict) || !strings.Contains(err.Error(), "Alan Turing") {
				t.Fatalf("got %v; want a conflict naming the user", err)
			}
			after := f.get(t, userAlan)
			if b, a := mustJSON(before), mustJSON(after); b != a {
				t.Fatalf("a refused change changed the user:\n%s\n%s", b, a)
			}
			if n := len(f.audit(t)); n != 1 {
				t.Fatalf("audit entries: %d; want only the disable", n)
			}
		})
	}
}

func TestUninstallIntegration(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// Uninstalling Ada's broken Slack leaves her connected.
	u, err := f.svc.UninstallIntegration(f.ctx, owner, userAda, intSlack)
	if err != nil {
		t.Fatal(err)
	}
	if u.Status != domain.StatusConnected || len(u.Connections) != 1 || u.Connections[0].Integration.ID != intSalesforce {
		t.Fatalf("after uninstalling Slack: %+v", u)
	}
	var states int
	f.st.Reader().QueryRowContext(f.ctx, "SELECT count(*) FROM user_workflows WHERE user_id = 1 AND workflow_id = ?", wfAlerts).Scan(&states)
	if states != 0 {
		t.Fatalf("Slack's workflow states survived the uninstall")
	}
	f.assertCounts(t, domain.StatusCounts{Connected: 2, NoIntegrations: 1, Total: 3})
	e := f.audit(t)[0]
	if e.Action != domain.ActionConnectionUninstall || e.TargetLabel != "Ada Lovelace · Slack" {
		t.Fatalf("audit: %+v", e)
	}

	// Alan's last integration: he has none left.
	if u, err = f.svc.UninstallIntegration(f.ctx, owner, userAlan, intSalesforce); err != nil || u.Status != domain.StatusNoIntegrations {
		t.Fatalf("after uninstalling Alan's only integration: %v %+v", err, u.Status)
	}
	f.assertCounts(t, domain.StatusCounts{Connected: 1, NoIntegrations: 2, Total: 3})

	if _, err := f.svc.UninstallIntegration(f.ctx, owner, userAlan, intSalesforce); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("uninstalling twice: %v; want not found", err)
	}
}

func TestSetWorkflowEnabled(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	u, err := f.svc.SetWorkflowEnabled(f.ctx, owner, userAda, wfSync, false)
	if err != nil {
		t.Fatal(err)
	}
	var w domain.WorkflowState
	for _, c := range u.Connections {
		for _, x := range c.Workflows {
			if x.ID == wfSync {
				w = x
			}
		}
	}
	if w.ID != wfSync || w.Enabled || w.ChangedBy != domain.ChangedByAdmin || w.ChangedAt == nil || !w.ChangedAt.Equal(clock) {
		t.Fatalf("workflow after disabling: %+v", w)
	}
	e := f.audit(t)
	if len(e) != 1 || e[0].Action != domain.ActionWorkflowDisable || e[0].TargetLabel != "Ada Lovelace · Salesforce · Sync contacts" {
		t.Fatalf("audit: %+v", e)
	}
	// The same value again changes nothing and records nothing.
	if _, err := f.svc.SetWorkflowEnabled(f.ctx, owner, userAda, wfSync, false); err != nil {
		t.Fatal(err)
	}
	if n := len(f.audit(t)); n != 1 {
		t.Fatalf("a no-op wrote an audit entry (%d entries)", n)
	}
	// Re-enable one the user had switched off.
	if _, err := f.svc.SetWorkflowEnabled(f.ctx, owner, userAda, wfLog, true); err != nil {
		t.Fatal(err)
	}
	if e := f.audit(t)[0]; e.Action != domain.ActionWorkflowEnable {
		t.Fatalf("audit: %+v", e)
	}
	// Alan has no Slack: its workflow is not his.
	if _, err := f.svc.SetWorkflowEnabled(f.ctx, owner, userAlan, wfAlerts, false); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("another integration's workflow: %v; want not found", err)
	}
}

// TestChangeIsAtomic makes the audit write fail after the user row changed:
// the whole action must roll back.
func TestChangeIsAtomic(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if err := f.st.Update(f.ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(f.ctx, `CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Disable(f.ctx, owner, userAda, "x"); err == nil {
		t.Fatal("disable succeeded although its audit entry could not be written")
	}
	if u := f.get(t, userAda); u.Status != domain.StatusAccountErrors || u.DisabledAt != nil {
		t.Fatalf("half-written change: %+v", u)
	}
	if _, err := f.svc.UninstallIntegration(f.ctx, owner, userAda, intSlack); err == nil {
		t.Fatal("uninstall succeeded although its audit entry could not be written")
	}
	if u := f.get(t, userAda); len(u.Connections) != 2 {
		t.Fatalf("half-written uninstall: %d connections", len(u.Connections))
	}
	f.assertCounts(t, domain.StatusCounts{Connected: 1, AccountErrors: 1, NoIntegrations: 1, Total: 3})
}

func TestValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	long := strings.Repeat("x", 501)
	cases := []struct {
		name  string
		call  func() error
		field string
	}{
		{"search too long", list(f, connected.ListInput{Search: strings.Repeat("a", 201)}), "search"},
		{"search too short", list(f, connected.ListInput{Search: " an "}), "search"},
		{"unknown status", list(f, connected.ListInput{Status: "happy"}), "status"},
		{"unknown sort", list(f, connected.ListInput{Sort: "email"}), "sort"},
		{"bad order", list(f, connected.ListInput{Order: "up"}), "order"},
		{"limit too big", list(f, connected.ListInput{Limit: 501}), "limit"},
		{"negative limit", list(f, connected.ListInput{Limit: -1}), "limit"},
		{"bad start date", list(f, connected.ListInput{CreatedFrom: "yesterday"}), "createdFrom"},
		{"end before start", list(f, connected.ListInput{CreatedFrom: "2026-02-01T00:00:00Z", CreatedTo: "2026-01-01T00:00:00Z"}), "createdTo"},
		{"unknown integration", list(f, connected.ListInput{IntegrationID: 99}), "integrationId"},
		{"garbage cursor", list(f, connected.ListInput{Cursor: "not-a-cursor"}), "cursor"},
		{"negative offset", list(f, connected.ListInput{Offset: -1}), "offset"},
		{"offset past any list", list(f, connected.ListInput{Offset: 10_000_001}), "offset"},
		{"offset and cursor", list(f, connected.ListInput{Offset: 100, Cursor: "x"}), "offset"},
		{"get id 0", func() error { _, err := f.svc.Get(f.ctx, owner, 0); return err }, "id"},
		{"disable id -5", func() error { _, err := f.svc.Disable(f.ctx, owner, -5, ""); return err }, "id"},
		{"reason too long", func() error { _, err := f.svc.Disable(f.ctx, owner, userAda, long); return err }, "reason"},
		{"reason with control char", func() error { _, err := f.svc.Disable(f.ctx, owner, userAda, "a\x00b"); return err }, "reason"},
		{"uninstall integration 0", func() error { _, err := f.svc.UninstallIntegration(f.ctx, owner, userAda, 0); return err }, "integrationId"},
		{"workflow 0", func() error { _, err := f.svc.SetWorkflowEnabled(f.ctx, owner, userAda, 0, true); return err }, "workflowId"},
	}
	t.Run("refused", func(t *testing.T) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				err := tc.call()
				if !errors.Is(err, domain.ErrInvalid) || domain.AsError(err).Field != tc.field {
					t.Fatalf("got %v (field %q); want invalid %q", err, domain.AsError(err).Field, tc.field)
				}
			})
		}
	})
	if _, err := f.svc.Get(f.ctx, owner, 12345); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("unknown user: %v; want not found", err)
	}
	if n := len(f.audit(t)); n != 0 {
		t.Fatalf("invalid input wrote %d audit entries", n)
	}
}

func list(f *fixture, in connected.ListInput) func() error {
	return func() error { _, err := f.svc.List(f.ctx, owner, in); return err }
}

func assertJSON(t *testing.T, raw json.RawMessage, want map[string]any) {
	t.Helper()
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	if mustJSON(got) != mustJSON(want) {
		t.Fatalf("got %s; want %s", mustJSON(got), mustJSON(want))
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// A per-integration role lists users one integration of its scope at a time,
// and sees their other integrations nowhere: not in rows, not in the detail.
func TestScopedRoleSeesOnlyItsIntegrations(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	slackMonitor := domain.Actor{ID: "7", MemberID: 7, Role: domain.RoleMonitorIntegrations, Integrations: []int64{intSlack}}

	page, err := f.svc.List(f.ctx, slackMonitor, connected.ListInput{IntegrationID: intSlack})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Users) != 1 || page.Users[0].ID != userAda {
		t.Fatalf("Slack users: %+v; want Ada only", page.Users)
	}
	if got := page.Users[0].Integrations; len(got) != 1 || got[0].ID != intSlack {
		t.Fatalf("Ada's row shows %+v; want Slack only", got)
	}
	if u, err := f.svc.Get(f.ctx, slackMonitor, userAda); err != nil || len(u.Connections) != 1 || u.Connections[0].Integration.ID != intSlack {
		t.Fatalf("Ada's detail: %+v, %v; want the Slack connection only", u.Connections, err)
	}

	refused := []struct {
		name string
		call func() error
	}{
		{"list every user", func() error { _, err := f.svc.List(f.ctx, slackMonitor, connected.ListInput{}); return err }},
		{"list another integration", func() error {
			_, err := f.svc.List(f.ctx, slackMonitor, connected.ListInput{IntegrationID: intSalesforce})
			return err
		}},
		{"count every user", func() error { _, err := f.svc.Counts(f.ctx, slackMonitor); return err }},
		{"get a user outside the scope", func() error { _, err := f.svc.Get(f.ctx, slackMonitor, userAlan); return err }},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := tc.call(); !errors.Is(err, domain.ErrForbidden) {
				t.Fatalf("got %v; want forbidden", err)
			}
		})
	}
}

// TestChangedByNamesTheMember: an admin's change names the member who made
// it (by their name now), the latest one when two did; a user's own change
// names nobody.
func TestChangedByNamesTheMember(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ann := domain.Actor{ID: "7", MemberID: 7, Name: "Ann Admin", Role: domain.RoleAdmin}
	bob := domain.Actor{ID: "8", MemberID: 8, Name: "Bob Boss", Role: domain.RoleAdmin}
	steps := []struct {
		actor   domain.Actor
		wf      int64
		enabled bool
	}{{ann, wfSync, false}, {ann, wfLog, true}, {bob, wfLog, false}}
	for _, s := range steps {
		if _, err := f.svc.SetWorkflowEnabled(f.ctx, s.actor, userAda, s.wf, s.enabled); err != nil {
			t.Fatal(err)
		}
	}
	// Bob renamed himself since: the drawer says who he is now.
	err := f.st.Update(f.ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(f.ctx, `INSERT INTO members (id, email, name, role, status, created_at) VALUES (8, 'bob@example.com', 'Robert Boss', 'admin', 'accepted', 1)`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{wfSync: "Ann Admin", wfLog: "Robert Boss", wfAlerts: ""}
	for _, c := range f.get(t, userAda).Connections {
		for _, w := range c.Workflows {
			if w.ChangedByName != want[w.ID] {
				t.Errorf("%s: changed by %q (%s); want %q", w.Name, w.ChangedByName, w.ChangedBy, want[w.ID])
			}
		}
	}
}

// TestIntegrationShortCodes: a row's, the drawer's and the catalogue's
// badges carry the integration's own code, never two alike.
func TestIntegrationShortCodes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	want := map[int64]string{intSalesforce: "SA", intSlack: "SL"}
	p, err := f.svc.List(f.ctx, owner, connected.ListInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range p.Users {
		for _, i := range u.Integrations {
			if i.Short != want[i.ID] {
				t.Errorf("row %s: %s code %q; want %q", u.Name, i.Name, i.Short, want[i.ID])
			}
		}
	}
	for _, c := range f.get(t, userAda).Connections {
		if c.Integration.Short != want[c.Integration.ID] {
			t.Errorf("drawer: %s code %q; want %q", c.Integration.Name, c.Integration.Short, want[c.Integration.ID])
		}
	}
	all, err := f.svc.Integrations(f.ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range all {
		if i.Short != want[i.ID] {
			t.Errorf("catalogue: %s code %q; want %q", i.Name, i.Short, want[i.ID])
		}
	}
}

// TestCountIsExact: Count answers a list's filters exactly, and checks
// them as List does.
func TestCountIsExact(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, tt := range []struct {
		in   connected.ListInput
		want int
	}{
		{connected.ListInput{}, 3},
		{connected.ListInput{Search: "example.com"}, 3},
		{connected.ListInput{Search: "lovelace"}, 1},
		{connected.ListInput{Search: "example", IntegrationID: intSalesforce}, 2},
		{connected.ListInput{Search: "example", Status: domain.StatusNoIntegrations}, 1},
	} {
		n, err := f.svc.Count(f.ctx, owner, tt.in)
		if err != nil || n != tt.want {
			t.Errorf("Count(%+v) = %d, %v; want %d", tt.in, n, err, tt.want)
		}
	}
	if _, err := f.svc.Count(f.ctx, owner, connected.ListInput{Search: "ab"}); !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("a two-character search: %v; want invalid", err)
	}
	monitor := domain.Actor{ID: "9", Role: domain.RoleMonitorIntegrations, Integrations: []int64{intSlack}}
	if _, err := f.svc.Count(f.ctx, monitor, connected.ListInput{}); !errors.Is(err, domain.ErrForbidden) {
		t.Errorf("a Slack monitor counting everyone: %v; want forbidden", err)
	}
}
