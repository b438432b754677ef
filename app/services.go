// Package app is the only Go package that knows Wails. It binds thin
// services onto the backend's use cases, for the desktop window and (through
// the HTTP bridge) for a browser. It translates; it never decides.
package app

import (
	"context"
	"errors"
	"log/slog"
	"sync"

	"roster/backend/audit"
	"roster/backend/backups"
	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/exporter"
	"roster/backend/importer"
	"roster/backend/ingest"
	"roster/backend/outbox"
	"roster/backend/team"
	"roster/backend/workspace"
)

// Backend is what the bound services call: the use cases, plus where change
// events go and where the log goes.
type Backend struct {
	Connected *connected.Service
	Audit     *audit.Service
	Workspace *workspace.Service
	Team      *team.Service
	Ingest    *ingest.Service
	Importer  *importer.Service
	Imports   *importer.Jobs
	Export    *exporter.Service
	Exports   *exporter.Jobs
	Backups   *backups.Service
	Outbox    *outbox.View
	Events    Emitter
	Log       *slog.Logger
	Mode      workspace.Mode

	firstCall sync.Once
}

// Close removes the files waiting for an import or a download.
func (b *Backend) Close() error {
	return errors.Join(b.Imports.Files().Close(), b.Exports.Close())
}

// Session is one window onto Roster: the desktop window, or one browser
// (its cookie). It holds the session token, not the actor: every call
// resolves the token afresh, so a member turned off, a changed role or an
// idle timeout takes effect at the very next call.
type Session struct {
	Ctx context.Context
	// SetupAllowed lets this window create the first owner of an empty
	// Roster: the desktop window, or a browser that opened serve mode's
	// start-up link.
	SetupAllowed bool
	// Client is who is calling, for counting failed sign-ins: "desktop", or
	// "ip:" and a browser's address in serve mode.
	Client string

	mu    sync.Mutex
	token string
}

// NewSession returns a session holding token ("" = signed out).
func NewSession(ctx context.Context, token string, setupAllowed bool) *Session {
	return &Session{Ctx: ctx, token: token, SetupAllowed: setupAllowed, Client: "desktop"}
}

// Token returns the session token; "" when signed out.
func (s *Session) Token() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.token
}

func (s *Session) setToken(t string) {
	s.mu.Lock()
	s.token = t
	s.mu.Unlock()
}

// Services is the bound surface: every exported method of every field is
// callable from the frontend, in the desktop window and over /rpc alike.
// Every method is a public API: the use case it calls checks permission.
type Services struct {
	Auth         *Auth
	Users        *Users
	Integrations *Integrations
	Team         *Team
	Settings     *Settings
	Audit        *Audit
	System       *System
	Events       *Events
	Runs         *Runs
	Outbox       *Outbox
	IngestKeys   *IngestKeys
	Imports      *Imports
	Exports      *Exports
	Backups      *Backups
	Account      *Account
}

// NewServices builds the bound set for one session; it is cheap.
func NewServices(b *Backend, s *Session) *Services {
	base := svc{b: b, s: s}
	return &Services{Auth: &Auth{base}, Users: &Users{base}, Integrations: &Integrations{base}, Team: &Team{base},
		Settings: &Settings{base}, Audit: &Audit{base}, System: &System{base}, Events: &Events{base}, Runs: &Runs{base},
		Outbox: &Outbox{base}, IngestKeys: &IngestKeys{base}, Imports: &Imports{base}, Exports: &Exports{base}, Backups: &Backups{base},
		Account: &Account{base}}
}

// Bind lists the structs to bind, for wails.Run.
func (s *Services) Bind() []any {
	return []any{s.Auth, s.Users, s.Integrations, s.Team, s.Settings, s.Audit, s.System, s.Events, s.Runs, s.Outbox, s.IngestKeys, s.Imports, s.Exports, s.Backups, s.Account}
}

type svc struct {
	b *Backend
	s *Session
}

// as runs a use case as the session's member, or refuses a signed-out call.
func as[T any](v svc, fn func(ctx context.Context, a domain.Actor) (T, error)) (T, error) {
	a, err := v.b.Team.Authenticate(v.s.Ctx, v.s.Token())
	if err != nil {
		var zero T
		return zero, err
	}
	return fn(v.s.Ctx, a)
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
	return as(u.svc, func(ctx context.Context, a domain.Actor) (domain.UserPage, error) {
		return u.b.Connected.List(ctx, a, q)
	})
}

