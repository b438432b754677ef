package importer

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
)

// Writer writes users in a format an import reads back (docs/import.md):
// CSV, or JSON Lines with every field.
type Writer struct {
	format Format
	count  int64
	buf    *bufio.Writer
	csv    *csv.Writer
	enc    *json.Encoder
}

// NewWriter writes to w in format (csv or jsonl). Flush it at the end.
func NewWriter(w io.Writer, format Format) (*Writer, error) {
	out := &Writer{format: format, buf: bufio.NewWriterSize(w, 256<<10)}
	switch format {
	case FormatCSV:
		out.csv = csv.NewWriter(out.buf)
		head := make([]string, len(Fields))
		for i, f := range Fields {
			head[i] = string(f)
		}
		if err := out.csv.Write(head); err != nil {
			return nil, err
		}
	case FormatJSONL:
		out.enc = json.NewEncoder(out.buf)
		out.enc.SetEscapeHTML(false)
	default:
		return nil, domain.Invalid("format", "An export is written as csv or jsonl, not %q.", format)
	}
	return out, nil
}

// Count is how many users were written.
func (w *Writer) Count() int64 { return w.count }

// Write writes users.
func (w *Writer) Write(users []store.UserRecord) error {
	for _, u := range users {
		w.count++
		var err error
		if w.csv != nil {
			err = w.csv.Write(csvRow(u))
		} else {
			err = w.enc.Encode(jsonRecord(u))
		}
		if err != nil {
			return fmt.Errorf("importer: write %s: %w", u.ExternalID, err)
		}
	}
	return nil
}

// Flush writes what is buffered.
func (w *Writer) Flush() error {
	if w.csv != nil {
		w.csv.Flush()
		if err := w.csv.Error(); err != nil {
			return err
		}
	}
	return w.buf.Flush()
}

func stamp(ms int64) string {
	if ms == 0 {
		return ""
	}
	return time.UnixMilli(ms).UTC().Format(time.RFC3339Nano)
}

func csvRow(u store.UserRecord) []string {
	ints := make([]string, len(u.Connections))
	for i, c := range u.Connections {
		ints[i] = c.Integration
		if c.Status == string(domain.ConnectionError) {
			ints[i] += ":error"
		}
	}
	return []string{u.ExternalID, u.Name, u.Email, stamp(u.CreatedAt), stamp(u.LastActiveAt), stamp(u.DisabledAt),
		u.DisabledReason, u.Metadata, strings.Join(ints, ";")}
}

type jsonConn struct {
	Status      string          `json:"status"`
	ErrorReason string          `json:"error_reason,omitempty"`
	Error       string          `json:"error,omitempty"`
	Workflows   map[string]bool `json:"workflows,omitempty"`
}

type jsonUser struct {
	UserID         string              `json:"user_id"`
	Name           string              `json:"name"`
	Email          string              `json:"email"`
	CreatedAt      string              `json:"created_at"`
	LastActiveAt   *string             `json:"last_active_at"`
	DisabledAt     *string             `json:"disabled_at"`
	DisabledReason string              `json:"disabled_reason"`
	Metadata       json.RawMessage     `json:"metadata"`
	Integrations   map[string]jsonConn `json:"integrations"`
}

func optStamp(ms int64) *string {
	if ms == 0 {
		return nil
	}
	s := stamp(ms)
	return &s
}

func jsonRecord(u store.UserRecord) jsonUser {
	r := jsonUser{UserID: u.ExternalID, Name: u.Name, Email: u.Email, CreatedAt: stamp(u.CreatedAt),
		LastActiveAt: optStamp(u.LastActiveAt), DisabledAt: optStamp(u.DisabledAt), DisabledReason: u.DisabledReason,
		Metadata: json.RawMessage(u.Metadata), Integrations: map[string]jsonConn{}}
	for _, c := range u.Connections {
		r.Integrations[c.Integration] = jsonConn{Status: c.Status, ErrorReason: c.Reason, Error: c.Message, Workflows: c.Workflows}
	}
	return r
}
