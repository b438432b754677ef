package importer

import (
	"encoding/json"
	"strings"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
)

// CSVHeader is the header of a users CSV file as an import reads it back
// (docs/import.md).
func CSVHeader() []string {
	head := make([]string, len(Fields))
	for i, f := range Fields {
		head[i] = string(f)
	}
	return head
}

func stamp(ms int64) string {
	if ms == 0 {
		return ""
	}
	return time.UnixMilli(ms).UTC().Format(time.RFC3339Nano)
}

// CSVRow is a user as a CSV row under CSVHeader: their connections status
// but not their workflow states.
func CSVRow(u store.UserRecord) []string {
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

// JSONRecord is a user with every field, as a JSON or JSON Lines import
// reads it back.
func JSONRecord(u store.UserRecord) any {
	r := jsonUser{UserID: u.ExternalID, Name: u.Name, Email: u.Email, CreatedAt: stamp(u.CreatedAt),
		LastActiveAt: optStamp(u.LastActiveAt), DisabledAt: optStamp(u.DisabledAt), DisabledReason: u.DisabledReason,
		Metadata: json.RawMessage(u.Metadata), Integrations: map[string]jsonConn{}}
	for _, c := range u.Connections {
		r.Integrations[c.Integration] = jsonConn{Status: c.Status, ErrorReason: c.Reason, Error: c.Message, Workflows: c.Workflows}
	}
	return r
}
