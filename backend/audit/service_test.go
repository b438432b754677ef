package audit_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"roster/backend/audit"
	"roster/backend/domain"
	"roster/backend/store"
	"roster/backend/testutil"
)

// base is when the first entry was written; entry i is i hours later.
var base = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// record is an entry as the test wrote it.
type record struct {
	id         int64
	at         time.Time
	action     domain.AuditAction
	targetType domain.TargetType
	targetID   string
	actorID    string
}

// kinds cycle through the entries: an action and the target it acts on.
var kinds = []struct {
	action     domain.AuditAction
	targetType domain.TargetType
}{
	{domain.ActionUserDisable, domain.TargetUser},
	{domain.ActionUserEnable, domain.TargetUser},
	{domain.ActionMemberInvite, domain.TargetMember},
	{domain.ActionSettingsUpdate, domain.TargetSettings},
	{domain.ActionWorkflowDisable, domain.TargetWorkflow},
}

// entryCount exceeds the default page size, so that default shows.
const entryCount = 120

type fixture struct {
	ctx     context.Context
	st      *store.Store
	svc     *audit.Service
	written []record // oldest first
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), st: testutil.Open(t)}
	f.svc = audit.New(f.st)
	var rs []record
	for i := range entryCount {
		k := kinds[i%len(kinds)]
		rs = append(rs, record{at: base.Add(time.Duration(i) * time.Hour), action: k.action, targetType: k.targetType, targetID: fmt.Sprint(i % 4), actorID: fmt.Sprint(i%3 + 1)})
	}
	f.append(t, rs...)
	return f
}

