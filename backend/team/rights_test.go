package team_test

import (
	"context"
	"fmt"
	"testing"

	"roster/backend/domain"
	"roster/backend/mail"
	"roster/backend/store"
	"roster/backend/team"
	"roster/backend/testutil"
)

// TestRightsAreWhatTheUseCasesAllow holds the Team page's offer (the rights
// List computes for each row) to what the use cases do: for every actor,
// every kind of row, and the Invitations setting off and on, a right is true
// exactly when the action's call succeeds.
func TestRightsAreWhatTheUseCasesAllow(t *testing.T) {
	t.Parallel()
	actors := []string{"olivia@example.com", "admin@example.com", "manage-all@example.com", "monitor-all@example.com",
		"manage-some@example.com", "monitor-some@example.com"}
	for _, open := range []bool{false, true} {
		for _, actorEmail := range actors {
			for _, rowEmail := range everyone {
				t.Run(fmt.Sprintf("invitations open=%v/%s on %s", open, actorEmail, rowEmail), func(t *testing.T) {
					t.Parallel()
					// A refused call changes nothing, and an allowed one leaves
					// the row as it was, up to removal or revocation (its last
					// change). Only the owner may transfer ownership, after
					// which the row would be the owner's: the owner tries it
					// on a copy of its own.
					runs := [][]string{{"changeRole", "enable", "notifications", "newCode", "resend", "revoke", "remove", "transfer"}}
					if actorEmail == "olivia@example.com" {
						runs = [][]string{runs[0][:7], {"transfer"}}
					}
					for _, actions := range runs {
						f := rightsFixture(t, open)
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

// everyone is the team rightsFixture holds: one member of every role, a
// member whose access is off, and invitees pending (in and out of a scope),
// expired and dismissed.
var everyone = []string{"olivia@example.com", "admin@example.com", "manage-all@example.com", "monitor-all@example.com",
	"manage-some@example.com", "monitor-some@example.com", "off@example.com", "pending@example.com", "pending-in-scope@example.com",
	"pending-out-of-scope@example.com", "expired@example.com", "dismissed@example.com"}

// rightsFixture is a copy of the team of everyone, with SMTP set up and the
// Invitations setting as asked; the team is built once per test binary.
func rightsFixture(t *testing.T, open bool) *fixture {
	t.Helper()
	st := testutil.OpenBuilt(t, fmt.Sprintf("team of every role, invitations open=%v", open), func(ctx context.Context, st *store.Store) error {
		f := fixtureOn(t, st)
		if err := st.Update(ctx, func(tx store.DB) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO integrations (id, key, name, category) VALUES
				(1, 'salesforce', 'Salesforce', 'CRM'), (2, 'slack', 'Slack', 'Chat'), (3, 'jira', 'Jira', 'Tickets')`)
			return err
		}); err != nil {
			return err
		}
		owner, _ := f.owner()
		if _, err := f.svc.UpdateSettings(ctx, owner, team.SettingsInput{InvitationsOpen: open, InvitationDays: 7, IdleMinutes: 60,
			SMTP: team.SMTPInput{Host: "127.0.0.1", Port: 2525, Security: mail.SecurityNone, From: "roster@example.com"}}); err != nil {
			return err
		}
		f.member(owner, "admin@example.com", domain.RoleAdmin)
		f.member(owner, "manage-all@example.com", domain.RoleManageAll)
		f.member(owner, "monitor-all@example.com", domain.RoleMonitorAll)
		f.member(owner, "manage-some@example.com", domain.RoleManageIntegrations, 1, 2)
		f.member(owner, "monitor-some@example.com", domain.RoleMonitorIntegrations, 1)
		off, _ := f.member(owner, "off@example.com", domain.RoleMonitorAll)
		if _, err := f.svc.SetEnabled(ctx, owner, off.MemberID, false); err != nil {
			return err
		}
		invite := func(email string, role domain.Role, scope ...int64) (team.Invitation, error) {
			res, err := f.svc.Invite(ctx, owner, team.InviteInput{Emails: email, Role: role, Integrations: scope})
			if err != nil {
				return team.Invitation{}, err
			}
			return res.Invited[0], nil
		}
		for _, inv := range []struct {
			email string
			role  domain.Role
			scope []int64
		}{
			{"pending@example.com", domain.RoleMonitorAll, nil},
			{"pending-in-scope@example.com", domain.RoleMonitorIntegrations, []int64{1}},
			{"pending-out-of-scope@example.com", domain.RoleMonitorIntegrations, []int64{3}},
		} {
			if _, err := invite(inv.email, inv.role, inv.scope...); err != nil {
				return err
			}
		}
		expired, err := invite("expired@example.com", domain.RoleManageAll)
		if err != nil {
			return err
		}
		if err := st.Update(ctx, func(tx store.DB) error {
			_, err := tx.ExecContext(ctx, "UPDATE invitations SET expires_at = 1 WHERE member_id = ?", expired.Member.ID)
			return err
		}); err != nil {
			return err
		}
		dismissed, err := invite("dismissed@example.com", domain.RoleMonitorAll)
		if err != nil {
			return err
		}
		return f.svc.Dismiss(ctx, "dismissed@example.com", dismissed.Code)
	})
	return fixtureOn(t, st)
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
