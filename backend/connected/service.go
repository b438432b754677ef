// Package connected holds the use cases on connected users: list, look at,
// disable and re-enable, uninstall an integration, and switch a workflow.
package connected

import (
	"context"
	"strconv"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
)

// Service runs the connected-user use cases against one store.
type Service struct {
	store *store.Store
	now   func() time.Time
}

// New returns a Service; now is the clock (time.Now outside tests).
func New(s *store.Store, now func() time.Time) *Service {
	return &Service{store: s, now: now}
}

// ListInput is a user-list request as callers send it.
type ListInput struct {
	Search        string            `json:"search"`
	Status        domain.UserStatus `json:"status,omitempty"` // "" = any
	IntegrationID int64             `json:"integrationId"`    // 0 = any
	CreatedFrom   string            `json:"createdFrom"`
	CreatedTo     string            `json:"createdTo"`
	Sort          domain.UserSort   `json:"sort"`  // "" = created
	Order         domain.SortOrder  `json:"order"` // "" = desc
	Cursor        string            `json:"cursor"`
	// Offset starts the page at that row of the list, for a jump into it
	// (the table's scrollbar); not with a cursor.
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
}

// List returns one page of users matching in.
func (s *Service) List(ctx context.Context, actor domain.Actor, in ListInput) (domain.UserPage, error) {
	if err := domain.Require(actor, domain.PermViewUsers, listTarget(in)); err != nil {
		return domain.UserPage{}, err
	}
	q, err := s.validateList(ctx, in)
	if err != nil {
		return domain.UserPage{}, err
	}
	page, err := store.ListUsers(ctx, s.store.Reader(), q)
	if err != nil || !actor.Role.Scoped() {
		return page, err
	}
	// A per-integration role sees a user's other integrations nowhere, rows included.
	for i, u := range page.Users {
		var seen []domain.UserIntegration
		for _, c := range u.Integrations {
			if actor.Sees(c.ID) {
				seen = append(seen, c)
			}
		}
		page.Users[i].Integrations = seen
	}
	return page, nil
}

func listTarget(in ListInput) domain.Target {
	if in.IntegrationID > 0 {
		return domain.Target{Integrations: []int64{in.IntegrationID}}
	}
	return domain.Target{}
}

func (s *Service) validateList(ctx context.Context, in ListInput) (store.UserQuery, error) {
	q := store.UserQuery{Sort: domain.SortCreated, Desc: true, Cursor: in.Cursor, IntegrationID: in.IntegrationID, Status: in.Status}
	var err error
	if q.Search, err = domain.CleanText("search", in.Search, domain.MaxSearchLen); err != nil {
		return q, err
	}
	if in.Status != "" && !in.Status.Valid() {
		return q, domain.Invalid("status", "Unknown status %q; use %s.", in.Status, domain.Choices(domain.UserStatuses))
	}
	if in.IntegrationID != 0 {
		if err := domain.ID("integrationId", in.IntegrationID); err != nil {
			return q, err
		}
		ok, err := store.IntegrationExists(ctx, s.store.Reader(), in.IntegrationID)
		if err != nil {
			return q, err
		}
		if !ok {
			return q, domain.Invalid("integrationId", "There is no integration with id %d.", in.IntegrationID)
		}
	}
	if q.CreatedFrom, err = domain.ParseInstant("createdFrom", in.CreatedFrom); err != nil {
		return q, err
	}
	if q.CreatedTo, err = domain.ParseInstant("createdTo", in.CreatedTo); err != nil {
		return q, err
	}
	if !q.CreatedFrom.IsZero() && !q.CreatedTo.IsZero() && !q.CreatedFrom.Before(q.CreatedTo) {
		return q, domain.Invalid("createdTo", "The end date must be after the start date.")
	}
	switch {
	case in.Sort == "":
	case in.Sort.Valid():
		q.Sort = in.Sort
	default:
		return q, domain.Invalid("sort", "Unknown sort %q; use %s.", in.Sort, domain.Choices(domain.UserSorts))
	}
	switch in.Order {
	case "", domain.OrderDesc:
	case domain.OrderAsc:
		q.Desc = false
	default:
		return q, domain.Invalid("order", "Unknown order %q; use %s.", in.Order, domain.Choices(domain.SortOrders))
	}
	switch {
	case in.Offset < 0 || in.Offset > domain.MaxListOffset:
		return q, domain.Invalid("offset", "The row to start at must be between 0 and %d; got %d.", domain.MaxListOffset, in.Offset)
	case in.Offset > 0 && in.Cursor != "":
		return q, domain.Invalid("offset", "Ask for a page by cursor or by offset, not both.")
	}
	q.Offset = in.Offset
	q.Limit, err = domain.PageSize(in.Limit)
	return q, err
}

