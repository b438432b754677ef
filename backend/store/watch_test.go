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
	if err := other.Update(ctx, func(tx DB) error {
		return PutSettings(ctx, tx, map[string]string{"x": "1"})
	}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changed:
	case <-time.After(30 * time.Second):
		t.Fatal("no change seen after another connection committed")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
