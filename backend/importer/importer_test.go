package importer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"roster/backend/audit"
	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/exporter"
	"roster/backend/importer"
	"roster/backend/mail"
	"roster/backend/seed"
	"roster/backend/store"
	"roster/backend/team"
	"roster/backend/testutil"
)

func TestMain(m *testing.M) { testutil.Main(m) }

var clock = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

type fixture struct {
	t   *testing.T
	ctx context.Context
	st  *store.Store
	svc *importer.Service
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st := testutil.Open(t)
	return &fixture{t: t, ctx: context.Background(), st: st, svc: importer.New(st, func() time.Time { return clock })}
}

// source is an in-memory file.
func source(name, content string) importer.Source {
	return importer.Source{Name: name, Size: int64(len(content)), Open: func() (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(content)), nil
	}}
}

func (f *fixture) run(name, content string, opt importer.Options) (importer.Report, error) {
	f.t.Helper()
	return f.svc.Run(f.ctx, domain.CommandLine(), source(name, content), opt)
}

func (f *fixture) must(name, content string) importer.Report {
	f.t.Helper()
	rep, err := f.run(name, content, importer.Options{})
	if err != nil {
		f.t.Fatalf("import %s: %v", name, err)
	}
	if rep.Rejected > 0 {
		f.t.Fatalf("import %s rejected rows: %+v", name, rep.Problems)
	}
	testutil.CheckConsistent(f.t, f.st)
	return rep
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.st.Reader().QueryRowContext(f.ctx, query, args...).Scan(&n); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
	return n
}

func (f *fixture) str(query string, args ...any) string {
	f.t.Helper()
	var s string
	if err := f.st.Reader().QueryRowContext(f.ctx, query, args...).Scan(&s); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
	return s
}

