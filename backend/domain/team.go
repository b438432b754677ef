package domain

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MemberStatus is where a member's invitation stands.
type MemberStatus string

const (
	MemberPending   MemberStatus = "pending"
	MemberAccepted  MemberStatus = "accepted"
	MemberDismissed MemberStatus = "dismissed"
	MemberExpired   MemberStatus = "expired" // pending, with an expired invitation
)

// MemberStatuses lists every member status.
var MemberStatuses = []MemberStatus{MemberPending, MemberAccepted, MemberDismissed, MemberExpired}

// Valid reports whether s is a known member status.
func (s MemberStatus) Valid() bool { return slices.Contains(MemberStatuses, s) }

// Label is the status as people read it.
func (s MemberStatus) Label() string {
	switch s {
	case MemberPending:
		return "Pending"
	case MemberAccepted:
		return "Accepted"
	case MemberDismissed:
		return "Dismissed"
	case MemberExpired:
		return "Expired"
	}
	return string(s)
}

// Delivery is where an invitation e-mail stands.
type Delivery string

const (
	DeliveryQueued Delivery = "queued" // waiting, or retrying (DeliveryError says why)
	DeliverySent   Delivery = "sent"
	DeliveryFailed Delivery = "failed" // given up (DeliveryError says why)
)

// Deliveries lists every delivery state.
var Deliveries = []Delivery{DeliveryQueued, DeliverySent, DeliveryFailed}

// InviteOutcome is what an invitation form did with one address.
type InviteOutcome string

const (
	InviteInvited        InviteOutcome = "invited"         // a new invitation (e-mailed, or a code to hand over)
	InviteAlreadyMember  InviteOutcome = "already_member"  // accepted already: not invited again
	InviteAlreadyInvited InviteOutcome = "already_invited" // pending, expired or dismissed: resend instead
	InviteInvalid        InviteOutcome = "invalid"         // not an e-mail address (the reason says why)
)

// InviteOutcomes lists every invitation outcome.
var InviteOutcomes = []InviteOutcome{InviteInvited, InviteAlreadyMember, InviteAlreadyInvited, InviteInvalid}

// Label is the outcome as people read it.
func (o InviteOutcome) Label() string {
	switch o {
	case InviteInvited:
		return "Invited"
	case InviteAlreadyMember:
		return "Already a member"
	case InviteAlreadyInvited:
		return "Already invited"
	case InviteInvalid:
		return "Invalid"
	}
	return string(o)
}

// MemberRights is what the member asking may do to one member of the team:
// the Team page offers exactly these actions. The use cases check the same
// rules again on every call (team's tests hold the two together).
type MemberRights struct {
	ChangeRole    bool `json:"changeRole"`
	Enable        bool `json:"enable"` // turn access on or off
	Remove        bool `json:"remove"`
	Notifications bool `json:"notifications"`
	Resend        bool `json:"resend"`
	NewCode       bool `json:"newCode"`
	Revoke        bool `json:"revoke"`
	Transfer      bool `json:"transfer"`
}

// IntegrationRef names an integration.
type IntegrationRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Member is a team member as the Team table shows them.
type Member struct {
	ID            int64            `json:"id"`
	Email         string           `json:"email"`
	Name          string           `json:"name"`
	Role          Role             `json:"role"`
	Integrations  []IntegrationRef `json:"integrations"`
	Status        MemberStatus     `json:"status"`
	Enabled       bool             `json:"enabled"`
	Notifications bool             `json:"notifications"`
	LastSignInAt  *time.Time       `json:"lastSignInAt" ts_type:"string | null"`
	LockedUntil   *time.Time       `json:"lockedUntil" ts_type:"string | null"`
	InvitedBy     string           `json:"invitedBy"`
	CreatedAt     time.Time        `json:"createdAt" ts_type:"string"`
	// InvitationExpiresAt is set while an invitation is open or expired.
	InvitationExpiresAt *time.Time `json:"invitationExpiresAt" ts_type:"string | null"`
	// Delivery is the latest invitation e-mail's state; empty when none was
	// queued. DeliveryError is the server's last answer while it retries or
	// after it gave up.
	Delivery      Delivery `json:"delivery,omitempty"`
	DeliveryError string   `json:"deliveryError"`
	// Version changes with every change; a change carries the version it saw.
	Version int64 `json:"version"`
	// Rights is what the member asking may do to this member.
	Rights MemberRights `json:"rights"`
}

