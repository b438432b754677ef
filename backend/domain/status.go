// Package domain holds Roster's types, statuses, roles, permissions, validation
// and sentinel errors. It has no dependencies beyond the standard library.
package domain

import "slices"

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
func (s UserStatus) Valid() bool { return slices.Contains(UserStatuses, s) }

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

// ConnectionStatuses lists every connection status.
var ConnectionStatuses = []ConnectionStatus{ConnectionConnected, ConnectionError}

// Valid reports whether s is a known connection status.
func (s ConnectionStatus) Valid() bool { return slices.Contains(ConnectionStatuses, s) }

// Label is the connection status as people read it.
func (s ConnectionStatus) Label() string {
	switch s {
	case ConnectionConnected:
		return "Connected"
	case ConnectionError:
		return "Error"
	}
	return string(s)
}

// ChangedBy says who last changed a workflow state.
type ChangedBy string

const (
	ChangedByAdmin ChangedBy = "admin"
	ChangedByUser  ChangedBy = "user"
)

// ChangedBys lists who can change a workflow state.
var ChangedBys = []ChangedBy{ChangedByAdmin, ChangedByUser}

// UserSort is a column the user list can be ordered by.
type UserSort string

const (
	SortCreated    UserSort = "created"
	SortName       UserSort = "name"
	SortLastActive UserSort = "last_active"
)

// UserSorts lists every user-list sort.
var UserSorts = []UserSort{SortCreated, SortName, SortLastActive}

// Valid reports whether s is a known sort.
func (s UserSort) Valid() bool { return slices.Contains(UserSorts, s) }

// SortOrder is the direction of a sort.
type SortOrder string

const (
	OrderAsc  SortOrder = "asc"
	OrderDesc SortOrder = "desc"
)

// SortOrders lists both directions.
var SortOrders = []SortOrder{OrderAsc, OrderDesc}
