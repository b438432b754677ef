package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

func TestWatchSeesAnotherConnectionsCommit(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	path := filepath.Join(t.TempDir(), "roster.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	changed := make(chan struct{}, 10)
	done := make(chan error, 1)
	go func() { done <- st.Watch(ctx, 5*time.Millisecond, func() { changed <- struct{}{} }) }()

	other, err := Open(ctx, path) // another process's view of the file
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	// The watcher takes its baseline when its goroutine first runs, which
	// may be after a first commit: commit until it reports one.
	deadline := time.After(30 * time.Second)
	for seen := false; !seen; {
		if err := other.Update(ctx, func(tx DB) error {
			return PutSettings(ctx, tx, map[string]string{"x": time.Now().String()})
		}); err != nil {
			t.Fatal(err)
		}
		select {
		case <-changed:
			seen = true
		case <-time.After(100 * time.Millisecond):
		case <-deadline:
			t.Fatal("no change seen after another connection committed")
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
