// Package exporter writes what a page of Roster shows (connected users with
// their search, filters and sort; the team; the audit log; the run history)
// to CSV, JSON Lines or a JSON array, streamed a page at a time, and records
// each export in the audit log: data leaving Roster is a change worth
// knowing about.
package exporter

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"roster/backend/audit"
	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/importer"
	"roster/backend/store"
	"roster/backend/team"
)

// What is what an export writes.
type What string

// What can be exported.
const (
	WhatUsers   What = "users"
	WhatMembers What = "members"
	WhatAudit   What = "audit"
	WhatRuns    What = "runs"
)

// Whats lists every kind of export.
var Whats = []What{WhatUsers, WhatMembers, WhatAudit, WhatRuns}

// Valid reports whether w is a known kind.
func (w What) Valid() bool { return slices.Contains(Whats, w) }

// Label is the kind as people read it.
func (w What) Label() string {
	switch w {
	case WhatUsers:
		return "Connected users"
	case WhatMembers:
		return "Team members"
	case WhatAudit:
		return "Audit log"
	case WhatRuns:
		return "Run history"
	}
	return string(w)
}

// Input is an export request: what, in which format, and the filters of the
// page it comes from (only the one matching What is read).
type Input struct {
	What    What                `json:"what"`
	Format  importer.Format     `json:"format"`
	Users   connected.ListInput `json:"users"`
	Members team.ListInput      `json:"members"`
	Audit   audit.ListInput     `json:"audit"`
	Runs    connected.RunsInput `json:"runs"`
}

// Progress is how far an export has got. Total is what the page counted
// (capped like the page's count: TotalCapped), or -1 when unknown.
type Progress struct {
	Rows        int64   `json:"rows"`
	Total       int64   `json:"total"`
	TotalCapped bool    `json:"totalCapped"`
	Seconds     float64 `json:"seconds"` // since it started (a job's)
}

// Service runs exports through the same use cases the pages read with, so
// an export holds exactly the rows the page shows, under the same
// permission checks and scope.
type Service struct {
	st    *store.Store
	users *connected.Service
	team  *team.Service
	audit *audit.Service
	now   func() time.Time
}

// New returns a Service.
func New(st *store.Store, users *connected.Service, tm *team.Service, au *audit.Service, now func() time.Time) *Service {
	return &Service{st: st, users: users, team: tm, audit: au, now: now}
}

// FileName is the name an export is offered under, e.g.
// roster-users-20261204-1130.csv.
func FileName(in Input, at time.Time) string {
	return fmt.Sprintf("roster-%s-%s.%s", in.What, at.UTC().Format("20060102-1504"), in.Format)
}

// Check validates in and the actor's right to it without writing anything,
// and returns what the page counts (the progress total).
func (s *Service) Check(ctx context.Context, actor domain.Actor, in Input) (Progress, error) {
	p := Progress{Total: -1}
	if !in.What.Valid() {
		return p, domain.Invalid("what", "Roster exports %s, not %q.", domain.Choices(Whats), in.What)
	}
	if !in.Format.Valid() {
		return p, domain.Invalid("format", "An export is written as %s, not %q.", domain.Choices(importer.Formats), in.Format)
	}
	switch in.What {
	case WhatUsers:
		q := in.Users
		q.Cursor, q.Limit = "", 1
		page, err := s.users.List(ctx, actor, q)
		if err != nil {
			return p, err
		}
		p.Total, p.TotalCapped = int64(page.Total), page.TotalCapped
	case WhatMembers:
		members, err := s.team.List(ctx, actor, in.Members)
		if err != nil {
			return p, err
		}
		p.Total = int64(len(members))
	case WhatAudit:
		q := in.Audit
		q.Cursor, q.Limit = "", 1
		if _, err := s.audit.List(ctx, actor, q); err != nil {
			return p, err
		}
	case WhatRuns:
		q := in.Runs
		q.Cursor, q.Limit = "", 1
		if _, err := s.users.Runs(ctx, actor, q); err != nil {
			return p, err
		}
	}
	return p, nil
}

