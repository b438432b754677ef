package connected

import (
	"context"
	"log/slog"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
)

// RunsInput is a run-history request as callers send it.
type RunsInput struct {
	UserID        int64            `json:"userId"`           // 0 = any
	IntegrationID int64            `json:"integrationId"`    // 0 = any
	WorkflowID    int64            `json:"workflowId"`       // 0 = any
	Status        domain.RunStatus `json:"status,omitempty"` // "" = any
	From          string           `json:"from"`             // RFC 3339; "" = open
	To            string           `json:"to"`
	Cursor        string           `json:"cursor"`
	Limit         int              `json:"limit"`
}

// Runs returns one page of the run history, newest first. A
// per-integration role sees the runs of its own integrations only.
func (s *Service) Runs(ctx context.Context, actor domain.Actor, in RunsInput) (domain.RunPage, error) {
	q := store.RunQuery{UserID: in.UserID, IntegrationID: in.IntegrationID, WorkflowID: in.WorkflowID, Status: in.Status, Cursor: in.Cursor}
	for _, f := range []struct {
		name string
		id   int64
	}{{"userId", in.UserID}, {"integrationId", in.IntegrationID}, {"workflowId", in.WorkflowID}} {
		if f.id != 0 {
			if err := domain.ID(f.name, f.id); err != nil {
				return domain.RunPage{}, err
			}
		}
	}
	target := domain.Target{}
	if in.IntegrationID != 0 {
		target.Integrations = []int64{in.IntegrationID}
	}
	if in.WorkflowID != 0 {
		id, err := store.WorkflowIntegration(ctx, s.store.Reader(), in.WorkflowID)
		if err != nil {
			return domain.RunPage{}, domain.Invalid("workflowId", "There is no workflow with id %d.", in.WorkflowID)
		}
		if in.IntegrationID != 0 && id != in.IntegrationID {
			return domain.RunPage{}, domain.Invalid("workflowId", "That workflow belongs to another integration.")
		}
		target.Integrations = []int64{id}
		q.IntegrationID = id // its integration's index leads to it
	}
	if actor.Role.Scoped() && len(target.Integrations) == 0 {
		// No integration named: show what the scope reaches.
		target.Integrations = actor.Integrations
		q.Integrations = append([]int64{}, actor.Integrations...)
	}
	if err := domain.Require(actor, domain.PermViewUsers, target); err != nil {
		return domain.RunPage{}, err
	}
	if in.Status != "" && !in.Status.Valid() {
		return domain.RunPage{}, domain.Invalid("status", "Unknown status %q; use %s.", in.Status, domain.Choices(domain.RunStatuses))
	}
	var err error
	if q.From, err = domain.ParseInstant("from", in.From); err != nil {
		return domain.RunPage{}, err
	}
	if q.To, err = domain.ParseInstant("to", in.To); err != nil {
		return domain.RunPage{}, err
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return domain.RunPage{}, domain.Invalid("to", "The end date must be after the start date.")
	}
	if q.Limit, err = domain.PageSize(in.Limit); err != nil {
		return domain.RunPage{}, err
	}
	return store.ListRuns(ctx, s.store.Reader(), q)
}

// pruneBatch bounds one prune transaction, so the windows' writes wait
// milliseconds, not seconds, behind it.
const pruneBatch = 5000

// PruneRuns deletes the runs (and applied event ids) older than the
// retention setting and reports how many runs went.
func (s *Service) PruneRuns(ctx context.Context) (int64, error) {
	policy, err := store.Policy(ctx, s.store.Reader())
	if err != nil {
		return 0, err
	}
	cutoff := s.now().Add(-policy.Retention())
	var total int64
	for {
		var n int64
		err := s.store.Update(ctx, func(tx store.DB) error {
			var err error
			n, err = store.PruneRuns(ctx, tx, cutoff, pruneBatch)
			return err
		})
		if err != nil {
			return total, err
		}
		total += n
		if n < pruneBatch {
			return total, nil
		}
	}
}

// RunPruner prunes at start and then once a day, until ctx ends.
func (s *Service) RunPruner(ctx context.Context, log *slog.Logger) {
	tick := time.NewTicker(24 * time.Hour)
	defer tick.Stop()
	for {
		if n, err := s.PruneRuns(ctx); err != nil && ctx.Err() == nil {
			log.Error("connected: prune run history", "err", err)
		} else if n > 0 {
			log.Info("connected: pruned run history", "runs", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
