package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"roster/backend/store"
	"roster/backend/testutil"
)

// TestBulkWrites: while on, the writer has the grown cache and leaves
// checkpoints to the store, which copies each commit's pages into the file
// on a connection of its own; the last of overlapping calls' end puts the
// writer back.
func TestBulkWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	settings := func() [2]int {
		t.Helper()
		var n [2]int
		if err := st.Update(ctx, func(tx store.DB) error {
			if err := tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&n[0]); err != nil {
				return err
			}
			return tx.QueryRowContext(ctx, "PRAGMA wal_autocheckpoint").Scan(&n[1])
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	usual := settings()
	if usual[1] == 0 {
		t.Fatal("the writer checkpoints nothing by itself to begin with")
	}
	end1, err := st.BulkWrites(ctx, 128)
	if err != nil {
		t.Fatal(err)
	}
	end2, err := st.BulkWrites(ctx, 128)
	if err != nil {
		t.Fatal(err)
	}
	bulk := [2]int{-128 << 10, 0}
	if got := settings(); got != bulk {
		t.Errorf("cache_size, wal_autocheckpoint while on = %v, want %v", got, bulk)
	}

	size := func() int64 {
		t.Helper()
		fi, err := os.Stat(st.Path())
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	before := size()
	const wrote = 4 << 20
	if err := st.Update(ctx, func(tx store.DB) error {
		if _, err := tx.ExecContext(ctx, "CREATE TABLE scratch (b BLOB)"); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
			INSERT INTO scratch SELECT randomblob(4096) FROM n`, wrote/4096)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// The writer leaves the pages in the WAL; only the store's checkpoint
	// brings them into the file.
	for deadline := time.Now().Add(time.Minute); size() < before+wrote; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the file is %d bytes a minute after a commit of %d bytes (%d before): not checkpointed", size(), wrote, before)
		}
	}

	end1()
	end1() // once only
	if got := settings(); got != bulk {
		t.Errorf("cache_size, wal_autocheckpoint while another call is on = %v, want %v", got, bulk)
	}
	end2()
	if got := settings(); got != usual {
		t.Errorf("cache_size, wal_autocheckpoint after the end = %v, want %v", got, usual)
	}
}
