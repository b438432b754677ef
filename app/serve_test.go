package app

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"roster/backend/audit"
	"roster/backend/backups"
	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/exporter"
	"roster/backend/importer"
	"roster/backend/ingest"
	"roster/backend/mail"
	"roster/backend/outbox"
	"roster/backend/seed"
	"roster/backend/store"
	"roster/backend/team"
	"roster/backend/testutil"
	"roster/backend/workspace"
)

const testPassword = "Correct-horse-9"

func TestMain(m *testing.M) { testutil.Main(m) }

// testNow is the fixed time of every service under test.
func testNow() time.Time { return time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC) }

// testScript is a built script, as long and repetitive as a real one.
var testScript = bytes.Repeat([]byte("export function roster(){return 'connected users';}\n"), 200)

// testAssets stands in for the built frontend: a page, a script with the
// gzip copy the build writes, and a style sheet without one.
var testAssets = fstest.MapFS{
	"index.html":                {Data: []byte("<!doctype html><title>Roster</title>")},
	"assets/index-1a2b3c.js":    {Data: testScript},
	"assets/index-1a2b3c.js.gz": {Data: gzipped(testScript)},
	"assets/index-4d5e6f.css":   {Data: []byte("body{margin:0}")},
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// testUsers is how many connected users a seeded test database holds. One
// size for every test: the seeded file is built once and copied per test.
const testUsers = 300

// openTestStore opens the test's own database: empty, or a copy of the
// seeded one.
func openTestStore(t *testing.T, seeded bool) *store.Store {
	t.Helper()
	if !seeded {
		return testutil.Open(t)
	}
	return testutil.OpenSeeded(t, seed.Options{Users: testUsers, Seed: 7, Now: testNow(), Actor: domain.CommandLine()})
}

// newBackend wires the real use cases onto st, as main does.
func newBackend(st *store.Store, hub *Hub) *Backend {
	tm := team.New(st, &mail.SMTP{Timeout: time.Second}, func() {}, testNow)
	imp := importer.New(st, testNow)
	files := importer.NewFiles(filepath.Join(filepath.Dir(st.Path()), "uploads"))
	users, au := connected.New(st, testNow), audit.New(st)
	exp := exporter.New(st, users, tm, au, testNow)
	jobs := importer.NewJobs(context.Background(), imp, files, func() {})
	return &Backend{Connected: users, Audit: au, Workspace: workspace.New(st, testNow, "test"),
		Importer: imp, Imports: jobs, Backups: backups.New(st, testNow, jobs.Running),
		Export: exp, Exports: exporter.NewJobs(context.Background(), exp, filepath.Join(filepath.Dir(st.Path()), "exports"), testNow),
		Team: tm, Ingest: ingest.New(st, testNow, func(int) {}), Outbox: outbox.NewView(st, testNow, func() {}, tm.MailConfig),
		Events: hub, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Mode: "serve"}
}

// newTestServer runs serve mode's real handler over a real database, empty
// or seeded.
func newTestServer(t *testing.T, seeded bool) (*httptest.Server, *Server, *store.Store) {
	t.Helper()
	st := openTestStore(t, seeded)
	ts, s := serveStore(t, st)
	return ts, s, st
}

// serveStore runs serve mode's real handler over st.
func serveStore(t *testing.T, st *store.Store) (*httptest.Server, *Server) {
	t.Helper()
	hub := NewHub()
	s := NewServer(newBackend(st, hub), hub, testAssets, false)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts, s
}

// setupClient returns a client holding the start-up link's setup cookie,
// got the way a person gets it: by opening the printed link.
func setupClient(t *testing.T, ts *httptest.Server, s *Server) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(ts.URL + "/?token=" + s.Token())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.RawQuery != "" {
		t.Fatalf("start-up link: status %d, landed on %s; want 200 on / without the token", resp.StatusCode, resp.Request.URL)
	}
	return c
}

// ownerClient sets up the owner through the bridge and returns their browser.
func ownerClient(t *testing.T, ts *httptest.Server, s *Server) *http.Client {
	t.Helper()
	c := setupClient(t, ts, s)
	if status, body := rpc(t, c, ts, "Auth/Setup", `[{"name": "Olivia Owner", "email": "olivia@example.com", "password": "`+testPassword+`"}]`); status != 200 {
		t.Fatalf("Auth.Setup: %d %s", status, body)
	}
	return c
}

