package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"roster/backend/store"
	"roster/backend/testutil"
)

// TestMatchLeavesOutCommonTrigrams: among 30,000 users whose ids all start
// "usr_" and whose e-mails all end "@example.com", a search holding those
// is looked up in the search index by its rarest trigrams only, and what
// they find is tested on the folded text; by its phrase, a search whose
// rarest trigrams find too many users to test ("_00": 1 in 256), or whose
// trigrams are all rare, or which has two. Either way the count is right.
func TestMatchLeavesOutCommonTrigrams(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	rng := rand.New(rand.NewPCG(1, 2))
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	us := make([]store.NewUser, 30000)
	for i := range us {
		us[i] = store.NewUser{ExternalID: fmt.Sprintf("usr_%08x", rng.Uint32()), Name: fmt.Sprintf("Person %d", i),
			Email: fmt.Sprintf("p%d@example.com", i), CreatedAt: now + int64(i), Metadata: "{}", Status: "no_integrations"}
	}
	addUsers(t, st, us)
	for _, tc := range []struct {
		search      string
		pruned      bool
		left        []string // trigrams the query leaves out
		matches, of string   // the users it matches: of column LIKE matches
	}{
		{"usr_00a1", true, []string{"usr", "sr_"}, "%usr\\_00a1%", "external_id"},
		{"usr_00", false, nil, "%usr\\_00%", "external_id"},
		{"P12345@Example.COM", true, []string{"exa", "com"}, "%p12345@example.com%", "email"},
		{"usr_", false, nil, "%usr\\_%", "external_id"},       // two trigrams
		{"usr_00a", false, nil, "%usr\\_00a%", "external_id"}, // too short to look at
		{"qzx1234", false, nil, "%qzx1234%", "external_id"},   // each rare
	} {
		t.Run(tc.search, func(t *testing.T) {
			query, like, err := store.MatchOf(ctx, st.Reader(), tc.search)
			if err != nil {
				t.Fatal(err)
			}
			if pruned := like != ""; pruned != tc.pruned {
				t.Fatalf("query %s, pattern %q: pruned %v, want %v", query, like, pruned, tc.pruned)
			}
			for _, tri := range tc.left {
				if strings.Contains(query, tri) {
					t.Errorf("query %s holds %q, in every user", query, tri)
				}
			}
			n, err := store.CountUsers(ctx, st.Reader(), store.UserQuery{Search: tc.search})
			if err != nil {
				t.Fatal(err)
			}
			var want int
			if err := st.Reader().QueryRowContext(ctx, "SELECT count(*) FROM connected_users WHERE lower("+tc.of+`) LIKE ? ESCAPE '\'`,
				tc.matches).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if n != want {
				t.Errorf("%d users match, want %d", n, want)
			}
		})
	}
}