// Limits on team input.
const (
	MaxNameLen  = 100
	MaxEmailLen = 254
	MaxInvitees = 50
)

// PasswordPolicy is the strength rule for new passwords. It is data, so that
// Password and the checklist the UI shows as you type (generated into the
// frontend from Passwords) apply the very same rule.
type PasswordPolicy struct {
	MinLength, MaxLength int // in characters
	MinKinds             int // kinds of character to mix
	Kinds                []PasswordKind
}

// PasswordKind is one kind of character; Pattern is a regular expression
// (the same text in Go and in JavaScript with the u flag).
type PasswordKind struct {
	Label   string
	Pattern string
}

// Passwords is the policy every new password meets.
var Passwords = PasswordPolicy{MinLength: 10, MaxLength: 200, MinKinds: 2, Kinds: []PasswordKind{
	{Label: "lower case", Pattern: `\p{Ll}`},
	{Label: "upper case", Pattern: `\p{Lu}`},
	{Label: "digits", Pattern: `\p{Nd}`},
	{Label: "symbols", Pattern: `[^\p{Ll}\p{Lu}\p{Nd}]`},
}}

// LengthRule and KindsRule are the policy's rules as the checklist words them.
func (p PasswordPolicy) LengthRule() string {
	return fmt.Sprintf("At least %d characters", p.MinLength)
}

func (p PasswordPolicy) KindsRule() string {
	return fmt.Sprintf("Mixes %s kinds: %s", countWord(p.MinKinds), p.kindList())
}

func (p PasswordPolicy) kindList() string {
	labels := make([]string, len(p.Kinds))
	for i, k := range p.Kinds {
		labels[i] = k.Label
	}
	return strings.Join(labels, ", ")
}

// kinds counts the kinds of character s mixes.
func (p PasswordPolicy) kinds(s string) int {
	n := 0
	for _, re := range passwordKindREs {
		if re.MatchString(s) {
			n++
		}
	}
	return n
}

var passwordKindREs = func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(Passwords.Kinds))
	for i, k := range Passwords.Kinds {
		out[i] = regexp.MustCompile(k.Pattern)
	}
	return out
}()

func countWord(n int) string {
	if words := []string{"zero", "one", "two", "three", "four"}; n < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}

// Email validates one bare e-mail address and returns it trimmed.
func Email(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", Invalid(field, "Enter an e-mail address.")
	}
	if strings.ContainsAny(s, "\r\n") {
		return "", Invalid(field, "An e-mail address cannot contain a line break.")
	}
	if len(s) > MaxEmailLen {
		return "", Invalid(field, "%q is longer than %d characters.", s, MaxEmailLen)
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") {
		return "", Invalid(field, "%q is not an e-mail address.", s)
	}
	return s, nil
}

// PersonName validates a person's name: one line, 1–100 characters.
func PersonName(field, s string) (string, error) {
	s, err := CleanText(field, s, MaxNameLen)
	if err != nil {
		return "", err
	}
	if s == "" {
		return "", Invalid(field, "Enter a name.")
	}
	if strings.ContainsAny(s, "\n\t") {
		return "", Invalid(field, "A name is one line.")
	}
	return s, nil
}

// Password checks a new password against Passwords, the rules the UI shows
// as you type.
func Password(field, s string) error {
	p := Passwords
	n := utf8.RuneCountInString(s)
	if n < p.MinLength {
		return Invalid(field, "Use at least %d characters (this has %d).", p.MinLength, n)
	}
	if n > p.MaxLength {
		return Invalid(field, "Use at most %d characters.", p.MaxLength)
	}
	if p.kinds(s) < p.MinKinds {
		return Invalid(field, "Mix at least %s kinds of characters: %s.", countWord(p.MinKinds), p.kindList())
	}
	return nil
}

// SplitEmails splits a list of addresses separated by commas, semicolons,
// spaces or new lines.
func SplitEmails(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || unicode.IsSpace(r)
	})
}
