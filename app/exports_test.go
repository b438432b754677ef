package app

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/exporter"
)

func download(t *testing.T, c *http.Client, ts *httptest.Server, id string) (*http.Response, []byte) {
	t.Helper()
	resp, err := c.Get(ts.URL + "/api/exports/" + id)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, data
}

func TestExportTheFilteredViewFromTheBrowser(t *testing.T) {
	t.Parallel()
	ts, s, _ := newTestServer(t, true)
	owner := ownerClient(t, ts, s)

	// The page's count, for the same filters.
	filters := `{"status": "account_errors", "sort": "name", "order": "asc"}`
	status, body := rpc(t, owner, ts, "Users/List", fmt.Sprintf(`[%s]`, filters))
	var page domain.UserPage
	if err := json.Unmarshal(body, &page); status != 200 || err != nil || page.Total < 1 || page.TotalCapped {
		t.Fatalf("list: %d %s", status, body)
	}

	status, body = rpc(t, owner, ts, "Exports/Start", fmt.Sprintf(`[{"what": "users", "format": "csv", "users": %s}]`, filters))
	var job exporter.Job
	if err := json.Unmarshal(body, &job); status != 200 || err != nil || job.ID == 0 {
		t.Fatalf("start: %d %s", status, body)
	}
	for deadline := time.Now().Add(time.Minute); job.Running && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond) // polling, as the window does
		_, body = rpc(t, owner, ts, "Exports/Status", fmt.Sprintf(`[%d]`, job.ID))
		job = exporter.Job{}
		if err := json.Unmarshal(body, &job); err != nil {
			t.Fatal(err)
		}
	}
	if !job.Done || job.Progress.Rows != int64(page.Total) {
		t.Fatalf("job %+v; the page counts %d", job, page.Total)
	}

	id := fmt.Sprint(job.ID)
	resp, data := download(t, owner, ts, id)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), `attachment; filename=roster-users-`) {
		t.Fatalf("download: %d %v %s", resp.StatusCode, resp.Header, data)
	}
	rows, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil || len(rows) != page.Total+1 || rows[1][0] != page.Users[0].ExternalID {
		t.Fatalf("the file holds %d rows (%v), the page %d starting with %s", len(rows)-1, err, page.Total, page.Users[0].ExternalID)
	}

	monitor, _ := memberClient(t, ts, owner, "monitor@example.com", domain.RoleMonitorAll)
	for _, c := range []struct {
		name   string
		client *http.Client
		id     string
		want   int
	}{
		{"no session", http.DefaultClient, id, http.StatusUnauthorized},
		{"another member", monitor, id, http.StatusNotFound},
		{"not a number", owner, "x", http.StatusBadRequest},
		{"no such export", owner, "999", http.StatusNotFound},
	} {
		if resp, data := download(t, c.client, ts, c.id); resp.StatusCode != c.want {
			t.Errorf("%s: %d %s, want %d", c.name, resp.StatusCode, data, c.want)
		}
	}
}
