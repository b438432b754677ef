package domain

import (
	"slices"
	"time"
)

// RunStatus is how a workflow run ended.
type RunStatus string

const (
	RunSucceeded RunStatus = "succeeded"
	RunFailed    RunStatus = "failed"
)

// RunStatuses lists both outcomes.
var RunStatuses = []RunStatus{RunSucceeded, RunFailed}

// Valid reports whether s is a known run status.
func (s RunStatus) Valid() bool { return slices.Contains(RunStatuses, s) }

// Label is the run status as people read it.
func (s RunStatus) Label() string {
	switch s {
	case RunSucceeded:
		return "Succeeded"
	case RunFailed:
		return "Failed"
	}
	return string(s)
}

// Ref names a record for display: its id, key and name.
type Ref struct {
	ID   int64  `json:"id"`
	Key  string `json:"key"`
	Name string `json:"name"`
}

// Run is one workflow run for one user, as the run history shows it. The
// user's Key is their external id.
type Run struct {
	ID          int64     `json:"id"`
	User        Ref       `json:"user"`
	Integration Ref       `json:"integration"`
	Workflow    Ref       `json:"workflow"`
	Status      RunStatus `json:"status"`
	StartedAt   time.Time `json:"startedAt" ts_type:"string"`
	DurationMs  int64     `json:"durationMs"`
	Error       string    `json:"error"`
}

// RunPage is one keyset page of the run history, newest first.
type RunPage struct {
	Runs       []Run  `json:"runs"`
	NextCursor string `json:"nextCursor"`
}

// CredentialError says why a connection's credential stopped working.
type CredentialError string

const (
	CredentialInvalid CredentialError = "invalid"
	CredentialExpired CredentialError = "expired"
)

// CredentialErrors lists the reasons a connection.failed event may give.
var CredentialErrors = []CredentialError{CredentialInvalid, CredentialExpired}

// Valid reports whether c is a known reason.
func (c CredentialError) Valid() bool { return slices.Contains(CredentialErrors, c) }

// Label is the reason as people read it.
func (c CredentialError) Label() string {
	switch c {
	case CredentialInvalid:
		return "Credential invalid"
	case CredentialExpired:
		return "Credential expired"
	}
	return string(c)
}

// MailStatus is where an outbox mail stands.
type MailStatus string

const (
	MailQueued    MailStatus = "queued"
	MailSending   MailStatus = "sending"
	MailSent      MailStatus = "sent"
	MailRetrying  MailStatus = "retrying"
	MailFailed    MailStatus = "failed"
	MailCancelled MailStatus = "cancelled"
)

// MailStatuses lists every outbox status in the order a mail goes through them.
var MailStatuses = []MailStatus{MailQueued, MailSending, MailRetrying, MailSent, MailFailed, MailCancelled}

// Valid reports whether s is a known mail status.
func (s MailStatus) Valid() bool { return slices.Contains(MailStatuses, s) }

// Label is the status as the outbox view shows it.
func (s MailStatus) Label() string {
	switch s {
	case MailQueued:
		return "Queued"
	case MailSending:
		return "Sending"
	case MailSent:
		return "Sent"
	case MailRetrying:
		return "Retrying"
	case MailFailed:
		return "Failed"
	case MailCancelled:
		return "Cancelled"
	}
	return string(s)
}

// Mail is one outbox row as the outbox view shows it (never its body).
type Mail struct {
	ID            int64      `json:"id"`
	Kind          MailKind   `json:"kind"`
	Recipient     string     `json:"recipient"`
	Subject       string     `json:"subject"`
	Status        MailStatus `json:"status"`
	Attempts      int        `json:"attempts"`
	CreatedAt     time.Time  `json:"createdAt" ts_type:"string"`
	NextAttemptAt *time.Time `json:"nextAttemptAt" ts_type:"string | null"` // while queued or retrying
	SentAt        *time.Time `json:"sentAt" ts_type:"string | null"`
	FailedAt      *time.Time `json:"failedAt" ts_type:"string | null"`
	LastError     string     `json:"lastError"`
	// Retryable says whether Retry now can send it: a queued or retrying
	// mail, or a failed one whose body was kept (not an invitation's code).
	Retryable bool `json:"retryable"`
}

// MailPage is one keyset page of the outbox, newest first.
type MailPage struct {
	Mails      []Mail `json:"mails"`
	NextCursor string `json:"nextCursor"`
}