// Run writes the rows in asks for to w, calling progress after each page,
// and records the export (to names where it went) in the audit log. It
// returns how many rows it wrote; on an error w holds part of them.
func (s *Service) Run(ctx context.Context, actor domain.Actor, in Input, w io.Writer, to string, progress func(Progress)) (int64, error) {
	p, err := s.Check(ctx, actor, in)
	if err != nil {
		return 0, err
	}
	enc, err := newEncoder(w, in.Format, header(in))
	if err != nil {
		return 0, err
	}
	page := func(n int) {
		p.Rows += int64(n)
		if progress != nil {
			progress(p)
		}
	}
	switch in.What {
	case WhatUsers:
		_, err = s.users.Export(ctx, actor, in.Users, in.Format != importer.FormatCSV, func(recs []store.UserRecord) error {
			for _, u := range recs {
				var err error
				if enc.csv != nil {
					err = enc.write(importer.CSVRow(u), nil)
				} else {
					err = enc.write(nil, importer.JSONRecord(u))
				}
				if err != nil {
					return err
				}
			}
			page(len(recs))
			return ctx.Err()
		})
	case WhatMembers:
		err = s.members(ctx, actor, in.Members, enc, page)
	case WhatAudit:
		err = s.auditLog(ctx, actor, in.Audit, enc, page)
	case WhatRuns:
		err = s.runs(ctx, actor, in.Runs, enc, page)
	}
	if err == nil {
		err = enc.close()
	}
	if err != nil {
		return p.Rows, fmt.Errorf("export: %s: %w", in.What, err)
	}
	action, filters := domain.ActionExport, any(nil)
	switch in.What {
	case WhatUsers:
		action, filters = domain.ActionUsersExport, in.Users
	case WhatMembers:
		filters = in.Members
	case WhatAudit:
		filters = in.Audit
	case WhatRuns:
		filters = in.Runs
	}
	// Recorded even in a damaged file: getting the data out is what its
	// owner may need most, and the entry is a record of access, not a change.
	err = s.st.Record(ctx, func(tx store.DB) error {
		return store.AppendAudit(ctx, tx, store.AuditRecord{At: s.now(), Actor: actor, Action: action,
			TargetType: domain.TargetWorkspace, TargetID: string(in.What), TargetLabel: to,
			After: map[string]any{"what": in.What, "filters": filters, "format": in.Format, "to": to, "rows": p.Rows}})
	})
	if err != nil {
		return p.Rows, fmt.Errorf("export: %s: %w", in.What, err)
	}
	return p.Rows, nil
}

func (s *Service) members(ctx context.Context, actor domain.Actor, in team.ListInput, enc *encoder, page func(int)) error {
	members, err := s.team.List(ctx, actor, in)
	if err != nil {
		return err
	}
	for _, m := range members {
		keys := make([]string, len(m.Integrations))
		for i, r := range m.Integrations {
			keys[i] = r.Name
		}
		row := []string{m.Name, m.Email, string(m.Role), strings.Join(keys, ";"), string(m.Status),
			strconv.FormatBool(m.Enabled), strconv.FormatBool(m.Notifications), instant(m.LastSignInAt), m.InvitedBy, instant(&m.CreatedAt)}
		if err := enc.write(row, member(m)); err != nil {
			return err
		}
	}
	page(len(members))
	return nil
}

// member is a team member as an export writes it: without what only the
// asking window needs (its rights, the version).
func member(m domain.Member) any {
	return struct {
		Name          string                  `json:"name"`
		Email         string                  `json:"email"`
		Role          domain.Role             `json:"role"`
		Integrations  []domain.IntegrationRef `json:"integrations"`
		Status        domain.MemberStatus     `json:"status"`
		Enabled       bool                    `json:"enabled"`
		Notifications bool                    `json:"notifications"`
		LastSignInAt  *time.Time              `json:"lastSignInAt"`
		InvitedBy     string                  `json:"invitedBy"`
		CreatedAt     time.Time               `json:"createdAt"`
	}{m.Name, m.Email, m.Role, m.Integrations, m.Status, m.Enabled, m.Notifications, m.LastSignInAt, m.InvitedBy, m.CreatedAt}
}

