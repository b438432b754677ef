package app

import (
	"errors"
	"slices"
	"sync"
	"testing"

	"roster/backend/domain"
	"roster/backend/team"
)

// recorder is an Emitter that keeps what was emitted.
type recorder struct {
	mu     sync.Mutex
	events []map[string]any
}

func (r *recorder) Emit(name string, data any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if m, ok := data.(map[string]any); ok && name == EventChanged {
		r.events = append(r.events, m)
	}
}

func (r *recorder) whats() [][]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out [][]string
	for _, e := range r.events {
		w, _ := e["what"].([]string)
		out = append(out, w)
	}
	return out
}

// A restore tells every window to reload everything; a refused one, nothing.
func TestRestoreRefreshesEveryWindow(t *testing.T) {
	t.Parallel()
	st := openTestStore(t, true)
	b := newBackend(st, NewHub())
	rec := &recorder{}
	b.Events = rec
	token, _, err := b.Team.Setup(t.Context(), team.SetupInput{Name: "Olivia Owner", Email: "olivia@example.com", Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	svcs := NewServices(b, NewSession(t.Context(), token, false))

	made, err := svcs.Backups.BackUpNow()
	if err != nil {
		t.Fatal(err)
	}
	before := len(rec.whats())
	if _, err := svcs.Backups.Restore("../" + made.Name); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("restore by a path: %v; want invalid", err)
	}
	if len(rec.whats()) != before {
		t.Fatalf("a refused restore told the windows to reload: %v", rec.whats())
	}
	res, err := svcs.Backups.Restore(made.Name)
	if err != nil || res.Restored != made.Name {
		t.Fatalf("restore: %+v, %v", res, err)
	}
	whats := rec.whats()
	last := whats[len(whats)-1]
	for _, want := range []string{"restore", "users", "team", "settings", "sessions", "audit"} {
		if !slices.Contains(last, want) {
			t.Errorf("after a restore the windows are told %v; want %q among them", last, want)
		}
	}
	// The session was in the backup: the window stays signed in.
	if _, err := svcs.Backups.List(); err != nil {
		t.Fatalf("list after the restore: %v", err)
	}
}
