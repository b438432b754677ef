// Package app is the only Go package that knows Wails. It binds thin
// services onto the backend's use cases, for the desktop window and (through
// the HTTP bridge) for a browser. It translates; it never decides.
package app

import (
	"context"
	"log/slog"
	"sync"

	"roster/backend/audit"
	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/workspace"
)

// Backend is what the bound services call: the use cases, plus where change
// events go and where the log goes.
type Backend struct {
	Connected *connected.Service
	Audit     *audit.Service
	Workspace *workspace.Service
	Events    Emitter
	Log       *slog.Logger
	Mode      string // "desktop" or "serve"

	firstCall sync.Once
}

// Session is one signed-in actor and the context its calls run in.
type Session struct {
	Ctx   context.Context
	Actor domain.Actor
}

// Services is the bound surface: every exported method of every field is
// callable from the frontend, in the desktop window and over /rpc alike.
// Every method is a public API: the use case it calls checks permission.
type Services struct {
	Users        *Users
	Integrations *Integrations
	Audit        *Audit
	System       *System
}

// NewServices builds the bound set for one session; it is cheap.
func NewServices(b *Backend, s *Session) *Services {
	base := svc{b: b, s: s}
	return &Services{Users: &Users{base}, Integrations: &Integrations{base}, Audit: &Audit{base}, System: &System{base}}
}

// Bind lists the structs to bind, for wails.Run.
func (s *Services) Bind() []any {
	return []any{s.Users, s.Integrations, s.Audit, s.System}
}

type svc struct {
	b *Backend
	s *Session
}

// changed tells every window that data changed, after a successful change.
func (v svc) changed(err error, what ...string) {
	if err == nil {
		v.b.Events.Emit(EventChanged, map[string]any{"what": what})
	}
}

// EventChanged is emitted after any change; windows refresh their queries.
const EventChanged = "roster:changed"

// Users is the bound service for connected users.
type Users struct{ svc }

// List returns one page of users.
func (u *Users) List(q connected.ListInput) (domain.UserPage, error) {
	return u.b.Connected.List(u.s.Ctx, u.s.Actor, q)
}

// Counts returns the header status counts.
func (u *Users) Counts() (domain.StatusCounts, error) {
	return u.b.Connected.Counts(u.s.Ctx, u.s.Actor)
}

// Get returns one user in full.
func (u *Users) Get(id int64) (domain.UserDetail, error) {
	return u.b.Connected.Get(u.s.Ctx, u.s.Actor, id)
}

// Disable disables a user, with an optional reason.
func (u *Users) Disable(id int64, reason string) (domain.UserDetail, error) {
	out, err := u.b.Connected.Disable(u.s.Ctx, u.s.Actor, id, reason)
	u.changed(err, "users", "audit")
	return out, err
}

// Enable re-enables a disabled user.
func (u *Users) Enable(id int64) (domain.UserDetail, error) {
	out, err := u.b.Connected.Enable(u.s.Ctx, u.s.Actor, id)
	u.changed(err, "users", "audit")
	return out, err
}

// UninstallIntegration removes an integration from a user, permanently.
func (u *Users) UninstallIntegration(userID, integrationID int64) (domain.UserDetail, error) {
	out, err := u.b.Connected.UninstallIntegration(u.s.Ctx, u.s.Actor, userID, integrationID)
	u.changed(err, "users", "audit")
	return out, err
}

// SetWorkflowEnabled switches one workflow for one user.
func (u *Users) SetWorkflowEnabled(userID, workflowID int64, enabled bool) (domain.UserDetail, error) {
	out, err := u.b.Connected.SetWorkflowEnabled(u.s.Ctx, u.s.Actor, userID, workflowID, enabled)
	u.changed(err, "users", "audit")
	return out, err
}

// Integrations is the bound service for the integration catalogue.
type Integrations struct{ svc }

// List returns every integration by name.
func (i *Integrations) List() ([]domain.Integration, error) {
	return i.b.Connected.Integrations(i.s.Ctx, i.s.Actor)
}

// Audit is the bound service for the audit log.
type Audit struct{ svc }

// List returns one page of the audit log, newest first.
func (a *Audit) List(q audit.ListInput) (domain.AuditPage, error) {
	return a.b.Audit.List(a.s.Ctx, a.s.Actor, q)
}

// Actions lists the audit actions, for the filter.
func (a *Audit) Actions() ([]string, error) {
	return a.b.Audit.Actions(a.s.Ctx, a.s.Actor)
}

// System is the bound service for the workspace as a whole.
type System struct{ svc }

// Info describes the workspace; the frontend calls it first.
func (s *System) Info() (workspace.Info, error) {
	info, err := s.b.Workspace.Info(s.s.Ctx, s.s.Actor)
	if err == nil {
		info.Mode = s.b.Mode
		// The desktop smoke test waits for this line: only a frontend that
		// loaded, ran its JavaScript and reached Go can cause it.
		s.b.firstCall.Do(func() {
			s.b.Log.Info("frontend connected: first call into Go succeeded", "method", "System.Info", "mode", s.b.Mode)
		})
	}
	return info, err
}

// LoadDemoData fills an empty database with demo data.
func (s *System) LoadDemoData() (workspace.Info, error) {
	info, err := s.b.Workspace.LoadDemoData(s.s.Ctx, s.s.Actor)
	info.Mode = s.b.Mode
	s.changed(err, "users", "audit")
	return info, err
}
