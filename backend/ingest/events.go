package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"roster/backend/domain"
)

// Type is an event type.
type Type string

// Event types: the catalogue, users, connection health, runs and toggles.
const (
	TypeIntegration         Type = "integration.upserted"
	TypeWorkflow            Type = "workflow.upserted"
	TypeUser                Type = "user.upserted"
	TypeConnectionConnected Type = "connection.connected"
	TypeConnectionFailed    Type = "connection.failed"
	TypeConnectionRestored  Type = "connection.restored"
	TypeConnectionRemoved   Type = "connection.removed"
	TypeWorkflowRun         Type = "workflow.run"
	TypeWorkflowToggled     Type = "workflow.toggled"
)

// Types lists every event type.
var Types = []Type{TypeIntegration, TypeWorkflow, TypeUser, TypeConnectionConnected, TypeConnectionFailed,
	TypeConnectionRestored, TypeConnectionRemoved, TypeWorkflowRun, TypeWorkflowToggled}

// Limits on an event.
const (
	MaxLine     = 64 << 10 // one event, in bytes
	maxDuration = 7 * 24 * time.Hour
	maxSkew     = 24 * time.Hour // how far in the future an event may claim to be
)

// envelope is every event's outer shape.
type envelope struct {
	ID   string          `json:"id"`
	Type Type            `json:"type"`
	At   string          `json:"at"`
	Data json.RawMessage `json:"data"`
}

// event is one validated event, ready to apply.
type event struct {
	line int
	id   string
	typ  Type
	at   time.Time
	data payload
}

// payload is the data of one event type.
type payload interface {
	validate(at time.Time) error
	apply(b *batch, e *event) error
}

func newPayload(t Type) payload {
	switch t {
	case TypeIntegration:
		return &integrationData{}
	case TypeWorkflow:
		return &workflowData{}
	case TypeUser:
		return &userData{}
	case TypeConnectionConnected, TypeConnectionRestored, TypeConnectionRemoved:
		return &connectionData{}
	case TypeConnectionFailed:
		return &failureData{}
	case TypeWorkflowRun:
		return &runData{}
	case TypeWorkflowToggled:
		return &toggleData{}
	}
	return nil
}

// parse validates one event as sent. It needs no database: what it refuses
// is wrong whatever Roster holds.
func parse(line int, raw []byte, now time.Time) (*event, error) {
	var env envelope
	if err := strict(raw, &env); err != nil {
		return nil, err
	}
	id, err := domain.OneLine("id", env.ID, domain.MaxExternalIDLen, true)
	if err != nil {
		return nil, err
	}
	e := &event{line: line, id: id, typ: env.Type, at: now}
	if e.data = newPayload(env.Type); e.data == nil {
		if env.Type == "" {
			return e, domain.Invalid("type", "Give the event's type: %s.", domain.Choices(Types))
		}
		return e, domain.Invalid("type", "Unknown event type %q; use %s.", env.Type, domain.Choices(Types))
	}
	if env.At != "" {
		if e.at, err = domain.ParseInstant("at", env.At); err != nil {
			return e, err
		}
		if e.at.After(now.Add(maxSkew)) {
			return e, domain.Invalid("at", "The event is dated %s, more than a day ahead of this machine's clock.", env.At)
		}
		e.at = e.at.UTC()
	}
	if len(env.Data) == 0 || bytes.Equal(env.Data, []byte("null")) {
		return e, domain.Invalid("data", "A %s event needs its data object.", env.Type)
	}
	err = strict(env.Data, e.data)
	if err == nil {
		err = e.data.validate(now)
	}
	var de *domain.Error
	if errors.As(err, &de) && de.Field != "" {
		de.Field = "data." + de.Field // the envelope's fields are named as they are
	}
	return e, err
}