// Count returns the exact number of users matching in (its cursor and limit
// aside): the total a list reports as a lower bound (TotalCapped), counted
// apart so the page does not wait for it.
func (s *Service) Count(ctx context.Context, actor domain.Actor, in ListInput) (int, error) {
	if err := domain.Require(actor, domain.PermViewUsers, listTarget(in)); err != nil {
		return 0, err
	}
	in.Cursor, in.Offset, in.Limit = "", 0, 0
	q, err := s.validateList(ctx, in)
	if err != nil {
		return 0, err
	}
	return store.CountUsers(ctx, s.store.Reader(), q)
}

// Counts returns the header counts.
func (s *Service) Counts(ctx context.Context, actor domain.Actor) (domain.StatusCounts, error) {
	if err := domain.Require(actor, domain.PermViewUsers, domain.Target{}); err != nil {
		return domain.StatusCounts{}, err
	}
	return store.StatusCounts(ctx, s.store.Reader())
}

// Get returns one user with their connections and workflows.
func (s *Service) Get(ctx context.Context, actor domain.Actor, id int64) (domain.UserDetail, error) {
	if err := domain.ID("id", id); err != nil {
		return domain.UserDetail{}, err
	}
	u, err := store.GetUser(ctx, s.store.Reader(), id)
	if err != nil {
		return u, err
	}
	u = narrow(actor, u)
	if err := domain.Require(actor, domain.PermViewUsers, domain.Target{Integrations: u.IntegrationIDs()}); err != nil {
		return domain.UserDetail{}, err
	}
	return u, nil
}

// narrow keeps the connections a per-integration role reaches: a Slack
// monitor sees a user's Slack connection, not their Salesforce one.
func narrow(actor domain.Actor, u domain.UserDetail) domain.UserDetail {
	if !actor.Role.Scoped() {
		return u
	}
	kept := u.Connections[:0:0]
	for _, c := range u.Connections {
		if actor.Sees(c.Integration.ID) {
			kept = append(kept, c)
		}
	}
	u.Connections = kept
	return u
}

// Disable stops a user: their workflows stop and nothing else about them
// can change until they are re-enabled.
func (s *Service) Disable(ctx context.Context, actor domain.Actor, id int64, reason string) (domain.UserDetail, error) {
	if err := domain.Require(actor, domain.PermManageUsers, domain.Target{UserWide: true}); err != nil {
		return domain.UserDetail{}, err
	}
	if err := domain.ID("id", id); err != nil {
		return domain.UserDetail{}, err
	}
	reason, err := domain.CleanText("reason", reason, domain.MaxReasonLen)
	if err != nil {
		return domain.UserDetail{}, err
	}
	return s.change(ctx, actor, id, func(tx store.DB, u domain.UserDetail, now time.Time) (*store.AuditRecord, error) {
		if u.Status == domain.StatusDisabled {
			return nil, domain.Conflict("%s is already disabled.", u.Name)
		}
		if err := store.SetUserDisabled(ctx, tx, id, &now, reason); err != nil {
			return nil, err
		}
		return &store.AuditRecord{Action: domain.ActionUserDisable, TargetType: domain.TargetUser,
			Before: map[string]any{"status": u.Status},
			After:  map[string]any{"status": domain.StatusDisabled, "reason": reason}}, nil
	})
}

