package team_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/mail"
	"roster/backend/store"
	"roster/backend/team"
)

// TestRightsAreWhatTheUseCasesAllow holds the Team page's offer (the rights
// List computes for each row) to what the use cases do: for every actor,
// every kind of row, and the Invitations setting off and on, a right is true
// exactly when the action's call succeeds.
func TestRightsAreWhatTheUseCasesAllow(t *testing.T) {
	templates, rows := rightsTemplates(t)
	actors := []string{"olivia@example.com", "admin@example.com", "manage-all@example.com", "monitor-all@example.com",
		"manage-some@example.com", "monitor-some@example.com"}
	for _, open := range []bool{false, true} {
		for _, actorEmail := range actors {
			for _, rowEmail := range rows {
				name := fmt.Sprintf("invitations open=%v/%s on %s", open, actorEmail, rowEmail)
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					// Removal, revocation and transfer change the team, so
					// each run of actions gets its own copy of the file.
					for _, actions := range [][]string{{"changeRole", "enable", "notifications", "newCode", "resend", "revoke", "remove"}, {"transfer"}} {
						f := copyFixture(t, templates[open])
						actor := f.actorByEmail(actorEmail)
						row := f.memberByEmail(actor, rowEmail)
						for _, action := range actions {
							err := f.do(actor, action, row)
							if allowed := err == nil; allowed != right(row.Rights, action) {
								t.Errorf("%s: right %v, but the call returned %v", action, right(row.Rights, action), err)
							}
						}
					}
				})
			}
		}
	}
}

