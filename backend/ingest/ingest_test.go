package ingest_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"roster/backend/domain"
	"roster/backend/ingest"
	"roster/backend/notify"
	"roster/backend/store"
	"roster/backend/testutil"
)

var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

type fixture struct {
	t     *testing.T
	ctx   context.Context
	st    *store.Store
	clock *testutil.Clock
	svc   *ingest.Service
	n     *notify.Notifier
	kicks int
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), st: testutil.Open(t), clock: testutil.NewClock(t0)}
	f.svc = ingest.New(f.st, f.clock.Now, func(int) { f.kicks++ })
	f.n = notify.New(f.st, f.clock.Now, slog.New(slog.NewTextHandler(io.Discard, nil)), func() {})
	return f
}

// ingest applies JSON Lines and returns the report with every line.
func (f *fixture) ingest(lines ...string) ingest.Report {
	f.t.Helper()
	rep, err := f.svc.Ingest(f.ctx, ingest.Lines(strings.NewReader(strings.Join(lines, "\n"))), ingest.Options{AllLines: true})
	if err != nil {
		f.t.Fatal(err)
	}
	return rep
}

// must applies lines and fails the test unless every one was accepted.
func (f *fixture) must(lines ...string) ingest.Report {
	f.t.Helper()
	rep := f.ingest(lines...)
	if rep.Accepted != len(lines) {
		f.t.Fatalf("accepted %d of %d: %+v", rep.Accepted, len(lines), rep.Lines)
	}
	return rep
}

// seq numbers the events of every test (they run in parallel).
var seq atomic.Int64

