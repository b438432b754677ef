package domain_test

import (
	"testing"

	"roster/backend/domain"
)

func TestShortCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		names []string // ids 1, 2, …
		want  []string
	}{
		{"initials of two words", []string{"Google Drive", "Google Calendar"}, []string{"GD", "GC"}},
		{"a name that is one word", []string{"Slack", "Salesforce"}, []string{"SL", "SA"}},
		{"same initials differ", []string{"Salesforce", "Slack", "Sage", "Shopify"}, []string{"SA", "SL", "SG", "SH"}},
		{"camel case is two words", []string{"BambooHR", "HubSpot"}, []string{"BH", "HS"}},
		{"one letter names", []string{"X", "X"}, []string{"X2", "X3"}},
		{"no letters", []string{"", "!!"}, []string{"X2", "X3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ids := make([]int64, len(tt.names))
			names := map[int64]string{}
			for i, n := range tt.names {
				ids[i] = int64(i + 1)
				names[ids[i]] = n
			}
			got := domain.ShortCodes(ids, names)
			for i, id := range ids {
				if got[id] != tt.want[i] {
					t.Errorf("%q: got %q, want %q", tt.names[i], got[id], tt.want[i])
				}
			}
		})
	}
	t.Run("unique across a large catalogue", func(t *testing.T) {
		var ids []int64
		names := map[int64]string{}
		for i := range 500 {
			ids = append(ids, int64(i+1))
			names[int64(i+1)] = "Same Name"
		}
		seen := map[string]bool{}
		for _, c := range domain.ShortCodes(ids, names) {
			if seen[c] {
				t.Fatalf("code %q given twice", c)
			}
			seen[c] = true
		}
	})
}
