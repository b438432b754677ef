// Package audit holds the use cases on the audit log: reading it. Entries
// are written by the use case that makes each change, in its transaction.
package audit

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"roster/backend/domain"
	"roster/backend/store"
)

// Service reads the audit log.
type Service struct {
	store *store.Store
}

// New returns a Service.
func New(s *store.Store) *Service { return &Service{store: s} }

// ListInput is an audit-log request as callers send it.
type ListInput struct {
	Action     domain.AuditAction `json:"action,omitempty"`     // "" = any
	TargetType domain.TargetType  `json:"targetType,omitempty"` // "" = any
	Actor      string             `json:"actor"`                // an actor's id (a member's, or "cli") or a member's e-mail; "" = anyone
	Target     string             `json:"target"`               // a connected user's external id or a member's e-mail; "" = any
	From       string             `json:"from"`
	To         string             `json:"to"`
	Cursor     string             `json:"cursor"`
	Limit      int                `json:"limit"`
}

// List returns one page of entries, newest first.
func (s *Service) List(ctx context.Context, actor domain.Actor, in ListInput) (domain.AuditPage, error) {
	if err := domain.Require(actor, domain.PermViewAudit, domain.Target{}); err != nil {
		return domain.AuditPage{}, err
	}
	q := store.AuditQuery{Cursor: in.Cursor}
	var err error
	if in.Action != "" && !in.Action.Valid() {
		return domain.AuditPage{}, domain.Invalid("action", "Unknown action %q.", in.Action)
	}
	if in.TargetType != "" && !in.TargetType.Valid() {
		return domain.AuditPage{}, domain.Invalid("targetType", "Unknown target type %q; use %s.", in.TargetType, domain.Choices(domain.TargetTypes))
	}
	if q.ActorID, err = domain.CleanText("actor", in.Actor, 100); err != nil {
		return domain.AuditPage{}, err
	}
	if strings.Contains(q.ActorID, "@") {
		// By e-mail, as the command line asks: who that member is now.
		m, err := store.MemberByEmail(ctx, s.store.Reader(), q.ActorID)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return domain.AuditPage{}, fmt.Errorf("audit: list: %w", err)
		}
		q.ActorID = strconv.FormatInt(m.ID, 10) // 0, nobody's, when no member has it
	}
	target, err := domain.CleanText("target", in.Target, 320)
	if err != nil {
		return domain.AuditPage{}, err
	}
	if q.From, err = domain.ParseInstant("from", in.From); err != nil {
		return domain.AuditPage{}, err
	}
	if q.To, err = domain.ParseInstant("to", in.To); err != nil {
		return domain.AuditPage{}, err
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return domain.AuditPage{}, domain.Invalid("to", "The end date must be after the start date.")
	}
	if q.Limit, err = domain.PageSize(in.Limit); err != nil {
		return domain.AuditPage{}, err
	}
	q.Action, q.TargetType = in.Action, in.TargetType
	if target != "" {
		// Nobody by that key: no targets, so no entries.
		if q.Targets, err = store.AuditTargetsOf(ctx, s.store.Reader(), target); err != nil {
			return domain.AuditPage{}, fmt.Errorf("audit: list: %w", err)
		}
		if q.Targets == nil {
			q.Targets = []store.AuditTargetKey{}
		}
	}
	page, err := store.ListAudit(ctx, s.store.Reader(), q)
	if err != nil {
		return page, fmt.Errorf("audit: list: %w", err)
	}
	return page, nil
}

// Actors lists everyone who appears as an actor in the log, for its filter.
func (s *Service) Actors(ctx context.Context, actor domain.Actor) ([]domain.AuditActor, error) {
	if err := domain.Require(actor, domain.PermViewAudit, domain.Target{}); err != nil {
		return nil, err
	}
	actors, err := store.AuditActors(ctx, s.store.Reader())
	if err != nil {
		return nil, fmt.Errorf("audit: actors: %w", err)
	}
	return actors, nil
}
