// Package domain holds Roster's types, statuses, roles, permissions, validation
// and sentinel errors. It has no dependencies beyond the standard library.
package domain

// UserStatus is a connected user's status. It is derived from the user's
// connections and disabled flag, and maintained by the database in the same
// transaction as any change that affects it (see the store migrations).
type UserStatus string

const (
	StatusConnected      UserStatus = "connected"
	StatusAccountErrors  UserStatus = "account_errors"
	StatusDisabled       UserStatus = "disabled"
	StatusNoIntegrations UserStatus = "no_integrations"
)

// UserStatuses lists every status in display order.
var UserStatuses = []UserStatus{StatusConnected, StatusAccountErrors, StatusDisabled, StatusNoIntegrations}

// Valid reports whether s is a known status.
func (s UserStatus) Valid() bool {
	for _, v := range UserStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// Label is the status as people read it.
func (s UserStatus) Label() string {
	switch s {
	case StatusConnected:
		return "Connected"
	case StatusAccountErrors:
		return "Account Errors"
	case StatusDisabled:
		return "Disabled"
	case StatusNoIntegrations:
		return "No integrations"
	}
	return string(s)
}

// ConnectionStatus is the credential status of one user's integration.
type ConnectionStatus string

const (
	ConnectionConnected ConnectionStatus = "connected"
	ConnectionError     ConnectionStatus = "error"
)

// ChangedBy says who last changed a workflow state.
type ChangedBy string

const (
	ChangedByAdmin ChangedBy = "admin"
	ChangedByUser  ChangedBy = "user"
)