// ev builds one event line with a fresh id.
func ev(typ, data string) string {
	return fmt.Sprintf(`{"id":"e%d","type":%q,"data":%s}`, seq.Add(1), typ, data)
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.st.Reader().QueryRowContext(f.ctx, query, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func (f *fixture) str(query string, args ...any) string {
	f.t.Helper()
	var s string
	if err := f.st.Reader().QueryRowContext(f.ctx, query, args...).Scan(&s); err != nil {
		f.t.Fatal(err)
	}
	return s
}

// member adds an accepted member with notifications on.
func (f *fixture) member(email string, role domain.Role, integrations ...string) int64 {
	f.t.Helper()
	var id int64
	err := f.st.Update(f.ctx, func(tx store.DB) error {
		var scope []int64
		for _, k := range integrations {
			r, err := store.IntegrationByKey(f.ctx, tx, k)
			if err != nil {
				return err
			}
			scope = append(scope, r.ID)
		}
		var err error
		id, err = store.InsertMember(f.ctx, tx, store.NewMember{Email: email, Name: email, Role: role, Status: domain.MemberAccepted,
			Integrations: scope, At: t0})
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

// catalogue is a workspace with two integrations, a workflow each, and
// Ada connected to both.
func (f *fixture) catalogue() {
	f.t.Helper()
	f.must(
		ev("integration.upserted", `{"integration":"slack","name":"Slack","category":"Chat"}`),
		ev("integration.upserted", `{"integration":"jira","name":"Jira"}`),
		ev("workflow.upserted", `{"integration":"slack","workflow":"notify","name":"Notify"}`),
		ev("workflow.upserted", `{"integration":"jira","workflow":"issue","name":"Create issue"}`),
		ev("user.upserted", `{"user":"u1","name":"Ada Lovelace","email":"ada@example.com"}`),
		ev("connection.connected", `{"user":"u1","integration":"slack"}`),
		ev("connection.connected", `{"user":"u1","integration":"jira"}`),
	)
}

func run(integration, workflow, status, errMsg string, at time.Time) string {
	data := fmt.Sprintf(`{"user":"u1","integration":%q,"workflow":%q,"status":%q,"started_at":%q,"duration_ms":1200`, integration, workflow, status, at.Format(time.RFC3339))
	if errMsg != "" {
		data += fmt.Sprintf(`,"error":%q`, errMsg)
	}
	return ev("workflow.run", data+"}")
}

// mails lists the queued mails' kind and recipient, oldest first.
func (f *fixture) mails() []string {
	f.t.Helper()
	rows, err := f.st.Reader().QueryContext(f.ctx, "SELECT kind, recipient FROM outbox ORDER BY id")
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k, r string
		rows.Scan(&k, &r)
		out = append(out, k+" "+r)
	}
	return out
}

func TestSampleBuildsAWorkspaceAndReplaysAsDuplicates(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.member("owner@example.com", domain.RoleOwner)
	data, err := os.ReadFile("../../docs/examples/events.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(string(data), "\n")
	rep, err := f.svc.Ingest(f.ctx, ingest.Lines(strings.NewReader(string(data))), ingest.Options{})
	if err != nil || rep.Accepted != lines || rep.Rejected != 0 {
		t.Fatalf("sample: %+v %v; want all %d accepted", rep, err, lines)
	}
	counts, err := store.StatusCounts(f.ctx, f.st.Reader())
	if err != nil {
		t.Fatal(err)
	}
	// Katherine's Salesforce credential expired; Edsger's only connection was removed.
	want := domain.StatusCounts{Connected: 4, AccountErrors: 1, NoIntegrations: 1, Total: 6}
	if counts != want {
		t.Fatalf("counts %+v; want %+v", counts, want)
	}
	if n := f.count("SELECT count(*) FROM workflow_runs"); n != 10 {
		t.Fatalf("%d runs; want 10", n)
	}
	snapshot := func() string {
		return f.str(`SELECT group_concat(x, '|') FROM (
			SELECT external_id || name || email || status || last_active_at || metadata AS x FROM connected_users
			UNION ALL SELECT user_id || integration_id || status || error_reason || status_changed_at FROM connections
			UNION ALL SELECT user_id || workflow_id || enabled || changed_by FROM user_workflows
			UNION ALL SELECT count(*) FROM workflow_runs UNION ALL SELECT count(*) FROM outbox)`)
	}
	before := snapshot()
	again, err := f.svc.Ingest(f.ctx, ingest.Lines(strings.NewReader(string(data))), ingest.Options{})
	if err != nil || again.Duplicates != lines || again.Accepted != 0 {
		t.Fatalf("replay: %+v %v; want all %d duplicates", again, err, lines)
	}
	if after := snapshot(); after != before {
		t.Fatalf("the replay changed the workspace:\n%s\n%s", before, after)
	}
	if f.str("SELECT email FROM connected_users WHERE external_id = 'cus_1004'") != "alan.turing@bletchley.example" ||
		f.str("SELECT name FROM connected_users WHERE external_id = 'cus_1004'") != "Alan Turing" {
		t.Fatal("a partial user.upserted did not keep the name and change the e-mail")
	}
}

func TestEachEventTypeHasItsEffect(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.catalogue()
	status := func() string { return f.str("SELECT status FROM connected_users WHERE external_id = 'u1'") }
	if status() != "connected" {
		t.Fatalf("status %s after connecting", status())
	}
	f.clock.Advance(time.Minute)
	failedAt := t0.Add(-time.Hour)
	f.must(fmt.Sprintf(`{"id":"fail-1","type":"connection.failed","at":%q,"data":{"user":"u1","integration":"slack","reason":"expired","message":"token expired"}}`, failedAt.Format(time.RFC3339)))
	if status() != "account_errors" || f.str("SELECT error_reason || ':' || error_message || ':' || status_changed_at FROM connections WHERE integration_id = (SELECT id FROM integrations WHERE key='slack')") != fmt.Sprintf("expired:token expired:%d", failedAt.UnixMilli()) {
		t.Fatal("connection.failed did not move the connection to error with its reason and since when")
	}
	// A second failure updates why, not since when.
	f.must(ev("connection.failed", `{"user":"u1","integration":"slack","reason":"invalid","message":"revoked"}`))
	if got := f.str("SELECT error_reason || ':' || status_changed_at FROM connections WHERE integration_id = (SELECT id FROM integrations WHERE key='slack')"); got != fmt.Sprintf("invalid:%d", failedAt.UnixMilli()) {
		t.Fatalf("second failure: %s", got)
	}
	f.must(ev("connection.restored", `{"user":"u1","integration":"slack"}`))
	if status() != "connected" || f.count("SELECT count(*) FROM connections WHERE status = 'error'") != 0 {
		t.Fatal("connection.restored did not bring the connection back")
	}
	f.must(ev("workflow.toggled", `{"user":"u1","integration":"slack","workflow":"notify","enabled":true}`))
	if f.str("SELECT enabled || changed_by FROM user_workflows") != "1user" {
		t.Fatal("workflow.toggled did not record the user's switch")
	}
	started := t0.Add(-10 * time.Minute)
	f.must(run("slack", "notify", "succeeded", "", started))
	if f.count("SELECT count(*) FROM workflow_runs WHERE status = 'succeeded' AND duration_ms = 1200") != 1 ||
		f.count("SELECT last_active_at FROM connected_users WHERE external_id = 'u1'") != int(started.UnixMilli()) {
		t.Fatal("workflow.run did not keep the run and the user's last activity")
	}
	f.must(ev("connection.removed", `{"user":"u1","integration":"slack"}`))
	if f.count("SELECT count(*) FROM connections") != 1 || f.count("SELECT count(*) FROM user_workflows") != 0 {
		t.Fatal("connection.removed left the connection or its workflow states")
	}
	f.must(ev("connection.removed", `{"user":"u1","integration":"jira"}`))
	if status() != "no_integrations" {
		t.Fatalf("status %s with no connection left", status())
	}
	f.must(ev("integration.upserted", `{"integration":"slack","name":"Slack (new)","category":"Chat"}`))
	if f.str("SELECT name FROM integrations WHERE key = 'slack'") != "Slack (new)" || f.count("SELECT count(*) FROM integrations") != 2 {
		t.Fatal("integration.upserted did not rename in place")
	}
}

func TestBadLinesAreRejectedWithTheirReasonAndBlockNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.catalogue()
	lines := []string{
		run("slack", "notify", "succeeded", "", t0),                              // 1 good
		`{"id":"x1","type":"workflow.run","data":{"user":"u1"`,                   // 2 not JSON
		`{"id":"x2","type":"user.deleted","data":{}}`,                            // 3 unknown type
		`{"id":"x3","type":"user.upserted","data":{"user":"u9","nickname":"x"}}`, // 4 unknown field
		`{"type":"user.upserted","data":{"user":"u9"}}`,                          // 5 no id
		ev("workflow.run", `{"user":"ghost","integration":"slack","workflow":"notify","status":"failed","started_at":"2026-11-23T08:00:00Z","duration_ms":5}`), // 6 unknown user
		ev("connection.failed", `{"user":"u1","integration":"slack","reason":"stolen"}`),                                                                       // 7 bad reason
		ev("workflow.run", `{"user":"u1","integration":"slack","workflow":"notify","status":"failed","duration_ms":5}`),                                        // 8 no started_at
		"", // 9 blank: skipped
		ev("user.upserted", `{"user":"u2","name":"Grace"}`),                                   // 10 good
		ev("user.upserted", `{"user":"u3","email":"not-an-address"}`),                         // 11 bad e-mail
		ev("connection.restored", `{"user":"u2","integration":"slack"}`),                      // 12 no such connection
		`{"id":"x4","type":"user.upserted","at":"2030-01-01T00:00:00Z","data":{"user":"u4"}}`, // 13 from the future
	}
	rep := f.ingest(lines...)
	if rep.Accepted != 2 || rep.Rejected != 10 || rep.Duplicates != 0 {
		t.Fatalf("report %+v", rep)
	}
	want := map[int]string{2: "not a JSON object", 3: "Unknown event type", 4: `Unknown field "nickname"`, 5: "id is required",
		6: `no connected user "ghost"`, 7: "reason is invalid or expired", 8: "started_at is required", 11: "is not an e-mail address",
		12: "has no Slack connection", 13: "more than a day ahead"}
	for _, l := range rep.Lines {
		if l.Outcome != ingest.Rejected {
			continue
		}
		if w, ok := want[l.Line]; !ok || !strings.Contains(l.Reason, w) {
			t.Errorf("line %d rejected with %q; want %q", l.Line, l.Reason, w)
		}
		delete(want, l.Line)
	}
	for line, w := range want {
		t.Errorf("line %d was not rejected (%q)", line, w)
	}
	// The rejected ones left nothing; the good ones are in.
	if f.count("SELECT count(*) FROM connected_users") != 2 || f.count("SELECT count(*) FROM workflow_runs") != 1 ||
		f.count("SELECT count(*) FROM events WHERE id IN ('x1','x2','x3','x4')") != 0 {
		t.Fatal("a rejected line left a trace, or a good one is missing")
	}
}

func TestARejectedEventHalfWayLeavesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.catalogue()
	// The run's user and integration resolve, its workflow does not: the
	// event id must not be kept, so the corrected event is accepted later.
	bad := `{"id":"r1","type":"workflow.run","data":{"user":"u1","integration":"slack","workflow":"nope","status":"failed","started_at":"2026-11-23T08:00:00Z","duration_ms":5,"error":"x"}}`
	if rep := f.ingest(bad); rep.Rejected != 1 || !strings.Contains(rep.Lines[0].Reason, `Slack has no workflow "nope"`) {
		t.Fatalf("%+v", rep)
	}
	if f.count("SELECT count(*) FROM events WHERE id = 'r1'")+f.count("SELECT count(*) FROM workflow_runs")+f.count("SELECT count(*) FROM workflow_incidents") != 0 {
		t.Fatal("the rejected event left rows")
	}
	f.must(strings.Replace(bad, `"nope"`, `"notify"`, 1))
}

func TestWorkflowFailureMailsAtOnceThenOneDigestPerInterval(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.catalogue()
	f.member("owner@example.com", domain.RoleOwner)
	f.must(run("slack", "notify", "failed", "HTTP 500", t0))
	if got := f.mails(); len(got) != 1 || got[0] != "workflow_failed owner@example.com" {
		t.Fatalf("after the first failure: %v", got)
	}
	if !strings.Contains(f.str("SELECT body_text FROM outbox"), "HTTP 500") {
		t.Fatal("the mail does not say the error")
	}
	// Nine more failures over ten minutes: no mail yet.
	for i := 1; i <= 9; i++ {
		f.clock.Advance(time.Minute)
		f.must(run("slack", "notify", "failed", fmt.Sprintf("HTTP 50%d", i%10), f.clock.Now()))
	}
	if n, err := f.n.Flush(f.ctx); err != nil || n != 0 || len(f.mails()) != 1 {
		t.Fatalf("flush before the interval queued %d (%v): %v", n, err, f.mails())
	}
	f.clock.Advance(6 * time.Minute) // 15 minutes after the first mail
	if n, err := f.n.Flush(f.ctx); err != nil || n != 1 {
		t.Fatalf("flush at the interval queued %d, %v; want one digest", n, err)
	}
	body := f.str("SELECT body_text FROM outbox WHERE kind = 'workflow_digest'")
	subject := f.str("SELECT subject FROM outbox WHERE kind = 'workflow_digest'")
	if subject != "Workflow failures: 1 still failing (9 new failures)" || !strings.Contains(body, "Still failing: 9 new failures, 10 since") {
		t.Fatalf("digest %q:\n%s", subject, body)
	}
	// Nothing new: no further mail, however much time passes.
	f.clock.Advance(time.Hour)
	if n, _ := f.n.Flush(f.ctx); n != 0 {
		t.Fatal("a digest without news")
	}
	// It succeeds: the next digest says resolved, then the incident is closed.
	f.must(run("slack", "notify", "succeeded", "", f.clock.Now()))
	if n, _ := f.n.Flush(f.ctx); n != 1 || f.str("SELECT subject FROM outbox ORDER BY id DESC LIMIT 1") != "Workflow failures: 1 resolved" {
		t.Fatalf("resolution: %v", f.mails())
	}
	if f.count("SELECT count(*) FROM workflow_incidents") != 0 {
		t.Fatal("the resolved incident stays open")
	}
	// Failing again later is a new first failure: mailed at once.
	f.clock.Advance(time.Minute)
	f.must(run("slack", "notify", "failed", "HTTP 500", f.clock.Now()))
	if got := f.mails(); len(got) != 4 || got[3] != "workflow_failed owner@example.com" {
		t.Fatalf("a new incident: %v", got)
	}
}

func TestConnectionOfflineOnlineAndAFlapWithinTheCooldown(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.catalogue()
	f.member("owner@example.com", domain.RoleOwner)
	offline := func() string {
		return ev("connection.failed", `{"user":"u1","integration":"slack","reason":"invalid","message":"revoked"}`)
	}
	online := func() string { return ev("connection.restored", `{"user":"u1","integration":"slack"}`) }
	f.must(offline())
	f.clock.Advance(time.Minute)
	f.must(online())
	want := []string{"connection_offline owner@example.com", "connection_online owner@example.com"}
	if got := f.mails(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("offline then online: %v", got)
	}
	// A flap within the cooldown (10 minutes from the offline mail): no storm.
	for range 5 {
		f.clock.Advance(30 * time.Second)
		f.must(offline())
		f.clock.Advance(30 * time.Second)
		f.must(online())
	}
	f.clock.Advance(30 * time.Second)
	f.must(offline()) // still offline when the cooldown ends
	if got := f.mails(); len(got) != 2 {
		t.Fatalf("the flap sent %v", got[2:])
	}
	f.clock.Advance(4 * time.Minute) // the cooldown ends 10 minutes after the first mail
	if n, err := f.n.Flush(f.ctx); err != nil || n != 1 {
		t.Fatalf("at the end of the cooldown: %d %v; want the held-back offline mail", n, err)
	}
	if body := f.str("SELECT body_text FROM outbox ORDER BY id DESC LIMIT 1"); !strings.Contains(body, "went offline 6 more times") {
		t.Fatalf("held-back mail:\n%s", body)
	}
	f.must(online())
	if got := f.mails(); len(got) != 4 || got[3] != "connection_online owner@example.com" {
		t.Fatalf("back online after the held-back mail: %v", got)
	}
	// A flap that ends online before the cooldown: nothing more at all.
	f.clock.Advance(time.Minute)
	f.must(offline())
	f.must(online())
	f.clock.Advance(time.Hour)
	if n, _ := f.n.Flush(f.ctx); n != 0 || len(f.mails()) != 4 {
		t.Fatalf("a flap that ended online sent %v", f.mails())
	}
}

func TestNotificationsGoOnlyToOptedInMembersInScope(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.catalogue()
	f.member("owner@example.com", domain.RoleOwner)
	f.member("slack-monitor@example.com", domain.RoleMonitorIntegrations, "slack")
	f.member("jira-manager@example.com", domain.RoleManageIntegrations, "jira")
	off := f.member("quiet@example.com", domain.RoleMonitorAll)
	disabled := f.member("gone@example.com", domain.RoleAdmin)
	pending := f.member("pending@example.com", domain.RoleAdmin)
	err := f.st.Update(f.ctx, func(tx store.DB) error {
		no := false
		if _, err := store.UpdateMember(f.ctx, tx, store.MemberUpdate{ID: off, Version: 1, Notifications: &no}); err != nil {
			return err
		}
		if _, err := store.UpdateMember(f.ctx, tx, store.MemberUpdate{ID: disabled, Version: 1, Enabled: &no}); err != nil {
			return err
		}
		st := domain.MemberPending
		_, err := store.UpdateMember(f.ctx, tx, store.MemberUpdate{ID: pending, Version: 1, Status: &st})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f.must(run("jira", "issue", "failed", "400", t0))
	want := "[workflow_failed owner@example.com workflow_failed jira-manager@example.com]"
	if got := fmt.Sprint(f.mails()); got != want {
		t.Fatalf("a Jira failure went to %s; want %s", got, want)
	}
}

func TestBatchesAreAtomicPerEventAndIdsAreIdempotentWithinABatch(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.catalogue()
	line := run("slack", "notify", "succeeded", "", t0)
	rep := f.ingest(line, line, line)
	if rep.Accepted != 1 || rep.Duplicates != 2 || f.count("SELECT count(*) FROM workflow_runs") != 1 {
		t.Fatalf("the same id three times: %+v", rep)
	}
}

// TestRunHistoryFiltersUseEachIndex lists the sample's runs through every
// index ListRuns picks (by user, workflow, integration, failed, the rest)
// and checks each answer against a plain count.
func TestRunHistoryFiltersUseEachIndex(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	data, err := os.ReadFile("../../docs/examples/events.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Ingest(f.ctx, ingest.Lines(strings.NewReader(string(data))), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	id := func(query string, args ...any) int64 {
		t.Helper()
		return int64(f.count(query, args...))
	}
	user := id("SELECT id FROM connected_users WHERE external_id = 'cus_1005'")
	jira := id("SELECT id FROM integrations WHERE key = 'jira'")
	issue := id("SELECT id FROM workflows WHERE key = 'create-issue'")
	for _, c := range []struct {
		name  string
		q     store.RunQuery
		where string
	}{
		{"all", store.RunQuery{}, "1"},
		{"failed", store.RunQuery{Status: domain.RunFailed}, "status = 'failed'"},
		{"succeeded", store.RunQuery{Status: domain.RunSucceeded}, "status = 'succeeded'"},
		{"user", store.RunQuery{UserID: user}, fmt.Sprintf("user_id = %d", user)},
		{"user failed", store.RunQuery{UserID: user, Status: domain.RunFailed}, fmt.Sprintf("user_id = %d AND status = 'failed'", user)},
		{"integration", store.RunQuery{IntegrationID: jira}, fmt.Sprintf("integration_id = %d", jira)},
		{"integration succeeded", store.RunQuery{IntegrationID: jira, Status: domain.RunSucceeded}, fmt.Sprintf("integration_id = %d AND status = 'succeeded'", jira)},
		{"workflow failed", store.RunQuery{WorkflowID: issue, Status: domain.RunFailed}, fmt.Sprintf("workflow_id = %d AND status = 'failed'", issue)},
		{"failed in scope", store.RunQuery{Integrations: []int64{jira}, Status: domain.RunFailed}, fmt.Sprintf("integration_id = %d AND status = 'failed'", jira)},
	} {
		want := f.count("SELECT count(*) FROM workflow_runs WHERE " + c.where)
		// Pages of 2 walk the cursor too.
		q, got := c.q, 0
		q.Limit = 2
		for {
			page, err := store.ListRuns(f.ctx, f.st.Reader(), q)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			got += len(page.Runs)
			if page.NextCursor == "" {
				break
			}
			q.Cursor = page.NextCursor
		}
		if got != want || want == 0 {
			t.Errorf("%s: listed %d runs; want %d (and some)", c.name, got, want)
		}
	}
}
