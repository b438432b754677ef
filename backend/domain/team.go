package domain

import (
	"net/mail"
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
func (s MemberStatus) Valid() bool {
	for _, k := range MemberStatuses {
		if s == k {
			return true
		}
	}
	return false
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
	LastSignInAt  *time.Time       `json:"lastSignInAt"`
	LockedUntil   *time.Time       `json:"lockedUntil"`
	InvitedBy     string           `json:"invitedBy"`
	CreatedAt     time.Time        `json:"createdAt"`
	// InvitationExpiresAt is set while an invitation is open or expired.
	InvitationExpiresAt *time.Time `json:"invitationExpiresAt"`
	// Delivery is the invitation e-mail's state: "", "queued", "sent" or
	// "failed" (then DeliveryError says why).
	Delivery      string `json:"delivery"`
	DeliveryError string `json:"deliveryError"`
	// Version changes with every change; a change carries the version it saw.
	Version int64 `json:"version"`
}

// Limits on team input.
const (
	MaxNameLen     = 100
	MaxEmailLen    = 254
	MinPasswordLen = 10
	MaxPasswordLen = 200
	MaxInvitees    = 50
)

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

// Password checks the strength rules the UI shows as you type: at least 10
// characters, and not all of one class (lower case, upper case, digits,
// other).
func Password(field, s string) error {
	n := utf8.RuneCountInString(s)
	if n < MinPasswordLen {
		return Invalid(field, "Use at least %d characters (this has %d).", MinPasswordLen, n)
	}
	if n > MaxPasswordLen {
		return Invalid(field, "Use at most %d characters.", MaxPasswordLen)
	}
	var lower, upper, digit, other bool
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	classes := 0
	for _, b := range []bool{lower, upper, digit, other} {
		if b {
			classes++
		}
	}
	if classes < 2 {
		return Invalid(field, "Mix at least two kinds of characters: lower case, upper case, digits, symbols.")
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
