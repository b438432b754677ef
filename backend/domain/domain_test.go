package domain

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestCan(t *testing.T) {
	t.Parallel()
	scoped := func(r Role) Actor { return Actor{ID: "m", Role: r, Integrations: []int64{1, 2}} }
	inScope := Target{Integrations: []int64{1}}
	outOfScope := Target{Integrations: []int64{1, 3}}
	userWide := Target{UserWide: true, Integrations: []int64{1}}
	cases := []struct {
		actor  Actor
		perm   Permission
		target Target
		want   bool
	}{
		{Actor{Role: RoleOwner}, PermManageWorkspace, Target{}, true},
		{Actor{Role: RoleAdmin}, PermManageUsers, userWide, true},
		{Actor{Role: RoleManageAll}, PermManageUsers, userWide, true},
		{Actor{Role: RoleManageAll}, PermManageWorkspace, Target{}, false},
		{Actor{Role: RoleMonitorAll}, PermViewUsers, Target{}, true},
		{Actor{Role: RoleMonitorAll}, PermViewAudit, Target{}, true},
		{Actor{Role: RoleMonitorAll}, PermManageUsers, inScope, false},
		{scoped(RoleManageIntegrations), PermManageUsers, inScope, true},
		{scoped(RoleManageIntegrations), PermManageUsers, outOfScope, false},
		{scoped(RoleManageIntegrations), PermManageUsers, userWide, false},
		{scoped(RoleManageIntegrations), PermViewUsers, Target{}, false},
		{scoped(RoleManageIntegrations), PermViewAudit, inScope, false},
		{scoped(RoleMonitorIntegrations), PermViewUsers, inScope, true},
		{scoped(RoleMonitorIntegrations), PermManageUsers, inScope, false},
		{Actor{Role: "intern"}, PermViewUsers, Target{}, false},
		{Actor{}, PermViewUsers, Target{}, false},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%s/%v", c.actor.Role, c.perm, c.target), func(t *testing.T) {
			t.Parallel()
			if got := Can(c.actor, c.perm, c.target); got != c.want {
				t.Fatalf("Can = %v; want %v", got, c.want)
			}
		})
	}
	if got := Granted(Actor{Role: RoleMonitorAll}); fmt.Sprint(got) != "[users.view audit.view team.view]" {
		t.Fatalf("Granted(monitor_all) = %v", got)
	}
	if got := Granted(scoped(RoleManageIntegrations)); fmt.Sprint(got) != "[users.view users.manage team.view]" {
		t.Fatalf("Granted(manage_integrations) = %v", got)
	}
	if got := Granted(Actor{Role: RoleMonitorIntegrations}); fmt.Sprint(got) != "[team.view]" {
		t.Fatalf("Granted(monitor_integrations, no scope) = %v", got)
	}
	if got := Granted(CommandLine()); len(got) != len(Permissions) {
		t.Fatalf("the command line holds %v; want every permission", got)
	}
}

func TestCanGrant(t *testing.T) {
	t.Parallel()
	scoped := func(r Role, ids ...int64) Actor { return Actor{Role: r, Integrations: ids} }
	cases := []struct {
		actor Actor
		role  Role
		scope []int64
		want  bool
	}{
		{Actor{Role: RoleOwner}, RoleOwner, nil, false},
		{Actor{Role: RoleOwner}, RoleAdmin, nil, true},
		{Actor{Role: RoleAdmin}, RoleAdmin, nil, true},
		{Actor{Role: RoleManageAll}, RoleAdmin, nil, false},
		{Actor{Role: RoleManageAll}, RoleManageAll, nil, true},
		{Actor{Role: RoleManageAll}, RoleMonitorIntegrations, []int64{5}, true},
		{Actor{Role: RoleMonitorAll}, RoleManageAll, nil, false},
		{Actor{Role: RoleMonitorAll}, RoleMonitorIntegrations, []int64{5}, true},
		{Actor{Role: RoleMonitorAll}, RoleManageIntegrations, []int64{5}, false},
		{scoped(RoleManageIntegrations, 1, 2), RoleManageIntegrations, []int64{2}, true},
		{scoped(RoleManageIntegrations, 1, 2), RoleMonitorIntegrations, []int64{1, 2}, true},
		{scoped(RoleManageIntegrations, 1, 2), RoleManageIntegrations, []int64{2, 3}, false},
		{scoped(RoleManageIntegrations, 1, 2), RoleMonitorAll, nil, false},
		{scoped(RoleMonitorIntegrations, 1), RoleMonitorIntegrations, []int64{1}, true},
		{scoped(RoleMonitorIntegrations, 1), RoleManageIntegrations, []int64{1}, false},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s%v grants %s%v", c.actor.Role, c.actor.Integrations, c.role, c.scope), func(t *testing.T) {
			t.Parallel()
			if got := CanGrant(c.actor, c.role, c.scope); got != c.want {
				t.Fatalf("CanGrant = %v; want %v", got, c.want)
			}
		})
	}
}

