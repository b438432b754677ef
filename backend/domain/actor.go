package domain

// Role is a team member's role. Roles are data: adding members (next issue)
// changes who holds which role, not the shape of any use case.
type Role string

const (
	RoleOwner               Role = "owner"
	RoleAdmin               Role = "admin"
	RoleManageAll           Role = "manage_all"
	RoleMonitorAll          Role = "monitor_all"
	RoleManageIntegrations  Role = "manage_integrations"  // scoped to Actor.Integrations
	RoleMonitorIntegrations Role = "monitor_integrations" // scoped to Actor.Integrations
)

// Roles lists every role, most powerful first.
var Roles = []Role{RoleOwner, RoleAdmin, RoleManageAll, RoleMonitorAll, RoleManageIntegrations, RoleMonitorIntegrations}

// Actor is whoever performs a use case: its identity, role and scope.
type Actor struct {
	ID   string
	Name string
	Role Role
	// Integrations scopes the per-integration roles (integration ids).
	Integrations []int64
}

// LocalOperator is the single full-rights actor of a Roster without members:
// the person at the desktop, or whoever holds serve mode's start-up token.
func LocalOperator() Actor {
	return Actor{ID: "local", Name: "Local operator", Role: RoleOwner}
}

// Permission is something an actor may be allowed to do.
type Permission string

const (
	PermViewUsers       Permission = "users.view"
	PermManageUsers     Permission = "users.manage"
	PermViewAudit       Permission = "audit.view"
	PermManageWorkspace Permission = "workspace.manage"
)

// Permissions lists every permission.
var Permissions = []Permission{PermViewUsers, PermManageUsers, PermViewAudit, PermManageWorkspace}

// Target narrows a permission check to the integrations an action touches.
// The zero Target means "no particular integration" (e.g. listing users).
type Target struct {
	// Integrations the action touches. A scoped role is allowed only if
	// its scope covers all of them.
	Integrations []int64
	// UserWide marks actions on the whole user (disable/enable), which
	// affect every integration of that user.
	UserWide bool
}

// Can reports whether actor may do perm on target. It is the one place
// permissions are decided; every use case calls it before anything else.
func Can(a Actor, perm Permission, t Target) bool {
	switch a.Role {
	case RoleOwner, RoleAdmin:
		return true
	case RoleManageAll:
		return perm == PermViewUsers || perm == PermManageUsers || perm == PermViewAudit
	case RoleMonitorAll:
		return perm == PermViewUsers || perm == PermViewAudit
	case RoleManageIntegrations, RoleMonitorIntegrations:
		// Scoped roles act only where the target names integrations that are
		// all inside their scope; anything wider is refused.
		if t.UserWide || len(t.Integrations) == 0 || !covers(a.Integrations, t.Integrations) {
			return false
		}
		return perm == PermViewUsers || (perm == PermManageUsers && a.Role == RoleManageIntegrations)
	}
	return false
}

// Granted lists the permissions actor holds with no particular target, for
// the UI to hide what the role cannot do.
func Granted(a Actor) []Permission {
	var out []Permission
	for _, p := range Permissions {
		if Can(a, p, Target{}) {
			out = append(out, p)
		}
	}
	return out
}

func covers(scope, want []int64) bool {
	for _, w := range want {
		found := false
		for _, s := range scope {
			if s == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
