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
	"roster/backend/importer"
)

// upload sends a file to POST /api/imports/upload as the browser does.
func upload(t *testing.T, c *http.Client, ts *httptest.Server, name, contentType, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/imports/upload?name="+name, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, data
}

func TestImportUsersFromTheBrowser(t *testing.T) {
	t.Parallel()
	ts, s, st := newTestServer(t, false)
	owner := ownerClient(t, ts, s)
	sample, err := os.ReadFile("../docs/examples/users.csv")
	if err != nil {
		t.Fatal(err)
	}

	if status, _ := upload(t, http.DefaultClient, ts, "users.csv", "application/octet-stream", string(sample)); status != http.StatusUnauthorized {
		t.Errorf("upload without a session: %d", status)
	}
	monitor, _ := memberClient(t, ts, owner, "monitor@example.com", domain.RoleMonitorAll)
	if status, _ := upload(t, monitor, ts, "users.csv", "application/octet-stream", string(sample)); status != http.StatusForbidden {
		t.Errorf("upload by a monitor: %d", status)
	}
	if status, _ := upload(t, owner, ts, "users.csv", "text/plain", string(sample)); status != http.StatusUnsupportedMediaType {
		t.Errorf("upload as text/plain (a form another site could post): %d", status)
	}
	status, body := upload(t, owner, ts, "users.csv", "application/octet-stream", string(sample))
	var ref importer.FileRef
	if err := json.Unmarshal(body, &ref); status != 200 || err != nil || ref.Token == "" || ref.Size != int64(len(sample)) {
		t.Fatalf("upload: %d %s", status, body)
	}

	status, body = rpc(t, owner, ts, "Imports/Preview", fmt.Sprintf(`[%q, "", null]`, ref.Token))
	var p importer.Preview
	if err := json.Unmarshal(body, &p); status != 200 || err != nil || p.Format != importer.FormatCSV || len(p.Rows) != 5 ||
		p.Mapping[importer.FieldUserID] != "user_id" {
		t.Fatalf("preview: %d %s", status, body)
	}

	run := func(dry bool) importer.Job {
		t.Helper()
		status, body := rpc(t, owner, ts, "Imports/Start", fmt.Sprintf(`[{"token": %q, "dryRun": %v}]`, ref.Token, dry))
		var j importer.Job
		if err := json.Unmarshal(body, &j); status != 200 || err != nil || j.ID == 0 || j.RollingBack {
			t.Fatalf("start: %d %s", status, body)
		}
		if err := s.b.Imports.Wait(t.Context(), j.ID); err != nil {
			t.Fatal(err)
		}
		status, body = rpc(t, owner, ts, "Imports/Status", fmt.Sprintf(`[%d]`, j.ID))
		if err := json.Unmarshal(body, &j); status != 200 || err != nil || j.Running || j.Report == nil {
			t.Fatalf("status: %d %s", status, body)
		}
		return j
	}
	if j := run(true); j.Report.Added != 5 || !j.Report.DryRun || j.Report.State != domain.ImportDone {
		t.Fatalf("dry run: %+v", j.Report)
	}
	var n int
	_ = st.Reader().QueryRowContext(t.Context(), "SELECT count(*) FROM connected_users").Scan(&n)
	if n != 0 {
		t.Fatalf("the dry run wrote %d users", n)
	}
	if j := run(false); j.Report.Added != 5 || j.Report.State != domain.ImportDone {
		t.Fatalf("import: %+v", j.Report)
	}
	_ = st.Reader().QueryRowContext(t.Context(), "SELECT count(*) FROM connected_users").Scan(&n)
	if n != 5 {
		t.Fatalf("%d users after the import", n)
	}
	status, body = rpc(t, owner, ts, "Imports/History", `[]`)
	if status != 200 || !strings.Contains(string(body), `"file":"users.csv"`) || !strings.Contains(string(body), `"state":"done"`) {
		t.Errorf("history: %d %s", status, body)
	}
	var hist []domain.ImportRun
	_ = json.Unmarshal(body, &hist)
	status, body = rpc(t, owner, ts, "Imports/RollBack", fmt.Sprintf(`[%d]`, hist[0].ID))
	var j importer.Job
	if err := json.Unmarshal(body, &j); status != 200 || err != nil || !j.RollingBack {
		t.Fatalf("roll back: %d %s", status, body)
	}
	if err := s.b.Imports.Wait(t.Context(), j.ID); err != nil {
		t.Fatal(err)
	}
	_, body = rpc(t, owner, ts, "Imports/Status", fmt.Sprintf(`[%d]`, j.ID))
	if err := json.Unmarshal(body, &j); err != nil || !j.RollingBack || j.Rollback == nil || j.Rollback.Removed != 5 || j.Error != "" {
		t.Fatalf("rollback status: %s", body)
	}
	_ = st.Reader().QueryRowContext(t.Context(), "SELECT count(*) FROM connected_users").Scan(&n)
	if n != 0 {
		t.Fatalf("%d users after the rollback", n)
	}
	status, body = rpc(t, monitor, ts, "Imports/Start", fmt.Sprintf(`[{"token": %q}]`, ref.Token))
	if status != http.StatusForbidden {
		t.Errorf("a monitor started an import: %d %s", status, body)
	}
}
