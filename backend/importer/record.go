package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"roster/backend/domain"
)

// Field is a field of the user record (docs/import.md).
type Field string

// The record's fields.
const (
	FieldUserID         Field = "user_id"
	FieldName           Field = "name"
	FieldEmail          Field = "email"
	FieldCreatedAt      Field = "created_at"
	FieldLastActiveAt   Field = "last_active_at"
	FieldDisabledAt     Field = "disabled_at"
	FieldDisabledReason Field = "disabled_reason"
	FieldMetadata       Field = "metadata"
	FieldIntegrations   Field = "integrations"
)

// Fields lists every field, in the order an export writes them.
var Fields = []Field{FieldUserID, FieldName, FieldEmail, FieldCreatedAt, FieldLastActiveAt, FieldDisabledAt,
	FieldDisabledReason, FieldMetadata, FieldIntegrations}

// Valid reports whether f is a known field.
func (f Field) Valid() bool {
	for _, x := range Fields {
		if x == f {
			return true
		}
	}
	return false
}

// Label is the field as the column mapping shows it.
func (f Field) Label() string {
	return map[Field]string{FieldUserID: "User ID", FieldName: "Name", FieldEmail: "E-mail", FieldCreatedAt: "Date created",
		FieldLastActiveAt: "Last active", FieldDisabledAt: "Disabled", FieldDisabledReason: "Disabled reason",
		FieldMetadata: "Metadata", FieldIntegrations: "Integrations"}[f]
}

// Description says what a column mapped to f must hold.
func (f Field) Description() string {
	return map[Field]string{
		FieldUserID:         "Your external id for the user; the key of the upsert",
		FieldName:           "Up to 200 characters; a new user without one is named by their id",
		FieldEmail:          "An e-mail address, or empty",
		FieldCreatedAt:      "A date (2024-03-01) or time (2024-03-01T09:30:00Z); empty keeps the date Roster has",
		FieldLastActiveAt:   "A date or time; empty means never",
		FieldDisabledAt:     "A date or time, or yes/no; empty means enabled",
		FieldDisabledReason: "Why the user is disabled",
		FieldMetadata:       "A JSON object",
		FieldIntegrations:   "Integration keys separated by ; each optionally followed by :error (salesforce;slack:error)",
	}[f]
}

// aliases are the column names (lower case, letters and digits only) a
// CSV header is matched with, per field.
var aliases = map[Field][]string{
	FieldUserID:         {"userid", "id", "externalid", "externaluserid", "user", "customerid", "uid"},
	FieldName:           {"name", "fullname", "username", "displayname"},
	FieldEmail:          {"email", "emailaddress", "mail"},
	FieldCreatedAt:      {"createdat", "created", "datecreated", "createdon", "firstseen", "signupdate"},
	FieldLastActiveAt:   {"lastactiveat", "lastactive", "lastseen", "lastactivity"},
	FieldDisabledAt:     {"disabledat", "disabled"},
	FieldDisabledReason: {"disabledreason", "reason"},
	FieldMetadata:       {"metadata", "meta"},
	FieldIntegrations:   {"integrations", "integrationsenabled", "connections"},
}