// strict decodes one JSON object, refusing unknown fields and trailing data,
// with a message that names the field.
func strict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &te) && te.Field != "":
			return domain.Invalid(te.Field, "%s must be a %s, not a JSON %s.", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return domain.Invalid(name, "Unknown field %q.", name)
		}
		return domain.Invalid("", "This is not a JSON object: %v.", err)
	}
	if dec.More() {
		return domain.Invalid("", "Only one JSON object per line.")
	}
	return nil
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "string"
	case "bool":
		return "true or false"
	case "struct", "map":
		return "JSON object"
	case "slice":
		return "JSON array"
	}
	return "number"
}

type integrationData struct {
	Integration string `json:"integration"`
	Name        string `json:"name"`
	Category    string `json:"category"`
}

func (d *integrationData) validate(time.Time) (err error) {
	if d.Integration, err = domain.Key("integration", d.Integration); err != nil {
		return err
	}
	if d.Name, err = domain.OneLine("name", d.Name, domain.MaxLabelLen, true); err != nil {
		return err
	}
	d.Category, err = domain.OneLine("category", d.Category, domain.MaxLabelLen, false)
	return err
}

type workflowData struct {
	Integration string `json:"integration"`
	Workflow    string `json:"workflow"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

func (d *workflowData) validate(time.Time) (err error) {
	if d.Integration, err = domain.Key("integration", d.Integration); err != nil {
		return err
	}
	if d.Workflow, err = domain.Key("workflow", d.Workflow); err != nil {
		return err
	}
	if d.Name, err = domain.OneLine("name", d.Name, domain.MaxLabelLen, true); err != nil {
		return err
	}
	d.Description, err = domain.Message("description", d.Description)
	return err
}

type userData struct {
	User     string          `json:"user"`
	Name     *string         `json:"name"`
	Email    *string         `json:"email"`
	Metadata json.RawMessage `json:"metadata"`
}

func (d *userData) validate(time.Time) (err error) {
	if d.User, err = domain.OneLine("user", d.User, domain.MaxExternalIDLen, true); err != nil {
		return err
	}
	if d.Name != nil {
		n, err := domain.OneLine("name", *d.Name, domain.MaxLabelLen, true)
		if err != nil {
			return err
		}
		d.Name = &n
	}
	if d.Email != nil && strings.TrimSpace(*d.Email) != "" {
		e, err := domain.Email("email", *d.Email)
		if err != nil {
			return err
		}
		d.Email = &e
	}
	if d.Metadata != nil {
		if d.Metadata, err = domain.Metadata("metadata", d.Metadata); err != nil {
			return err
		}
	}
	return nil
}

// connectionData names one user's integration.
type connectionData struct {
	User        string `json:"user"`
	Integration string `json:"integration"`
}

func (d *connectionData) validate(time.Time) (err error) {
	if d.User, err = domain.OneLine("user", d.User, domain.MaxExternalIDLen, true); err != nil {
		return err
	}
	d.Integration, err = domain.Key("integration", d.Integration)
	return err
}

type failureData struct {
	connectionData
	Reason  domain.CredentialError `json:"reason"`
	Message string                 `json:"message"`
}

func (d *failureData) validate(now time.Time) (err error) {
	if err := d.connectionData.validate(now); err != nil {
		return err
	}
	if !d.Reason.Valid() {
		return domain.Invalid("reason", "reason is %s, not %q.", domain.Choices(domain.CredentialErrors), d.Reason)
	}
	d.Message, err = domain.Message("message", d.Message)
	return err
}

// workflowRef names one workflow of one user's integration.
type workflowRef struct {
	connectionData
	Workflow string `json:"workflow"`
}

func (d *workflowRef) validate(now time.Time) (err error) {
	if err := d.connectionData.validate(now); err != nil {
		return err
	}
	d.Workflow, err = domain.Key("workflow", d.Workflow)
	return err
}

type runData struct {
	workflowRef
	Status     domain.RunStatus `json:"status"`
	StartedAt  string           `json:"started_at"`
	DurationMs *int64           `json:"duration_ms"`
	Error      string           `json:"error"`

	started time.Time
}

func (d *runData) validate(now time.Time) (err error) {
	if err := d.workflowRef.validate(now); err != nil {
		return err
	}
	if !d.Status.Valid() {
		return domain.Invalid("status", "status is %s, not %q.", domain.Choices(domain.RunStatuses), d.Status)
	}
	if d.StartedAt == "" {
		return domain.Invalid("started_at", "started_at is required: when the run started, like 2026-01-31T09:30:00Z.")
	}
	if d.started, err = domain.ParseInstant("started_at", d.StartedAt); err != nil {
		return err
	}
	if d.started.After(now.Add(maxSkew)) {
		return domain.Invalid("started_at", "The run is dated %s, more than a day ahead of this machine's clock.", d.StartedAt)
	}
	if d.DurationMs == nil {
		return domain.Invalid("duration_ms", "duration_ms is required: how long the run took, in milliseconds.")
	}
	if *d.DurationMs < 0 || time.Duration(*d.DurationMs)*time.Millisecond > maxDuration {
		return domain.Invalid("duration_ms", "duration_ms is %d; it must be from 0 to %d (7 days).", *d.DurationMs, maxDuration.Milliseconds())
	}
	if d.Error, err = domain.Message("error", d.Error); err != nil {
		return err
	}
	if d.Status == domain.RunSucceeded && d.Error != "" {
		return domain.Invalid("error", "A succeeded run has no error; send status \"failed\" with it.")
	}
	return nil
}

type toggleData struct {
	workflowRef
	Enabled *bool `json:"enabled"`
}

func (d *toggleData) validate(now time.Time) error {
	if err := d.workflowRef.validate(now); err != nil {
		return err
	}
	if d.Enabled == nil {
		return domain.Invalid("enabled", "enabled is required: true or false.")
	}
	return nil
}

// Outcome is what became of one event.
type Outcome string

const (
	Accepted  Outcome = "accepted"
	Duplicate Outcome = "duplicate" // its id was applied before: nothing changed
	Rejected  Outcome = "rejected"
)

// Outcomes lists every outcome.
var Outcomes = []Outcome{Accepted, Duplicate, Rejected}

// Line is the outcome of one line (or array element) of a batch.
type Line struct {
	Line    int     `json:"line"`
	ID      string  `json:"id"`
	Outcome Outcome `json:"outcome"`
	Field   string  `json:"field,omitempty"`
	Reason  string  `json:"reason,omitempty"`
}

// String is the line as the command line prints it.
func (l Line) String() string {
	s := fmt.Sprintf("line %d", l.Line)
	if l.ID != "" {
		s += fmt.Sprintf(" (%s)", l.ID)
	}
	s += ": " + string(l.Outcome)
	if l.Reason != "" {
		s += ": " + l.Reason
	}
	return s
}

// Report is what became of a batch.
type Report struct {
	Accepted   int `json:"accepted"`
	Duplicates int `json:"duplicates"`
	Rejected   int `json:"rejected"`
	// Lines holds every line, or only the rejected ones (the first
	// MaxReported of them) for a file import.
	Lines []Line `json:"lines"`
	// MailQueued counts the notifications the batch queued.
	MailQueued int `json:"mailQueued"`
}

// Total is how many events the report covers.
func (r Report) Total() int { return r.Accepted + r.Duplicates + r.Rejected }

// MaxReported bounds the rejected lines a file import keeps.
const MaxReported = 1000

func (r *Report) add(l Line, all bool) {
	switch l.Outcome {
	case Accepted:
		r.Accepted++
	case Duplicate:
		r.Duplicates++
	case Rejected:
		r.Rejected++
	}
	if all || (l.Outcome == Rejected && len(r.Lines) < MaxReported) {
		r.Lines = append(r.Lines, l)
	}
}