// user returns a user as the drawer shows them.
func (f *fixture) user(externalID string) domain.UserDetail {
	f.t.Helper()
	var id int64
	if err := f.st.Reader().QueryRowContext(f.ctx, "SELECT id FROM connected_users WHERE external_id = ?", externalID).Scan(&id); err != nil {
		f.t.Fatalf("user %s: %v", externalID, err)
	}
	u, err := store.GetUser(f.ctx, f.st.Reader(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return u
}

// summary is a user's connections as "key=status[/reason][ wf=on|off…]".
func summary(u domain.UserDetail) []string {
	var out []string
	for _, c := range u.Connections {
		s := c.Integration.Key + "=" + string(c.Status)
		if c.ErrorReason != "" {
			s += "/" + string(c.ErrorReason)
		}
		for _, w := range c.Workflows {
			if w.ChangedAt != nil {
				s += fmt.Sprintf(" %s=%v", w.Key, w.Enabled)
			}
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

const sampleCSV = "\ufeffuser_id,name,email,created_at,last_active_at,disabled_at,disabled_reason,integrations,metadata\n" +
	"cus_1,Ada Lovelace,ada@example.com,2024-03-01,2026-10-01T08:00:00Z,,,salesforce;slack:error,\"{\"\"plan\"\":\"\"pro\"\"}\"\n" +
	"cus_2,Alan Turing,,2024-03-02T10:00:00Z,,2026-09-01,\"Asked to pause,\nuntil the audit ends\",hubspot,\n" +
	"cus_3,Grace Hopper,grace@example.com,2024-03-03,,,,,\n"

func TestEachFormatImportsTheSameUsers(t *testing.T) {
	t.Parallel()
	jsonl := `{"user_id":"cus_1","name":"Ada Lovelace","email":"ada@example.com","created_at":"2024-03-01","last_active_at":"2026-10-01T08:00:00Z","metadata":{"plan":"pro"},"integrations":{"salesforce":{},"slack":{"status":"error"}}}
{"user_id":"cus_2","name":"Alan Turing","email":"","created_at":"2024-03-02T10:00:00Z","disabled_at":"2026-09-01","disabled_reason":"Asked to pause,\nuntil the audit ends","integrations":{"hubspot":{"status":"connected"}}}

{"user_id":"cus_3","name":"Grace Hopper","email":"grace@example.com","created_at":"2024-03-03","integrations":{}}
`
	lines := strings.Split(strings.TrimSpace(jsonl), "\n")
	array := "[\n" + lines[0] + ",\n" + lines[1] + ",\n" + lines[3] + "\n]"
	platform := `{"userId":"cus_1","authenticated":true,"meta":{"Name":"Ada Lovelace","Email":"ada@example.com","plan":"pro"},"integrations":{"salesforce":{"enabled":true,"credentialStatus":"VALID"},"slack":{"enabled":true,"credentialStatus":"INVALID"},"zendesk":{"enabled":false}}}
{"userId":"cus_2","meta":{"name":"Alan Turing"},"integrations":{"hubspot":{"enabled":true,"credentialStatus":"VALID","configuredWorkflows":{}}}}
{"userId":"cus_3","meta":{"name":"Grace Hopper","email":"grace@example.com"},"integrations":{}}
`
	for _, tc := range []struct {
		name, file, content string
		format              importer.Format
	}{
		{"csv", "users.csv", sampleCSV, importer.FormatCSV},
		{"json lines", "users.jsonl", jsonl, importer.FormatJSONL},
		{"json array", "users.json", array, importer.FormatJSON},
		{"platform users API", "paragon.jsonl", platform, importer.FormatJSONL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			rep := f.must(tc.file, tc.content)
			if rep.Format != tc.format || rep.Added != 3 || rep.Rows != 3 || rep.State != domain.ImportDone {
				t.Fatalf("report %+v", rep)
			}
			if want := []string{"hubspot", "salesforce", "slack"}; !slices.Equal(rep.NewIntegrations, want) {
				t.Errorf("new integrations %v, want %v", rep.NewIntegrations, want)
			}
			ada := f.user("cus_1")
			if ada.Name != "Ada Lovelace" || ada.Email != "ada@example.com" || ada.Status != domain.StatusAccountErrors ||
				string(ada.Metadata) != `{"plan":"pro"}` {
				t.Errorf("cus_1 = %+v", ada)
			}
			if got := summary(ada); !slices.Equal(got[:1], []string{"salesforce=connected"}) || !strings.HasPrefix(got[1], "slack=error") {
				t.Errorf("cus_1 connections %v", got)
			}
			if f.str("SELECT name FROM integrations WHERE key = 'salesforce'") != "Salesforce" {
				t.Error("a new integration is not named from its key")
			}
			grace := f.user("cus_3")
			if grace.Status != domain.StatusNoIntegrations || len(grace.Connections) != 0 {
				t.Errorf("cus_3 = %+v", grace)
			}
			if tc.name == "platform users API" {
				return // it carries neither dates nor a disabled state
			}
			if got := ada.CreatedAt.Format(time.RFC3339); got != "2024-03-01T00:00:00Z" {
				t.Errorf("cus_1 created %s", got)
			}
			alan := f.user("cus_2")
			if alan.Status != domain.StatusDisabled || alan.DisabledAt == nil || alan.DisabledReason != "Asked to pause,\nuntil the audit ends" {
				t.Errorf("cus_2 = %+v", alan)
			}
		})
	}
}

func TestReimportChangesNothingAndAChangedRowOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.must("users.csv", sampleCSV)
	version := func() int { return f.count("SELECT count(*) FROM audit_log") }
	audits := version()

	rep := f.must("users.csv", sampleCSV)
	if rep.Added != 0 || rep.Updated != 0 || rep.Unchanged != 3 || rep.Written != 0 {
		t.Fatalf("re-import: %+v", rep)
	}
	if version() != audits+1 {
		t.Fatalf("a re-import wrote %d audit entries, want 1", version()-audits)
	}

	// Ada changes e-mail and loses Slack; Grace connects Zendesk.
	changed := strings.Replace(sampleCSV, "ada@example.com", "ada@lovelace.dev", 1)
	changed = strings.Replace(changed, "salesforce;slack:error", "salesforce", 1)
	changed = strings.Replace(changed, "grace@example.com,2024-03-03,,,,,", "grace@example.com,2024-03-03,,,,zendesk:error,", 1)
	rep = f.must("users.csv", changed)
	if rep.Added != 0 || rep.Updated != 2 || rep.Unchanged != 1 {
		t.Fatalf("changed import: %+v", rep)
	}
	ada := f.user("cus_1")
	if ada.Email != "ada@lovelace.dev" || ada.Status != domain.StatusConnected || !slices.Equal(summary(ada), []string{"salesforce=connected"}) {
		t.Errorf("cus_1 after the change: %+v %v", ada, summary(ada))
	}
	if g := f.user("cus_3"); g.Status != domain.StatusAccountErrors {
		t.Errorf("cus_3 after the change: %s", g.Status)
	}
	// The search index follows the new e-mail and forgets the old one.
	page, err := connected.New(f.st, func() time.Time { return clock }).List(f.ctx, domain.CommandLine(), connected.ListInput{Search: "lovelace.dev"})
	if err != nil || len(page.Users) != 1 {
		t.Fatalf("search for the new e-mail: %v %+v", err, page)
	}
	page, _ = connected.New(f.st, func() time.Time { return clock }).List(f.ctx, domain.CommandLine(), connected.ListInput{Search: "ada@example"})
	if len(page.Users) != 0 {
		t.Errorf("the old e-mail is still found: %+v", page.Users)
	}
	var after map[string]any
	if err := json.Unmarshal([]byte(f.str("SELECT after FROM audit_log WHERE action = 'users.import' ORDER BY id DESC LIMIT 1")), &after); err != nil {
		t.Fatal(err)
	}
	if after["updated"] != 2.0 || after["unchanged"] != 1.0 || after["file"] != "users.csv" {
		t.Errorf("audit entry %v", after)
	}
}

func TestWorkflowStatesAndAbsentFieldsKeepWhatRosterHas(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.must("a.jsonl", `{"user_id":"u1","name":"Ann","email":"ann@example.com","metadata":{"a":1},"integrations":{"slack":{"workflows":{"notify":true,"digest":false}}}}`)
	u := f.user("u1")
	if got := summary(u); !slices.Equal(got, []string{"slack=connected digest=false notify=true"}) {
		t.Fatalf("workflows %v", got)
	}
	// A record with only a name leaves e-mail, metadata and connections.
	rep := f.must("b.jsonl", `{"user_id":"u1","name":"Ann Smith"}`)
	if rep.Updated != 1 {
		t.Fatalf("%+v", rep)
	}
	u = f.user("u1")
	if u.Name != "Ann Smith" || u.Email != "ann@example.com" || string(u.Metadata) != `{"a":1}` || len(u.Connections) != 1 {
		t.Fatalf("after a partial record: %+v", u)
	}
	// Turning one workflow on touches only it; error details round-trip.
	f.must("c.jsonl", `{"user_id":"u1","integrations":{"slack":{"status":"error","error_reason":"expired","error":"Token expired.","workflows":{"digest":true}}}}`)
	u = f.user("u1")
	if got := summary(u); !slices.Equal(got, []string{"slack=error/expired digest=true notify=true"}) || u.Connections[0].ErrorMessage != "Token expired." {
		t.Fatalf("after the error: %v %+v", got, u.Connections)
	}
}

// A connection still in error keeps the details the file leaves out, and
// since when it is in error: a CSV (Roster's own export included) says
// "slack:error" only, and re-importing it must not erase the message an
// admin needs nor restart the outage.
func TestAnErrorKeepsTheDetailsAndTimeTheFileLeavesOut(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.must("a.jsonl", `{"user_id":"u1","name":"Ann","integrations":{"slack":{"status":"error","error_reason":"expired","error":"Token expired."},"jira":{}}}`)
	later := importer.New(f.st, func() time.Time { return clock.Add(time.Hour) })
	run := func(name, content string) importer.Report {
		t.Helper()
		rep, err := later.Run(f.ctx, domain.CommandLine(), source(name, content), importer.Options{})
		if err != nil || rep.Rejected > 0 {
			t.Fatalf("import %s: %v %+v", name, err, rep)
		}
		testutil.CheckConsistent(t, f.st)
		return rep
	}
	slack := func() domain.Connection {
		t.Helper()
		for _, c := range f.user("u1").Connections {
			if c.Integration.Key == "slack" {
				return c
			}
		}
		t.Fatal("u1 has no slack connection")
		return domain.Connection{}
	}
	want := func(step string, reason domain.CredentialError, msg string, since time.Time) {
		t.Helper()
		c := slack()
		if c.Status != domain.ConnectionError || c.ErrorReason != reason || c.ErrorMessage != msg || !c.StatusChangedAt.Equal(since) {
			t.Errorf("%s: slack %s/%s %q since %v; want error/%s %q since %v", step, c.Status, c.ErrorReason, c.ErrorMessage,
				c.StatusChangedAt, reason, msg, since)
		}
	}
	if rep := run("users.csv", "user_id,name,integrations\nu1,Ann,slack:error;jira\n"); rep.Unchanged != 1 || rep.Updated != 0 {
		t.Errorf("a CSV of the same error: %+v, want it unchanged", rep)
	}
	want("CSV", domain.CredentialExpired, "Token expired.", clock)
	// The platform's INVALID says why, not what: the reason changes, the
	// message and the outage's start stay.
	run("platform.jsonl", `{"userId":"u1","meta":{"Name":"Ann"},"integrations":{"slack":{"enabled":true,"credentialStatus":"INVALID"},"jira":{"enabled":true}}}`)
	want("platform", domain.CredentialInvalid, "Token expired.", clock)
	// A new message is the same outage; connected, then in error again, a new one.
	run("b.jsonl", `{"user_id":"u1","integrations":{"slack":{"status":"error","error_reason":"invalid","error":"Revoked."},"jira":{}}}`)
	want("new message", domain.CredentialInvalid, "Revoked.", clock)
	run("c.csv", "user_id,integrations\nu1,slack;jira\n")
	if c := slack(); c.Status != domain.ConnectionConnected || c.ErrorMessage != "" || !c.StatusChangedAt.Equal(clock.Add(time.Hour)) {
		t.Errorf("reconnected: %+v", c)
	}
	run("d.csv", "user_id,integrations\nu1,slack:error;jira\n")
	want("in error again", "", "", clock.Add(time.Hour))
}

func TestBadInputIsReportedAndNothingHalfImported(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 10_000)
	for _, tc := range []struct {
		name, file, content string
		wantErr             string // the whole file is refused
		wantLines           []int  // or these rows are rejected
		wantReason          string // (the first one's reason contains)
		wantAdded           int
	}{
		{name: "empty file", file: "e.csv", content: "", wantErr: "The file is empty"},
		{name: "only blank lines", file: "e.jsonl", content: "\n\n \n", wantErr: "The file is empty"},
		{name: "UTF-16", file: "u.csv", content: "\xff\xfeu\x00s\x00", wantErr: "UTF-16"},
		{name: "header without user_id", file: "h.csv", content: "name,email\nAda,ada@example.com\n", wantErr: "No column is mapped to user_id"},
		{name: "not JSON", file: "n.json", content: "user_id\nx\n", wantErr: "not JSON"},
		{name: "JSON that is not an array of objects", file: "n.json", content: `[{"user_id":"a"}, 3]`, wantLines: []int{1}, wantReason: "not a JSON object", wantAdded: 1},
		{name: "JSON array cut short", file: "c.json", content: "[\n{\"user_id\":\"a\"},\n{\"user_id\":", wantErr: "not valid JSON", wantAdded: 1}, // chunks of 1
		{name: "non-numeric date", file: "d.csv", content: "user_id,created_at\na,yesterday\nb,2024-01-01\n", wantLines: []int{2}, wantReason: "must be a date", wantAdded: 1},
		{name: "date in the future", file: "d.csv", content: "user_id,created_at\na,2099-01-01\n", wantLines: []int{2}, wantReason: "ahead of this machine's clock"},
		{name: "duplicate ids", file: "d.csv", content: "user_id,name\na,A\nb,B\na,A2\n", wantLines: []int{4}, wantReason: "appears again (first on line 2)", wantAdded: 2},
		{name: "10,000-character name", file: "l.csv", content: "user_id,name\na," + long + "\nb,B\n", wantLines: []int{2}, wantReason: "10000 characters long; the limit is 200", wantAdded: 1},
		{name: "10,000-character reason", file: "l.csv", content: "user_id,disabled_reason\na," + long + "\n", wantLines: []int{2}, wantReason: "limit is 500"},
		{name: "quoted newline in a name", file: "q.csv", content: "user_id,name\na,\"Ada\nLovelace\"\nb,B\n", wantLines: []int{2}, wantReason: "one line", wantAdded: 1},
		{name: "unclosed quote", file: "q.csv", content: "user_id,name\na,\"Ada\nb,B\n", wantLines: []int{2}, wantReason: "not closed"},
		{name: "bare quote", file: "q.csv", content: "user_id,name\na,Ada \"the\" first\nb,B\n", wantLines: []int{2}, wantReason: "quote inside an unquoted field", wantAdded: 1},
		{name: "Latin-1 text", file: "l.csv", content: "user_id,name\na,Ren\xe9\nb,B\n", wantLines: []int{2}, wantReason: "not valid UTF-8", wantAdded: 1},
		{name: "bad e-mail", file: "m.csv", content: "user_id,email\na,not-an-address\n", wantLines: []int{2}, wantReason: "not an e-mail address"},
		{name: "bad integration key", file: "k.csv", content: "user_id,integrations\na,sales force\n", wantLines: []int{2}, wantReason: "may hold only letters"},
		{name: "metadata not an object", file: "m.csv", content: "user_id,metadata\na,[1]\n", wantLines: []int{2}, wantReason: "JSON object"},
		{name: "unknown JSON field", file: "u.jsonl", content: `{"user_id":"a","nmae":"Ada"}` + "\n", wantLines: []int{1}, wantReason: `Unknown field "nmae"`},
		{name: "JSON line not JSON", file: "u.jsonl", content: "{\"user_id\":\"a\"}\n{oops\n", wantLines: []int{2}, wantReason: "not a JSON object", wantAdded: 1},
		{name: "missing user id", file: "u.jsonl", content: `{"name":"Ada"}` + "\n", wantLines: []int{1}, wantReason: "user_id is required"},
		{name: "bad credential status", file: "p.jsonl", content: `{"userId":"a","integrations":{"slack":{"enabled":true,"credentialStatus":"MAYBE"}}}` + "\n", wantLines: []int{1}, wantReason: "VALID or INVALID"},
		{name: "connected with an error message", file: "c.jsonl", content: `{"user_id":"a","integrations":{"slack":{"error":"x"}}}` + "\n", wantLines: []int{1}, wantReason: "has no error"},
		{name: "an open quote swallowing the file", file: "q.csv", content: "user_id,name\na,A\nb,\"B\n" + strings.Repeat("c,C\n", 300_000), wantErr: "is a quote left open", wantAdded: 1},
		{name: "a row longer than 1 MiB", file: "big.jsonl", content: `{"user_id":"a","name":"` + strings.Repeat("y", 1<<20+10) + `"}` + "\n", wantErr: "longer than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			rep, err := f.run(tc.file, tc.content, importer.Options{ChunkRows: 1})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
				}
			} else if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			var lines []int
			for _, p := range rep.Problems {
				lines = append(lines, p.Line)
			}
			if !slices.Equal(lines, tc.wantLines) {
				t.Fatalf("rejected lines %v, want %v (%+v)", lines, tc.wantLines, rep.Problems)
			}
			if len(tc.wantLines) > 0 && !strings.Contains(rep.Problems[0].Reason, tc.wantReason) {
				t.Errorf("reason %q, want it to contain %q", rep.Problems[0].Reason, tc.wantReason)
			}
			if n := f.count("SELECT count(*) FROM connected_users"); n != tc.wantAdded || rep.Added != tc.wantAdded {
				t.Errorf("%d users in the file, %d reported added; want %d", n, rep.Added, tc.wantAdded)
			}
			testutil.CheckConsistent(t, f.st)
		})
	}
}

