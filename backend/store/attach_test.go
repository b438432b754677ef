package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/seed"
	"roster/backend/store"
	"roster/backend/testutil"
)

// TestListAttachesIntegrations: every listed user's integrations are their
// connections, with each one's status, in the order of the integrations'
// names: read from integration_bits and error_bits, or from the
// connections when an integration has no bit. A CSV export's records
// (UserRecords, not in full) carry the same, in the order of keys.
func TestListAttachesIntegrations(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		late bool // an integration numbered past store.MaxBitIntegration
	}{
		{"every integration has a bit", false},
		{"an integration without a bit", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := testutil.Open(t)
			if _, err := seed.Load(ctx, st, seed.Options{Users: 1500, Seed: 5, Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
				Actor: domain.CommandLine()}); err != nil {
				t.Fatal(err)
			}
			if err := st.Update(ctx, func(tx store.DB) error {
				// Names out of id order, so that name order is not id order.
				if _, err := tx.ExecContext(ctx, "UPDATE integrations SET name = 'Zz ' || name WHERE id % 2 = 0"); err != nil {
					return err
				}
				if !tc.late {
					return nil
				}
				if _, err := tx.ExecContext(ctx, "INSERT INTO integrations (id, key, name) VALUES (100, 'late', 'Aa Late')"); err != nil {
					return err
				}
				_, err := tx.ExecContext(ctx, `INSERT INTO connections (user_id, integration_id, status, connected_at, status_changed_at, user_created_at)
					SELECT user_id, 100, status, connected_at, status_changed_at, user_created_at FROM connections
					WHERE integration_id = 1 AND user_id % 3 = 0`)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			want := map[int64]string{} // "id:status …" by user, in the integrations' name order
			rows, err := st.Reader().QueryContext(ctx, `SELECT c.user_id, c.integration_id, c.status
				FROM connections c JOIN integrations i ON i.id = c.integration_id ORDER BY c.user_id, i.name, i.id`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var user, integration int64
				var status string
				if err := rows.Scan(&user, &integration, &status); err != nil {
					t.Fatal(err)
				}
				want[user] = strings.TrimSpace(fmt.Sprintf("%s %d:%s", want[user], integration, status))
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			seen := map[domain.UserStatus]int{}
			for _, status := range domain.UserStatuses {
				page, err := store.ListUsers(ctx, st.Reader(), store.UserQuery{Status: status, Sort: domain.SortName, Limit: 200})
				if err != nil {
					t.Fatal(err)
				}
				for _, u := range page.Users {
					var got []string
					for _, in := range u.Integrations {
						got = append(got, fmt.Sprintf("%d:%s", in.ID, in.Status))
						if in.Name == "" || in.Short == "" {
							t.Errorf("user %d: integration %d has no name or short code: %+v", u.ID, in.ID, in)
						}
					}
					if g := strings.Join(got, " "); g != want[u.ID] {
						t.Errorf("user %d (%s): integrations %q, want %q", u.ID, u.Status, g, want[u.ID])
					}
					if want[u.ID] != "" {
						seen[status]++
					}
				}
			}
			// A CSV export's records carry the same, in the order of keys.
			byKey := map[int64]string{} // "key:status …" by user
			var ids []int64
			rows, err = st.Reader().QueryContext(ctx, `SELECT c.user_id, i.key, c.status
				FROM connections c JOIN integrations i ON i.id = c.integration_id ORDER BY c.user_id, i.key`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var user int64
				var key, status string
				if err := rows.Scan(&user, &key, &status); err != nil {
					t.Fatal(err)
				}
				if byKey[user] == "" {
					ids = append(ids, user)
				}
				byKey[user] = strings.TrimSpace(byKey[user] + " " + key + ":" + status)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			recs, err := store.UserRecords(ctx, st.Reader(), ids, false)
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != len(ids) {
				t.Fatalf("%d records for %d users", len(recs), len(ids))
			}
			for i, r := range recs {
				var got []string
				for _, c := range r.Connections {
					got = append(got, c.Integration+":"+c.Status)
				}
				if g := strings.Join(got, " "); g != byKey[ids[i]] {
					t.Errorf("record of user %d: connections %q, want %q", ids[i], g, byKey[ids[i]])
				}
			}
			for _, status := range []domain.UserStatus{domain.StatusConnected, domain.StatusAccountErrors, domain.StatusDisabled} {
				if seen[status] == 0 {
					t.Errorf("no %s user with integrations was listed: the test checks nothing for them", status)
				}
			}
		})
	}
}