// rightsTemplates builds a team with one member of every role, plus invitees
// pending (in and out of a scope), expired and dismissed, and a member whose
// access is off; it returns the file with the Invitations setting off and on,
// and the e-mails of everyone in it.
func rightsTemplates(t *testing.T) (map[bool]string, []string) {
	f := newFixture(t)
	owner, _ := f.owner()
	if _, err := f.svc.UpdateSettings(f.ctx, owner, team.SettingsInput{InvitationDays: 7, IdleMinutes: 60,
		SMTP: team.SMTPInput{Host: "127.0.0.1", Port: 2525, Security: mail.SecurityNone, From: "roster@example.com"}}); err != nil {
		t.Fatal(err)
	}
	f.member(owner, "admin@example.com", domain.RoleAdmin)
	f.member(owner, "manage-all@example.com", domain.RoleManageAll)
	f.member(owner, "monitor-all@example.com", domain.RoleMonitorAll)
	f.member(owner, "manage-some@example.com", domain.RoleManageIntegrations, 1, 2)
	f.member(owner, "monitor-some@example.com", domain.RoleMonitorIntegrations, 1)
	off, _ := f.member(owner, "off@example.com", domain.RoleMonitorAll)
	if _, err := f.svc.SetEnabled(f.ctx, owner, off.MemberID, false); err != nil {
		t.Fatal(err)
	}
	invite := func(email string, role domain.Role, scope ...int64) team.Invitation {
		res, err := f.svc.Invite(f.ctx, owner, team.InviteInput{Emails: email, Role: role, Integrations: scope})
		if err != nil {
			t.Fatal(err)
		}
		return res.Invited[0]
	}
	invite("pending@example.com", domain.RoleMonitorAll)
	invite("pending-in-scope@example.com", domain.RoleMonitorIntegrations, 1)
	invite("pending-out-of-scope@example.com", domain.RoleMonitorIntegrations, 3)
	expired := invite("expired@example.com", domain.RoleManageAll)
	if err := f.st.Update(f.ctx, func(tx store.DB) error {
		_, err := tx.ExecContext(f.ctx, "UPDATE invitations SET expires_at = 1 WHERE member_id = ?", expired.Member.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	dismissed := invite("dismissed@example.com", domain.RoleMonitorAll)
	if err := f.svc.Dismiss(f.ctx, "dismissed@example.com", dismissed.Code); err != nil {
		t.Fatal(err)
	}
	if m := f.memberByEmail(owner, "expired@example.com"); m.Status != domain.MemberExpired {
		t.Fatalf("expired invitee shows as %s", m.Status)
	}
	closed := f.st.Path()
	if err := f.st.Close(); err != nil { // checkpoints the WAL into the file
		t.Fatal(err)
	}
	g := copyFixture(t, closed)
	g.setInvitationsOpen(g.actorByEmail("olivia@example.com"), true)
	opened := g.st.Path()
	if err := g.st.Close(); err != nil {
		t.Fatal(err)
	}
	return map[bool]string{false: closed, true: opened}, []string{"olivia@example.com", "admin@example.com", "manage-all@example.com", "monitor-all@example.com", "manage-some@example.com",
		"monitor-some@example.com", "off@example.com", "pending@example.com", "pending-in-scope@example.com",
		"pending-out-of-scope@example.com", "expired@example.com", "dismissed@example.com"}
}

// copyFixture opens a copy of the template file with a fresh service.
func copyFixture(t *testing.T, template string) *fixture {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "roster.db")
	in, err := os.Open(template)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{t: t, ctx: ctx, st: st, now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	f.svc = team.New(st, &mail.SMTP{Timeout: time.Second}, func() {}, f.clock)
	return f
}

// actorByEmail is the actor a session of email's member would resolve to
// (without the cost of a password check).
func (f *fixture) actorByEmail(email string) domain.Actor {
	f.t.Helper()
	m, err := store.MemberByEmail(f.ctx, f.st.Reader(), email)
	if err != nil {
		f.t.Fatalf("member %s: %v", email, err)
	}
	return m.Actor()
}

func (f *fixture) setInvitationsOpen(owner domain.Actor, open bool) {
	f.t.Helper()
	cur, err := f.svc.GetSettings(f.ctx, owner)
	if err != nil {
		f.t.Fatal(err)
	}
	in := team.SettingsInput{InvitationsOpen: open, InvitationDays: cur.InvitationDays, IdleMinutes: cur.IdleMinutes,
		SMTP: team.SMTPInput{Host: cur.SMTP.Host, Port: cur.SMTP.Port, Security: cur.SMTP.Security, Username: cur.SMTP.Username, From: cur.SMTP.From}}
	if _, err := f.svc.UpdateSettings(f.ctx, owner, in); err != nil {
		f.t.Fatal(err)
	}
}

// do calls the use case behind one right. A change that is allowed leaves
// the row as it was where it can (same role, same switch position), so the
// next action of the run sees the same row.
func (f *fixture) do(actor domain.Actor, action string, m domain.Member) error {
	switch action {
	case "changeRole":
		_, err := f.svc.ChangeRole(f.ctx, actor, team.ChangeRoleInput{MemberID: m.ID, Version: m.Version, Role: m.Role, Integrations: refIDs(m.Integrations)})
		return err
	case "enable":
		_, err := f.svc.SetEnabled(f.ctx, actor, m.ID, m.Enabled)
		return err
	case "notifications":
		_, err := f.svc.SetNotifications(f.ctx, actor, m.ID, m.Notifications)
		return err
	case "newCode":
		_, err := f.svc.NewCode(f.ctx, actor, m.ID)
		return err
	case "resend":
		_, err := f.svc.Resend(f.ctx, actor, m.ID)
		return err
	case "revoke":
		return f.svc.Revoke(f.ctx, actor, m.ID)
	case "remove":
		return f.svc.Remove(f.ctx, actor, m.ID)
	case "transfer":
		_, err := f.svc.TransferOwnership(f.ctx, actor, m.ID)
		return err
	}
	panic("unknown action " + action)
}

func right(r domain.MemberRights, action string) bool {
	return map[string]bool{"changeRole": r.ChangeRole, "enable": r.Enable, "notifications": r.Notifications, "newCode": r.NewCode,
		"resend": r.Resend, "revoke": r.Revoke, "remove": r.Remove, "transfer": r.Transfer}[action]
}

func refIDs(refs []domain.IntegrationRef) []int64 {
	ids := []int64{}
	for _, r := range refs {
		ids = append(ids, r.ID)
	}
	return ids
}
