package store_test

import (
	"context"
	"testing"

	"roster/backend/store"
	"roster/backend/testutil"
)

// TestGrowWriteCacheGivesItBack: the writer's transactions see the grown
// cache until restore, then the usual one again.
func TestGrowWriteCacheGivesItBack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	cache := func() int {
		t.Helper()
		var n int
		if err := st.Update(ctx, func(tx store.DB) error {
			return tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&n)
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	usual := cache()
	restore, err := st.GrowWriteCache(ctx, 128)
	if err != nil {
		t.Fatal(err)
	}
	if got := cache(); got != -128<<10 {
		t.Errorf("cache_size while grown = %d, want %d", got, -128<<10)
	}
	restore()
	if got := cache(); got != usual {
		t.Errorf("cache_size after restore = %d, want %d", got, usual)
	}
}