func (s *Service) auditLog(ctx context.Context, actor domain.Actor, in audit.ListInput, enc *encoder, page func(int)) error {
	in.Cursor, in.Limit = "", domain.MaxPageSize
	for {
		p, err := s.audit.List(ctx, actor, in)
		if err != nil {
			return err
		}
		for _, e := range p.Entries {
			var target string
			if e.Subject != nil {
				target = e.Subject.Text
			}
			row := []string{strconv.FormatInt(e.ID, 10), instant(&e.At), e.ActorID, e.ActorName, e.ActorEmail, string(e.Action),
				string(e.TargetType), e.TargetID, e.TargetLabel, target, raw(e.Before), raw(e.After)}
			if err := enc.write(row, e); err != nil {
				return err
			}
		}
		page(len(p.Entries))
		if p.NextCursor == "" || ctx.Err() != nil {
			return ctx.Err()
		}
		in.Cursor = p.NextCursor
	}
}

func (s *Service) runs(ctx context.Context, actor domain.Actor, in connected.RunsInput, enc *encoder, page func(int)) error {
	in.Cursor, in.Limit = "", domain.MaxPageSize
	for {
		p, err := s.users.Runs(ctx, actor, in)
		if err != nil {
			return err
		}
		for _, r := range p.Runs {
			row := []string{strconv.FormatInt(r.ID, 10), instant(&r.StartedAt), string(r.Status), strconv.FormatInt(r.DurationMs, 10),
				r.User.Key, r.User.Name, r.Integration.Key, r.Workflow.Key, r.Workflow.Name, r.Error}
			if err := enc.write(row, r); err != nil {
				return err
			}
		}
		page(len(p.Runs))
		if p.NextCursor == "" || ctx.Err() != nil {
			return ctx.Err()
		}
		in.Cursor = p.NextCursor
	}
}

// header is the CSV header of an export.
func header(in Input) []string {
	switch in.What {
	case WhatUsers:
		return importer.CSVHeader() // an import reads it back
	case WhatMembers:
		return []string{"name", "email", "role", "integrations", "status", "enabled", "notifications", "last_sign_in_at", "invited_by", "created_at"}
	case WhatAudit:
		return []string{"id", "at", "actor_id", "actor_name", "actor_email", "action", "target_type", "target_id", "target_label", "target_name", "before", "after"}
	default:
		return []string{"id", "started_at", "status", "duration_ms", "user_id", "user_name", "integration", "workflow", "workflow_name", "error"}
	}
}

func instant(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func raw(m json.RawMessage) string {
	if len(m) == 0 || string(m) == "null" {
		return ""
	}
	return string(m)
}

// encoder writes rows as CSV (cells under a header), JSON Lines or a JSON
// array (values), buffered.
type encoder struct {
	format importer.Format
	buf    *bufio.Writer
	csv    *csv.Writer
	json   *json.Encoder
	line   bytes.Buffer
	rows   int64
}

func newEncoder(w io.Writer, format importer.Format, head []string) (*encoder, error) {
	e := &encoder{format: format, buf: bufio.NewWriterSize(w, 256<<10)}
	switch format {
	case importer.FormatCSV:
		e.csv = csv.NewWriter(e.buf)
		return e, e.csv.Write(head)
	case importer.FormatJSONL:
		e.json = json.NewEncoder(e.buf)
	default:
		e.json = json.NewEncoder(&e.line)
		_, err := e.buf.WriteString("[")
		if err != nil {
			return nil, err
		}
	}
	e.json.SetEscapeHTML(false)
	return e, nil
}

func (e *encoder) write(cells []string, v any) error {
	e.rows++
	switch e.format {
	case importer.FormatCSV:
		return e.csv.Write(cells)
	case importer.FormatJSONL:
		return e.json.Encode(v)
	}
	e.line.Reset()
	if err := e.json.Encode(v); err != nil {
		return err
	}
	sep := ",\n"
	if e.rows == 1 {
		sep = "\n"
	}
	e.buf.WriteString(sep)
	_, err := e.buf.Write(bytes.TrimSuffix(e.line.Bytes(), []byte("\n")))
	return err
}

func (e *encoder) close() error {
	switch e.format {
	case importer.FormatCSV:
		e.csv.Flush()
		if err := e.csv.Error(); err != nil {
			return err
		}
	case importer.FormatJSON:
		if _, err := e.buf.WriteString("\n]\n"); err != nil {
			return err
		}
	}
	return e.buf.Flush()
}