// append writes rs in one transaction, through the store function every
// change uses, and records their ids.
func (f *fixture) append(t *testing.T, rs ...record) {
	t.Helper()
	err := f.st.Update(f.ctx, func(tx store.DB) error {
		for i := range rs {
			n := len(f.written) + i
			if err := store.AppendAudit(f.ctx, tx, store.AuditRecord{At: rs[i].at, Actor: domain.Actor{ID: rs[i].actorID, Name: "Member " + rs[i].actorID},
				Action: rs[i].action, TargetType: rs[i].targetType, TargetID: rs[i].targetID, TargetLabel: "Target " + rs[i].targetID,
				Before: map[string]any{"n": n}, After: map[string]any{"n": n + 1}}); err != nil {
				return err
			}
			if err := tx.QueryRowContext(f.ctx, "SELECT max(id) FROM audit_log").Scan(&rs[i].id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f.written = append(f.written, rs...)
}

// want lists, newest first, the ids of the written entries that keep holds for.
func (f *fixture) want(keep func(record) bool) []int64 {
	var ids []int64
	for _, r := range slices.Backward(f.written) {
		if keep(r) {
			ids = append(ids, r.id)
		}
	}
	return ids
}

// walk reads every page of in and returns the ids in the order read.
func (f *fixture) walk(t *testing.T, in audit.ListInput) []int64 {
	t.Helper()
	var ids []int64
	for page := 0; ; page++ {
		if page > len(f.written) {
			t.Fatalf("the walk did not end after %d pages", page)
		}
		p, err := f.svc.List(f.ctx, domain.CommandLine(), in)
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		limit := in.Limit
		if limit == 0 {
			limit = domain.DefPageSize
		}
		if len(p.Entries) > limit || (page > 0 && len(p.Entries) == 0) {
			t.Fatalf("page %d holds %d entries; want 1 to %d", page, len(p.Entries), limit)
		}
		for _, e := range p.Entries {
			ids = append(ids, e.ID)
		}
		if p.NextCursor == "" {
			return ids
		}
		in.Cursor = p.NextCursor
	}
}

func at(i int) string { return base.Add(time.Duration(i) * time.Hour).Format(time.RFC3339) }

func TestListNeedsAuditView(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, c := range []struct {
		actor   domain.Actor
		allowed bool
	}{
		{domain.Actor{Role: domain.RoleOwner}, true},
		{domain.Actor{Role: domain.RoleAdmin}, true},
		{domain.Actor{Role: domain.RoleManageAll}, true},
		{domain.Actor{Role: domain.RoleMonitorAll}, true},
		{domain.Actor{Role: domain.RoleManageIntegrations, Integrations: []int64{1}}, false},
		{domain.Actor{Role: domain.RoleMonitorIntegrations, Integrations: []int64{1}}, false},
		{domain.Actor{Role: "intern"}, false},
		{domain.Actor{}, false},
	} {
		t.Run(fmt.Sprintf("role %q", c.actor.Role), func(t *testing.T) {
			t.Parallel()
			page, err := f.svc.List(f.ctx, c.actor, audit.ListInput{Limit: 5})
			if c.allowed {
				if err != nil || len(page.Entries) != 5 {
					t.Fatalf("List: %d entries, %v; want allowed", len(page.Entries), err)
				}
				return
			}
			if e := domain.AsError(err); err == nil || e.Code != domain.CodeForbidden || !strings.Contains(e.Message, "does not allow reading the audit log") {
				t.Errorf("List: %v; want forbidden", err)
			}
			if len(page.Entries) != 0 {
				t.Errorf("a refused call returned %d entries", len(page.Entries))
			}
			// Permission comes first: bad input does not tell a refused role anything.
			if _, err := f.svc.List(f.ctx, c.actor, audit.ListInput{Action: "nope", Limit: -1}); domain.AsError(err).Code != domain.CodeForbidden {
				t.Errorf("List with bad input: %v; want forbidden", err)
			}
		})
	}
}

func TestListValidatesEveryField(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, c := range []struct {
		name  string
		in    audit.ListInput
		field string
	}{
		{"unknown action", audit.ListInput{Action: "user.delete"}, "action"},
		{"unknown target type", audit.ListInput{TargetType: "planet"}, "targetType"},
		{"actor too long", audit.ListInput{Actor: strings.Repeat("7", 101)}, "actor"},
		{"actor with a control character", audit.ListInput{Actor: "7\x00"}, "actor"},
		{"target too long", audit.ListInput{Target: strings.Repeat("a", 321)}, "target"},
		{"target with a control character", audit.ListInput{Target: "ada\x00"}, "target"},
		{"bad start date", audit.ListInput{From: "yesterday"}, "from"},
		{"date without a zone", audit.ListInput{From: "2026-11-01T00:00:00"}, "from"},
		{"bad end date", audit.ListInput{To: "2026-13-01T00:00:00Z"}, "to"},
		{"end before start", audit.ListInput{From: at(10), To: at(5)}, "to"},
		{"end at start", audit.ListInput{From: at(5), To: at(5)}, "to"},
		{"negative page size", audit.ListInput{Limit: -1}, "limit"},
		{"page too big", audit.ListInput{Limit: domain.MaxPageSize + 1}, "limit"},
		{"cursor not a number", audit.ListInput{Cursor: "abc"}, "cursor"},
		{"cursor zero", audit.ListInput{Cursor: "0"}, "cursor"},
		{"negative cursor", audit.ListInput{Cursor: "-3"}, "cursor"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			page, err := f.svc.List(f.ctx, domain.CommandLine(), c.in)
			if e := domain.AsError(err); err == nil || e.Code != domain.CodeInvalid || e.Field != c.field {
				t.Fatalf("got %v (code %s, field %q); want invalid %s", err, e.Code, e.Field, c.field)
			}
			if len(page.Entries) != 0 {
				t.Fatalf("an invalid request returned %d entries", len(page.Entries))
			}
		})
	}
}

func TestListFilters(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	all := func(record) bool { return true }
	for _, c := range []struct {
		name string
		in   audit.ListInput
		keep func(record) bool
	}{
		{"everything", audit.ListInput{}, all},
		{"action", audit.ListInput{Action: domain.ActionUserDisable}, func(r record) bool { return r.action == domain.ActionUserDisable }},
		{"target type", audit.ListInput{TargetType: domain.TargetUser}, func(r record) bool { return r.targetType == domain.TargetUser }},
		{"actor", audit.ListInput{Actor: "2"}, func(r record) bool { return r.actorID == "2" }},
		{"actor is trimmed", audit.ListInput{Actor: " 2 "}, func(r record) bool { return r.actorID == "2" }},
		{"from is inclusive", audit.ListInput{From: at(100)}, func(r record) bool { return !r.at.Before(base.Add(100 * time.Hour)) }},
		{"to is exclusive", audit.ListInput{To: at(10)}, func(r record) bool { return r.at.Before(base.Add(10 * time.Hour)) }},
		{"from and to", audit.ListInput{From: at(5), To: at(10)}, func(r record) bool {
			return !r.at.Before(base.Add(5*time.Hour)) && r.at.Before(base.Add(10*time.Hour))
		}},
		{"dates in another zone", audit.ListInput{From: "2026-11-01T07:00:00+02:00", To: "2026-11-01T09:30:00.5+02:00"}, func(r record) bool {
			return !r.at.Before(base.Add(5*time.Hour)) && !r.at.After(base.Add(7*time.Hour))
		}},
		{"all together", audit.ListInput{Action: domain.ActionMemberInvite, TargetType: domain.TargetMember, Actor: "3", From: at(20), To: at(90)},
			func(r record) bool {
				return r.action == domain.ActionMemberInvite && r.actorID == "3" && !r.at.Before(base.Add(20*time.Hour)) && r.at.Before(base.Add(90*time.Hour))
			}},
		{"an actor who never acted", audit.ListInput{Actor: "99"}, func(record) bool { return false }},
		{"a target nobody is", audit.ListInput{Target: "nobody@example.com"}, func(record) bool { return false }},
		{"action and a target type it never has", audit.ListInput{Action: domain.ActionUserDisable, TargetType: domain.TargetMember}, func(record) bool { return false }},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.in.Limit = domain.MaxPageSize
			want := f.want(c.keep)
			page, err := f.svc.List(f.ctx, domain.CommandLine(), c.in)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, e := range page.Entries {
				got = append(got, e.ID)
			}
			if !slices.Equal(got, want) || page.NextCursor != "" || page.Entries == nil {
				t.Fatalf("got ids %v (cursor %q); want %v", got, page.NextCursor, want)
			}
		})
	}
}

func TestListReturnsEntriesAsWritten(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	page, err := f.svc.List(f.ctx, domain.CommandLine(), audit.ListInput{Limit: 1})
	if err != nil || len(page.Entries) != 1 {
		t.Fatalf("List: %+v %v", page, err)
	}
	last, e := f.written[len(f.written)-1], page.Entries[0]
	if e.ID != last.id || !e.At.Equal(last.at) || e.Action != last.action || e.TargetType != last.targetType || e.TargetID != last.targetID ||
		e.TargetLabel != "Target "+last.targetID || e.ActorID != last.actorID || e.ActorName != "Member "+last.actorID ||
		string(e.Before) != fmt.Sprintf(`{"n":%d}`, entryCount-1) || string(e.After) != fmt.Sprintf(`{"n":%d}`, entryCount) {
		t.Fatalf("newest entry %+v (before %s, after %s); want %+v", e, e.Before, e.After, last)
	}
}

// Pages are keyset pages, newest first: walking them yields every entry
// once, in order, whatever the page size.
func TestListPagesNewestFirst(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, c := range []struct {
		name string
		in   audit.ListInput
		keep func(record) bool
	}{
		{"one a page", audit.ListInput{Limit: 1, TargetType: domain.TargetSettings}, func(r record) bool { return r.targetType == domain.TargetSettings }},
		{"uneven pages", audit.ListInput{Limit: 7}, func(record) bool { return true }},
		{"pages that divide the log exactly", audit.ListInput{Limit: 24}, func(record) bool { return true }},
		{"default page size", audit.ListInput{}, func(record) bool { return true }},
		{"one page", audit.ListInput{Limit: domain.MaxPageSize}, func(record) bool { return true }},
		{"filtered", audit.ListInput{Limit: 5, Action: domain.ActionUserEnable, From: at(3)}, func(r record) bool {
			return r.action == domain.ActionUserEnable && !r.at.Before(base.Add(3*time.Hour))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got, want := f.walk(t, c.in), f.want(c.keep); !slices.Equal(got, want) {
				t.Fatalf("walked %v; want %v", got, want)
			}
		})
	}
	t.Run("the default page is 100 entries", func(t *testing.T) {
		t.Parallel()
		page, err := f.svc.List(f.ctx, domain.CommandLine(), audit.ListInput{})
		if err != nil || len(page.Entries) != domain.DefPageSize || page.NextCursor == "" {
			t.Fatalf("first default page: %d entries, cursor %q, %v; want %d and a cursor", len(page.Entries), page.NextCursor, err, domain.DefPageSize)
		}
	})
}

// An entry written while someone pages through the log shifts nothing:
// the walk goes on from where it was, without repeats or gaps.
func TestListPagingIsStableWhileTheLogGrows(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	before := f.want(func(record) bool { return true })
	in := audit.ListInput{Limit: 10}
	first, err := f.svc.List(f.ctx, domain.CommandLine(), in)
	if err != nil {
		t.Fatal(err)
	}
	f.append(t, record{at: base.Add(entryCount * time.Hour), action: domain.ActionUserDisable, targetType: domain.TargetUser, targetID: "9"})
	var got []int64
	for _, e := range first.Entries {
		got = append(got, e.ID)
	}
	in.Cursor = first.NextCursor
	got = append(got, f.walk(t, in)...)
	if !slices.Equal(got, before) {
		t.Fatalf("walked %v; want %v", got, before)
	}
	if newest := f.walk(t, audit.ListInput{Limit: 1}); newest[0] != f.written[len(f.written)-1].id {
		t.Fatalf("a fresh walk starts at %d; want the new entry", newest[0])
	}
}

// TestListAcceptsEveryAction: every action the frontend's filter offers
// (domain.AuditActions, generated into its vocabulary) is one List accepts.
func TestListAcceptsEveryAction(t *testing.T) {
	t.Parallel()
	svc := audit.New(testutil.Open(t))
	ctx := context.Background()
	for _, a := range domain.AuditActions {
		if _, err := svc.List(ctx, domain.CommandLine(), audit.ListInput{Action: a}); err != nil {
			t.Errorf("List refuses the offered action %s: %v", a, err)
		}
	}
}

// subjects is a log about real users and members, some since deleted.
type subjects struct {
	*fixture
	owner, mia, ada string // ids as the log records them
	ids             map[string]int64
}

func newSubjects(t *testing.T) *subjects {
	t.Helper()
	f := &fixture{ctx: context.Background(), st: testutil.Open(t)}
	f.svc = audit.New(f.st)
	s := &subjects{fixture: f, ids: map[string]int64{}}
	var owner, mia, gus domain.Actor
	var ada, bob int64
	at := func(i int) time.Time { return base.Add(time.Duration(i) * time.Minute) }
	err := f.st.Update(f.ctx, func(tx store.DB) error {
		member := func(email, name string) domain.Actor {
			id, err := store.InsertMember(f.ctx, tx, store.NewMember{Email: email, Name: name, Role: domain.RoleAdmin, Status: domain.MemberAccepted, At: base})
			if err != nil {
				t.Fatal(err)
			}
			return domain.Actor{ID: fmt.Sprint(id), MemberID: id, Name: name, Email: email, Role: domain.RoleAdmin}
		}
		user := func(externalID, name string) int64 {
			res, err := tx.ExecContext(f.ctx, "INSERT INTO connected_users (external_id, name, created_at) VALUES (?, ?, ?)", externalID, name, base.UnixMilli())
			if err != nil {
				t.Fatal(err)
			}
			id, _ := res.LastInsertId()
			return id
		}
		owner, mia, gus = member("olivia@example.com", "Olivia Owner"), member("mia@example.com", "Mia Admin"), member("gus@example.com", "Gus Gone")
		ada, bob = user("ada-001", "Ada Lovelace"), user("bob-002", "Bob Builder")
		for i, r := range []struct {
			name   string
			actor  domain.Actor
			action domain.AuditAction
			tt     domain.TargetType
			tid    int64
			label  string
			after  any
		}{
			{"ada disabled", owner, domain.ActionUserDisable, domain.TargetUser, ada, "Ada Lovelace", nil},
			{"ada's workflow", mia, domain.ActionWorkflowDisable, domain.TargetWorkflow, ada, "Ada Lovelace · Salesforce · Sync", nil},
			{"mia's role", owner, domain.ActionMemberRole, domain.TargetMember, mia.MemberID, "Mia Admin <mia@example.com>", nil},
			{"bob disabled", mia, domain.ActionUserDisable, domain.TargetUser, bob, "Bob Builder", nil},
			{"bob's connection", owner, domain.ActionConnectionUninstall, domain.TargetConnection, bob, "", nil},
			{"gus invited", owner, domain.ActionMemberInvite, domain.TargetMember, gus.MemberID, "", map[string]any{"email": "gus@example.com"}},
			{"settings", gus, domain.ActionSettingsUpdate, domain.TargetSettings, 0, "", nil},
			{"from the command line", domain.CommandLine(), domain.ActionUserEnable, domain.TargetUser, ada, "Ada Lovelace", nil},
		} {
			if err := store.AppendAudit(f.ctx, tx, store.AuditRecord{At: at(i), Actor: r.actor, Action: r.action, TargetType: r.tt,
				TargetID: fmt.Sprint(r.tid), TargetLabel: r.label, After: r.after}); err != nil {
				return err
			}
			var id int64
			if err := tx.QueryRowContext(f.ctx, "SELECT max(id) FROM audit_log").Scan(&id); err != nil {
				return err
			}
			s.ids[r.name] = id
		}
		// The deleted: an import rolled back, a member removed.
		if _, err := tx.ExecContext(f.ctx, "DELETE FROM connected_users WHERE id = ?", bob); err != nil {
			return err
		}
		return store.DeleteMember(f.ctx, tx, gus.MemberID)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.owner, s.mia, s.ada = owner.ID, mia.ID, fmt.Sprint(ada)
	return s
}

func TestListNamesSubjects(t *testing.T) {
	t.Parallel()
	s := newSubjects(t)
	page, err := s.svc.List(s.ctx, domain.CommandLine(), audit.ListInput{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]domain.AuditEntry{}
	for _, e := range page.Entries {
		byID[e.ID] = e
	}
	bob := byID[s.ids["bob disabled"]].TargetID
	for _, c := range []struct {
		entry      string
		actorEmail string
		want       *domain.AuditSubject // nil: no subject
	}{
		{"ada disabled", "olivia@example.com", &domain.AuditSubject{Kind: domain.SubjectUser, Key: "ada-001", Name: "Ada Lovelace", Text: "ada-001 · Ada Lovelace"}},
		{"ada's workflow", "mia@example.com", &domain.AuditSubject{Kind: domain.SubjectUser, Key: "ada-001", Name: "Ada Lovelace", Text: "ada-001 · Ada Lovelace"}},
		{"mia's role", "olivia@example.com", &domain.AuditSubject{Kind: domain.SubjectMember, Key: "mia@example.com", Name: "Mia Admin", Text: "mia@example.com"}},
		{"bob disabled", "mia@example.com", &domain.AuditSubject{Kind: domain.SubjectUser, Name: "Bob Builder", Deleted: true, Text: "Bob Builder (deleted user)"}},
		{"bob's connection", "olivia@example.com", &domain.AuditSubject{Kind: domain.SubjectUser, Deleted: true, Text: "deleted user #" + bob}},
		{"gus invited", "olivia@example.com", &domain.AuditSubject{Kind: domain.SubjectMember, Name: "gus@example.com", Deleted: true, Text: "gus@example.com (deleted member)"}},
		{"settings", "", nil}, // Gus acted, and is gone
		{"from the command line", "", &domain.AuditSubject{Kind: domain.SubjectUser, Key: "ada-001", Name: "Ada Lovelace", Text: "ada-001 · Ada Lovelace"}},
	} {
		t.Run(c.entry, func(t *testing.T) {
			e, ok := byID[s.ids[c.entry]]
			if !ok {
				t.Fatalf("entry %d not listed", s.ids[c.entry])
			}
			if e.ActorEmail != c.actorEmail {
				t.Errorf("actor e-mail %q; want %q", e.ActorEmail, c.actorEmail)
			}
			if c.want != nil {
				c.want.ID = mustID(t, e.TargetID)
			}
			if (e.Subject == nil) != (c.want == nil) || (c.want != nil && *e.Subject != *c.want) {
				t.Errorf("subject %+v; want %+v", e.Subject, c.want)
			}
		})
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscan(s, &id); err != nil {
		t.Fatalf("target id %q: %v", s, err)
	}
	return id
}

func TestListFiltersByActorAndTarget(t *testing.T) {
	t.Parallel()
	s := newSubjects(t)
	for _, c := range []struct {
		name string
		in   audit.ListInput
		want []string // entry names, newest first
	}{
		{"a user by external id: the user, their connections and workflows", audit.ListInput{Target: "ada-001"},
			[]string{"from the command line", "ada's workflow", "ada disabled"}},
		{"a member by e-mail, in any case", audit.ListInput{Target: "MIA@example.com"}, []string{"mia's role"}},
		{"a target and a target type", audit.ListInput{Target: "ada-001", TargetType: domain.TargetWorkflow}, []string{"ada's workflow"}},
		{"a deleted user is no one to find", audit.ListInput{Target: "bob-002"}, nil},
		{"an internal id is not a target", audit.ListInput{Target: s.ada}, nil},
		{"an actor", audit.ListInput{Actor: s.mia}, []string{"bob disabled", "ada's workflow"}},
		{"the command line", audit.ListInput{Actor: "cli"}, []string{"from the command line"}},
		{"an actor by e-mail, as the command line asks", audit.ListInput{Actor: "Mia@example.com"}, []string{"bob disabled", "ada's workflow"}},
		{"an e-mail no member has", audit.ListInput{Actor: "gus@example.com"}, nil},
		{"an actor and a target", audit.ListInput{Actor: s.owner, Target: "ada-001"}, []string{"ada disabled"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var want []int64
			for _, n := range c.want {
				want = append(want, s.ids[n])
			}
			if got := s.walk(t, c.in); !slices.Equal(got, want) {
				t.Fatalf("got %v; want %v (%v)", got, want, c.want)
			}
		})
	}
}

func TestActorsListsEveryoneWhoActed(t *testing.T) {
	t.Parallel()
	s := newSubjects(t)
	got, err := s.svc.Actors(s.ctx, domain.Actor{Role: domain.RoleMonitorAll})
	if err != nil {
		t.Fatal(err)
	}
	want := []domain.AuditActor{
		{ID: s.gusID(t), Name: "Gus Gone"}, // removed since: no e-mail
		{ID: s.mia, Name: "Mia Admin", Email: "mia@example.com"},
		{ID: s.owner, Name: "Olivia Owner", Email: "olivia@example.com"},
		{ID: "cli", Name: "Roster command line"},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("actors %+v; want %+v", got, want)
	}
	if _, err := s.svc.Actors(s.ctx, domain.Actor{Role: domain.RoleManageIntegrations, Integrations: []int64{1}}); domain.AsError(err).Code != domain.CodeForbidden {
		t.Fatalf("Actors for a per-integration role: %v; want forbidden", err)
	}
}

func (s *subjects) gusID(t *testing.T) string {
	t.Helper()
	var id string
	if err := s.st.Reader().QueryRowContext(s.ctx, "SELECT actor_id FROM audit_log WHERE actor_name = 'Gus Gone'").Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}
