package domain

import (
	"encoding/json"
	"time"
)

// Integration is a product a connected user can connect (Salesforce, Slack…).
type Integration struct {
	ID       int64  `json:"id"`
	Key      string `json:"key"`
	Name     string `json:"name"`
	Category string `json:"category"`
	Users    int    `json:"users"` // connected users, maintained with the rows
}

// UserIntegration is one of a user's connections, as a list row shows it.
type UserIntegration struct {
	ID     int64            `json:"id"`
	Key    string           `json:"key"`
	Name   string           `json:"name"`
	Status ConnectionStatus `json:"status"`
}

// UserRow is a connected user as the list shows it.
type UserRow struct {
	ID           int64             `json:"id"`
	ExternalID   string            `json:"externalId"`
	Name         string            `json:"name"`
	Email        string            `json:"email"`
	Status       UserStatus        `json:"status"`
	Integrations []UserIntegration `json:"integrations"`
	CreatedAt    time.Time         `json:"createdAt"`
	LastActiveAt *time.Time        `json:"lastActiveAt"`
}

// UserPage is one keyset page of the user list.
type UserPage struct {
	Users      []UserRow `json:"users"`
	NextCursor string    `json:"nextCursor"`
	// Total counts the rows matching the filter on the first page (-1 on
	// later pages); TotalCapped says it is a lower bound.
	Total       int  `json:"total"`
	TotalCapped bool `json:"totalCapped"`
}

// StatusCounts are the header counts, maintained with the rows.
type StatusCounts struct {
	Connected      int `json:"connected"`
	AccountErrors  int `json:"accountErrors"`
	Disabled       int `json:"disabled"`
	NoIntegrations int `json:"noIntegrations"`
	Total          int `json:"total"`
}

// Of returns the count for one status.
func (c StatusCounts) Of(s UserStatus) int {
	switch s {
	case StatusConnected:
		return c.Connected
	case StatusAccountErrors:
		return c.AccountErrors
	case StatusDisabled:
		return c.Disabled
	case StatusNoIntegrations:
		return c.NoIntegrations
	}
	return 0
}

// WorkflowState is one workflow of a connection and whether it runs for the user.
type WorkflowState struct {
	ID          int64      `json:"id"`
	Key         string     `json:"key"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Enabled     bool       `json:"enabled"`
	ChangedBy   ChangedBy  `json:"changedBy"`
	ChangedAt   *time.Time `json:"changedAt"`
}

// Connection is a user's integration with its credential status and workflows.
type Connection struct {
	Integration     Integration      `json:"integration"`
	Status          ConnectionStatus `json:"status"`
	ErrorMessage    string           `json:"errorMessage"`
	ConnectedAt     time.Time        `json:"connectedAt"`
	StatusChangedAt time.Time        `json:"statusChangedAt"`
	Workflows       []WorkflowState  `json:"workflows"`
}

// UserDetail is everything the user drawer shows.
type UserDetail struct {
	ID             int64           `json:"id"`
	ExternalID     string          `json:"externalId"`
	Name           string          `json:"name"`
	Email          string          `json:"email"`
	Status         UserStatus      `json:"status"`
	CreatedAt      time.Time       `json:"createdAt"`
	LastActiveAt   *time.Time      `json:"lastActiveAt"`
	DisabledAt     *time.Time      `json:"disabledAt"`
	DisabledReason string          `json:"disabledReason"`
	Metadata       json.RawMessage `json:"metadata" ts_type:"Record<string, unknown>"`
	Connections    []Connection    `json:"connections"`
}

// Connection returns the user's connection to integration id, if any.
func (u *UserDetail) Connection(integrationID int64) (Connection, bool) {
	for _, c := range u.Connections {
		if c.Integration.ID == integrationID {
			return c, true
		}
	}
	return Connection{}, false
}

// IntegrationIDs lists the ids of the user's integrations.
func (u *UserDetail) IntegrationIDs() []int64 {
	ids := make([]int64, len(u.Connections))
	for i, c := range u.Connections {
		ids[i] = c.Integration.ID
	}
	return ids
}

// AuditEntry is one row of the append-only audit log.
type AuditEntry struct {
	ID          int64           `json:"id"`
	At          time.Time       `json:"at"`
	ActorID     string          `json:"actorId"`
	ActorName   string          `json:"actorName"`
	Action      string          `json:"action"`
	TargetType  string          `json:"targetType"`
	TargetID    string          `json:"targetId"`
	TargetLabel string          `json:"targetLabel"`
	Before      json.RawMessage `json:"before" ts_type:"unknown"`
	After       json.RawMessage `json:"after" ts_type:"unknown"`
}

// AuditPage is one keyset page of the audit log.
type AuditPage struct {
	Entries    []AuditEntry `json:"entries"`
	NextCursor string       `json:"nextCursor"`
}

// Audit actions and target types.
const (
	ActionUserDisable         = "user.disable"
	ActionUserEnable          = "user.enable"
	ActionConnectionUninstall = "connection.uninstall"
	ActionWorkflowDisable     = "workflow.disable"
	ActionWorkflowEnable      = "workflow.enable"
	ActionDemoLoad            = "demo.load"

	ActionOwnerSetup          = "team.owner_setup"
	ActionSignIn              = "auth.sign_in"
	ActionSignInFailed        = "auth.sign_in_failed"
	ActionSignOut             = "auth.sign_out"
	ActionMemberInvite        = "member.invite"
	ActionMemberResend        = "member.invitation_resend"
	ActionMemberNewCode       = "member.invitation_code"
	ActionMemberRevoke        = "member.invitation_revoke"
	ActionMemberAccept        = "member.invitation_accept"
	ActionMemberDismiss       = "member.invitation_dismiss"
	ActionMemberRole          = "member.role"
	ActionMemberEnable        = "member.enable"
	ActionMemberDisable       = "member.disable"
	ActionMemberNotifications = "member.notifications"
	ActionMemberRemove        = "member.remove"
	ActionOwnershipTransfer   = "member.ownership_transfer"
	ActionSettingsUpdate      = "settings.update"
	ActionSettingsTestEmail   = "settings.test_email"

	TargetUser       = "user"
	TargetConnection = "connection"
	TargetWorkflow   = "workflow"
	TargetWorkspace  = "workspace"
	TargetMember     = "member"
	TargetSettings   = "settings"
)

// AuditActions lists every action the audit log can hold.
var AuditActions = []string{ActionUserDisable, ActionUserEnable, ActionConnectionUninstall, ActionWorkflowDisable, ActionWorkflowEnable, ActionDemoLoad,
	ActionOwnerSetup, ActionSignIn, ActionSignInFailed, ActionSignOut, ActionMemberInvite, ActionMemberResend, ActionMemberNewCode,
	ActionMemberRevoke, ActionMemberAccept, ActionMemberDismiss, ActionMemberRole, ActionMemberEnable, ActionMemberDisable,
	ActionMemberNotifications, ActionMemberRemove, ActionOwnershipTransfer, ActionSettingsUpdate, ActionSettingsTestEmail}

// AuditTargetTypes lists every target type.
var AuditTargetTypes = []string{TargetUser, TargetConnection, TargetWorkflow, TargetWorkspace, TargetMember, TargetSettings}
