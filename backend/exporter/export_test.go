package exporter_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"roster/backend/audit"
	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/exporter"
	"roster/backend/importer"
	"roster/backend/ingest"
	"roster/backend/mail"
	"roster/backend/store"
	"roster/backend/team"
	"roster/backend/testutil"
)

func TestMain(m *testing.M) { testutil.Main(m) }

var clock = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)

type fixture struct {
	st    *store.Store
	users *connected.Service
	team  *team.Service
	audit *audit.Service
	svc   *exporter.Service
	owner domain.Actor
}

// newFixture is a Roster with the example events applied (integrations,
// users, runs), an owner and three invited members.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st := testutil.Open(t)
	now := func() time.Time { return clock }
	f := &fixture{st: st, users: connected.New(st, now), team: team.New(st, &mail.SMTP{}, func() {}, now), audit: audit.New(st)}
	f.svc = exporter.New(st, f.users, f.team, f.audit, now)
	events, err := os.ReadFile(filepath.Join("..", "..", "docs", "examples", "events.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.New(st, now, func(int) {}).Ingest(ctx, ingest.Lines(bytes.NewReader(events)), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.team.Setup(ctx, team.SetupInput{Name: "Olive Owner", Email: "olive@example.com", Password: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	members, err := f.team.List(ctx, domain.CommandLine(), team.ListInput{})
	if err != nil || len(members) != 1 {
		t.Fatalf("owner: %v %v", members, err)
	}
	f.owner = domain.Actor{ID: strconv.FormatInt(members[0].ID, 10), Name: "Olive Owner", Role: domain.RoleOwner}
	if _, err := f.team.Invite(ctx, f.owner, team.InviteInput{Emails: "ann@example.com, bob@example.com, cy@example.com", Role: domain.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	return f
}

// decode reads an export back as rows of strings keyed by column (CSV) or
// as JSON objects, whichever format it is in.
func decode(t *testing.T, format importer.Format, data []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	switch format {
	case importer.FormatCSV:
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil || len(recs) == 0 {
			t.Fatalf("CSV: %v\n%s", err, data)
		}
		for _, r := range recs[1:] {
			m := map[string]any{}
			for i, h := range recs[0] {
				m[h] = r[i]
			}
			out = append(out, m)
		}
	case importer.FormatJSONL:
		for line := range strings.Lines(string(data)) {
			var m map[string]any
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("JSON Lines: %v\n%s", err, line)
			}
			out = append(out, m)
		}
	default:
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatalf("JSON: %v\n%s", err, data)
		}
	}
	return out
}

func column(rows []map[string]any, csvName, jsonName string) []string {
	var out []string
	for _, r := range rows {
		v, ok := r[csvName]
		if !ok {
			v = r[jsonName]
		}
		switch v := v.(type) {
		case float64:
			out = append(out, strconv.FormatInt(int64(v), 10))
		default:
			out = append(out, v.(string))
		}
	}
	return out
}

func TestEachKindAndFormatHoldsWhatThePageShows(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()

	members, err := f.team.List(ctx, f.owner, team.ListInput{Search: "example"})
	if err != nil {
		t.Fatal(err)
	}
	var emails []string
	for _, m := range members {
		emails = append(emails, m.Email)
	}
	auditPage, err := f.audit.List(ctx, f.owner, audit.ListInput{Limit: domain.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	var auditIDs []string
	for _, e := range auditPage.Entries {
		auditIDs = append(auditIDs, strconv.FormatInt(e.ID, 10))
	}
	// The page filtered by actor and target: the export holds the same.
	annFilter := audit.ListInput{Actor: f.owner.ID, Target: "ann@example.com", Limit: domain.MaxPageSize}
	annPage, err := f.audit.List(ctx, f.owner, annFilter)
	if err != nil {
		t.Fatal(err)
	}
	var annIDs, annTargets []string
	for _, e := range annPage.Entries {
		annIDs, annTargets = append(annIDs, strconv.FormatInt(e.ID, 10)), append(annTargets, e.Subject.Text)
	}
	if len(annIDs) != 1 || annTargets[0] != "ann@example.com" {
		t.Fatalf("fixture: ann's entries %v, named %v", annIDs, annTargets)
	}
	annFilter.Limit = 0
	runPage, err := f.users.Runs(ctx, f.owner, connected.RunsInput{Status: domain.RunFailed, Limit: domain.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	var runIDs []string
	for _, r := range runPage.Runs {
		runIDs = append(runIDs, strconv.FormatInt(r.ID, 10))
	}
	if len(emails) != 4 || len(auditIDs) == 0 || len(runIDs) == 0 {
		t.Fatalf("fixture: %d members, %d audit entries, %d failed runs", len(emails), len(auditIDs), len(runIDs))
	}

	cases := []struct {
		in       exporter.Input
		csv, js  string // the column holding the key, in CSV and in JSON
		want     []string
		wantHead string
	}{
		{exporter.Input{What: exporter.WhatMembers, Members: team.ListInput{Search: "example"}}, "email", "email", emails, "name,email,role,"},
		{exporter.Input{What: exporter.WhatAudit}, "id", "id", auditIDs, "id,at,actor_id,"},
		{exporter.Input{What: exporter.WhatAudit, Audit: annFilter}, "id", "id", annIDs, "id,at,actor_id,actor_name,actor_email,action,target_type,target_id,target_label,target_name,"},
		{exporter.Input{What: exporter.WhatAudit, Audit: annFilter}, "target_name", "targetLabel", annTargets, "id,"},
		{exporter.Input{What: exporter.WhatRuns, Runs: connected.RunsInput{Status: domain.RunFailed}}, "id", "id", runIDs, "id,started_at,status,"},
	}
	for _, c := range cases {
		for _, format := range importer.Formats {
			t.Run(string(c.in.What)+"/"+string(format), func(t *testing.T) {
				in := c.in
				in.Format = format
				var buf bytes.Buffer
				var progress []int64
				n, err := f.svc.Run(ctx, f.owner, in, &buf, "test."+string(format), func(p exporter.Progress) { progress = append(progress, p.Rows) })
				if err != nil {
					t.Fatal(err)
				}
				if format == importer.FormatCSV && !strings.HasPrefix(buf.String(), c.wantHead) {
					t.Errorf("header: %q", strings.SplitN(buf.String(), "\n", 2)[0])
				}
				got := column(decode(t, format, buf.Bytes()), c.csv, c.js)
				if c.in.What == exporter.WhatAudit {
					// Each export adds an entry after it has written; the
					// older ones come out as the page showed them.
					got = got[len(got)-len(c.want):]
				}
				if !slices.Equal(got, c.want) || int(n) < len(c.want) || len(progress) == 0 || progress[len(progress)-1] != n {
					t.Errorf("exported %v (n=%d, progress %v), the page shows %v", got, n, progress, c.want)
				}
			})
		}
	}

	var after string
	_ = f.st.Reader().QueryRowContext(ctx, "SELECT after FROM audit_log WHERE action = 'workspace.export' ORDER BY id DESC LIMIT 1").Scan(&after)
	if !strings.Contains(after, `"what":"runs"`) || !strings.Contains(after, `"status":"failed"`) || !strings.Contains(after, `"to":"test.json"`) {
		t.Errorf("the last export's audit entry: %s", after)
	}
}

func TestAnEmptyExportIsStillAValidFile(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, format := range importer.Formats {
		var buf bytes.Buffer
		in := exporter.Input{What: exporter.WhatUsers, Format: format, Users: connected.ListInput{Search: "nobody-has-this"}}
		if n, err := f.svc.Run(context.Background(), f.owner, in, &buf, "test", nil); err != nil || n != 0 {
			t.Fatalf("%s: %d, %v", format, n, err)
		}
		if rows := decode(t, format, buf.Bytes()); len(rows) != 0 {
			t.Errorf("%s: %d rows", format, len(rows))
		}
	}
}

func TestBadRequestsAndMissingRightsWriteNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	monitor := domain.Actor{ID: "9", Name: "Mo", Role: domain.RoleMonitorIntegrations, Integrations: []int64{1}}
	cases := []struct {
		name  string
		actor domain.Actor
		in    exporter.Input
		want  error
	}{
		{"unknown kind", f.owner, exporter.Input{What: "secrets", Format: importer.FormatCSV}, domain.ErrInvalid},
		{"unknown format", f.owner, exporter.Input{What: exporter.WhatUsers, Format: "xml"}, domain.ErrInvalid},
		{"bad filter", f.owner, exporter.Input{What: exporter.WhatAudit, Format: importer.FormatCSV, Audit: audit.ListInput{From: "yesterday"}}, domain.ErrInvalid},
		{"bad run filter", f.owner, exporter.Input{What: exporter.WhatRuns, Format: importer.FormatCSV, Runs: connected.RunsInput{Status: "sleeping"}}, domain.ErrInvalid},
		{"audit needs the right", monitor, exporter.Input{What: exporter.WhatAudit, Format: importer.FormatCSV}, domain.ErrForbidden},
		{"every user needs a wider role", monitor, exporter.Input{What: exporter.WhatUsers, Format: importer.FormatJSON}, domain.ErrForbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := f.svc.Run(context.Background(), c.actor, c.in, &buf, "test", nil); !errors.Is(err, c.want) || buf.Len() != 0 {
				t.Errorf("got %v with %d bytes written, want %v and nothing", err, buf.Len(), c.want)
			}
		})
	}
	var n int
	_ = f.st.Reader().QueryRowContext(context.Background(), "SELECT count(*) FROM audit_log WHERE action IN ('workspace.export', 'users.export')").Scan(&n)
	if n != 0 {
		t.Errorf("%d refused exports were recorded as made", n)
	}
}
