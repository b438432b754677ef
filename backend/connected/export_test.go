package connected_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/seed"
	"roster/backend/store"
	"roster/backend/testutil"
)

// TestExportWalksEveryPageInOrder: an export of more users than a page
// hands write every user the list shows, in its order, a page at a time,
// and a per-integration role their integrations only; a failed write, or
// the caller cancelling, ends it with that error and no write after.
func TestExportWalksEveryPageInOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	if _, err := seed.Load(ctx, st, seed.Options{Users: 4000, Seed: 2, Now: clock, Actor: domain.CommandLine()}); err != nil {
		t.Fatal(err)
	}
	svc := connected.New(st, time.Now)
	var top int64 // the integration most users have: more than a page of them
	var topKey string
	if err := st.Reader().QueryRowContext(ctx, "SELECT id, key FROM integrations ORDER BY user_count DESC LIMIT 1").Scan(&top, &topKey); err != nil {
		t.Fatal(err)
	}
	monitor := domain.Actor{ID: "7", Role: domain.RoleMonitorIntegrations, Integrations: []int64{top}}
	// listed is what the list shows for in, page after page.
	listed := func(t *testing.T, actor domain.Actor, in connected.ListInput) []string {
		var ids []string
		for {
			page, err := svc.List(ctx, actor, in)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range page.Users {
				ids = append(ids, u.ExternalID)
			}
			if page.NextCursor == "" {
				return ids
			}
			in.Cursor = page.NextCursor
		}
	}
	cases := []struct {
		name  string
		actor domain.Actor
		in    connected.ListInput
	}{
		{"everyone, newest first", domain.CommandLine(), connected.ListInput{}},
		{"connected, by name", domain.CommandLine(), connected.ListInput{Status: domain.StatusConnected, Sort: domain.SortName, Order: domain.OrderAsc}},
		{"an integration's, as its monitor", monitor, connected.ListInput{IntegrationID: top}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := listed(t, c.actor, c.in)
			var got []string
			pages := 0
			n, err := svc.Export(ctx, c.actor, c.in, true, func(recs []store.UserRecord) error {
				pages++
				for _, r := range recs {
					got = append(got, r.ExternalID)
					for _, conn := range r.Connections {
						if c.actor.Role.Scoped() && conn.Integration != topKey {
							t.Errorf("%s: exported %s to a monitor of %s only", r.ExternalID, conn.Integration, topKey)
						}
					}
				}
				return nil
			})
			if err != nil || n != len(want) || !slices.Equal(got, want) {
				t.Fatalf("exported %d users (%d handed to write), %v; want the %d the list shows, in its order", n, len(got), err, len(want))
			}
			if min := (len(want) + domain.MaxPageSize - 1) / domain.MaxPageSize; pages != min || pages < 2 {
				t.Fatalf("%d pages; want %d of up to %d users, and more than one", pages, min, domain.MaxPageSize)
			}
		})
	}
	t.Run("a failed write ends it", func(t *testing.T) {
		full := errors.New("disk full")
		calls := 0
		n, err := svc.Export(ctx, domain.CommandLine(), connected.ListInput{}, false, func(recs []store.UserRecord) error {
			if calls++; calls == 2 {
				return full
			}
			return nil
		})
		if !errors.Is(err, full) || n != domain.MaxPageSize || calls != 2 {
			t.Fatalf("exported %d users in %d writes, %v; want the first page's %d, then %v", n, calls, err, domain.MaxPageSize, full)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		calls := 0
		_, err := svc.Export(cctx, domain.CommandLine(), connected.ListInput{}, false, func(recs []store.UserRecord) error {
			if calls++; calls == 1 {
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) || calls > 3 {
			t.Fatalf("%d writes, %v; want it to stop, cancelled, within what was under way", calls, err)
		}
	})
}
