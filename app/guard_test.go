package app

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestServeRefusesWhatNoPageOfRosterSends(t *testing.T) {
	t.Parallel()
	st := openTestStore(t, false)
	hub := NewHub()
	s := NewServer(newBackend(st, hub), hub, testAssets, true)
	s.localOnly = true                  // as Serve sets it on 127.0.0.1…
	s.publicHost = "roster.example.com" // …behind a proxy for --public-url https://roster.example.com
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
			req, err := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader("[]"))
			if err != nil {
				t.Fatal(err)
			}
			if c.method == "POST" {
				req.Header.Set("Content-Type", "application/json")
			}
			for k, v := range c.headers {
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