// MailHealth is the outbox at a glance: enough for a banner that says mail
// is stuck, and why.
type MailHealth struct {
	Configured    bool       `json:"configured"` // an SMTP server is set up
	Queued        int        `json:"queued"`     // not sent yet, retrying included
	Retrying      int        `json:"retrying"`   // failed at least once and waiting
	Failed        int        `json:"failed"`     // given up
	LastError     string     `json:"lastError"`  // of the newest mail still waiting
	NextAttemptAt *time.Time `json:"nextAttemptAt" ts_type:"string | null"`
	GiveUpDays    int        `json:"giveUpDays"`
}

// IngestKey is a key for POST /api/v1/events, as the settings list shows
// it: never the secret, which is shown once, when the key is created.
type IngestKey struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"` // the key's first characters, to tell keys apart
	CreatedAt  time.Time  `json:"createdAt" ts_type:"string"`
	CreatedBy  string     `json:"createdBy"`
	LastUsedAt *time.Time `json:"lastUsedAt" ts_type:"string | null"`
	RevokedAt  *time.Time `json:"revokedAt" ts_type:"string | null"`
}

// NewIngestKey is a key just created, with its secret: the only time
// Roster shows it.
type NewIngestKey struct {
	Key    IngestKey `json:"key"`
	Secret string    `json:"secret"`
}

// Policy is how Roster notifies and how long it keeps things: settings with
// defaults, read by the notifier, the outbox sender and the daily prune.
type Policy struct {
	DigestMinutes   int `json:"digestMinutes"`   // further failures of a workflow: one summary per interval
	CooldownMinutes int `json:"cooldownMinutes"` // a connection offline again within this gets no new mail
	RetentionDays   int `json:"retentionDays"`   // run history (and applied event ids) kept this long
	GiveUpDays      int `json:"giveUpDays"`      // the outbox stops retrying a mail after this
}

// DefaultPolicy is the policy of a new workspace.
var DefaultPolicy = Policy{DigestMinutes: 15, CooldownMinutes: 10, RetentionDays: 90, GiveUpDays: 5}

// Validate checks each field's range.
func (p Policy) Validate() error {
	for _, f := range []struct {
		field    string
		v, lo, h int
		what     string
	}{
		{"policy.digestMinutes", p.DigestMinutes, 1, 24 * 60, "A failure summary goes out every 1 to 1440 minutes."},
		{"policy.cooldownMinutes", p.CooldownMinutes, 0, 24 * 60, "The offline cooldown is 0 to 1440 minutes."},
		{"policy.retentionDays", p.RetentionDays, 1, 3650, "Run history is kept 1 to 3650 days."},
		{"policy.giveUpDays", p.GiveUpDays, 1, 30, "The outbox keeps retrying a mail for 1 to 30 days."},
	} {
		if f.v < f.lo || f.v > f.h {
			return Invalid(f.field, "%s", f.what)
		}
	}
	return nil
}

// Digest, Cooldown, Retention and GiveUp are the policy as durations.
func (p Policy) Digest() time.Duration    { return time.Duration(p.DigestMinutes) * time.Minute }
func (p Policy) Cooldown() time.Duration  { return time.Duration(p.CooldownMinutes) * time.Minute }
func (p Policy) Retention() time.Duration { return time.Duration(p.RetentionDays) * 24 * time.Hour }
func (p Policy) GiveUp() time.Duration    { return time.Duration(p.GiveUpDays) * 24 * time.Hour }

// MailKind is what an outbox mail is about.
type MailKind string

const (
	MailInvitation        MailKind = "invitation"
	MailWorkflowFailed    MailKind = "workflow_failed"
	MailWorkflowDigest    MailKind = "workflow_digest"
	MailConnectionOffline MailKind = "connection_offline"
	MailConnectionOnline  MailKind = "connection_online"
	MailEmailChange       MailKind = "email_change" // the code that confirms a member's new address
)

// MailKinds lists every kind of mail Roster sends.
var MailKinds = []MailKind{MailInvitation, MailWorkflowFailed, MailWorkflowDigest, MailConnectionOffline, MailConnectionOnline, MailEmailChange}

// Label is the kind as the outbox view shows it.
func (k MailKind) Label() string {
	switch k {
	case MailInvitation:
		return "Invitation"
	case MailWorkflowFailed:
		return "Workflow failed"
	case MailWorkflowDigest:
		return "Failure summary"
	case MailConnectionOffline:
		return "Connection offline"
	case MailConnectionOnline:
		return "Connection back online"
	case MailEmailChange:
		return "E-mail address confirmation"
	}
	return string(k)
}
