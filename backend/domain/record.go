package domain

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on the fields of data that comes in from outside (events, import
// files), shared by every door so that what one accepts the others accept.
const (
	MaxExternalIDLen = 200 // a connected user's id, an event's id
	MaxKeyLen        = 100 // an integration's or a workflow's key
	MaxLabelLen      = 200 // a connected user's, integration's or workflow's name
	MaxMessageLen    = 2000
	MaxMetadataBytes = 16 << 10
)

// OneLine checks a one-line text field from outside: valid UTF-8, no
// control characters, at most max characters; required ones may not be
// empty. It returns the text trimmed.
func OneLine(field, s string, max int, required bool) (string, error) {
	s = strings.TrimSpace(s)
	if required && s == "" {
		return "", Invalid(field, "%s is required.", field)
	}
	if !utf8.ValidString(s) {
		return "", Invalid(field, "%s is not valid UTF-8 text.", field)
	}
	if n := utf8.RuneCountInString(s); n > max {
		return "", Invalid(field, "%s is %d characters long; the limit is %d.", field, n, max)
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }) {
		return "", Invalid(field, "%s must be one line without control characters.", field)
	}
	if i := strings.IndexFunc(s, spoofs); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return "", Invalid(field, "%s contains an invisible character that changes how text reads (U+%04X); remove it.", field, r)
	}
	return s, nil
}

// Message checks a longer text from outside (an error message): line
// breaks allowed.
func Message(field, s string) (string, error) {
	s, err := CleanText(field, s, MaxMessageLen)
	var de *Error
	if errors.As(err, &de) {
		de.Message = field + ": " + de.Message
	}
	return s, err
}

// Key checks an integration or workflow key: letters, digits and . _ - :
func Key(field, s string) (string, error) {
	s, err := OneLine(field, s, MaxKeyLen, true)
	if err != nil {
		return "", err
	}
	if i := strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-:", r))
	}); i >= 0 {
		return "", Invalid(field, "%s %q may hold only letters, digits and . _ - : (found %q).", field, s, s[i:i+1])
	}
	return s, nil
}

// Metadata checks a connected user's metadata: a JSON object of at most
// MaxMetadataBytes, returned compacted.
func Metadata(field string, raw []byte) (json.RawMessage, error) {
	if len(raw) > MaxMetadataBytes {
		return nil, Invalid(field, "%s is %d bytes; the limit is %d.", field, len(raw), MaxMetadataBytes)
	}
	// Compact checks the syntax; a valid value that starts with a brace
	// is an object. (Decoding into a map to check it was an eighth of what
	// an import allocated.)
	var b bytes.Buffer
	b.Grow(len(raw))
	if err := json.Compact(&b, raw); err != nil || b.Len() == 0 || b.Bytes()[0] != '{' {
		return nil, Invalid(field, "%s must be a JSON object.", field)
	}
	return b.Bytes(), nil
}

// ParseDate parses a date from a file: RFC 3339, or a day (YYYY-MM-DD,
// midnight UTC).
func ParseDate(field, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return time.Time{}, Invalid(field, "%s must be a date like 2026-01-31 or a time like 2026-01-31T09:30:00Z; got %q.", field, s)
}

// ImportState is where an import of a file stands.
type ImportState string

const (
	ImportRunning     ImportState = "running"
	ImportDone        ImportState = "done"
	ImportCancelled   ImportState = "cancelled"
	ImportFailed      ImportState = "failed"
	ImportInterrupted ImportState = "interrupted" // its process stopped half-way (a crash, kill -9)
)

// ImportStates lists every state.
var ImportStates = []ImportState{ImportRunning, ImportDone, ImportCancelled, ImportFailed, ImportInterrupted}

// Label is the state as people read it.
func (s ImportState) Label() string {
	switch s {
	case ImportRunning:
		return "Running"
	case ImportDone:
		return "Done"
	case ImportCancelled:
		return "Cancelled"
	case ImportFailed:
		return "Failed"
	case ImportInterrupted:
		return "Interrupted"
	}
	return string(s)
}

// ImportRun is one import of a file of connected users, as Roster records it.
type ImportRun struct {
	ID         int64       `json:"id"`
	File       string      `json:"file"`
	Format     string      `json:"format"`
	Size       int64       `json:"size"`
	ActorName  string      `json:"actorName"`
	State      ImportState `json:"state"`
	StartedAt  time.Time   `json:"startedAt" ts_type:"string"`
	UpdatedAt  time.Time   `json:"updatedAt" ts_type:"string"`
	FinishedAt *time.Time  `json:"finishedAt" ts_type:"string | null"`
	RowsDone   int64       `json:"rowsDone"`
	BytesDone  int64       `json:"bytesDone"`
	Added      int         `json:"added"`
	Updated    int         `json:"updated"`
	Unchanged  int         `json:"unchanged"`
	Rejected   int         `json:"rejected"`
	Error      string      `json:"error"`
	// RolledBackAt is when the import was rolled back, if it was.
	RolledBackAt *time.Time `json:"rolledBackAt" ts_type:"string | null"`
}