// Count returns the exact number of users a list's filters match, for a
// list whose own total is a lower bound.
func (u *Users) Count(q connected.ListInput) (int, error) {
	return as(u.svc, func(ctx context.Context, a domain.Actor) (int, error) {
		return u.b.Connected.Count(ctx, a, q)
	})
}

// Counts returns the header status counts.
func (u *Users) Counts() (domain.StatusCounts, error) {
	return as(u.svc, u.b.Connected.Counts)
}

// Get returns one user in full.
func (u *Users) Get(id int64) (domain.UserDetail, error) {
	return as(u.svc, func(ctx context.Context, a domain.Actor) (domain.UserDetail, error) {
		return u.b.Connected.Get(ctx, a, id)
	})
}

// Disable disables a user, with an optional reason.
func (u *Users) Disable(id int64, reason string) (domain.UserDetail, error) {
	out, err := as(u.svc, func(ctx context.Context, a domain.Actor) (domain.UserDetail, error) {
		return u.b.Connected.Disable(ctx, a, id, reason)
	})
	u.changed(err, "users", "audit")
	return out, err
}

// Enable re-enables a disabled user.
func (u *Users) Enable(id int64) (domain.UserDetail, error) {
	out, err := as(u.svc, func(ctx context.Context, a domain.Actor) (domain.UserDetail, error) {
		return u.b.Connected.Enable(ctx, a, id)
	})
	u.changed(err, "users", "audit")
	return out, err
}

// UninstallIntegration removes an integration from a user, permanently.
func (u *Users) UninstallIntegration(userID, integrationID int64) (domain.UserDetail, error) {
	out, err := as(u.svc, func(ctx context.Context, a domain.Actor) (domain.UserDetail, error) {
		return u.b.Connected.UninstallIntegration(ctx, a, userID, integrationID)
	})
	u.changed(err, "users", "audit")
	return out, err
}

// SetWorkflowEnabled switches one workflow for one user.
func (u *Users) SetWorkflowEnabled(userID, workflowID int64, enabled bool) (domain.UserDetail, error) {
	out, err := as(u.svc, func(ctx context.Context, a domain.Actor) (domain.UserDetail, error) {
		return u.b.Connected.SetWorkflowEnabled(ctx, a, userID, workflowID, enabled)
	})
	u.changed(err, "users", "audit")
	return out, err
}

// Integrations is the bound service for the integration catalogue.
type Integrations struct{ svc }

// List returns every integration by name.
func (i *Integrations) List() ([]domain.Integration, error) {
	return as(i.svc, i.b.Connected.Integrations)
}

// Workflows lists an integration's workflows by name.
func (i *Integrations) Workflows(integrationID int64) ([]domain.Ref, error) {
	return as(i.svc, func(ctx context.Context, a domain.Actor) ([]domain.Ref, error) {
		return i.b.Connected.Workflows(ctx, a, integrationID)
	})
}

// Audit is the bound service for the audit log.
type Audit struct{ svc }

// List returns one page of the audit log, newest first.
func (a *Audit) List(q audit.ListInput) (domain.AuditPage, error) {
	return as(a.svc, func(ctx context.Context, actor domain.Actor) (domain.AuditPage, error) {
		return a.b.Audit.List(ctx, actor, q)
	})
}

// Actors lists everyone who appears as an actor in the audit log.
func (a *Audit) Actors() ([]domain.AuditActor, error) {
	return as(a.svc, func(ctx context.Context, actor domain.Actor) ([]domain.AuditActor, error) {
		return a.b.Audit.Actors(ctx, actor)
	})
}

// System is the bound service for the workspace as a whole.
type System struct{ svc }

// Info describes the workspace.
func (s *System) Info() (workspace.Info, error) {
	info, err := as(s.svc, s.b.Workspace.Info)
	if err != nil {
		return info, err
	}
	info.Mode = s.b.Mode
	info.LinkBase, err = s.b.Team.LinkBase(s.s.Ctx)
	return info, err
}

// LoadDemoData fills an empty database with demo data.
func (s *System) LoadDemoData() (workspace.Info, error) {
	info, err := as(s.svc, s.b.Workspace.LoadDemoData)
	s.changed(err, "users", "audit")
	if err != nil {
		return info, err
	}
	info.Mode = s.b.Mode
	info.LinkBase, err = s.b.Team.LinkBase(s.s.Ctx)
	return info, err
}
