package store_test

import (
	"context"
	"encoding/binary"
	"os"
	"testing"
	"time"

	"roster/backend/store"
	"roster/backend/testutil"
)

// TestBulkWrites: while on, the writer has the grown cache and leaves
// checkpoints, and syncing the WAL, to the store, which copies each
// commit's pages into the file on a connection of its own; the last of
// overlapping calls' end puts the writer back.
func TestBulkWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	settings := func() [3]int {
		t.Helper()
		var n [3]int
		if err := st.Update(ctx, func(tx store.DB) error {
			if err := tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&n[0]); err != nil {
				return err
			}
			if err := tx.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&n[2]); err != nil {
				return err
			}
			return tx.QueryRowContext(ctx, "PRAGMA wal_autocheckpoint").Scan(&n[1])
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	usual := settings()
	if usual[1] == 0 || usual[2] != 2 {
		t.Fatalf("wal_autocheckpoint, synchronous = %d, %d to begin with, want the writer to checkpoint and to sync each commit (2, FULL)", usual[1], usual[2])
	}
	end1, err := st.BulkWrites(ctx, 128)
	if err != nil {
		t.Fatal(err)
	}
	end2, err := st.BulkWrites(ctx, 128)
	if err != nil {
		t.Fatal(err)
	}
	bulk := [3]int{-128 << 10, 0, 1}
	if got := settings(); got != bulk {
		t.Errorf("cache_size, wal_autocheckpoint, synchronous while on = %v, want %v", got, bulk)
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
		t.Errorf("cache_size, wal_autocheckpoint, synchronous while another call is on = %v, want %v", got, bulk)
	}
	end2()
	if got := settings(); got != usual {
		t.Errorf("cache_size, wal_autocheckpoint, synchronous after the end = %v, want %v", got, usual)
	}
}

// TestBulkWritesStartTheWALOver: back-to-back transactions under
// BulkWrites, with checkpoints beside them, start the WAL over once it is
// longer than its limit, instead of growing it by every transaction; a
// reader that keeps an old snapshot throughout holds the WAL's frames back,
// and then the transactions go on (catchUp gives up waiting), and the WAL
// grows.
func TestBulkWritesStartTheWALOver(t *testing.T) {
	t.Parallel()
	const (
		commits = 32
		wrote   = 1 << 20 // bytes a commit
		limit   = 256     // frames of 4 KiB: one commit's worth
	)
	// run opens a file under BulkWrites, calls during, then commits 32 MB
	// in turn, and returns how many times SQLite started the WAL over and
	// the WAL's size.
	run := func(t *testing.T, during func(ctx context.Context, st *store.Store)) (uint32, int64) {
		ctx := t.Context()
		st := testutil.Open(t)
		store.SetWALFrames(st, limit)
		end, err := st.BulkWrites(ctx, 16)
		if err != nil {
			t.Fatal(err)
		}
		defer end()
		if err := st.Update(ctx, func(tx store.DB) error {
			_, err := tx.ExecContext(ctx, "CREATE TABLE scratch (b BLOB)")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		// The WAL's header counts its starts over (its checkpoint sequence
		// number, bytes 12-15).
		starts := func() uint32 {
			t.Helper()
			f, err := os.Open(st.Path() + "-wal")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var h [16]byte
			if _, err := f.ReadAt(h[:], 0); err != nil {
				t.Fatal(err)
			}
			return binary.BigEndian.Uint32(h[12:])
		}
		during(ctx, st)
		before := starts()
		for range commits {
			if err := st.Update(ctx, func(tx store.DB) error {
				_, err := tx.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
					INSERT INTO scratch SELECT randomblob(4000) FROM n`, wrote/4096)
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
		var n int
		if err := st.Reader().QueryRowContext(ctx, "SELECT count(*) FROM scratch").Scan(&n); err != nil || n != commits*wrote/4096 {
			t.Fatalf("scratch holds %d rows (%v), want %d", n, err, commits*wrote/4096)
		}
		fi, err := os.Stat(st.Path() + "-wal")
		if err != nil {
			t.Fatal(err)
		}
		return starts() - before, fi.Size()
	}

	t.Run("started over", func(t *testing.T) {
		t.Parallel()
		// Without the wait, each commit begins before the checkpoint of
		// the one before it can end, and the WAL grows by every commit.
		// With it, the WAL starts over about every other commit; the
		// checkpoints can lag behind on a busy machine.
		if got, _ := run(t, func(context.Context, *store.Store) {}); got == 0 {
			t.Errorf("the WAL never started over in %d commits of %d MB", commits, wrote>>20)
		}
	})
	t.Run("held back by a reader", func(t *testing.T) {
		t.Parallel()
		_, size := run(t, func(ctx context.Context, st *store.Store) {
			// A query left open after its first row keeps a snapshot taken
			// before the writes: the checkpoints cannot copy the frames
			// after it while it lasts.
			rows, err := st.Reader().QueryContext(ctx, "SELECT name FROM sqlite_schema")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { rows.Close() })
			if !rows.Next() {
				t.Fatalf("no schema: %v", rows.Err())
			}
		})
		// The first commit may start the WAL over (the reader reads the
		// file, not the WAL); from then on, every commit goes after the
		// last.
		if size < (commits-1)*wrote {
			t.Errorf("the WAL is %d MB after %d commits of %d MB under a reader's snapshot", size>>20, commits, wrote>>20)
		}
	})
}
