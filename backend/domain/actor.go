package domain

import "slices"

// Role is a team member's role.
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

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Scoped reports whether r is limited to a set of integrations.
func (r Role) Scoped() bool { return r == RoleManageIntegrations || r == RoleMonitorIntegrations }

// Label is the role's name as people read it.
func (r Role) Label() string {
	switch r {
	case RoleOwner:
		return "Owner"
	case RoleAdmin:
		return "Administrator"
	case RoleManageAll:
		return "Manage all integrations"
	case RoleMonitorAll:
		return "Monitor all integrations"
	case RoleManageIntegrations:
		return "Manage integrations"
	case RoleMonitorIntegrations:
		return "Monitor integrations"
	case "":
		return "no role"
	}
	return string(r)
}

// Description says what the role may do, for the role picker.
func (r Role) Description() string {
	switch r {
	case RoleOwner:
		return "Everything, including transferring ownership"
	case RoleAdmin:
		return "Everything but the owner: members, settings, connected users"
	case RoleManageAll:
		return "Change connected users and workflows of every integration"
	case RoleMonitorAll:
		return "Look at every integration, change nothing"
	case RoleManageIntegrations:
		return "Change connected users and workflows of chosen integrations"
	case RoleMonitorIntegrations:
		return "Look at chosen integrations, change nothing"
	}
	return ""
}

// Actor is whoever performs a use case: its identity, role and scope.
type Actor struct {
	ID       string // the member id as text, as the audit log keeps it
	MemberID int64
	Name     string
	Email    string
	Role     Role
	// Integrations scopes the per-integration roles (integration ids).
	Integrations []int64
}

// Sees reports whether a reaches integration id: every integration for an
// unscoped role, the scope's for a per-integration one.
func (a Actor) Sees(id int64) bool {
	return !a.Role.Scoped() || covers(a.Integrations, []int64{id})
}

// CommandLine is the actor of the command line (roster seed): whoever can
// write the database file already holds every right over it.
func CommandLine() Actor {
	return Actor{ID: "cli", Name: "Roster command line", Role: RoleOwner}
}

// Permission is something an actor may be allowed to do.
type Permission string

const (
	PermViewUsers       Permission = "users.view"
	PermManageUsers     Permission = "users.manage"
	PermViewAudit       Permission = "audit.view"
	PermManageWorkspace Permission = "workspace.manage"
	PermViewTeam        Permission = "team.view"
	PermManageTeam      Permission = "team.manage"
	// PermInvite is held by owners and administrators, and by everyone
	// else while the Invitations setting is on (see team.Service).
	PermInvite         Permission = "team.invite"
	PermManageSettings Permission = "settings.manage"
)

// Permissions lists every permission.
var Permissions = []Permission{PermViewUsers, PermManageUsers, PermViewAudit, PermManageWorkspace,
	PermViewTeam, PermManageTeam, PermInvite, PermManageSettings}

// Label is what the permission allows, as the end of "does not allow …".
func (p Permission) Label() string {
	switch p {
	case PermViewUsers:
		return "seeing connected users"
	case PermManageUsers:
		return "changing connected users"
	case PermViewAudit:
		return "reading the audit log"
	case PermManageWorkspace:
		return "loading data into the workspace"
	case PermViewTeam:
		return "seeing the team"
	case PermManageTeam:
		return "managing team members"
	case PermInvite:
		return "inviting members"
	case PermManageSettings:
		return "managing the settings"
	}
	return string(p)
}

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
// permissions are decided; every use case checks it (through Require)
// before it changes anything.
//
// Most checks come first, on a target known from the input. Some targets
// are known only once the record is loaded, so those use cases load it,
// inside their transaction, and check then: Get (which integrations a user
// has decides whether a per-integration role may see them) and
// SetWorkflowEnabled (a workflow id names its integration only through the
// user's connections). Checking before the load would have to refuse a
// per-integration role outright, or allow it blindly.
func Can(a Actor, perm Permission, t Target) bool {
	switch a.Role {
	case RoleOwner, RoleAdmin:
		return true
	}
	if perm == PermViewTeam {
		return a.Role.Valid() // every member sees who their colleagues are
	}
	switch a.Role {
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

// Require returns nil when actor may do perm on target, else a forbidden
// error that names the role and the permission in words.
func Require(a Actor, perm Permission, t Target) error {
	if Can(a, perm, t) {
		return nil
	}
	if a.Role.Scoped() && Can(a, perm, Target{Integrations: a.Integrations}) {
		return Forbidden("Your role (%s) allows %s only within its own integrations, and this reaches beyond them.", a.Role.Label(), perm.Label())
	}
	return Forbidden("Your role (%s) does not allow %s.", a.Role.Label(), perm.Label())
}

// CanGrant reports whether actor holds at least role (with scope, for a
// per-integration role): nobody grants more than they hold, and nobody
// grants ownership (it is transferred, by the owner alone).
func CanGrant(a Actor, role Role, scope []int64) bool {
	switch role {
	case RoleOwner:
		return false
	case RoleAdmin:
		return a.Role == RoleOwner || a.Role == RoleAdmin
	}
	switch a.Role {
	case RoleOwner, RoleAdmin:
		return true
	case RoleManageAll:
		return role != RoleAdmin
	case RoleMonitorAll:
		return role == RoleMonitorAll || role == RoleMonitorIntegrations
	case RoleManageIntegrations:
		return (role == RoleManageIntegrations || role == RoleMonitorIntegrations) && covers(a.Integrations, scope)
	case RoleMonitorIntegrations:
		return role == RoleMonitorIntegrations && covers(a.Integrations, scope)
	}
	return false
}

// Granted lists the permissions actor holds, for the UI to hide what the
// role cannot do: with no particular target, or for a per-integration role
// within its own integrations (each call is still checked against its
// target).
func Granted(a Actor) []Permission {
	var t Target
	if a.Role.Scoped() {
		t.Integrations = a.Integrations
	}
	var out []Permission
	for _, p := range Permissions {
		if Can(a, p, t) {
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