// memberClient invites email with role as owner, and returns the browser of
// the invitee once they accepted.
func memberClient(t *testing.T, ts *httptest.Server, owner *http.Client, email string, role domain.Role, scope ...int64) (*http.Client, int64) {
	t.Helper()
	in, _ := json.Marshal(team.InviteInput{Emails: email, Role: role, Integrations: scope})
	status, body := rpc(t, owner, ts, "Team/Invite", "["+string(in)+"]")
	var res team.InviteResult
	if err := json.Unmarshal(body, &res); status != 200 || err != nil || len(res.Invited) != 1 {
		t.Fatalf("Team.Invite %s: %d %s", email, status, body)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	acc, _ := json.Marshal(team.AcceptInput{Email: email, Code: res.Invited[0].Code, Name: strings.Split(email, "@")[0], Password: testPassword})
	if status, body := rpc(t, c, ts, "Auth/AcceptInvitation", "["+string(acc)+"]"); status != 200 {
		t.Fatalf("Auth.AcceptInvitation %s: %d %s", email, status, body)
	}
	return c, res.Invited[0].Member.ID
}

func rpc(t *testing.T, c *http.Client, ts *httptest.Server, path, body string) (int, []byte) {
	t.Helper()
	resp, err := c.Post(ts.URL+"/rpc/"+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, data
}

func TestServeSession(t *testing.T) {
	t.Parallel()
	ts, s, _ := newTestServer(t, false)
	noRedirect := func(jar http.CookieJar) *http.Client {
		return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}

	t.Run("no session is 401", func(t *testing.T) {
		status, body := rpc(t, http.DefaultClient, ts, "System/Info", "[]")
		var e ErrorBody
		json.Unmarshal(body, &e)
		if status != http.StatusUnauthorized || e.Code != domain.CodeUnauthenticated {
			t.Fatalf("got %d %s; want 401 unauthenticated", status, body)
		}
	})
	t.Run("wrong token is refused", func(t *testing.T) {
		resp, err := http.Get(ts.URL + "/?token=nope")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized || len(resp.Cookies()) != 0 {
			t.Fatalf("got %d with cookies %v; want 401 and no cookie", resp.StatusCode, resp.Cookies())
		}
	})
	t.Run("setup needs the start-up link", func(t *testing.T) {
		status, body := rpc(t, http.DefaultClient, ts, "Auth/Setup", `[{"name": "M", "email": "m@example.com", "password": "`+testPassword+`"}]`)
		if status != http.StatusForbidden || !strings.Contains(string(body), "link") {
			t.Fatalf("setup without the link: %d %s; want 403", status, body)
		}
	})
	var owner *http.Client
	t.Run("the link allows setup, which gives a strict HttpOnly session cookie", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		c := noRedirect(jar)
		resp, err := c.Get(ts.URL + "/?token=" + s.Token())
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) != 1 || resp.Cookies()[0].Name != setupCookie {
			t.Fatalf("got %d with %v; want 303 and the setup cookie", resp.StatusCode, resp.Cookies())
		}
		req, _ := http.NewRequest("POST", ts.URL+"/rpc/Auth/Setup", strings.NewReader(`[{"name": "Olivia Owner", "email": "olivia@example.com", "password": "`+testPassword+`"}]`))
		req.Header.Set("Content-Type", "application/json")
		for _, ck := range jar.Cookies(req.URL) {
			req.AddCookie(ck)
		}
		resp, err = c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var session *http.Cookie
		for _, ck := range resp.Cookies() {
			if ck.Name == sessionCookie {
				session = ck
			}
		}
		if resp.StatusCode != 200 || session == nil || !session.HttpOnly || session.SameSite != http.SameSiteStrictMode || session.Value == "" {
			t.Fatalf("setup: %d, session cookie %+v; want 200 and an HttpOnly, SameSite=Strict cookie", resp.StatusCode, session)
		}
		owner = &http.Client{Jar: jar}
	})
	t.Run("a session can call", func(t *testing.T) {
		status, body := rpc(t, owner, ts, "System/Info", "[]")
		var info workspace.Info
		if err := json.Unmarshal(body, &info); status != http.StatusOK || err != nil {
			t.Fatalf("got %d %s", status, body)
		}
		if !info.Empty || info.Mode != "serve" {
			t.Fatalf("info %+v; want an empty workspace in serve mode for the owner", info)
		}
	})
	t.Run("non-JSON content type is refused", func(t *testing.T) {
		resp, err := owner.Post(ts.URL+"/rpc/System/Info", "text/plain", strings.NewReader("[]"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnsupportedMediaType {
			t.Fatalf("got %d; want 415", resp.StatusCode)
		}
	})
	t.Run("sign out and in again", func(t *testing.T) {
		if status, body := rpc(t, owner, ts, "Auth/SignOut", "[]"); status != 200 {
			t.Fatalf("sign out: %d %s", status, body)
		}
		if status, _ := rpc(t, owner, ts, "System/Info", "[]"); status != 401 {
			t.Fatalf("after sign-out: %d; want 401", status)
		}
		if status, body := rpc(t, owner, ts, "Auth/SignIn", `["olivia@example.com", "`+testPassword+`"]`); status != 200 {
			t.Fatalf("sign in: %d %s", status, body)
		}
		if status, body := rpc(t, owner, ts, "System/Info", "[]"); status != 200 {
			t.Fatalf("after sign-in: %d %s", status, body)
		}
	})
	t.Run("sign-in is rate-limited per address", func(t *testing.T) {
		// Attempts refused before any password hashing spend a token just
		// the same, and are quick enough that the burst is spent well within
		// one refill (signInEvery) even under -race on a busy machine.
		var last int
		for range signInBurst + 1 {
			last, _ = rpc(t, http.DefaultClient, ts, "Auth/SignIn", `["not-an-address", "wrong password"]`)
		}
		if last != http.StatusTooManyRequests {
			t.Fatalf("attempt %d: %d; want 429", signInBurst+1, last)
		}
	})
}

func TestBridgeCalls(t *testing.T) {
	t.Parallel()
	ts, s, _ := newTestServer(t, true)
	c := ownerClient(t, ts, s)

	var page domain.UserPage
	status, body := rpc(t, c, ts, "Users/List", `[{"limit": 5, "sort": "name", "order": "asc"}]`)
	if err := json.Unmarshal(body, &page); status != http.StatusOK || err != nil || len(page.Users) != 5 {
		t.Fatalf("Users.List: %d %s", status, body)
	}
	id := page.Users[0].ID

	cases := []struct {
		name, path, body string
		status           int
		code             domain.Code
		field, contains  string
	}{
		{"unknown struct", "Nope/List", "[]", 404, domain.CodeNotFound, "", "Nope.List"},
		{"unknown method", "Users/Nope", "[]", 404, domain.CodeNotFound, "", "Users.Nope"},
		{"unexported method", "Users/changed", "[]", 404, domain.CodeNotFound, "", ""},
		{"too many path parts", "Users/List/x", "[]", 404, domain.CodeNotFound, "", ""},
		{"body not an array", "Users/Get", `{"id": 1}`, 400, domain.CodeInvalid, "", "JSON array"},
		{"too few arguments", "Users/Get", `[]`, 400, domain.CodeInvalid, "", "got 0 arguments, want 1"},
		{"wrong argument type", "Users/Get", `["seven"]`, 400, domain.CodeInvalid, "", "argument 1"},
		{"unknown field", "Users/List", `[{"sortt": "name"}]`, 400, domain.CodeInvalid, "", "sortt"},
		{"validation error has a field", "Users/List", `[{"limit": 501}]`, 400, domain.CodeInvalid, "limit", "between 1 and 500"},
		{"not found", "Users/Get", `[999999]`, 404, domain.CodeNotFound, "", "999999"},
		{"conflict", "Users/Enable", `[` + jsonInt(id) + `]`, 409, domain.CodeConflict, "", "not disabled"},
	}
	t.Run("refused", func(t *testing.T) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel() // none changes data
				status, body := rpc(t, c, ts, tc.path, tc.body)
				var e ErrorBody
				if err := json.Unmarshal(body, &e); err != nil {
					t.Fatalf("body %s is not an error body: %v", body, err)
				}
				if status != tc.status || e.Code != tc.code || e.Field != tc.field || !strings.Contains(e.Message, tc.contains) {
					t.Fatalf("got %d %+v; want %d %s field %q containing %q", status, e, tc.status, tc.code, tc.field, tc.contains)
				}
			})
		}
	}) // the conflict case needs the user still enabled: the change comes after

	t.Run("a change reaches the database and the audit log", func(t *testing.T) {
		status, body := rpc(t, c, ts, "Users/Disable", `[`+jsonInt(id)+`, "bridge test"]`)
		var u domain.UserDetail
		if err := json.Unmarshal(body, &u); status != 200 || err != nil || u.Status != domain.StatusDisabled || u.DisabledReason != "bridge test" {
			t.Fatalf("Users.Disable: %d %s", status, body)
		}
		status, body = rpc(t, c, ts, "Audit/List", `[{"action": "user.disable"}]`)
		var ap domain.AuditPage
		if err := json.Unmarshal(body, &ap); status != 200 || err != nil || len(ap.Entries) != 1 || ap.Entries[0].TargetID != jsonInt(id) {
			t.Fatalf("Audit.List: %d %s", status, body)
		}
	})
}

