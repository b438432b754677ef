package domain

import (
	"encoding/json"
	"slices"
	"strings"
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
	CreatedAt    time.Time         `json:"createdAt" ts_type:"string"`
	LastActiveAt *time.Time        `json:"lastActiveAt" ts_type:"string | null"`
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
	ChangedAt   *time.Time `json:"changedAt" ts_type:"string | null"`
}

// Connection is a user's integration with its credential status and workflows.
type Connection struct {
	Integration     Integration      `json:"integration"`
	Status          ConnectionStatus `json:"status"`
	ErrorReason     CredentialError  `json:"errorReason,omitempty"` // only when Status is error
	ErrorMessage    string           `json:"errorMessage"`
	ConnectedAt     time.Time        `json:"connectedAt" ts_type:"string"`
	StatusChangedAt time.Time        `json:"statusChangedAt" ts_type:"string"`
	Workflows       []WorkflowState  `json:"workflows"`
}

// UserDetail is everything the user drawer shows.
type UserDetail struct {
	ID             int64           `json:"id"`
	ExternalID     string          `json:"externalId"`
	Name           string          `json:"name"`
	Email          string          `json:"email"`
	Status         UserStatus      `json:"status"`
	CreatedAt      time.Time       `json:"createdAt" ts_type:"string"`
	LastActiveAt   *time.Time      `json:"lastActiveAt" ts_type:"string | null"`
	DisabledAt     *time.Time      `json:"disabledAt" ts_type:"string | null"`
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
	At          time.Time       `json:"at" ts_type:"string"`
	ActorID     string          `json:"actorId"`
	ActorName   string          `json:"actorName"`
	Action      AuditAction     `json:"action"`
	TargetType  TargetType      `json:"targetType"`
	TargetID    string          `json:"targetId"`
	TargetLabel string          `json:"targetLabel"`
	Before      json.RawMessage `json:"before" ts_type:"unknown"`
	After       json.RawMessage `json:"after" ts_type:"unknown"`
	// Read, not recorded: resolved when the log is listed.
	ActorEmail string        `json:"actorEmail"` // "" when the actor is not (or no longer) a member
	Subject    *AuditSubject `json:"subject"`    // nil when the target is not a connected user or a member
}

// AuditSubject is the connected user or member an audit entry concerns, as
// people know them: a user by external id and name, a member by e-mail.
type AuditSubject struct {
	Kind SubjectKind `json:"kind"`
	ID   int64       `json:"id"`
	// Key is the user's external id or the member's e-mail; "" once deleted.
	Key  string `json:"key"`
	Name string `json:"name"`
	// Deleted: the user or member is gone; Name is what the entry recorded.
	Deleted bool `json:"deleted"`
	// Text is the subject in one line, as the page and exports show it.
	Text string `json:"text"`
}

// AuditActor is someone who appears as an actor in the audit log.
type AuditActor struct {
	ID    string `json:"id"`
	Name  string `json:"name"`  // as their latest entry recorded it
	Email string `json:"email"` // "" when not (or no longer) a member
}

// SubjectKind is what an audit subject is.
type SubjectKind string

// Audit subject kinds.
const (
	SubjectUser   SubjectKind = "user"
	SubjectMember SubjectKind = "member"
)

// AuditPage is one keyset page of the audit log.
type AuditPage struct {
	Entries    []AuditEntry `json:"entries"`
	NextCursor string       `json:"nextCursor"`
}

// AuditAction is the kind of change an audit entry records.
type AuditAction string

// Audit actions.
const (
	ActionUserDisable         AuditAction = "user.disable"
	ActionUserEnable          AuditAction = "user.enable"
	ActionConnectionUninstall AuditAction = "connection.uninstall"
	ActionWorkflowDisable     AuditAction = "workflow.disable"
	ActionWorkflowEnable      AuditAction = "workflow.enable"
	ActionDemoLoad            AuditAction = "demo.load"
	ActionOwnerSetup          AuditAction = "team.owner_setup"
	ActionSignIn              AuditAction = "auth.sign_in"
	ActionSignInFailed        AuditAction = "auth.sign_in_failed"
	ActionSignOut             AuditAction = "auth.sign_out"
	ActionMemberInvite        AuditAction = "member.invite"
	ActionMemberResend        AuditAction = "member.invitation_resend"
	ActionMemberNewCode       AuditAction = "member.invitation_code"
	ActionMemberRevoke        AuditAction = "member.invitation_revoke"
	ActionMemberAccept        AuditAction = "member.invitation_accept"
	ActionMemberDismiss       AuditAction = "member.invitation_dismiss"
	ActionMemberRole          AuditAction = "member.role"
	ActionMemberEnable        AuditAction = "member.enable"
	ActionMemberDisable       AuditAction = "member.disable"
	ActionMemberUnlock        AuditAction = "member.unlock"
	ActionMemberNotifications AuditAction = "member.notifications"
	ActionMemberName          AuditAction = "member.name"
	ActionMemberEmailRequest  AuditAction = "member.email_change_requested"
	ActionMemberEmail         AuditAction = "member.email"
	ActionMemberPassword      AuditAction = "member.password"
	ActionMemberRemove        AuditAction = "member.remove"
	ActionOwnershipTransfer   AuditAction = "member.ownership_transfer"
	ActionSettingsUpdate      AuditAction = "settings.update"
	ActionSettingsTestEmail   AuditAction = "settings.test_email"
	ActionIngestKeyCreate     AuditAction = "ingest_key.create"
	ActionIngestKeyRevoke     AuditAction = "ingest_key.revoke"
	ActionEventsImport        AuditAction = "events.import"
	ActionMailRetry           AuditAction = "mail.retry"
	ActionUsersImport         AuditAction = "users.import"
	ActionUsersImportRollback AuditAction = "users.import_rollback"
	ActionUsersExport         AuditAction = "users.export"
	ActionExport              AuditAction = "workspace.export" // the team, the audit log or the run history
	ActionBackup              AuditAction = "workspace.backup"
	ActionRestore             AuditAction = "workspace.restore"
)

