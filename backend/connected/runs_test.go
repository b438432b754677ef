package connected_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/store"
)

// withRuns adds runs to the fixture: Ada's Salesforce sync and Slack alerts
// and Alan's sync, one a minute before clock, every third one failed.
func (f *fixture) withRuns(t *testing.T, n int) {
	t.Helper()
	err := f.st.Update(f.ctx, func(tx store.DB) error {
		w, err := store.NewRunWriter(f.ctx, tx)
		if err != nil {
			return err
		}
		defer w.Close()
		combos := []store.RunRecord{{UserID: userAda, WorkflowID: wfSync, IntegrationID: intSalesforce},
			{UserID: userAda, WorkflowID: wfAlerts, IntegrationID: intSlack}, {UserID: userAlan, WorkflowID: wfSync, IntegrationID: intSalesforce}}
		for i := range n {
			r := combos[i%len(combos)]
			r.StartedAt, r.Duration, r.Status = clock.Add(-time.Duration(n-i)*time.Minute), time.Second, domain.RunSucceeded
			if i%3 == 0 {
				r.Status, r.Error = domain.RunFailed, fmt.Sprintf("error %d", i)
			}
			if err := w.Insert(f.ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRunHistory(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.withRuns(t, 30)
	owner := domain.Actor{ID: "1", Name: "Owner", Role: domain.RoleOwner}
	list := func(a domain.Actor, in connected.RunsInput) domain.RunPage {
		t.Helper()
		p, err := f.svc.Runs(f.ctx, a, in)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("newest first, in keyset pages", func(t *testing.T) {
		var all []domain.Run
		in := connected.RunsInput{Limit: 7}
		for {
			p := list(owner, in)
			all = append(all, p.Runs...)
			if p.NextCursor == "" {
				break
			}
			in.Cursor = p.NextCursor
		}
		if len(all) != 30 {
			t.Fatalf("%d runs over the pages; want 30", len(all))
		}
		for i := 1; i < len(all); i++ {
			if !all[i].StartedAt.Before(all[i-1].StartedAt) {
				t.Fatalf("run %d is not older than run %d", i, i-1)
			}
		}
		if r := all[0]; r.User.Name != "Ada Lovelace" && r.User.Name != "Alan Turing" || r.Workflow.Name == "" || r.Integration.Name == "" {
			t.Fatalf("names missing: %+v", r)
		}
	})
	cases := []struct {
		name string
		in   connected.RunsInput
		want int
	}{
		{"by user", connected.RunsInput{UserID: userAda}, 20},
		{"by integration", connected.RunsInput{IntegrationID: intSlack}, 10},
		{"by workflow", connected.RunsInput{WorkflowID: wfSync}, 20},
		{"by status", connected.RunsInput{Status: domain.RunFailed}, 10},
		{"by user and status", connected.RunsInput{UserID: userAlan, Status: domain.RunFailed}, 0},
		{"by date range", connected.RunsInput{From: clock.Add(-10 * time.Minute).Format(time.RFC3339), To: clock.Add(-5 * time.Minute).Format(time.RFC3339)}, 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if n := len(list(owner, c.in).Runs); n != c.want {
				t.Fatalf("%d runs; want %d", n, c.want)
			}
		})
	}
	t.Run("a per-integration role sees its own integrations' runs only", func(t *testing.T) {
		slack := domain.Actor{ID: "2", Role: domain.RoleMonitorIntegrations, Integrations: []int64{intSlack}}
		p := list(slack, connected.RunsInput{UserID: userAda})
		if len(p.Runs) != 10 {
			t.Fatalf("%d runs; want Ada's 10 Slack runs", len(p.Runs))
		}
		for _, r := range p.Runs {
			if r.Integration.ID != intSlack {
				t.Fatalf("a Slack monitor sees a %s run", r.Integration.Name)
			}
		}
		if _, err := f.svc.Runs(f.ctx, slack, connected.RunsInput{IntegrationID: intSalesforce}); domain.AsError(err).Code != domain.CodeForbidden {
			t.Fatalf("Salesforce runs for a Slack monitor: %v", err)
		}
	})
	bad := []struct {
		name  string
		in    connected.RunsInput
		field string
	}{
		{"unknown status", connected.RunsInput{Status: "maybe"}, "status"},
		{"negative user", connected.RunsInput{UserID: -1}, "userId"},
		{"unknown workflow", connected.RunsInput{WorkflowID: 999}, "workflowId"},
		{"workflow of another integration", connected.RunsInput{WorkflowID: wfAlerts, IntegrationID: intSalesforce}, "workflowId"},
		{"bad date", connected.RunsInput{From: "yesterday"}, "from"},
		{"reversed range", connected.RunsInput{From: clock.Format(time.RFC3339), To: clock.Add(-time.Hour).Format(time.RFC3339)}, "to"},
		{"bad cursor", connected.RunsInput{Cursor: "nope"}, "cursor"},
	}
	for _, c := range bad {
		t.Run("refuses "+c.name, func(t *testing.T) {
			_, err := f.svc.Runs(f.ctx, owner, c.in)
			if e := domain.AsError(err); e.Code != domain.CodeInvalid || e.Field != c.field {
				t.Fatalf("%v; want invalid %s", err, c.field)
			}
		})
	}
}

func TestPruneRunsKeepsTheRetentionPeriod(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	err := f.st.Update(f.ctx, func(tx store.DB) error {
		w, err := store.NewRunWriter(f.ctx, tx)
		if err != nil {
			return err
		}
		defer w.Close()
		log, err := store.NewEventLog(f.ctx, tx)
		if err != nil {
			return err
		}
		defer log.Close()
		for _, age := range []time.Duration{89, 91, 200} {
			at := clock.Add(-age * 24 * time.Hour)
			if err := w.Insert(f.ctx, store.RunRecord{UserID: userAda, WorkflowID: wfSync, IntegrationID: intSalesforce, Status: domain.RunSucceeded, StartedAt: at}); err != nil {
				return err
			}
			if _, err := log.Record(f.ctx, fmt.Sprint("e", age), "workflow.run", at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n, err := f.svc.PruneRuns(f.ctx)
	if err != nil || n != 2 {
		t.Fatalf("pruned %d, %v; want the 2 runs older than 90 days", n, err)
	}
	var runs, events int
	f.st.Reader().QueryRowContext(context.Background(), "SELECT (SELECT count(*) FROM workflow_runs), (SELECT count(*) FROM events)").Scan(&runs, &events)
	if runs != 1 || events != 1 {
		t.Fatalf("%d runs and %d event ids left; want 1 and 1", runs, events)
	}
}

func TestWorkflowsOfAnIntegration(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := domain.Actor{ID: "1", Role: domain.RoleOwner}
	got, err := f.svc.Workflows(f.ctx, owner, intSalesforce)
	if err != nil || fmt.Sprint(got) != "[{11 log Log activity} {10 sync Sync contacts}]" {
		t.Fatalf("%v %v", got, err)
	}
	slack := domain.Actor{ID: "2", Role: domain.RoleMonitorIntegrations, Integrations: []int64{intSlack}}
	if _, err := f.svc.Workflows(f.ctx, slack, intSalesforce); domain.AsError(err).Code != domain.CodeForbidden {
		t.Fatalf("Salesforce workflows for a Slack monitor: %v", err)
	}
	if _, err := f.svc.Workflows(f.ctx, owner, 99); domain.AsError(err).Code != domain.CodeNotFound {
		t.Fatalf("an unknown integration: %v", err)
	}
}
