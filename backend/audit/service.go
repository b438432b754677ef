// Package audit holds the use cases on the audit log: reading it. Entries
// are written by the use case that makes each change, in its transaction.
package audit

import (
	"context"

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
	TargetID   string             `json:"targetId"`
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
	if q.TargetID, err = domain.CleanText("targetId", in.TargetID, 100); err != nil {
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
	return store.ListAudit(ctx, s.store.Reader(), q)
}