// Enable re-enables a disabled user.
func (s *Service) Enable(ctx context.Context, actor domain.Actor, id int64) (domain.UserDetail, error) {
	if err := domain.Require(actor, domain.PermManageUsers, domain.Target{UserWide: true}); err != nil {
		return domain.UserDetail{}, err
	}
	if err := domain.ID("id", id); err != nil {
		return domain.UserDetail{}, err
	}
	return s.change(ctx, actor, id, func(tx store.DB, u domain.UserDetail, now time.Time) (*store.AuditRecord, error) {
		if u.Status != domain.StatusDisabled {
			return nil, domain.Conflict("%s is not disabled.", u.Name)
		}
		if err := store.SetUserDisabled(ctx, tx, id, nil, ""); err != nil {
			return nil, err
		}
		return &store.AuditRecord{Action: domain.ActionUserEnable, TargetType: domain.TargetUser,
			Before: map[string]any{"status": domain.StatusDisabled, "reason": u.DisabledReason},
			After:  map[string]any{}}, nil // the new status is filled in by change
	})
}

// UninstallIntegration removes one integration from a user, with its
// workflow states. It is permanent: the user must reconnect.
func (s *Service) UninstallIntegration(ctx context.Context, actor domain.Actor, userID, integrationID int64) (domain.UserDetail, error) {
	if err := domain.Require(actor, domain.PermManageUsers, domain.Target{Integrations: []int64{integrationID}}); err != nil {
		return domain.UserDetail{}, err
	}
	if err := domain.ID("userId", userID); err != nil {
		return domain.UserDetail{}, err
	}
	if err := domain.ID("integrationId", integrationID); err != nil {
		return domain.UserDetail{}, err
	}
	return s.change(ctx, actor, userID, func(tx store.DB, u domain.UserDetail, now time.Time) (*store.AuditRecord, error) {
		if err := refuseDisabled(u); err != nil {
			return nil, err
		}
		c, ok := u.Connection(integrationID)
		if !ok {
			return nil, domain.NotFound("%s has no integration with id %d; it may already be uninstalled.", u.Name, integrationID)
		}
		if err := store.DeleteConnection(ctx, tx, userID, integrationID); err != nil {
			return nil, err
		}
		var enabled []string
		for _, w := range c.Workflows {
			if w.Enabled {
				enabled = append(enabled, w.Key)
			}
		}
		return &store.AuditRecord{Action: domain.ActionConnectionUninstall, TargetType: domain.TargetConnection,
			TargetLabel: u.Name + " · " + c.Integration.Name,
			Before: map[string]any{"integration": c.Integration.Key, "connection": c.Status, "errorMessage": c.ErrorMessage,
				"connectedAt": c.ConnectedAt, "enabledWorkflows": enabled, "status": u.Status},
			After: map[string]any{"integration": c.Integration.Key, "connection": nil}}, nil
	})
}

// SetWorkflowEnabled switches one workflow on or off for one user, as an admin.
func (s *Service) SetWorkflowEnabled(ctx context.Context, actor domain.Actor, userID, workflowID int64, enabled bool) (domain.UserDetail, error) {
	if err := domain.ID("userId", userID); err != nil {
		return domain.UserDetail{}, err
	}
	if err := domain.ID("workflowId", workflowID); err != nil {
		return domain.UserDetail{}, err
	}
	return s.change(ctx, actor, userID, func(tx store.DB, u domain.UserDetail, now time.Time) (*store.AuditRecord, error) {
		c, w, ok := findWorkflow(u, workflowID)
		if !ok {
			return nil, domain.NotFound("Workflow %d is not part of any integration %s has connected.", workflowID, u.Name)
		}
		// The workflow's integration is the target, so it is known only now.
		if err := domain.Require(actor, domain.PermManageUsers, domain.Target{Integrations: []int64{c.Integration.ID}}); err != nil {
			return nil, err
		}
		if err := refuseDisabled(u); err != nil {
			return nil, err
		}
		if w.Enabled == enabled {
			return nil, nil // already so: nothing to change or record
		}
		if err := store.SetWorkflowEnabled(ctx, tx, userID, workflowID, enabled, domain.ChangedByAdmin, now); err != nil {
			return nil, err
		}
		action := domain.ActionWorkflowDisable
		if enabled {
			action = domain.ActionWorkflowEnable
		}
		return &store.AuditRecord{Action: action, TargetType: domain.TargetWorkflow,
			TargetLabel: u.Name + " · " + c.Integration.Name + " · " + w.Name,
			Before:      map[string]any{"integration": c.Integration.Key, "workflow": w.Key, "enabled": w.Enabled, "changedBy": w.ChangedBy},
			After:       map[string]any{"integration": c.Integration.Key, "workflow": w.Key, "enabled": enabled, "changedBy": domain.ChangedByAdmin}}, nil
	})
}