func TestEventsStream(t *testing.T) {
	t.Parallel()
	ts, s, _ := newTestServer(t, true)
	c := ownerClient(t, ts, s)

	resp, err := http.Get(ts.URL + "/events")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("events without a session: %d; want 401", resp.StatusCode)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/events", nil)
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	lines.Scan() // ": connected": the subscription exists once this arrives
	if !strings.HasPrefix(lines.Text(), ": connected") {
		t.Fatalf("first line %q", lines.Text())
	}

	var page domain.UserPage
	_, body := rpc(t, c, ts, "Users/List", `[{"limit": 1}]`)
	json.Unmarshal(body, &page)
	if status, body := rpc(t, c, ts, "Users/Disable", `[`+jsonInt(page.Users[0].ID)+`, ""]`); status != 200 {
		t.Fatalf("disable: %d %s", status, body)
	}
	for lines.Scan() {
		if lines.Text() == "event: "+EventChanged {
			lines.Scan()
			if !strings.Contains(lines.Text(), `"users"`) {
				t.Fatalf("event data %q; want it to name users", lines.Text())
			}
			return
		}
	}
	t.Fatalf("no %s event arrived: %v", EventChanged, lines.Err())
}

func TestServeRefusesExposedPlainHTTP(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:0"} {
		t.Run(addr, func(t *testing.T) {
			t.Parallel()
			var out strings.Builder
			_, err := Listen(ServeOptions{Addr: addr, Out: &out})
			if err == nil || !strings.Contains(err.Error(), "--insecure") {
				t.Fatalf("got %v; want a refusal that mentions --insecure", err)
			}
		})
	}
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