func normalise(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Mapping says which CSV column holds each field: field → header name.
type Mapping map[Field]string

// DetectMapping maps each field to the first header matching one of its
// names.
func DetectMapping(header []string) Mapping {
	m := Mapping{}
	for _, f := range Fields {
		for _, h := range header {
			if _, taken := m[f]; !taken && contains(aliases[f], normalise(h)) && !m.uses(h) {
				m[f] = h
			}
		}
	}
	return m
}

func (m Mapping) uses(column string) bool {
	for _, c := range m {
		if c == column {
			return true
		}
	}
	return false
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// columns resolves a mapping against a header: field → column index.
func (m Mapping) columns(header []string) (map[Field]int, error) {
	cols := map[Field]int{}
	for f, name := range m {
		if !f.Valid() {
			return nil, domain.Invalid("mapping", "%q is not a field; the fields are %s.", f, domain.Choices(Fields))
		}
		if name == "" {
			continue
		}
		i := indexOf(header, name)
		if i < 0 {
			return nil, domain.Invalid("mapping", "The file has no column %q (for %s); its columns are %s.", name, f, strings.Join(header, ", "))
		}
		cols[f] = i
	}
	if _, ok := cols[FieldUserID]; !ok {
		return nil, domain.Invalid("mapping", "No column is mapped to user_id, and an import needs it; the file's columns are %s.", strings.Join(header, ", "))
	}
	return cols, nil
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// Record is one user as a file describes them. A nil field is absent: an
// existing user keeps what Roster has.
type Record struct {
	Line           int
	UserID         string
	Name           *string
	Email          *string
	CreatedAt      *int64 // Unix ms
	LastActiveAt   *int64 // 0 = never
	DisabledAt     *int64 // 0 = enabled; disabledNow = disabled, since whenever Roster says or now
	DisabledReason *string
	Metadata       *string
	Integrations   map[string]*Conn // nil = absent: connections are left as they are
}

// disabledNow is DisabledAt for "disabled" without a time.
const disabledNow = -1

// Conn is one connection in a record.
type Conn struct {
	Status    domain.ConnectionStatus
	Reason    domain.CredentialError
	Message   string
	Workflows map[string]bool
}

// Problem is a row an import rejects (or would reject).
type Problem struct {
	Line   int    `json:"line"`
	UserID string `json:"userId,omitempty"`
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
}

// problem turns a validation error into a Problem.
func problem(line int, userID string, err error) Problem {
	p := Problem{Line: line, UserID: userID, Reason: err.Error()}
	var de *domain.Error
	if errors.As(err, &de) {
		p.Field, p.Reason = de.Field, de.Message
	}
	return p
}

// decoder turns rows into validated records.
type decoder struct {
	now  time.Time
	cols map[Field]int // CSV
}

func (d *decoder) record(r row) (*Record, error) {
	if r.err != nil {
		return nil, r.err
	}
	if r.cells != nil {
		return d.fromCells(r)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(r.obj, &obj); err != nil || obj == nil {
		return nil, domain.Invalid("", "This is not a JSON object (a user record).")
	}
	if _, ok := obj["userId"]; ok {
		return d.fromPlatform(r.line, obj)
	}
	return d.fromRoster(r.line, obj)
}

func (d *decoder) fromCells(r row) (*Record, error) {
	rec := &Record{Line: r.line}
	cell := func(f Field) (string, bool) {
		i, ok := d.cols[f]
		if !ok || i >= len(r.cells) {
			return "", ok
		}
		return r.cells[i], true
	}
	id, _ := cell(FieldUserID)
	var err error
	if rec.UserID, err = domain.OneLine(string(FieldUserID), id, domain.MaxExternalIDLen, true); err != nil {
		return rec, err
	}
	// A mapped column says what is true: an empty cell is "none", except
	// for a name or a creation date, which a user always has.
	for _, f := range Fields[1:] {
		v, ok := cell(f)
		if !ok {
			continue
		}
		if strings.TrimSpace(v) == "" && (f == FieldName || f == FieldCreatedAt) {
			continue
		}
		if err := d.set(rec, f, v); err != nil {
			return rec, err
		}
	}
	return rec, nil
}

// set parses a CSV cell into the record's field.
func (d *decoder) set(rec *Record, f Field, v string) error {
	v = strings.TrimSpace(v)
	var err error
	switch f {
	case FieldName, FieldEmail, FieldDisabledReason:
		var s string
		if s, err = d.text(f, v); err == nil {
			rec.setText(f, s)
		}
	case FieldCreatedAt, FieldLastActiveAt:
		var ms int64
		if v != "" {
			if ms, err = d.date(f, v); err != nil {
				return err
			}
		}
		rec.setTime(f, ms)
	case FieldDisabledAt:
		var ms int64
		switch strings.ToLower(v) {
		case "", "false", "no", "0":
		case "true", "yes", "1":
			ms = disabledNow
		default:
			if ms, err = d.date(f, v); err != nil {
				return err
			}
		}
		rec.DisabledAt = &ms
	case FieldMetadata:
		meta := "{}"
		if v != "" {
			raw, err := domain.Metadata(string(f), []byte(v))
			if err != nil {
				return err
			}
			meta = string(raw)
		}
		rec.Metadata = &meta
	case FieldIntegrations:
		rec.Integrations = map[string]*Conn{}
		for _, item := range strings.Split(v, ";") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			c := &Conn{Status: domain.ConnectionConnected}
			if k, ok := strings.CutSuffix(item, ":error"); ok {
				item, c.Status = k, domain.ConnectionError
			}
			key, err := domain.Key("integrations", item)
			if err != nil {
				return domain.Invalid("integrations", "%s (list integration keys separated by ';', each optionally followed by ':error').", strings.TrimSuffix(err.Error(), "."))
			}
			rec.Integrations[key] = c
		}
	}
	return err
}

func (rec *Record) setText(f Field, s string) {
	switch f {
	case FieldName:
		rec.Name = &s
	case FieldEmail:
		rec.Email = &s
	case FieldDisabledReason:
		rec.DisabledReason = &s
	}
}

func (rec *Record) setTime(f Field, ms int64) {
	if f == FieldCreatedAt {
		rec.CreatedAt = &ms
	} else {
		rec.LastActiveAt = &ms
	}
}

// text validates a text field.
func (d *decoder) text(f Field, v string) (string, error) {
	switch f {
	case FieldEmail:
		if strings.TrimSpace(v) == "" {
			return "", nil
		}
		return domain.Email(string(f), v)
	case FieldName:
		return domain.OneLine(string(f), v, domain.MaxLabelLen, true)
	}
	return domain.CleanText(string(f), v, domain.MaxReasonLen) // a reason may run over lines
}

// date parses a date no more than a day ahead of now.
func (d *decoder) date(f Field, v string) (int64, error) {
	t, err := domain.ParseDate(string(f), v)
	if err != nil {
		return 0, err
	}
	if t.After(d.now.Add(24*time.Hour)) || t.Year() < 1970 {
		return 0, domain.Invalid(string(f), "%s is %s: more than a day ahead of this machine's clock, or before 1970.", f, v)
	}
	return t.UnixMilli(), nil
}

// fromRoster reads Roster's own record; unknown fields are refused so a
// typo is an error, not a silent default.
func (d *decoder) fromRoster(line int, obj map[string]json.RawMessage) (*Record, error) {
	rec := &Record{Line: line}
	var id string
	if err := jsonString(obj, FieldUserID, &id); err != nil {
		return rec, err
	}
	var err error
	if rec.UserID, err = domain.OneLine(string(FieldUserID), id, domain.MaxExternalIDLen, true); err != nil {
		return rec, err
	}
	for k, raw := range obj {
		f := Field(k)
		switch {
		case f == FieldUserID:
		case !f.Valid():
			return rec, domain.Invalid(k, "Unknown field %q; a record's fields are %s.", k, domain.Choices(Fields))
		case f == FieldMetadata:
			if isNull(raw) {
				raw = []byte("{}")
			}
			meta, err := domain.Metadata(k, raw)
			if err != nil {
				return rec, err
			}
			s := string(meta)
			rec.Metadata = &s
		case f == FieldIntegrations:
			if rec.Integrations, err = d.rosterIntegrations(raw); err != nil {
				return rec, err
			}
		case f == FieldLastActiveAt || f == FieldDisabledAt || f == FieldCreatedAt:
			var ms int64
			if !isNull(raw) {
				var s string
				if err := json.Unmarshal(raw, &s); err != nil {
					return rec, domain.Invalid(k, "%s must be a date as a string, like \"2026-01-31T09:30:00Z\", or null.", k)
				}
				if ms, err = d.date(f, s); err != nil {
					return rec, err
				}
			} else if f == FieldCreatedAt {
				return rec, domain.Invalid(k, "created_at cannot be null; leave it out to keep the date Roster has.")
			}
			switch f {
			case FieldDisabledAt:
				rec.DisabledAt = &ms
			default:
				rec.setTime(f, ms)
			}
		default: // name, email, disabled_reason
			var s string
			if err := jsonString(obj, f, &s); err != nil {
				return rec, err
			}
			if s, err = d.text(f, s); err != nil {
				return rec, err
			}
			rec.setText(f, s)
		}
	}
	return rec, nil
}

type rosterConn struct {
	Status      domain.ConnectionStatus `json:"status"`
	ErrorReason domain.CredentialError  `json:"error_reason"`
	Error       string                  `json:"error"`
	Workflows   map[string]bool         `json:"workflows"`
}

func (d *decoder) rosterIntegrations(raw json.RawMessage) (map[string]*Conn, error) {
	out := map[string]*Conn{}
	if isNull(raw) {
		return out, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, domain.Invalid("integrations", "integrations must be an object: integration key → {status, workflows}.")
	}
	for k, v := range m {
		key, err := domain.Key("integrations", k)
		if err != nil {
			return nil, err
		}
		var rc rosterConn
		dec := json.NewDecoder(bytes.NewReader(v))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rc); err != nil {
			return nil, domain.Invalid("integrations."+k, "integrations.%s must be {\"status\": \"connected\" or \"error\", \"error_reason\", \"error\", \"workflows\": {key: true or false}}: %v.", k, err)
		}
		c := &Conn{Status: rc.Status, Reason: rc.ErrorReason, Workflows: map[string]bool{}}
		if c.Status == "" {
			c.Status = domain.ConnectionConnected
		}
		if !c.Status.Valid() {
			return nil, domain.Invalid("integrations."+k+".status", "integrations.%s.status is connected or error, not %q.", k, rc.Status)
		}
		if c.Reason != "" && !c.Reason.Valid() {
			return nil, domain.Invalid("integrations."+k+".error_reason", "integrations.%s.error_reason is %s, not %q.", k, domain.Choices(domain.CredentialErrors), rc.ErrorReason)
		}
		if c.Message, err = domain.Message("integrations."+k+".error", rc.Error); err != nil {
			return nil, err
		}
		if c.Status == domain.ConnectionConnected && (c.Reason != "" || c.Message != "") {
			return nil, domain.Invalid("integrations."+k, "integrations.%s is connected, so it has no error; give \"status\": \"error\" with it.", k)
		}
		for wk, on := range rc.Workflows {
			w, err := domain.Key("integrations."+k+".workflows", wk)
			if err != nil {
				return nil, err
			}
			c.Workflows[w] = on
		}
		out[key] = c
	}
	return out, nil
}

// platformRecord is a connected user as an integration platform's users
// API returns it; fields Roster has no use for are ignored.
type platformRecord struct {
	UserID       json.RawMessage            `json:"userId"`
	Meta         map[string]json.RawMessage `json:"meta"`
	Integrations map[string]struct {
		Enabled             bool   `json:"enabled"`
		CredentialStatus    string `json:"credentialStatus"`
		ConfiguredWorkflows map[string]struct {
			Enabled bool `json:"enabled"`
		} `json:"configuredWorkflows"`
	} `json:"integrations"`
}

func (d *decoder) fromPlatform(line int, obj map[string]json.RawMessage) (*Record, error) {
	rec := &Record{Line: line}
	raw, _ := json.Marshal(obj)
	var p platformRecord
	if err := json.Unmarshal(raw, &p); err != nil {
		return rec, domain.Invalid("", "This user record does not have a users API's shape: %v.", err)
	}
	var id string
	if err := json.Unmarshal(p.UserID, &id); err != nil {
		var n json.Number
		if json.Unmarshal(p.UserID, &n) != nil {
			return rec, domain.Invalid("userId", "userId must be a string.")
		}
		id = n.String()
	}
	var err error
	if rec.UserID, err = domain.OneLine("userId", id, domain.MaxExternalIDLen, true); err != nil {
		return rec, err
	}
	meta := map[string]json.RawMessage{}
	for k, v := range p.Meta {
		var s string
		switch strings.ToLower(k) {
		case "name":
			if json.Unmarshal(v, &s) == nil && strings.TrimSpace(s) != "" {
				if s, err = domain.OneLine("meta."+k, s, domain.MaxLabelLen, true); err != nil {
					return rec, err
				}
				rec.Name = &s
				continue
			}
		case "email":
			if json.Unmarshal(v, &s) == nil {
				if s, err = d.text(FieldEmail, s); err != nil {
					return rec, err
				}
				rec.Email = &s
				continue
			}
		}
		meta[k] = v
	}
	if p.Meta != nil {
		b, _ := json.Marshal(meta)
		m, err := domain.Metadata("meta", b)
		if err != nil {
			return rec, err
		}
		s := string(m)
		rec.Metadata = &s
	}
	if p.Integrations != nil {
		rec.Integrations = map[string]*Conn{}
		for k, in := range p.Integrations {
			if !in.Enabled {
				continue
			}
			key, err := domain.Key("integrations", k)
			if err != nil {
				return rec, err
			}
			c := &Conn{Status: domain.ConnectionConnected, Workflows: map[string]bool{}}
			switch strings.ToUpper(in.CredentialStatus) {
			case "", "VALID":
			case "INVALID":
				c.Status, c.Reason = domain.ConnectionError, domain.CredentialInvalid
			case "EXPIRED":
				c.Status, c.Reason = domain.ConnectionError, domain.CredentialExpired
			default:
				return rec, domain.Invalid("integrations."+k+".credentialStatus", "credentialStatus is VALID or INVALID, not %q.", in.CredentialStatus)
			}
			for wk, w := range in.ConfiguredWorkflows {
				wkey, err := domain.Key("integrations."+k+".configuredWorkflows", wk)
				if err != nil {
					return rec, err
				}
				c.Workflows[wkey] = w.Enabled
			}
			rec.Integrations[key] = c
		}
	}
	return rec, nil
}

func isNull(raw json.RawMessage) bool { return len(raw) == 0 || string(raw) == "null" }

// jsonString reads a string field of obj into s; an absent field leaves s.
func jsonString(obj map[string]json.RawMessage, f Field, s *string) error {
	raw, ok := obj[string(f)]
	if !ok {
		return nil
	}
	if isNull(raw) {
		*s = ""
		return nil
	}
	if err := json.Unmarshal(raw, s); err != nil {
		return domain.Invalid(string(f), "%s must be a string.", f)
	}
	return nil
}