func TestTeamValidation(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"ada@example.com", true},
		{" ada@example.com ", true},
		{"Ada <ada@example.com>", false},
		{"ada@localhost", false},
		{"ada@example.com\r\nBcc: x@y.z", false},
		{"ada@example.com\nBcc: x@y.z", false},
		{"", false},
		{strings.Repeat("a", 250) + "@example.com", false},
	} {
		t.Run("email "+c.in, func(t *testing.T) {
			t.Parallel()
			_, err := Email("email", c.in)
			if (err == nil) != c.ok {
				t.Fatalf("Email(%q) = %v; want ok=%v", c.in, err, c.ok)
			}
		})
	}
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"Correct-horse-9", true},
		{"correcthorsebattery", false}, // one class
		{"CORRECTHORSE", false},
		{"1234567890", false},
		{"abcdefghi1", true},
		{"Short-1", false},
		{"ñandú-ÉTÉ-x", true}, // non-ASCII counts by class too
		{strings.Repeat("aB", 101), false},
	} {
		t.Run("password "+c.in, func(t *testing.T) {
			t.Parallel()
			if err := Password("password", c.in); (err == nil) != c.ok {
				t.Fatalf("Password(%q) = %v; want ok=%v", c.in, err, c.ok)
			}
		})
	}
	if got := SplitEmails("a@x.com, b@x.com;c@x.com\n d@x.com\t\te@x.com"); len(got) != 5 {
		t.Fatalf("SplitEmails = %q", got)
	}
}

func TestValidation(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"  hello  ", "hello", true},
		{"a\nb\tc", "a\nb\tc", true},
		{"zero\x00byte", "", false},
		{"bell\x07", "", false},
		{"del\x7f", "", false},
		{strings.Repeat("é", 10), strings.Repeat("é", 10), true}, // characters, not bytes
		{strings.Repeat("é", 11), "", false},
		{"\xff\xfe", "", false},
		{"ne\u0085l", "", false},       // a C1 control: a line break to some
		{"gpj\u202eexe", "", false},    // right-to-left override: shows "exejpg"
		{"a\u2066b\u2069", "", false},  // an isolate
		{"line\u2028two", "", false},   // a line separator
		{"שלום Ann", "שלום Ann", true}, // right-to-left text itself is fine
	} {
		got, err := CleanText("reason", c.in, 10)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("CleanText(%q) = %q, %v; want %q ok=%v", c.in, got, err, c.want, c.ok)
		}
		if err != nil && AsError(err).Field != "reason" {
			t.Errorf("CleanText(%q): field %q", c.in, AsError(err).Field)
		}
	}
	for _, bad := range []string{"Ann\u202eLee", "Ann\u2029Lee", "Ann\u0085Lee", "Ann\u2067x"} {
		if _, err := OneLine("name", bad, 100, true); !errors.Is(err, ErrInvalid) {
			t.Errorf("OneLine(%q) accepted it", bad)
		}
	}
	if got, err := OneLine("name", "Zoë O'Brien-ﾀﾛｳ", 100, true); err != nil || got != "Zoë O'Brien-ﾀﾛｳ" {
		t.Errorf("OneLine refused a plain name: %v", err)
	}
	for n, want := range map[int]int{0: DefPageSize, 1: 1, 500: 500, 501: -1, -1: -1} {
		got, err := PageSize(n)
		if want < 0 && !errors.Is(err, ErrInvalid) || want >= 0 && got != want {
			t.Errorf("PageSize(%d) = %d, %v", n, got, err)
		}
	}
	if _, err := ParseInstant("from", "2026-13-01"); !errors.Is(err, ErrInvalid) {
		t.Errorf("a bad date was accepted")
	}
	if v, err := ParseInstant("from", ""); err != nil || !v.IsZero() {
		t.Errorf("an empty date is none: %v %v", v, err)
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	if !errors.Is(fmt.Errorf("wrapped: %w", NotFound("x")), ErrNotFound) || errors.Is(NotFound("x"), ErrConflict) {
		t.Fatal("an *Error must match its own sentinel and only that one")
	}
	internal := AsError(errors.New("disk I/O error at /secret/path"))
	if internal.Code != CodeInternal || strings.Contains(internal.Message, "secret") {
		t.Fatalf("an internal error leaked its details: %+v", internal)
	}
}