// TestServeAssets checks what a browser gets for the built files: the gzip
// copy when it accepts gzip, the file itself otherwise, and leave to keep
// either for good (their names change with their content); the page that
// names them is checked again on every load.
func TestServeAssets(t *testing.T) {
	ts, _, _ := newTestServer(t, false)
	// A client that sends Accept-Encoding as told and leaves bodies as sent.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	cases := []struct {
		name, path, accept string
		status             int
		encoding, ctype    string
		cache              string
		want               []byte
	}{
		{"gzip accepted", "/assets/index-1a2b3c.js", "gzip, deflate, br", 200, "gzip", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", testScript},
		{"gzip weighted", "/assets/index-1a2b3c.js", "br;q=1.0, gzip;q=0.5", 200, "gzip", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", testScript},
		{"gzip refused", "/assets/index-1a2b3c.js", "gzip;q=0, br", 200, "", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", testScript},
		{"no encodings", "/assets/index-1a2b3c.js", "", 200, "", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", testScript},
		{"no gzip copy", "/assets/index-4d5e6f.css", "gzip", 200, "", "text/css; charset=utf-8", "public, max-age=31536000, immutable", []byte("body{margin:0}")},
		{"missing", "/assets/index-000000.js", "gzip", 404, "", "", "", nil},
		{"folder", "/assets/", "gzip", 404, "", "", "", nil},
		{"page", "/", "gzip", 200, "", "text/html; charset=utf-8", "no-cache", testAssets["index.html"].Data},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+tc.path, nil)
			if tc.accept != "" {
				req.Header.Set("Accept-Encoding", tc.accept)
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d; want %d", resp.StatusCode, tc.status)
			}
			if tc.status != 200 {
				return
			}
			h := resp.Header
			if h.Get("Content-Encoding") != tc.encoding || h.Get("Content-Type") != tc.ctype || h.Get("Cache-Control") != tc.cache {
				t.Errorf("Content-Encoding %q, Content-Type %q, Cache-Control %q; want %q, %q, %q",
					h.Get("Content-Encoding"), h.Get("Content-Type"), h.Get("Cache-Control"), tc.encoding, tc.ctype, tc.cache)
			}
			if tc.encoding == "gzip" {
				if len(body) >= len(tc.want) {
					t.Errorf("sent %d bytes for a %d-byte file: not the compressed copy", len(body), len(tc.want))
				}
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(body, tc.want) {
				t.Errorf("body (decoded) differs from the file: %d bytes, want %d", len(body), len(tc.want))
			}
			if strings.HasPrefix(tc.path, "/assets/") && h.Get("Vary") != "Accept-Encoding" {
				t.Errorf("Vary %q; want Accept-Encoding (a cache must keep both forms apart)", h.Get("Vary"))
			}
		})
	}
}