// An import refreshes the planner's statistics, which for a file filled
// by imports would otherwise be those of its empty tables.
func TestImportRefreshesThePlannersStatistics(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	stat := func() string {
		var s string
		_ = f.st.Reader().QueryRowContext(f.ctx, "SELECT coalesce((SELECT stat FROM sqlite_stat1 WHERE idx = 'users_status_created'), '')").Scan(&s)
		return s
	}
	before := stat()
	var b strings.Builder
	b.WriteString("user_id,name,integrations\n")
	for i := range 200 {
		fmt.Fprintf(&b, "s%03d,Stat %d,slack%s\n", i, i, map[bool]string{true: ":error"}[i%3 == 0])
	}
	if rep := f.must("stats.csv", b.String()); rep.Added != 200 {
		t.Fatalf("import %+v", rep)
	}
	if after := stat(); !strings.HasPrefix(after, "67 ") {
		t.Fatalf("users_status_created statistics %q, then %q after importing 200 users, 67 with an account error", before, after)
	}
}

func TestDryRunReportsEverythingAndWritesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.must("users.csv", sampleCSV)
	before := f.count("SELECT count(*) FROM audit_log") + f.count("SELECT count(*) FROM imports")
	content := sampleCSV + "cus_4,New Person,,2025-01-01,,,,pipedrive,\ncus_5,,bad,,,,,,\n"
	content = strings.Replace(content, "Grace Hopper", "Grace B. Hopper", 1)
	rep, err := f.run("users.csv", content, importer.Options{DryRun: true, ChunkRows: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 1 || rep.Updated != 1 || rep.Unchanged != 2 || rep.Rejected != 1 || rep.ImportID != 0 || !rep.DryRun {
		t.Fatalf("dry run %+v", rep)
	}
	if !slices.Equal(rep.NewIntegrations, []string{"pipedrive"}) {
		t.Errorf("new integrations %v", rep.NewIntegrations)
	}
	if f.count("SELECT count(*) FROM connected_users") != 3 || f.count("SELECT count(*) FROM integrations WHERE key = 'pipedrive'") != 0 ||
		f.user("cus_3").Name != "Grace Hopper" {
		t.Error("the dry run wrote")
	}
	if after := f.count("SELECT count(*) FROM audit_log") + f.count("SELECT count(*) FROM imports"); after != before {
		t.Error("the dry run left an audit entry or an import record")
	}
	testutil.CheckConsistent(t, f.st)
}

func TestCancelKeepsWholeChunksAndResumeFinishes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var b strings.Builder
	b.WriteString("user_id,name,integrations\n")
	for i := range 50 {
		fmt.Fprintf(&b, "u%02d,User %d,slack%s\n", i, i, map[bool]string{true: ":error", false: ""}[i%7 == 0])
	}
	ctx, cancel := context.WithCancel(f.ctx)
	defer cancel()
	rep, err := f.svc.Run(ctx, domain.CommandLine(), source("big.csv", b.String()), importer.Options{ChunkRows: 10,
		Progress: func(p importer.Progress) {
			if p.Rows >= 20 {
				cancel()
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.State != domain.ImportCancelled || rep.Added%10 != 0 || rep.Added < 20 || rep.Added >= 50 {
		t.Fatalf("cancelled import %+v", rep)
	}
	if want := fmt.Sprintf("Cancelled. The first %d rows were imported; import the file again to finish.", rep.Rows); rep.Error != want {
		t.Errorf("cancelled import says %q; want %q", rep.Error, want)
	}
	if n := f.count("SELECT count(*) FROM connected_users"); n != rep.Added {
		t.Fatalf("%d users written, %d reported", n, rep.Added)
	}
	if f.str("SELECT state FROM imports WHERE id = ?", rep.ImportID) != "cancelled" ||
		f.count("SELECT rows_done FROM imports WHERE id = ?", rep.ImportID) != rep.Added {
		t.Error("the import record does not say how far it got")
	}
	testutil.CheckConsistent(t, f.st)

	src := source("big.csv", b.String())
	skip, err := f.svc.ResumePoint(f.ctx, src)
	if err != nil || skip != int64(rep.Added) {
		t.Fatalf("resume point %d, %v; want %d", skip, err, rep.Added)
	}
	rep2, err := f.svc.Run(f.ctx, domain.CommandLine(), src, importer.Options{Skip: skip, ChunkRows: 10})
	if err != nil || rep2.Added != 50-rep.Added || rep2.Skipped != skip || rep2.State != domain.ImportDone {
		t.Fatalf("resumed import %+v, %v", rep2, err)
	}
	if f.count("SELECT count(*) FROM connected_users") != 50 {
		t.Error("the resumed import did not finish the file")
	}
	testutil.CheckConsistent(t, f.st)
	if _, err := f.svc.ResumePoint(f.ctx, src); err == nil {
		t.Error("a finished import offered to resume")
	}
}

// A chunk is read in batches of a few MiB, all written in its one
// transaction: a chunk cancelled after some of its batches were written
// leaves none of them, and the chunks before stay whole.
func TestAChunkOfSeveralBatchesCommitsWhole(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var b strings.Builder
	b.WriteString("user_id,name,integrations,metadata\n")
	for i := range 1000 { // 10 KB a row: a chunk of 500 rows is two batches
		fmt.Fprintf(&b, "w%04d,Wide %d,slack%s,\"{\"\"note\"\":\"\"%s\"\"}\"\n", i, i,
			map[bool]string{true: ":error"}[i%7 == 0], strings.Repeat("x", 10_000))
	}
	content := b.String()
	ctx, cancel := context.WithCancel(f.ctx)
	defer cancel()
	firstChunk := make(chan struct{})
	// Reading past 9.6 MB (into the second chunk's second batch) waits for the
	// first chunk's commit, then cancels.
	src := importer.Source{Name: "wide.csv", Size: int64(len(content)), Open: func() (io.ReadCloser, error) {
		return io.NopCloser(&gatedReader{r: strings.NewReader(content), at: 9_600_000, gate: firstChunk, then: cancel}), nil
	}}
	var batches, chunks []importer.Progress
	rep, err := f.svc.Run(ctx, domain.CommandLine(), src, importer.Options{ChunkRows: 500,
		Progress: func(p importer.Progress) {
			if p.Uncommitted {
				batches = append(batches, p)
			} else if chunks = append(chunks, p); len(chunks) == 1 {
				close(firstChunk)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.State != domain.ImportCancelled || rep.Added != 500 || rep.Rows != 500 || len(chunks) != 1 || chunks[0].Added != 500 {
		t.Fatalf("cancelled import %+v after %+v; want the first chunk of 500 rows, whole, and nothing of the second", rep, chunks)
	}
	// The first chunk's first batch showed before the chunk committed (the
	// second chunk's may have, before the cancel).
	if len(batches) == 0 || batches[0].Rows <= 0 || batches[0].Rows >= 500 || batches[0].Added != int(batches[0].Rows) {
		t.Fatalf("progress within chunks %+v; want the first chunk's first batch, uncommitted", batches)
	}
	if n := f.count("SELECT count(*) FROM connected_users"); n != 500 {
		t.Fatalf("%d users written; want 500", n)
	}
	testutil.CheckConsistent(t, f.st)

	rep, err = f.svc.Run(f.ctx, domain.CommandLine(), source("wide.csv", content), importer.Options{Skip: 500, ChunkRows: 500})
	if err != nil || rep.Added != 500 || rep.Skipped != 500 {
		t.Fatalf("resumed import %+v, %v", rep, err)
	}
	if n := f.count("SELECT count(*) FROM connected_users"); n != 1000 {
		t.Fatalf("%d users after resuming; want 1000", n)
	}
	testutil.CheckConsistent(t, f.st)
}

// gatedReader reads r, waiting at byte at for gate to close and then
// calling then.
type gatedReader struct {
	r    io.Reader
	n    int64
	at   int64
	gate <-chan struct{}
	then func()
}

func (g *gatedReader) Read(p []byte) (int, error) {
	if g.n >= g.at && g.gate != nil {
		<-g.gate
		g.then()
		g.gate = nil
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	return n, err
}

// A chunk ends at ChunkBytes of the file as well as at ChunkRows: wide rows
// make smaller chunks, so the few chunks in memory stay bounded.
func TestWideRowsMakeSmallerChunks(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.must("one.csv", "user_id,name\nw_first,First\n") // into a file with users: in chunks, not loaded
	var b strings.Builder
	b.WriteString("user_id,name,metadata\n")
	for i := range 100 { // 10 KB a row
		fmt.Fprintf(&b, "w%03d,Wide %d,\"{\"\"note\"\":\"\"%s\"\"}\"\n", i, i, strings.Repeat("x", 10_000))
	}
	var chunks []importer.Progress
	rep, err := f.run("wide.csv", b.String(), importer.Options{ChunkRows: 1000, ChunkBytes: 256 << 10,
		Progress: func(p importer.Progress) { chunks = append(chunks, p) }})
	if err != nil || rep.Added != 100 {
		t.Fatalf("import %+v, %v", rep, err)
	}
	// The file is read 64 KiB at a time: a chunk holds at most 320 KiB of
	// it, 33 rows, whatever the bound on rows.
	last := int64(0)
	for i, c := range chunks {
		if rows := c.Rows - last; rows < 1 || rows > 33 {
			t.Fatalf("chunk %d of %d holds %d rows; want at most 33 (256 KiB of the file)", i, len(chunks), rows)
		}
		last = c.Rows
	}
	if len(chunks) < 4 {
		t.Fatalf("%d chunks for 1 MB in chunks of 256 KiB", len(chunks))
	}
	testutil.CheckConsistent(t, f.st)
}

func TestImportIntoASeededDatabaseKeepsItConsistent(t *testing.T) {
	t.Parallel()
	st := testutil.OpenSeeded(t, seed.Options{Users: 2000, Seed: 3, Now: clock, Actor: domain.CommandLine()})
	f := &fixture{t: t, ctx: context.Background(), st: st, svc: importer.New(st, func() time.Time { return clock })}
	// Rewrite a slice of the seeded users: rename some, move their
	// connections, disable a few, and add new ones.
	rows, err := st.Reader().QueryContext(f.ctx, "SELECT external_id FROM connected_users ORDER BY id LIMIT 300")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for rows.Next() {
		var s string
		_ = rows.Scan(&s)
		ids = append(ids, s)
	}
	rows.Close()
	var b bytes.Buffer
	for i, id := range ids {
		rec := map[string]any{"user_id": id}
		switch i % 4 {
		case 0:
			rec["name"] = fmt.Sprintf("Renamed %d", i)
			if i%8 == 4 {
				rec["email"] = fmt.Sprintf("renamed%d@example.com", i)
			}
		case 1:
			rec["integrations"] = map[string]any{"slack": map[string]any{"status": "error", "error_reason": "invalid"}, "hubspot": map[string]any{}}
		case 2:
			rec["disabled_at"] = "2026-10-01T00:00:00Z"
			rec["last_active_at"] = "2026-10-02T00:00:00Z"
		case 3:
			rec["integrations"] = map[string]any{}
		}
		line, _ := json.Marshal(rec)
		b.Write(append(line, '\n'))
	}
	for i := range 100 {
		fmt.Fprintf(&b, `{"user_id":"new_%d","name":"New %d","created_at":"2020-01-01","integrations":{"salesforce":{}}}`+"\n", i, i)
	}
	rep := f.must("mix.jsonl", b.String())
	if rep.Added != 100 || rep.Updated+rep.Unchanged != 300 || rep.Updated < 200 {
		t.Fatalf("%+v", rep)
	}
	// Each user has the fields their record changed, whichever others
	// changed for the users beside them.
	if u := f.user(ids[0]); u.Name != "Renamed 0" {
		t.Errorf("%s: name %q", ids[0], u.Name)
	}
	if u := f.user(ids[4]); u.Name != "Renamed 4" || u.Email != "renamed4@example.com" {
		t.Errorf("%s: name %q, e-mail %q", ids[4], u.Name, u.Email)
	}
	if u := f.user(ids[2]); u.Status != domain.StatusDisabled || u.DisabledAt == nil || u.LastActiveAt == nil ||
		!u.LastActiveAt.Equal(time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("%s: %s, disabled %v, last active %v", ids[2], u.Status, u.DisabledAt, u.LastActiveAt)
	}
	page, err := connected.New(st, func() time.Time { return clock }).List(f.ctx, domain.CommandLine(), connected.ListInput{Search: "Renamed 12"})
	if err != nil || len(page.Users) == 0 {
		t.Fatalf("search for a renamed user: %v %+v", err, page)
	}
}

func TestPreviewShowsTheFirstRowsAndTheDetectedMapping(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	csv := "Customer ID,Full name,E-mail,Date created,Plan\nc1,Ada,ada@example.com,2024-01-01,pro\nc2,Bob,nope,2024-01-02,free\n"
	p, err := f.svc.Preview(f.ctx, domain.CommandLine(), source("people.csv", csv), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := importer.Mapping{importer.FieldUserID: "Customer ID", importer.FieldName: "Full name", importer.FieldEmail: "E-mail", importer.FieldCreatedAt: "Date created"}
	if fmt.Sprint(p.Mapping) != fmt.Sprint(want) || p.Format != importer.FormatCSV || len(p.Rows) != 2 || len(p.Columns) != 5 {
		t.Fatalf("preview %+v", p)
	}
	if p.Rows[0].Problem != nil || p.Rows[1].Problem == nil || p.Rows[1].Problem.Field != "email" {
		t.Errorf("row problems %+v %+v", p.Rows[0].Problem, p.Rows[1].Problem)
	}
	// The mapping a person chose is used by the import.
	m := importer.Mapping{importer.FieldUserID: "Full name"}
	rep, err := f.run("people.csv", csv, importer.Options{Mapping: m})
	if err != nil || rep.Added != 2 || f.count("SELECT count(*) FROM connected_users WHERE external_id = 'Bob'") != 1 {
		t.Fatalf("import with a chosen mapping: %+v %v", rep, err)
	}
	if _, err := f.run("people.csv", csv, importer.Options{Mapping: importer.Mapping{importer.FieldUserID: "Nope"}}); err == nil ||
		!strings.Contains(err.Error(), `no column "Nope"`) {
		t.Errorf("a mapping to a missing column: %v", err)
	}

	j, err := f.svc.Preview(f.ctx, domain.CommandLine(), source("p.jsonl", `{"userId":"x","meta":{"Name":"X"},"integrations":{"slack":{"enabled":true,"credentialStatus":"INVALID"}}}`), "", nil)
	if err != nil || len(j.Rows) != 1 || j.Rows[0].Cells[0] != "x" || j.Rows[0].Cells[8] != "slack:error" {
		t.Fatalf("JSON preview %+v %v", j, err)
	}
}

func TestImportNeedsTheWorkspacePermission(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, role := range []domain.Role{domain.RoleManageAll, domain.RoleMonitorAll, domain.RoleManageIntegrations} {
		a := domain.Actor{ID: "9", Name: "M", Role: role}
		if _, err := f.svc.Run(f.ctx, a, source("a.csv", sampleCSV), importer.Options{}); !errorsIsForbidden(err) {
			t.Errorf("%s: import %v", role, err)
		}
		if _, err := f.svc.Preview(f.ctx, a, source("a.csv", sampleCSV), "", nil); !errorsIsForbidden(err) {
			t.Errorf("%s: preview %v", role, err)
		}
	}
}

func errorsIsForbidden(err error) bool { return errors.Is(err, domain.ErrForbidden) }

func TestFileSourceReadsFromDisk(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	path := filepath.Join(t.TempDir(), "users.csv")
	if err := os.WriteFile(path, []byte(sampleCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	src, err := importer.FileSource(path)
	if err != nil || src.Name != "users.csv" || src.Size != int64(len(sampleCSV)) {
		t.Fatalf("%+v %v", src, err)
	}
	if rep, err := f.svc.Run(f.ctx, domain.CommandLine(), src, importer.Options{}); err != nil || rep.Added != 3 {
		t.Fatalf("%+v %v", rep, err)
	}
	if _, err := importer.FileSource(filepath.Join(t.TempDir(), "missing.csv")); err == nil {
		t.Error("a missing file was accepted")
	}
}

// dump is every row an import may touch, in order, as text.
func dump(t *testing.T, st *store.Store) string {
	t.Helper()
	return testutil.Rows(t, st,
		"SELECT id, external_id, name, email, status, created_at, last_active_at, disabled_at, disabled_reason, metadata FROM connected_users ORDER BY id",
		"SELECT * FROM connections ORDER BY user_id, integration_id",
		"SELECT * FROM user_workflows ORDER BY user_id, workflow_id",
		"SELECT * FROM status_counts ORDER BY status",
		"SELECT id, key, user_count FROM integrations ORDER BY id")
}

func TestRollbackPutsBackWhatTheImportChanged(t *testing.T) {
	t.Parallel()
	st := testutil.OpenSeeded(t, seed.Options{Users: 2000, Seed: 5, Now: clock, Actor: domain.CommandLine()})
	f := &fixture{t: t, ctx: context.Background(), st: st, svc: importer.New(st, func() time.Time { return clock })}
	before := dump(t, st)
	var b strings.Builder
	for i := 1; i <= 400; i++ { // existing users, changed three ways
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, `{"user_id":%q,"name":"Changed %d","disabled_at":"2026-10-01"}`+"\n", externalID(t, st, i), i)
		case 1:
			fmt.Fprintf(&b, `{"user_id":%q,"integrations":{"slack":{"status":"error","workflows":{"%s":false}}}}`+"\n", externalID(t, st, i), workflowKey(t, st, "slack"))
		case 2:
			fmt.Fprintf(&b, `{"user_id":%q,"integrations":{}}`+"\n", externalID(t, st, i))
		}
	}
	for i := range 700 {
		fmt.Fprintf(&b, `{"user_id":"new_%d","integrations":{"hubspot":{}}}`+"\n", i)
	}
	rep, err := f.run("change.jsonl", b.String(), importer.Options{ChunkRows: 150})
	if err != nil || rep.Added != 700 || rep.Updated < 300 {
		t.Fatalf("import: %+v %v", rep.Progress, err)
	}
	if dump(t, st) == before {
		t.Fatal("the import changed nothing")
	}
	var progress [][2]int // done, total
	rb, err := f.svc.Rollback(f.ctx, domain.CommandLine(), rep.ImportID, func(done, total int) { progress = append(progress, [2]int{done, total}) })
	if err != nil || rb.Removed != 700 || rb.Restored != rep.Updated {
		t.Fatalf("rollback: %+v %v", rb, err)
	}
	// Told the whole before the first chunk, then after each one.
	if all := 700 + rep.Updated; len(progress) < 3 || progress[0] != [2]int{0, all} || progress[len(progress)-1] != [2]int{all, all} {
		t.Errorf("progress %v, want from [0 %d] to [%d %d]", progress, all, all, all)
	}
	testutil.CheckConsistent(t, st)
	if after := dump(t, st); after != before {
		t.Fatalf("the rollback did not put everything back:\n%s", firstDiff(before, after))
	}
	hist, _ := f.svc.History(f.ctx, domain.CommandLine())
	if hist[0].RolledBackAt == nil {
		t.Error("the history does not say the import was rolled back")
	}
	if _, err := f.svc.Rollback(f.ctx, domain.CommandLine(), rep.ImportID, nil); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("a second rollback: %v", err)
	}
}

func TestOnlyTheLatestImportRollsBack(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	first := f.must("a.csv", sampleCSV)
	f.must("b.jsonl", `{"user_id":"cus_1","name":"Ada B."}`)
	if _, err := f.svc.Rollback(f.ctx, domain.CommandLine(), first.ImportID, nil); !errors.Is(err, domain.ErrConflict) ||
		!strings.Contains(err.Error(), "roll that one back first") {
		t.Fatalf("rolling back an older import: %v", err)
	}
	if _, err := f.svc.Rollback(f.ctx, domain.Actor{ID: "2", Role: domain.RoleManageAll}, first.ImportID, nil); !errors.Is(err, domain.ErrForbidden) {
		t.Errorf("a manager rolled back: %v", err)
	}
}

// externalID is the external id of the nth user (from 1) in id order.
func externalID(t *testing.T, st *store.Store, n int) string {
	t.Helper()
	var s string
	if err := st.Reader().QueryRowContext(context.Background(), "SELECT external_id FROM connected_users ORDER BY id LIMIT 1 OFFSET ?", n-1).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func workflowKey(t *testing.T, st *store.Store, integration string) string {
	t.Helper()
	var s string
	if err := st.Reader().QueryRowContext(context.Background(), `SELECT w.key FROM workflows w JOIN integrations i ON i.id = w.integration_id
		WHERE i.key = ? ORDER BY w.id LIMIT 1`, integration).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  before   %s\n  after    %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines before, %d after", len(al), len(bl))
}

// byExternalID dumps users by external id, with their connections and
// workflow states by key: what survives a move from one file to another.
func byExternalID(t *testing.T, st *store.Store, withWorkflows bool) string {
	t.Helper()
	q := `SELECT u.external_id, u.name, u.email, u.status, u.created_at, u.last_active_at, coalesce(u.disabled_at, 0), u.disabled_reason,
		u.metadata, coalesce((SELECT group_concat(k, ' ') FROM (SELECT i.key || '=' || c.status || '/' || c.error_reason || '/' || c.error_message AS k
			FROM connections c JOIN integrations i ON i.id = c.integration_id WHERE c.user_id = u.id ORDER BY 1)), '')`
	if withWorkflows {
		q += `, coalesce((SELECT group_concat(k, ' ') FROM (SELECT i.key || '/' || w.key || '=' || uw.enabled AS k FROM user_workflows uw
			JOIN workflows w ON w.id = uw.workflow_id JOIN integrations i ON i.id = w.integration_id WHERE uw.user_id = u.id ORDER BY 1)), '')`
	} else {
		q = strings.Replace(q, ` || '/' || c.error_reason || '/' || c.error_message`, "", 1)
	}
	return testutil.Rows(t, st, q+" FROM connected_users u ORDER BY u.external_id")
}

// exportService is an export service over st, as the app builds it.
func exportService(st *store.Store) *exporter.Service {
	now := func() time.Time { return clock }
	users := connected.New(st, now)
	return exporter.New(st, users, team.New(st, &mail.SMTP{}, func() {}, now), audit.New(st), now)
}

func TestExportThenImportGivesTheSameUsers(t *testing.T) {
	t.Parallel()
	src := testutil.OpenSeeded(t, seed.Options{Users: 800, Seed: 9, Now: clock, Actor: domain.CommandLine()})
	for _, format := range importer.Formats {
		t.Run(string(format), func(t *testing.T) {
			var buf bytes.Buffer
			n, err := exportService(src).Run(context.Background(), domain.CommandLine(), exporter.Input{What: exporter.WhatUsers, Format: format}, &buf, "test", nil)
			if err != nil || n != 800 {
				t.Fatalf("export: %d, %v", n, err)
			}
			f := newFixture(t)
			rep := f.must("users."+string(format), buf.String())
			if rep.Added != 800 {
				t.Fatalf("import: %+v", rep.Progress)
			}
			// JSON carries everything; CSV the users and their
			// connections' status (docs/import.md).
			full := format != importer.FormatCSV
			if got, want := byExternalID(t, f.st, full), byExternalID(t, src, full); got != want {
				t.Fatalf("the imported users differ from the exported ones:\n%s", firstDiff(want, got))
			}
		})
	}
}

func TestExportKeepsTheListsFiltersAndScope(t *testing.T) {
	t.Parallel()
	st := testutil.OpenSeeded(t, seed.Options{Users: 600, Seed: 4, Now: clock, Actor: domain.CommandLine()})
	users := connected.New(st, func() time.Time { return clock })
	ctx := context.Background()
	var slack int64
	_ = st.Reader().QueryRowContext(ctx, "SELECT id FROM integrations WHERE key = 'slack'").Scan(&slack)
	in := connected.ListInput{IntegrationID: slack, Status: domain.StatusAccountErrors, Sort: domain.SortName, Order: domain.OrderAsc}
	var listed []string
	for cursor := ""; ; {
		in.Cursor = cursor
		page, err := users.List(ctx, domain.CommandLine(), in)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range page.Users {
			listed = append(listed, u.ExternalID)
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	in.Cursor = ""
	scoped := domain.Actor{ID: "5", Name: "Scoped", Role: domain.RoleMonitorIntegrations, Integrations: []int64{slack}}
	var buf bytes.Buffer
	n, err := exportService(st).Run(ctx, scoped, exporter.Input{What: exporter.WhatUsers, Format: importer.FormatJSONL, Users: in}, &buf, "test", nil)
	if err != nil || int(n) != len(listed) || len(listed) == 0 {
		t.Fatalf("exported %d users, the list shows %d (%v)", n, len(listed), err)
	}
	var exported []string
	other := 0
	for line := range strings.Lines(buf.String()) {
		var u struct {
			UserID       string                     `json:"user_id"`
			Integrations map[string]json.RawMessage `json:"integrations"`
		}
		if err := json.Unmarshal([]byte(line), &u); err != nil {
			t.Fatal(err)
		}
		exported = append(exported, u.UserID)
		for key := range u.Integrations {
			if key != "slack" {
				other++
			}
		}
	}
	if !slices.Equal(exported, listed) {
		t.Fatalf("exported %v, the list shows %v", exported, listed)
	}
	if other != 0 {
		t.Errorf("a per-integration role exported %d connections of other integrations", other)
	}
	buf.Reset()
	if _, err := exportService(st).Run(ctx, scoped, exporter.Input{What: exporter.WhatUsers, Format: importer.FormatCSV}, &buf, "test", nil); !errors.Is(err, domain.ErrForbidden) || buf.Len() != 0 {
		t.Errorf("a scoped role exported every user: %v, %d bytes", err, buf.Len())
	}
	var after string
	_ = st.Reader().QueryRowContext(ctx, "SELECT after FROM audit_log WHERE action = 'users.export' ORDER BY id DESC LIMIT 1").Scan(&after)
	if !strings.Contains(after, fmt.Sprintf(`"rows":%d`, len(listed))) || !strings.Contains(after, `"integrationId":`) {
		t.Errorf("audit entry %s", after)
	}
}

// TestImportNewestFirstSearchesNewestFirst: an export lists the newest
// users first. Imported in chunks into an empty file, and then again with
// older users into it, they are numbered in created order all the same (a
// search sorted by created date reads the search index in id order only
// then: see migration 16); a search lists them newest first, and a
// rollback of the second import removes its users alone.
func TestImportNewestFirstSearchesNewestFirst(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	csv := func(from, to int) string {
		var b strings.Builder
		b.WriteString("user_id,name,email,created_at\n")
		for i := from; i >= to; i-- {
			fmt.Fprintf(&b, "u%d,Acme %02d,u%d@acme.test,2026-01-01T00:%02d:00Z\n", i, i, i, i)
		}
		return b.String()
	}
	if rep, err := f.run("newest.csv", csv(20, 11), importer.Options{ChunkRows: 4}); err != nil || rep.Added != 10 {
		t.Fatalf("import: %+v %v", rep.Progress, err)
	}
	older, err := f.run("older.csv", csv(10, 1), importer.Options{ChunkRows: 3})
	if err != nil || older.Added != 10 {
		t.Fatalf("import of older users: %+v %v", older.Progress, err)
	}
	testutil.CheckConsistent(t, f.st)
	var inOrder bool
	if err := f.st.Reader().QueryRowContext(f.ctx, "SELECT ids_follow_created FROM user_order").Scan(&inOrder); err != nil || !inOrder {
		t.Fatalf("users listed newest first were numbered out of created order (%v)", err)
	}
	page, err := connected.New(f.st, time.Now).List(f.ctx, domain.CommandLine(), connected.ListInput{Search: "acme"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range page.Users {
		names = append(names, u.Name)
	}
	var want []string
	for i := 20; i >= 1; i-- {
		want = append(want, fmt.Sprintf("Acme %02d", i))
	}
	if !slices.Equal(names, want) {
		t.Fatalf("search acme, newest first: %v; want %v", names, want)
	}
	if rb, err := f.svc.Rollback(f.ctx, domain.CommandLine(), older.ImportID, nil); err != nil || rb.Removed != 10 {
		t.Fatalf("rollback: %+v %v", rb, err)
	}
	var left int
	if err := f.st.Reader().QueryRowContext(f.ctx, "SELECT count(*) FROM connected_users WHERE CAST(substr(external_id, 2) AS INTEGER) > 10").Scan(&left); err != nil || left != 10 {
		t.Fatalf("%d of the first import's users are left (%v); want all 10", left, err)
	}
	testutil.CheckConsistent(t, f.st)
}

// TestRollbackPutsUserOrderBack: an import that moves users' creation
// dates numbers them out of created order, and one that adds users between
// the oldest and the newest does too; rolling it back puts the order back,
// so that searches sorted by date read the search index in id order again.
func TestRollbackPutsUserOrderBack(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// user_order: whether users are numbered in created order, and how
	// much older a user is than one numbered before them (-1: unknown).
	order := func() (bool, int64) {
		t.Helper()
		var on bool
		var inversion int64
		if err := f.st.Reader().QueryRowContext(f.ctx, "SELECT ids_follow_created, coalesce(max_inversion, -1) FROM user_order").Scan(&on, &inversion); err != nil {
			t.Fatal(err)
		}
		return on, inversion
	}
	f.must("first.csv", "user_id,name,created_at\nu1,Ada,2026-01-01T00:00:00Z\nu2,Bo,2026-01-02T00:00:00Z\nu3,Cy,2026-01-03T00:00:00Z\n")
	for _, c := range []struct {
		name, file string
		inversion  time.Duration
	}{
		// Bo, numbered before Cy, is now created 32 days after: measured
		// after the import.
		{"a creation date moved", "user_id,created_at\nu3,2025-12-01T00:00:00Z\n", 32 * 24 * time.Hour},
		// Di is numbered after Cy, created 12 hours before.
		{"a user between the ends", "user_id,name,created_at\nu9,Di,2026-01-02T12:00:00Z\n", 12 * time.Hour},
	} {
		rep := f.must(c.name+".csv", c.file)
		if on, inversion := order(); on || inversion != c.inversion.Milliseconds() {
			t.Fatalf("%s: user_order on %v, max_inversion %d; want off, %d", c.name, on, inversion, c.inversion.Milliseconds())
		}
		testutil.CheckConsistent(t, f.st)
		if _, err := f.svc.Rollback(f.ctx, domain.CommandLine(), rep.ImportID, nil); err != nil {
			t.Fatalf("%s: rollback: %v", c.name, err)
		}
		if on, inversion := order(); !on || inversion != 0 {
			t.Errorf("%s: user_order on %v, max_inversion %d after the rollback; want on, 0", c.name, on, inversion)
		}
		testutil.CheckConsistent(t, f.st)
	}
}

// TestImportIntoAnEmptyFileFindsUsersAddedMeanwhile: the first import into
// a file does not look up its users while they are all its own, but a user
// another program adds between two chunks is found, two chunks later, and
// updated, not added twice.
func TestImportIntoAnEmptyFileFindsUsersAddedMeanwhile(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	content := `user_id,name,email
u1,Ada One,ada@example.com
u2,Bo Two,bo@example.com
u3,Cy Three,cy@example.com
u4,Di Four,di@example.com
u5,Eve Five,eve@example.com
u6,Fay Six,fay@example.com
`
	chunks := 0
	rep, err := f.svc.Run(f.ctx, domain.CommandLine(), source("users.csv", content), importer.Options{ChunkRows: 2,
		Progress: func(importer.Progress) {
			if chunks++; chunks == 1 { // another program adds u5 while the import runs
				if err := f.st.Update(f.ctx, func(tx store.DB) error {
					_, err := tx.ExecContext(f.ctx, `INSERT INTO connected_users (external_id, name, created_at) VALUES ('u5', 'Eve Elsewhere', 1)`)
					return err
				}); err != nil {
					t.Error(err)
				}
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 5 || rep.Updated != 1 {
		t.Fatalf("added %d, updated %d; want 5 and 1 (u5 was there already)", rep.Added, rep.Updated)
	}
	var name string
	if err := f.st.Reader().QueryRowContext(f.ctx, "SELECT name FROM connected_users WHERE external_id = 'u5'").Scan(&name); err != nil || name != "Eve Five" {
		t.Fatalf("u5 is named %q (%v); want the file's Eve Five", name, err)
	}
	testutil.CheckConsistent(t, f.st)
}

// loadFile is n users as JSON Lines, with what a load must get right:
// connections in error with their details, workflow states, disabled users,
// metadata, and a few users listed out of created order.
func loadFile(n int) string {
	var b strings.Builder
	for i := range n {
		created := clock.AddDate(-2, 0, i)
		if i%50 == 7 {
			created = created.AddDate(0, 0, -30) // older than the users before it
		}
		ints := map[string]any{}
		if i%3 != 0 {
			ints["salesforce"] = map[string]any{"workflows": map[string]bool{"sync-contacts": i%2 == 0, "notify-deal-won": true}}
		}
		if i%4 == 1 {
			ints["slack"] = map[string]any{"status": "error", "error_reason": "expired", "error": fmt.Sprintf("Token %d expired.", i)}
		}
		rec := map[string]any{"user_id": fmt.Sprintf("cus_%04d", (i*7919)%10000), "name": fmt.Sprintf("Person %d Ünal", i),
			"email": fmt.Sprintf("p%d@example.com", i), "created_at": created.Format(time.RFC3339),
			"metadata": map[string]any{"plan": []string{"free", "pro"}[i%2]}, "integrations": ints}
		if i%5 != 0 {
			rec["last_active_at"] = clock.Add(-time.Duration((i*7)%997) * time.Hour).Format(time.RFC3339)
		}
		if i%11 == 0 {
			rec["disabled_at"], rec["disabled_reason"] = clock.Format(time.RFC3339), "Paused."
		}
		line, _ := json.Marshal(rec)
		b.Write(append(line, '\n'))
	}
	return b.String()
}

// A file larger than a chunk, into a file without users, is loaded in one
// transaction with the indexes built after: the same users, counts, search
// and schema as written in chunks, and a cancel as it finishes keeps nothing.
func TestAnImportIntoAnEmptyFileLoadsIt(t *testing.T) {
	t.Parallel()
	content := loadFile(600)
	chunked, loaded := newFixture(t), newFixture(t)
	if rep, err := chunked.run("users.jsonl", content, importer.Options{ChunkRows: 100}); err != nil || rep.Added != 600 {
		t.Fatalf("import in chunks: %+v %v", rep.Progress, err)
	}
	var seen []importer.Progress
	small := importer.Options{ChunkBytes: int64(len(content)) / 10, Progress: func(p importer.Progress) { seen = append(seen, p) }}
	rep, err := loaded.run("users.jsonl", content, small)
	if err != nil || rep.Added != 600 || rep.State != domain.ImportDone {
		t.Fatalf("load: %+v %v", rep.Progress, err)
	}
	// Everything before the commit is one uncommitted chunk, finishing last.
	if n := len(seen); n < 2 || !seen[n-2].Finishing || !seen[n-2].Uncommitted || seen[n-2].Rows != 600 || seen[n-1].Uncommitted || seen[n-1].Finishing {
		t.Fatalf("progress %+v; want batches uncommitted, then finishing, then the commit", seen)
	}
	for _, p := range seen[:len(seen)-2] {
		if !p.Uncommitted || p.Finishing {
			t.Fatalf("progress %+v before the load finished", p)
		}
	}
	if got, want := byExternalID(t, loaded.st, true), byExternalID(t, chunked.st, true); got != want {
		t.Fatalf("loaded users differ from those imported in chunks: %s", firstDiff(got, want))
	}
	testutil.CheckConsistent(t, loaded.st) // counts, positions, search index, every index and trigger back
	users := connected.New(loaded.st, func() time.Time { return clock })
	for _, in := range []connected.ListInput{{Search: "ünal"}, {Search: "p17@example"}, {Sort: domain.SortName}, {Status: domain.StatusAccountErrors}} {
		got, err := users.List(loaded.ctx, domain.CommandLine(), in)
		if err != nil {
			t.Fatal(err)
		}
		want, err := connected.New(chunked.st, func() time.Time { return clock }).List(chunked.ctx, domain.CommandLine(), in)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := listed(got), listed(want); !slices.Equal(g, w) || len(g) == 0 || got.Total != want.Total || got.TotalCapped {
			t.Fatalf("list %+v: loaded %v (%d), in chunks %v (%d)", in, g, got.Total, w, want.Total)
		}
	}
	if hist, err := loaded.svc.History(loaded.ctx, domain.CommandLine()); err != nil || len(hist) != 1 || hist[0].RowsDone != 600 || hist[0].Added != 600 {
		t.Fatalf("history %+v %v", hist, err)
	}

	// Cancelled while it builds the indexes: nothing kept, nothing set aside.
	stopped := newFixture(t)
	ctx, cancel := context.WithCancel(stopped.ctx)
	defer cancel()
	small.Progress = func(p importer.Progress) {
		if p.Finishing {
			cancel()
		}
	}
	rep, err = stopped.svc.Run(ctx, domain.CommandLine(), source("users.jsonl", content), small)
	if err != nil || rep.State != domain.ImportCancelled || rep.Added != 0 || !strings.Contains(rep.Error, "Nothing was imported") {
		t.Fatalf("cancelled load: %+v %q %v", rep.Progress, rep.Error, err)
	}
	if n := stopped.count("SELECT count(*) FROM connected_users"); n != 0 {
		t.Fatalf("a cancelled load kept %d users", n)
	}
	testutil.CheckConsistent(t, stopped.st)
	// Run again, it loads the file whole.
	if rep, err := stopped.run("users.jsonl", content, importer.Options{ChunkBytes: small.ChunkBytes}); err != nil || rep.Added != 600 {
		t.Fatalf("second run: %+v %v", rep.Progress, err)
	}
	if got, want := byExternalID(t, stopped.st, true), byExternalID(t, chunked.st, true); got != want {
		t.Fatalf("users after the second run differ: %s", firstDiff(got, want))
	}
}

// listed is a page's external ids in order.
func listed(p domain.UserPage) []string {
	out := make([]string, len(p.Users))
	for i, r := range p.Users {
		out[i] = r.ExternalID
	}
	return out
}

// A load commits nothing until it ends: one that runs longer than
// StaleAfter is not taken for an interrupted import by a check meanwhile.
func TestALongLoadIsNotTakenForInterrupted(t *testing.T) {
	t.Parallel()
	st := testutil.Open(t)
	var now atomic.Int64
	now.Store(clock.UnixNano())
	svc := importer.New(st, func() time.Time { return time.Unix(0, now.Load()).UTC() })
	content := loadFile(200)
	checked := make(chan error, 1)
	opt := importer.Options{ChunkBytes: int64(len(content)) / 4, Progress: func(p importer.Progress) {
		if p.Finishing {
			now.Add(int64(2 * importer.StaleAfter)) // the load has run for long
			go func() { checked <- svc.MarkInterrupted(context.Background()) }()
			// The check reads the import as stale, then waits for the lock.
		}
	}}
	rep, err := svc.Run(context.Background(), domain.CommandLine(), source("users.jsonl", content), opt)
	if err != nil || rep.State != domain.ImportDone || rep.Added != 200 {
		t.Fatalf("load: %+v %v", rep.Progress, err)
	}
	if err := <-checked; err != nil {
		t.Fatal(err)
	}
	hist, err := svc.History(context.Background(), domain.CommandLine())
	if err != nil || len(hist) != 1 || hist[0].State != domain.ImportDone {
		t.Fatalf("history %+v %v", hist, err)
	}
	var interrupted int
	if err := st.Reader().QueryRowContext(context.Background(),
		`SELECT count(*) FROM audit_log WHERE after LIKE '%interrupted%'`).Scan(&interrupted); err != nil || interrupted != 0 {
		t.Fatalf("%d audit entries say the load was interrupted (%v)", interrupted, err)
	}
}
