package app

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The window shows the opening page, never the app, until the backend is
// whole; then the app. When opening failed, the page keeps showing, with
// the error for its script to put up.
func TestOpeningServesTheAppOnlyOnceReady(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		err     error
		wantApp bool
	}{
		{"opened", nil, true},
		{"failed", errors.New("database schema is dirty: <roster.db> stopped part-way"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ready := make(chan error, 1)
			app := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "the app") })
			h := opening(ready, "Upgrading /data/roster.db from schema version 14 to 15 <for this Roster>.")(app)
			get := func(path string) (int, string) {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
				return rec.Code, rec.Body.String()
			}
			state := func() openingState {
				_, body := get(openingPath)
				var s openingState
				if err := json.Unmarshal([]byte(body), &s); err != nil {
					t.Fatalf("%s: %q: %v", openingPath, body, err)
				}
				return s
			}

			for _, path := range []string{"/", "/index.html", "/assets/index.js"} {
				if code, body := get(path); code != http.StatusOK || strings.Contains(body, "the app") ||
					!strings.Contains(body, "Upgrading /data/roster.db from schema version 14 to 15 &lt;for this Roster&gt;.") {
					t.Fatalf("GET %s before ready: %d %q; want the opening page, escaped", path, code, body)
				}
			}
			if s := state(); s.Done {
				t.Fatalf("state before ready: %+v", s)
			}

			ready <- tc.err
			var s openingState
			for give := time.Now().Add(10 * time.Second); !s.Done && time.Now().Before(give); time.Sleep(5 * time.Millisecond) {
				s = state()
			}
			if !s.Done {
				t.Fatal("never done after ready delivered")
			}
			_, body := get("/")
			if got := body == "the app"; got != tc.wantApp {
				t.Fatalf("GET / after ready (%v): %q", tc.err, body)
			}
			if tc.err != nil && s.Error != tc.err.Error() {
				t.Fatalf("error %q; want %q", s.Error, tc.err.Error())
			}
		})
	}
}