// change runs one user change in one transaction: load the user, apply fn,
// write fn's audit record (target id, label, time and the user's resulting
// status filled in here), and return the user as committed. fn returning a
// nil record means nothing changed.
func (s *Service) change(ctx context.Context, actor domain.Actor, userID int64, fn func(tx store.DB, u domain.UserDetail, now time.Time) (*store.AuditRecord, error)) (domain.UserDetail, error) {
	var out domain.UserDetail
	err := s.store.Update(ctx, func(tx store.DB) error {
		u, err := store.GetUser(ctx, tx, userID)
		if err != nil {
			return err
		}
		now := s.now().UTC()
		rec, err := fn(tx, u, now)
		if err != nil || rec == nil {
			out = u
			return err
		}
		if out, err = store.GetUser(ctx, tx, userID); err != nil {
			return err
		}
		rec.At, rec.Actor = now, actor
		rec.TargetID = strconv.FormatInt(userID, 10)
		if rec.TargetLabel == "" {
			rec.TargetLabel = u.Name
		}
		if after, ok := rec.After.(map[string]any); ok && out.Status != u.Status {
			after["status"] = out.Status
		}
		return store.AppendAudit(ctx, tx, *rec)
	})
	if err != nil {
		return domain.UserDetail{}, err
	}
	return narrow(actor, out), nil
}

func findWorkflow(u domain.UserDetail, workflowID int64) (domain.Connection, domain.WorkflowState, bool) {
	for _, c := range u.Connections {
		for _, w := range c.Workflows {
			if w.ID == workflowID {
				return c, w, true
			}
		}
	}
	return domain.Connection{}, domain.WorkflowState{}, false
}

func refuseDisabled(u domain.UserDetail) error {
	if u.Status == domain.StatusDisabled {
		return domain.Conflict("%s is disabled. Re-enable them before changing their integrations or workflows.", u.Name)
	}
	return nil
}

// Integrations lists the integration catalogue, for filters; a
// per-integration role gets the integrations of its scope.
func (s *Service) Integrations(ctx context.Context, actor domain.Actor) ([]domain.Integration, error) {
	var t domain.Target
	if actor.Role.Scoped() {
		t.Integrations = actor.Integrations
	}
	if err := domain.Require(actor, domain.PermViewUsers, t); err != nil {
		return nil, err
	}
	all, err := store.ListIntegrations(ctx, s.store.Reader())
	if err != nil {
		return nil, err
	}
	out := all[:0:0]
	for _, in := range all {
		if actor.Sees(in.ID) {
			out = append(out, in)
		}
	}
	return out, nil
}

// Workflows lists an integration's workflows by name, for the run
// history's workflow filter.
func (s *Service) Workflows(ctx context.Context, actor domain.Actor, integrationID int64) ([]domain.Ref, error) {
	if err := domain.ID("integrationId", integrationID); err != nil {
		return nil, err
	}
	if err := domain.Require(actor, domain.PermViewUsers, domain.Target{Integrations: []int64{integrationID}}); err != nil {
		return nil, err
	}
	ok, err := store.IntegrationExists(ctx, s.store.Reader(), integrationID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, domain.NotFound("There is no integration with id %d.", integrationID)
	}
	return store.ListWorkflows(ctx, s.store.Reader(), integrationID)
}
