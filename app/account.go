package app

import (
	"context"

	"roster/backend/domain"
	"roster/backend/team"
)

// Account is the bound service for the signed-in member's own profile: each
// method changes the caller's row only (the use cases take the member from
// the session, never from an argument).
type Account struct{ svc }

// Profile returns the caller's name, e-mail, notifications and any change
// of address waiting for its code.
func (c *Account) Profile() (team.Profile, error) {
	return as(c.svc, c.b.Team.Profile)
}

// UpdateName changes the caller's name.
func (c *Account) UpdateName(name string) (team.Profile, error) {
	out, err := as(c.svc, func(ctx context.Context, a domain.Actor) (team.Profile, error) {
		return c.b.Team.UpdateName(ctx, a, name)
	})
	c.changed(err, "team", "audit", "account")
	return out, err
}

// SetNotifications switches the caller's notification e-mails.
func (c *Account) SetNotifications(on bool) (team.Profile, error) {
	out, err := as(c.svc, func(ctx context.Context, a domain.Actor) (team.Profile, error) {
		return c.b.Team.SetOwnNotifications(ctx, a, on)
	})
	c.changed(err, "team", "audit", "account")
	return out, err
}

// ChangePassword replaces the caller's password, given the current one;
// the member's other windows are signed out.
func (c *Account) ChangePassword(in team.ChangePasswordInput) error {
	_, err := as(c.svc, func(ctx context.Context, a domain.Actor) (struct{}, error) {
		return struct{}{}, c.b.Team.ChangePassword(ctx, a, c.s.Token(), in)
	})
	c.changed(err, "audit", "sessions")
	return err
}

// RequestEmailChange mails a confirmation code to a new address.
func (c *Account) RequestEmailChange(email string) (team.Profile, error) {
	out, err := as(c.svc, func(ctx context.Context, a domain.Actor) (team.Profile, error) {
		return c.b.Team.RequestEmailChange(ctx, a, email)
	})
	c.changed(err, "audit", "outbox", "account")
	return out, err
}

// ConfirmEmailChange applies the waiting change of address, given its code.
func (c *Account) ConfirmEmailChange(code string) (team.Profile, error) {
	out, err := as(c.svc, func(ctx context.Context, a domain.Actor) (team.Profile, error) {
		return c.b.Team.ConfirmEmailChange(ctx, a, code)
	})
	c.changed(err, "team", "audit", "account")
	return out, err
}

// CancelEmailChange withdraws the waiting change of address.
func (c *Account) CancelEmailChange() (team.Profile, error) {
	out, err := as(c.svc, c.b.Team.CancelEmailChange)
	c.changed(err, "outbox", "account")
	return out, err
}
