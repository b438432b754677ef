package app

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"roster/backend/domain"
	"roster/backend/store"
)

// boundCalls lists every bound method with sample arguments, in an order
// that keeps later calls meaningful after earlier ones changed data. The
// matrix test fails if a bound method is missing here.
var boundCalls = []struct {
	method string
	args   func(f fixture) string
}{
	{"System.Info", func(fixture) string { return `[]` }},
	{"Integrations.List", func(fixture) string { return `[]` }},
	{"Users.List", func(fixture) string { return `[{}]` }},
	{"Users.Counts", func(fixture) string { return `[]` }},
	{"Users.Get", func(f fixture) string { return fmt.Sprintf(`[%d]`, f.user) }},
	{"Users.SetWorkflowEnabled", func(f fixture) string { return fmt.Sprintf(`[%d, %d, false]`, f.user, f.workflow) }},
	{"Users.UninstallIntegration", func(f fixture) string { return fmt.Sprintf(`[%d, %d]`, f.user, f.integration) }},
	{"Users.Disable", func(f fixture) string { return fmt.Sprintf(`[%d, "matrix"]`, f.user) }},
	{"Users.Enable", func(f fixture) string { return fmt.Sprintf(`[%d]`, f.user) }},
	{"Audit.List", func(fixture) string { return `[{}]` }},
	{"Audit.Actions", func(fixture) string { return `[]` }},
	{"System.LoadDemoData", func(fixture) string { return `[]` }},
}

// fixture is a user with exactly one integration, so a role scoped to that
// integration covers the whole user.
type fixture struct{ user, integration, workflow int64 }

func TestPermissionMatrix(t *testing.T) {
	t.Run("every bound method is in the matrix", func(t *testing.T) {
		var listed []string
		for _, c := range boundCalls {
			listed = append(listed, c.method)
		}
		st := reflect.TypeFor[Services]()
		for i := range st.NumField() {
			f := st.Field(i)
			for j := range f.Type.NumMethod() {
				name := f.Name + "." + f.Type.Method(j).Name
				if !slices.Contains(listed, name) {
					t.Errorf("bound method %s has no row in the permission matrix", name)
				}
			}
		}
	})

	monitor := []string{"System.Info", "Integrations.List", "Users.List", "Users.Counts", "Users.Get", "Audit.List", "Audit.Actions"}
	manage := append(slices.Clone(monitor), "Users.SetWorkflowEnabled", "Users.UninstallIntegration", "Users.Disable", "Users.Enable")
	var all []string
	for _, c := range boundCalls {
		all = append(all, c.method)
	}
	allowed := map[domain.Role][]string{
		domain.RoleOwner:               all,
		domain.RoleAdmin:               all,
		domain.RoleManageAll:           manage,
		domain.RoleMonitorAll:          monitor,
		domain.RoleManageIntegrations:  {"System.Info", "Users.Get", "Users.SetWorkflowEnabled", "Users.UninstallIntegration"},
		domain.RoleMonitorIntegrations: {"System.Info", "Users.Get"},
	}
	for _, role := range domain.Roles {
		t.Run(string(role), func(t *testing.T) {
			ts, s, st := newTestServer(t, 300)
			f := oneIntegrationUser(t, st)
			c := signedIn(t, ts, s)
			// Give this browser session the role under test.
			s.mu.Lock()
			for id := range s.sessions {
				s.sessions[id] = domain.Actor{ID: "m1", Name: "Member", Role: role, Integrations: []int64{f.integration}}
			}
			s.mu.Unlock()
			for _, call := range boundCalls {
				path := reflectPath(call.method)
				status, body := rpc(t, c, ts, path, call.args(f))
				want := slices.Contains(allowed[role], call.method)
				if got := status != http.StatusForbidden; got != want {
					t.Errorf("%s as %s: status %d %s; want allowed=%v", call.method, role, status, body, want)
				}
				if status >= 500 {
					t.Errorf("%s as %s: server error %s", call.method, role, body)
				}
			}
		})
	}
}

func reflectPath(method string) string { return strings.Replace(method, ".", "/", 1) }

func oneIntegrationUser(t *testing.T, st *store.Store) fixture {
	t.Helper()
	var f fixture
	err := st.Reader().QueryRowContext(context.Background(), `
		SELECT c.user_id, c.integration_id, w.id FROM connections c
		JOIN connected_users u ON u.id = c.user_id AND u.status = 'connected'
		JOIN workflows w ON w.integration_id = c.integration_id
		JOIN user_workflows uw ON uw.user_id = c.user_id AND uw.workflow_id = w.id AND uw.enabled = 1
		WHERE (SELECT count(*) FROM connections c2 WHERE c2.user_id = c.user_id) = 1
		LIMIT 1`).Scan(&f.user, &f.integration, &f.workflow)
	if err != nil {
		t.Fatalf("find a user with one integration: %v", err)
	}
	return f
}
