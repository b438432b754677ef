package app

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"roster/backend/store"
)

func TestServeRefusesWhatNoPageOfRosterSends(t *testing.T) {
	t.Parallel()
	st := openTestStore(t, false)
	hub := NewHub()
	s := NewServer(newBackend(st, hub), hub, testAssets, true)
	s.localOnly = true                       // as Serve sets it on 127.0.0.1…
	s.names = []string{"roster.example.com"} // …behind a proxy for --public-url https://roster.example.com
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)

	cases := []struct {
		name    string
		method  string
		path    string
		headers map[string]string
		want    int
	}{
		{"a call from Roster's page", "POST", "/rpc/Auth/State", map[string]string{"Origin": ts.URL, "Sec-Fetch-Site": "same-origin"}, 200},
		{"a call without browser headers (a script)", "POST", "/rpc/Auth/State", nil, 200},
		{"JSON with a charset", "POST", "/rpc/Auth/State", map[string]string{"Content-Type": "application/json; charset=utf-8"}, 200},
		{"a content type that only starts like JSON", "POST", "/rpc/Auth/State", map[string]string{"Content-Type": "application/jsonx"}, http.StatusUnsupportedMediaType},
		{"a call from another site", "POST", "/rpc/Auth/State", map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
		{"a cross-site fetch", "POST", "/rpc/Auth/State", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"an upload from another site", "POST", "/api/imports/upload?name=x.csv", map[string]string{"Origin": "https://evil.example", "Content-Type": "application/octet-stream"}, http.StatusForbidden},
		{"events from a platform (a key, no cookie)", "POST", "/api/v1/events", map[string]string{"Origin": "https://platform.example"}, http.StatusUnauthorized},
		{"a Host that is not this machine (DNS rebinding)", "GET", "/", map[string]string{"Host": "evil.example:8080"}, http.StatusMisdirectedRequest},
		{"localhost by name", "GET", "/", map[string]string{"Host": "localhost"}, 200},
		{"the public URL's host, from a reverse proxy", "GET", "/", map[string]string{"Host": "roster.example.com"}, 200},
		{"a path that is not UTF-8", "GET", "/%ff%fe", nil, http.StatusBadRequest},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := send(t, c.method, ts.URL+c.path, c.headers)
			if resp.StatusCode != c.want {
				t.Errorf("status %d, want %d: %s", resp.StatusCode, c.want, body)
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("CSP %q lets other sites frame Roster", csp)
			}
			if resp.Header.Get("Strict-Transport-Security") == "" {
				t.Error("no HSTS under TLS")
			}
		})
	}
}

// send makes one request with headers (Host among them) and reads the
// whole answer; a POST carries an empty JSON array.
func send(t *testing.T, method, url string, headers map[string]string) (*http.Response, []byte) {
	t.Helper()
	var payload io.Reader
	if method == "POST" {
		payload = strings.NewReader("[]")
	}
	req, err := http.NewRequest(method, url, payload)
	if err != nil {
		t.Fatal(err)
	}
	if method == "POST" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, body
}

// Bound beyond loopback, Roster answers to any address (a rebinding page
// cannot use one) and to the names it was given, not to any other name.
func TestServeAnswersOnlyToItsOwnNames(t *testing.T) {
	t.Parallel()
	st := openTestStore(t, false)
	hub := NewHub()
	s := NewServer(newBackend(st, hub), hub, testAssets, false)
	s.names = []string{"roster.lan"} // as Serve sets them on 0.0.0.0 on a machine called roster.lan
	// …with a public address in Settings, which a reverse proxy passes on.
	if err := st.Update(context.Background(), func(tx store.DB) error {
		return store.PutSettings(context.Background(), tx, map[string]string{"links.public_url": "https://roster.example.com"})
	}); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	for _, c := range []struct {
		host string
		want int
	}{
		{"192.168.1.20:8080", 200},
		{"[fe80::1]:8080", 200},
		{"localhost:8080", 200},
		{"roster.lan:8080", 200},
		{"ROSTER.LAN", 200},
		{"roster.example.com", 200},
		{"evil.example:8080", http.StatusMisdirectedRequest},
		{"roster.lan.evil.example", http.StatusMisdirectedRequest},
	} {
		t.Run(c.host, func(t *testing.T) {
			resp, body := send(t, "GET", ts.URL+"/", map[string]string{"Host": c.host})
			if resp.StatusCode != c.want {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, c.want, body)
			}
			if c.want != 200 && !strings.Contains(string(body), "--public-url") {
				t.Fatalf("the refusal does not say how to fix it: %s", body)
			}
		})
	}
}

// A client that trickles its headers or its body is cut off instead of
// holding a connection for as long as it likes (300 such clients once held
// 300 connections open for good).
func TestServeCutsOffTricklingClients(t *testing.T) {
	t.Parallel()
	b := newBackend(openTestStore(t, false), NewHub())
	l, err := Listen(ServeOptions{Addr: "127.0.0.1:0", Out: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	l.headerTimeout, l.bodyWindow = 300*time.Millisecond, 300*time.Millisecond
	addr := l.ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = Serve(ctx, b, NewHub(), testAssets, l) }()
	t.Cleanup(func() { cancel(); <-done })

	for _, c := range []struct {
		name  string
		start string
		drip  string // sent every 5 ms, up to 4,000 times (20 s): far past the limit
	}{
		{"headers", "GET / HTTP/1.1\r\nHost: " + addr + "\r\n", "X-Drip: 1\r\n"},
		{"a body", "POST /rpc/Auth/State HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[", " "},
	} {
		t.Run(c.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := io.WriteString(conn, c.start); err != nil {
				t.Fatal(err)
			}
			closed := make(chan struct{})
			go func() { // the server's answer, if any, then its close
				defer close(closed)
				_, _ = io.Copy(io.Discard, conn)
			}()
			for i := 0; ; i++ {
				select {
				case <-closed:
					return // cut off while still trickling
				case <-time.After(5 * time.Millisecond):
				}
				if i == 4000 {
					t.Fatal("the server kept a trickling connection open for 4,000 drips")
				}
				if _, err := io.WriteString(conn, c.drip); err != nil {
					<-closed
					return
				}
			}
		})
	}
}
