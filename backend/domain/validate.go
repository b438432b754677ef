package domain

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on input sizes, shared by validation and the UI's counters.
const (
	// MinSearchLen is the shortest search: the search index matches
	// three-character pieces, and a shorter search would read every user.
	MinSearchLen = 3
	MaxSearchLen = 200
	MaxReasonLen = 500
	MaxPageSize  = 500
	DefPageSize  = 100
	// MaxListOffset bounds a jump into a list: ten times the users Roster
	// is built for.
	MaxListOffset = 10_000_000
)

// CleanText trims s and checks it is at most max characters of valid UTF-8
// without control characters (a reason is shown in lists and e-mails).
func CleanText(field, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if !utf8.ValidString(s) {
		return "", Invalid(field, "%s is not valid text.", fieldLabel(field))
	}
	if n := utf8.RuneCountInString(s); n > max {
		return "", Invalid(field, "%s is %d characters long; the limit is %d.", fieldLabel(field), n, max)
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f {
			return "", Invalid(field, "%s contains a control character.", fieldLabel(field))
		}
		if spoofs(r) {
			return "", Invalid(field, "%s contains an invisible character that changes how text reads (U+%04X); remove it.", fieldLabel(field), r)
		}
	}
	return s, nil
}

// spoofs reports a character that changes how the text around it reads
// without showing itself: bidirectional overrides and isolates (a name
// that shows "exe.txt" for "txt.exe") and the line and paragraph
// separators (a name that breaks a line in a list or a mail).
func spoofs(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x2028 || r == 0x2029
}

// PageSize validates a requested page size; 0 means the default.
func PageSize(n int) (int, error) {
	if n == 0 {
		return DefPageSize, nil
	}
	if n < 1 || n > MaxPageSize {
		return 0, Invalid("limit", "Page size must be between 1 and %d; got %d.", MaxPageSize, n)
	}
	return n, nil
}

// ParseInstant parses an optional RFC 3339 instant ("" means none).
func ParseInstant(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, Invalid(field, "%s must be a date and time like 2026-01-31T00:00:00Z; got %q.", fieldLabel(field), s)
	}
	return t, nil
}

// Choices lists the values a field takes, for an error message: "a, b or c".
// Messages build on the lists the enums are bound from, so they cannot drift.
func Choices[T ~string](values []T) string {
	words := make([]string, len(values))
	for i, v := range values {
		words[i] = string(v)
	}
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// ID checks a record id given by a caller.
func ID(field string, id int64) error {
	if id <= 0 {
		return Invalid(field, "%s must be a positive number; got %d.", fieldLabel(field), id)
	}
	return nil
}

func fieldLabel(field string) string {
	switch field {
	case "reason":
		return "The reason"
	case "search":
		return "The search text"
	case "createdFrom":
		return "The start date"
	case "createdTo":
		return "The end date"
	case "from":
		return "The start date"
	case "to":
		return "The end date"
	case "userId", "id":
		return "The user id"
	case "integrationId":
		return "The integration id"
	case "workflowId":
		return "The workflow id"
	}
	return "The " + field
}

// PublicURL checks the address people open Roster at (a name, a reverse
// proxy), which links in mail use: http(s), a host, no query, fragment or
// credentials. It returns it without a trailing slash; "" stays "".
func PublicURL(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.RawQuery != "" || u.Fragment != "" ||
		u.User != nil || len(s) > 300 {
		return "", Invalid(field, "Give the address people open Roster at, such as https://roster.example.com (http or https, no ? or #).")
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}
