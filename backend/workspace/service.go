// Package workspace holds use cases on the database as a whole: what it is,
// and loading demo data into an empty one.
package workspace

import (
	"context"
	"time"

	"roster/backend/domain"
	"roster/backend/seed"
	"roster/backend/store"
)

// DemoUsers is how many users "Load demo data" creates: enough to scroll
// and filter for real, quick enough to load in about a second.
const DemoUsers = 5000

// Service runs workspace use cases.
type Service struct {
	store   *store.Store
	now     func() time.Time
	version string
}

// New returns a Service; version is the app's build version.
func New(s *store.Store, now func() time.Time, version string) *Service {
	return &Service{store: s, now: now, version: version}
}

// Mode is the window Roster is seen through.
type Mode string

const (
	ModeDesktop Mode = "desktop"
	ModeServe   Mode = "serve"
)

// Modes lists both windows.
var Modes = []Mode{ModeDesktop, ModeServe}

// Info describes the workspace. Who is signed in, and what they may do, is
// team.Me (Auth.State).
type Info struct {
	Version       string `json:"version"`
	SchemaVersion uint   `json:"schemaVersion"`
	DBPath        string `json:"dbPath"`
	Mode          Mode   `json:"mode"` // set by the shell
	// LinkBase is the address links in mail open (set by the shell; "" on
	// the desktop, whose invitations carry a code only).
	LinkBase string `json:"linkBase"`
	Empty    bool   `json:"empty"`
}

// Info returns the workspace description; every actor may read it.
func (s *Service) Info(ctx context.Context, _ domain.Actor) (Info, error) {
	empty, err := store.IsEmpty(ctx, s.store.Reader())
	if err != nil {
		return Info{}, err
	}
	return Info{Version: s.version, SchemaVersion: s.store.SchemaVersion(), DBPath: s.store.Path(), Empty: empty}, nil
}

// LoadDemoData fills an empty database with demo data.
func (s *Service) LoadDemoData(ctx context.Context, actor domain.Actor) (Info, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return Info{}, err
	}
	if _, err := seed.Load(ctx, s.store, seed.Options{Users: DemoUsers, Seed: 1, Now: s.now(), Actor: actor}); err != nil {
		return Info{}, err
	}
	return s.Info(ctx, actor)
}
