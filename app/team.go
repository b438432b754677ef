package app

import (
	"context"

	"roster/backend/domain"
	"roster/backend/team"
)

// Auth is the bound service for signing in and out, the first owner's setup
// and answering an invitation: the only methods callable without a session.
type Auth struct{ svc }

// State says what the first screen shows: owner setup, sign-in, or the app.
func (a *Auth) State() (team.AuthState, error) {
	st, err := a.b.Team.State(a.s.Ctx, a.s.Token())
	if err == nil {
		// The desktop smoke test waits for this line: only a frontend that
		// loaded, ran its JavaScript and reached Go can cause it.
		a.b.firstCall.Do(func() {
			a.b.Log.Info("frontend connected: first call into Go succeeded", "method", "Auth.State", "mode", a.b.Mode)
		})
	}
	return st, err
}

// Setup creates the owner of an empty Roster and signs them in.
func (a *Auth) Setup(in team.SetupInput) (team.Me, error) {
	if !a.s.SetupAllowed {
		return team.Me{}, domain.Forbidden("Open the link `roster serve` printed at start-up to set up the owner.")
	}
	token, me, err := a.b.Team.Setup(a.s.Ctx, in)
	return a.signedIn(token, me, err)
}

// SignIn checks an e-mail and password and opens a session.
func (a *Auth) SignIn(email, password string) (team.Me, error) {
	token, me, err := a.b.Team.SignIn(a.s.Ctx, a.s.Client, email, password)
	return a.signedIn(token, me, err)
}

func (a *Auth) signedIn(token string, me team.Me, err error) (team.Me, error) {
	if err != nil {
		return team.Me{}, err
	}
	a.s.setToken(token)
	a.b.Log.Info("signed in", "member", me.ID, "role", me.Role, "mode", a.b.Mode)
	a.changed(nil, "team", "audit")
	return me, nil
}

// SignOut ends this window's session.
func (a *Auth) SignOut() error {
	err := a.b.Team.SignOut(a.s.Ctx, a.s.Token())
	a.s.setToken("")
	return err
}

// CheckInvitation says what an invitation code invites to, or why it no
// longer works.
func (a *Auth) CheckInvitation(email, code string) (team.InvitationInfo, error) {
	return a.b.Team.CheckInvitation(a.s.Ctx, email, code)
}

// AcceptInvitation accepts an invitation and signs the new member in.
func (a *Auth) AcceptInvitation(in team.AcceptInput) (team.Me, error) {
	token, me, err := a.b.Team.Accept(a.s.Ctx, in)
	return a.signedIn(token, me, err)
}

// DismissInvitation declines an invitation.
func (a *Auth) DismissInvitation(email, code string) error {
	err := a.b.Team.Dismiss(a.s.Ctx, email, code)
	a.changed(err, "team", "audit")
	return err
}

// Team is the bound service for team members and invitations.
type Team struct{ svc }

// List returns the team, filtered.
func (t *Team) List(in team.ListInput) ([]domain.Member, error) {
	return as(t.svc, func(ctx context.Context, a domain.Actor) ([]domain.Member, error) { return t.b.Team.List(ctx, a, in) })
}

// Invite invites one or more people by e-mail.
func (t *Team) Invite(in team.InviteInput) (team.InviteResult, error) {
	out, err := as(t.svc, func(ctx context.Context, a domain.Actor) (team.InviteResult, error) {
		return t.b.Team.Invite(ctx, a, in)
	})
	t.changed(err, "team", "audit")
	return out, err
}

// Resend replaces an invitation's code and e-mails the new one.
func (t *Team) Resend(memberID int64) (team.Invitation, error) {
	out, err := as(t.svc, func(ctx context.Context, a domain.Actor) (team.Invitation, error) {
		return t.b.Team.Resend(ctx, a, memberID)
	})
	t.changed(err, "team", "audit")
	return out, err
}

