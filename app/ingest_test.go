package app

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"roster/backend/domain"
	"roster/backend/ingest"
)

// postEvents sends body to POST /api/v1/events.
func postEvents(t *testing.T, ts *httptest.Server, key, contentType, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/v1/events", strings.NewReader(body))
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, data
}

// createKey makes an ingest key through the bridge, as the settings page does.
func createKey(t *testing.T, owner *http.Client, ts *httptest.Server, name string) domain.NewIngestKey {
	t.Helper()
	status, body := rpc(t, owner, ts, "IngestKeys/Create", fmt.Sprintf(`[%q]`, name))
	var k domain.NewIngestKey
	if err := json.Unmarshal(body, &k); status != 200 || err != nil || !strings.HasPrefix(k.Secret, "rk_") {
		t.Fatalf("IngestKeys.Create: %d %s", status, body)
	}
	return k
}

func TestIngestEndpoint(t *testing.T) {
	t.Parallel()
	ts, s, _ := newTestServer(t, false)
	owner := ownerClient(t, ts, s)
	key := createKey(t, owner, ts, "platform")
	sample, err := os.ReadFile("../docs/examples/events.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(string(sample), "\n")

	report := func(body []byte) ingest.Report {
		t.Helper()
		var r ingest.Report
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatalf("not a report: %s", body)
		}
		return r
	}

	t.Run("JSON Lines are applied and reported per line", func(t *testing.T) {
		status, body := postEvents(t, ts, key.Secret, "application/x-ndjson", string(sample))
		r := report(body)
		if status != 200 || r.Accepted != lines || len(r.Lines) != lines || r.Lines[0].Outcome != ingest.Accepted {
			t.Fatalf("%d %+v", status, r)
		}
		// Replaying is harmless.
		status, body = postEvents(t, ts, key.Secret, "application/x-ndjson; charset=utf-8", string(sample))
		if r := report(body); status != 200 || r.Duplicates != lines {
			t.Fatalf("replay: %d %+v", status, r)
		}
	})
	t.Run("a JSON array, with one bad event, is 422 and applies the good one", func(t *testing.T) {
		body := `[{"id":"a1","type":"user.upserted","data":{"user":"api-1","name":"Api One"}},
			{"id":"a2","type":"user.upserted","data":{"user":"api-2","nickname":"x"}}]`
		status, data := postEvents(t, ts, key.Secret, "application/json", body)
		r := report(data)
		if status != http.StatusUnprocessableEntity || r.Accepted != 1 || r.Rejected != 1 || r.Lines[1].Line != 2 ||
			!strings.Contains(r.Lines[1].Reason, `Unknown field "nickname"`) {
			t.Fatalf("%d %s", status, data)
		}
		status, data = rpc(t, owner, ts, "Users/List", `[{"search": "api-1"}]`)
		if status != 200 || !strings.Contains(string(data), "Api One") {
			t.Fatalf("the good event is not applied: %d %s", status, data)
		}
	})
	t.Run("one event object", func(t *testing.T) {
		status, data := postEvents(t, ts, key.Secret, "application/json", `{"id":"o1","type":"user.upserted","data":{"user":"api-3"}}`)
		if r := report(data); status != 200 || r.Accepted != 1 {
			t.Fatalf("%d %s", status, data)
		}
	})

	refusals := []struct {
		name, key, contentType, body string
		status                       int
		says                         string
	}{
		{"no key", "", "application/x-ndjson", "{}", 401, "Authorization: Bearer"},
		{"a wrong key", "rk_000000000000_" + strings.Repeat("0", 64), "application/x-ndjson", "{}", 401, "not valid or was revoked"},
		{"a key with a wrong secret", key.Key.Prefix + "_" + strings.Repeat("f", 64), "application/x-ndjson", "{}", 401, "not valid or was revoked"},
		{"garbage", "hello", "application/x-ndjson", "{}", 401, "not valid or was revoked"},
		{"a wrong content type", key.Secret, "text/plain", "{}", 415, "application/x-ndjson"},
		{"no content type", key.Secret, "", "{}", 415, "application/x-ndjson"},
		{"a body that is not JSON", key.Secret, "application/json", "hello", 400, "one event object, a JSON array"},
		{"an oversized body", key.Secret, "application/x-ndjson", strings.Repeat(`{"id":"big","type":"user.upserted","data":{"user":"x"}}`+"\n", maxEventsBody/50), 413, "roster ingest"},
	}
	for _, c := range refusals {
		t.Run("refuses "+c.name, func(t *testing.T) {
			status, data := postEvents(t, ts, c.key, c.contentType, c.body)
			if status != c.status || !strings.Contains(string(data), c.says) {
				t.Fatalf("%d %s; want %d saying %q", status, data, c.status, c.says)
			}
		})
	}

	t.Run("a revoked key stops at once", func(t *testing.T) {
		other := createKey(t, owner, ts, "to revoke")
		ok := `{"id":"r-1","type":"user.upserted","data":{"user":"api-r"}}`
		if status, data := postEvents(t, ts, other.Secret, "application/json", ok); status != 200 {
			t.Fatalf("before revoking: %d %s", status, data)
		}
		if status, data := rpc(t, owner, ts, "IngestKeys/Revoke", fmt.Sprint("[", other.Key.ID, "]")); status != 200 {
			t.Fatalf("revoke: %d %s", status, data)
		}
		if status, data := postEvents(t, ts, other.Secret, "application/json", ok); status != 401 {
			t.Fatalf("after revoking: %d %s", status, data)
		}
		status, data := rpc(t, owner, ts, "IngestKeys/List", `[]`)
		var keys []domain.IngestKey
		if err := json.Unmarshal(data, &keys); status != 200 || err != nil || len(keys) != 2 || keys[0].RevokedAt == nil ||
			keys[1].RevokedAt != nil || keys[1].LastUsedAt == nil || strings.Contains(string(data), other.Secret[16:]) {
			t.Fatalf("list after revoking: %d %s", status, data)
		}
	})
}

func TestImportEventsFromTheWindow(t *testing.T) {
	t.Parallel()
	ts, s, _ := newTestServer(t, false)
	owner := ownerClient(t, ts, s)
	sample, err := os.ReadFile("../docs/examples/events.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	args, _ := json.Marshal([]string{"events.jsonl", string(sample) + "not json\n"})
	status, body := rpc(t, owner, ts, "Events/Import", string(args))
	var r ingest.Report
	if err := json.Unmarshal(body, &r); status != 200 || err != nil || r.Accepted != 50 || r.Rejected != 1 || len(r.Lines) != 1 || r.Lines[0].Line != 51 {
		t.Fatalf("%d %s", status, body)
	}
	status, body = rpc(t, owner, ts, "Audit/List", `[{"action": "events.import"}]`)
	if status != 200 || !strings.Contains(string(body), `"accepted":50`) || !strings.Contains(string(body), "events.jsonl") {
		t.Fatalf("audit: %d %s", status, body)
	}
	if status, body := rpc(t, owner, ts, "Events/Import", `["empty.jsonl", "  "]`); status != 400 || !strings.Contains(string(body), "The file is empty") {
		t.Fatalf("an empty file: %d %s", status, body)
	}
	huge, _ := json.Marshal([]string{"huge.jsonl", strings.Repeat(" ", maxEventsBody)})
	if status, body := rpc(t, owner, ts, "Events/Import", string(huge)); status != 413 || !strings.Contains(string(body), "roster ingest") {
		t.Fatalf("a file over the limit: %d %s", status, body)
	}
}