func TestChoices(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   []string
		want string
	}{{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a or b"}, {[]string{"a", "b", "c"}, "a, b or c"}} {
		if got := Choices(c.in); got != c.want {
			t.Errorf("Choices(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	if got := Choices(SortOrders); got != "asc or desc" {
		t.Errorf("Choices(SortOrders) = %q", got)
	}
}

// TestLabelsAreComplete: every value the frontend shows has words of its
// own (the generated vocabulary carries them), never its key.
func TestLabelsAreComplete(t *testing.T) {
	t.Parallel()
	check := func(kind, value, label string) {
		if label == "" || label == value {
			t.Errorf("%s %q has no label (%q)", kind, value, label)
		}
	}
	for _, r := range Roles {
		check("role", string(r), r.Label())
		if r.Description() == "" {
			t.Errorf("role %q has no description", r)
		}
	}
	for _, a := range AuditActions {
		check("audit action", string(a), a.Label())
	}
	for _, s := range UserStatuses {
		check("user status", string(s), s.Label())
	}
	for _, s := range MemberStatuses {
		check("member status", string(s), s.Label())
	}
	for _, p := range Permissions {
		check("permission", string(p), p.Label())
	}
}

// TestRequireSaysRoleAndPermissionInWords: a refusal names the role and what
// it does not allow as people read them, never as ids.
func TestRequireSaysRoleAndPermissionInWords(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		actor Actor
		perm  Permission
		t     Target
		want  string
	}{
		{Actor{Role: RoleOwner}, PermManageTeam, Target{}, ""},
		{Actor{Role: RoleManageAll}, PermManageTeam, Target{}, "Your role (Manage all integrations) does not allow managing team members."},
		{Actor{Role: RoleMonitorAll}, PermManageUsers, Target{}, "Your role (Monitor all integrations) does not allow changing connected users."},
		{Actor{Role: RoleManageIntegrations, Integrations: []int64{1}}, PermManageUsers, Target{UserWide: true, Integrations: []int64{1}},
			"Your role (Manage integrations) allows changing connected users only within its own integrations, and this reaches beyond them."},
		{Actor{Role: RoleManageIntegrations, Integrations: []int64{1}}, PermManageUsers, Target{Integrations: []int64{1}}, ""},
	} {
		t.Run(fmt.Sprintf("%s %s", c.actor.Role, c.perm), func(t *testing.T) {
			err := Require(c.actor, c.perm, c.t)
			if c.want == "" {
				if err != nil {
					t.Fatalf("Require = %v; want allowed", err)
				}
				return
			}
			if e := AsError(err); e.Code != CodeForbidden || e.Message != c.want {
				t.Fatalf("Require = %s %q; want forbidden %q", e.Code, e.Message, c.want)
			}
		})
	}
}

func TestMetadataIsACompactJSONObject(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, want string // want "" = refused
	}{
		{`{"plan": "pro", "seats": [1, 2]}`, `{"plan":"pro","seats":[1,2]}`},
		{" \n{ }\t", `{}`},
		{`{"n": 1e400}`, `{"n":1e400}`}, // kept as written, not as a float
		{`[1, 2]`, ""},
		{`"text"`, ""},
		{`null`, ""},
		{`12`, ""},
		{`{"a": 1`, ""},
		{`{"a": 1} {"b": 2}`, ""},
		{``, ""},
		{`{"a": "` + strings.Repeat("x", MaxMetadataBytes) + `"}`, ""},
	} {
		got, err := Metadata("metadata", []byte(c.in))
		if c.want == "" {
			if err == nil {
				t.Errorf("Metadata(%.40q) = %s; want it refused", c.in, got)
			}
			continue
		}
		if err != nil || string(got) != c.want {
			t.Errorf("Metadata(%.40q) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
}