// NewCode replaces an invitation's code without e-mailing it, to copy.
func (t *Team) NewCode(memberID int64) (team.Invitation, error) {
	out, err := as(t.svc, func(ctx context.Context, a domain.Actor) (team.Invitation, error) {
		return t.b.Team.NewCode(ctx, a, memberID)
	})
	t.changed(err, "team", "audit")
	return out, err
}

// Revoke withdraws an invitation.
func (t *Team) Revoke(memberID int64) error {
	_, err := as(t.svc, func(ctx context.Context, a domain.Actor) (struct{}, error) {
		return struct{}{}, t.b.Team.Revoke(ctx, a, memberID)
	})
	t.changed(err, "team", "audit")
	return err
}

// ChangeRole gives a member another role.
func (t *Team) ChangeRole(in team.ChangeRoleInput) (domain.Member, error) {
	out, err := as(t.svc, func(ctx context.Context, a domain.Actor) (domain.Member, error) {
		return t.b.Team.ChangeRole(ctx, a, in)
	})
	t.changed(err, "team", "audit", "sessions")
	return out, err
}

// SetEnabled turns a member's access off (ending their sessions) or on.
func (t *Team) SetEnabled(memberID int64, enabled bool) (domain.Member, error) {
	out, err := as(t.svc, func(ctx context.Context, a domain.Actor) (domain.Member, error) {
		return t.b.Team.SetEnabled(ctx, a, memberID, enabled)
	})
	t.changed(err, "team", "audit", "sessions")
	return out, err
}

// UnlockSignIn lifts the locks failed sign-ins put on a member's account.
func (t *Team) UnlockSignIn(memberID int64) (domain.Member, error) {
	out, err := as(t.svc, func(ctx context.Context, a domain.Actor) (domain.Member, error) {
		return t.b.Team.UnlockSignIn(ctx, a, memberID)
	})
	t.changed(err, "team", "audit")
	return out, err
}

// SetNotifications opts a member in or out of notification e-mails.
func (t *Team) SetNotifications(memberID int64, on bool) (domain.Member, error) {
	out, err := as(t.svc, func(ctx context.Context, a domain.Actor) (domain.Member, error) {
		return t.b.Team.SetNotifications(ctx, a, memberID, on)
	})
	t.changed(err, "team", "audit")
	return out, err
}

// Remove deletes a membership.
func (t *Team) Remove(memberID int64) error {
	_, err := as(t.svc, func(ctx context.Context, a domain.Actor) (struct{}, error) {
		return struct{}{}, t.b.Team.Remove(ctx, a, memberID)
	})
	t.changed(err, "team", "audit", "sessions")
	return err
}

// TransferOwnership makes another member the owner.
func (t *Team) TransferOwnership(memberID int64) (domain.Member, error) {
	out, err := as(t.svc, func(ctx context.Context, a domain.Actor) (domain.Member, error) {
		return t.b.Team.TransferOwnership(ctx, a, memberID)
	})
	t.changed(err, "team", "audit", "sessions")
	return out, err
}

// Settings is the bound service for workspace settings.
type Settings struct{ svc }

// Get returns the settings (never the SMTP password).
func (s *Settings) Get() (team.Settings, error) {
	return as(s.svc, s.b.Team.GetSettings)
}

// Update saves the settings.
func (s *Settings) Update(in team.SettingsInput) (team.Settings, error) {
	out, err := as(s.svc, func(ctx context.Context, a domain.Actor) (team.Settings, error) {
		return s.b.Team.UpdateSettings(ctx, a, in)
	})
	s.changed(err, "settings", "audit", "sessions")
	return out, err
}

// SendTestEmail sends a test e-mail with the form's SMTP settings.
func (s *Settings) SendTestEmail(in team.TestEmailInput) (team.TestEmailResult, error) {
	out, err := as(s.svc, func(ctx context.Context, a domain.Actor) (team.TestEmailResult, error) {
		return s.b.Team.SendTestEmail(ctx, a, in)
	})
	s.changed(err, "audit")
	return out, err
}