// AuditActions lists every action the audit log can hold, in the order the
// filter offers them.
var AuditActions = []AuditAction{ActionUserDisable, ActionUserEnable, ActionConnectionUninstall, ActionWorkflowDisable, ActionWorkflowEnable, ActionDemoLoad,
	ActionOwnerSetup, ActionSignIn, ActionSignInFailed, ActionSignOut, ActionMemberInvite, ActionMemberResend, ActionMemberNewCode,
	ActionMemberRevoke, ActionMemberAccept, ActionMemberDismiss, ActionMemberRole, ActionMemberEnable, ActionMemberDisable, ActionMemberUnlock,
	ActionMemberNotifications, ActionMemberName, ActionMemberEmailRequest, ActionMemberEmail, ActionMemberPassword, ActionMemberRemove, ActionOwnershipTransfer, ActionSettingsUpdate, ActionSettingsTestEmail,
	ActionIngestKeyCreate, ActionIngestKeyRevoke, ActionEventsImport, ActionMailRetry, ActionUsersImport, ActionUsersImportRollback, ActionUsersExport, ActionExport, ActionBackup, ActionRestore}

// Valid reports whether a is a known action.
func (a AuditAction) Valid() bool { return slices.Contains(AuditActions, a) }

// Label is the action as the audit log shows it.
func (a AuditAction) Label() string {
	if l, ok := auditActionLabels[a]; ok {
		return l
	}
	return string(a)
}

var auditActionLabels = map[AuditAction]string{
	ActionUserDisable:         "Disabled user",
	ActionUserEnable:          "Enabled user",
	ActionConnectionUninstall: "Uninstalled integration",
	ActionWorkflowDisable:     "Disabled workflow",
	ActionWorkflowEnable:      "Enabled workflow",
	ActionDemoLoad:            "Loaded demo data",
	ActionOwnerSetup:          "Set up the owner",
	ActionSignIn:              "Signed in",
	ActionSignInFailed:        "Failed sign-in",
	ActionSignOut:             "Signed out",
	ActionMemberInvite:        "Invited member",
	ActionMemberResend:        "Resent invitation",
	ActionMemberNewCode:       "Made a new invitation code",
	ActionMemberRevoke:        "Revoked invitation",
	ActionMemberAccept:        "Accepted invitation",
	ActionMemberDismiss:       "Dismissed invitation",
	ActionMemberRole:          "Changed role",
	ActionMemberEnable:        "Enabled member",
	ActionMemberDisable:       "Disabled member",
	ActionMemberUnlock:        "Unlocked sign-in",
	ActionMemberNotifications: "Changed notifications",
	ActionMemberName:          "Changed their name",
	ActionMemberEmailRequest:  "Asked to change their e-mail",
	ActionMemberEmail:         "Changed their e-mail",
	ActionMemberPassword:      "Changed their password",
	ActionMemberRemove:        "Removed member",
	ActionOwnershipTransfer:   "Transferred ownership",
	ActionSettingsUpdate:      "Changed settings",
	ActionSettingsTestEmail:   "Sent a test e-mail",
	ActionIngestKeyCreate:     "Created ingest key",
	ActionIngestKeyRevoke:     "Revoked ingest key",
	ActionEventsImport:        "Imported events",
	ActionMailRetry:           "Retried mail",
	ActionUsersImport:         "Imported users",
	ActionUsersImportRollback: "Rolled back an import",
	ActionUsersExport:         "Exported users",
	ActionExport:              "Exported data",
	ActionBackup:              "Backed up the database",
	ActionRestore:             "Restored a backup",
}

// TargetType is the kind of record an audit entry is about.
type TargetType string

// Audit target types.
const (
	TargetUser       TargetType = "user"
	TargetConnection TargetType = "connection"
	TargetWorkflow   TargetType = "workflow"
	TargetWorkspace  TargetType = "workspace"
	TargetMember     TargetType = "member"
	TargetSettings   TargetType = "settings"
	TargetIngestKey  TargetType = "ingest_key"
	TargetMail       TargetType = "mail"
)

// TargetTypes lists every target type.
var TargetTypes = []TargetType{TargetUser, TargetConnection, TargetWorkflow, TargetWorkspace, TargetMember, TargetSettings, TargetIngestKey, TargetMail}

// Valid reports whether t is a known target type.
func (t TargetType) Valid() bool { return slices.Contains(TargetTypes, t) }

// Label is the target type as people read it.
func (t TargetType) Label() string {
	switch t {
	case "":
		return ""
	case TargetIngestKey:
		return "Ingest key"
	}
	return strings.ToUpper(string(t[:1])) + string(t[1:])
}
