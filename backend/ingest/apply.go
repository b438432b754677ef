package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"roster/backend/domain"
	"roster/backend/notify"
	"roster/backend/store"
)

// batch applies events in one write transaction, each inside a savepoint:
// a rejected event leaves no trace, and the good ones beside it commit.
type batch struct {
	ctx    context.Context
	tx     store.DB
	now    time.Time
	log    *store.EventLog
	notify *notify.Tx
	runs   *store.RunWriter
	lookup *store.UserLookup

	// Lookups already made in this transaction.
	users        map[string]domain.Ref
	integrations map[string]domain.Ref
	workflows    map[[2]string]domain.Ref
	active       map[int64]time.Time // the latest run per user, written at the end
}

func newBatch(ctx context.Context, tx store.DB, now time.Time, policy domain.Policy) (*batch, error) {
	b := &batch{ctx: ctx, tx: tx, now: now, notify: notify.NewTx(ctx, tx, now, policy), active: map[int64]time.Time{}}
	b.forget()
	var err error
	if b.log, err = store.NewEventLog(ctx, tx); err == nil {
		if b.runs, err = store.NewRunWriter(ctx, tx); err == nil {
			b.lookup, err = store.NewUserLookup(ctx, tx)
		}
	}
	if err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

func (b *batch) close() {
	if b.log != nil {
		b.log.Close()
	}
	if b.runs != nil {
		b.runs.Close()
	}
	if b.lookup != nil {
		b.lookup.Close()
	}
	b.notify.Close()
}

// forget drops the lookups: after a rollback they may name rows that are gone.
func (b *batch) forget() {
	b.users, b.integrations, b.workflows = map[string]domain.Ref{}, map[string]domain.Ref{}, map[[2]string]domain.Ref{}
}

// one applies one event and says what became of it. An error that is not
// a *domain.Error is Roster's own and fails the whole batch.
func (b *batch) one(e *event) (Line, error) {
	l := Line{Line: e.line, ID: e.id, Outcome: Accepted}
	if err := b.log.Begin(b.ctx); err != nil {
		return l, err
	}
	fresh, err := b.log.Record(b.ctx, e.id, string(e.typ), b.now)
	if err != nil {
		return l, err
	}
	if !fresh {
		l.Outcome = Duplicate
	} else {
		undo := b.notify.Mark()
		if err := e.data.apply(b, e); err != nil {
			var de *domain.Error
			if !errors.As(err, &de) {
				return l, err
			}
			if err := b.log.Undo(b.ctx); err != nil {
				return l, err
			}
			undo()
			b.forget()
			l.Outcome, l.Field, l.Reason = Rejected, de.Field, de.Message
		}
	}
	return l, b.log.End(b.ctx)
}

// finish writes what was gathered over the batch.
func (b *batch) finish() error {
	for id, at := range b.active {
		if err := b.runs.Active(b.ctx, id, at); err != nil {
			return err
		}
	}
	return nil
}

func (b *batch) user(externalID string) (domain.Ref, error) {
	if r, ok := b.users[externalID]; ok {
		return r, nil
	}
	r, err := b.lookup.Get(b.ctx, externalID)
	if err == nil {
		b.users[externalID] = r
	}
	return r, field("user", err)
}

func (b *batch) integration(key string) (domain.Ref, error) {
	if r, ok := b.integrations[key]; ok {
		return r, nil
	}
	r, err := store.IntegrationByKey(b.ctx, b.tx, key)
	if err == nil {
		b.integrations[key] = r
	}
	return r, field("integration", err)
}

func (b *batch) workflow(integration domain.Ref, key string) (domain.Ref, error) {
	k := [2]string{integration.Key, key}
	if r, ok := b.workflows[k]; ok {
		return r, nil
	}
	r, err := store.WorkflowByKey(b.ctx, b.tx, integration, key)
	if err == nil {
		b.workflows[k] = r
	}
	return r, field("workflow", err)
}

// field names the data field a domain error is about.
func field(name string, err error) error {
	var de *domain.Error
	if errors.As(err, &de) && de.Field == "" {
		de.Field = "data." + name
	}
	return err
}

// connection returns a user's connection, refusing an event about one the
// user does not have.
func (b *batch) connection(u, i domain.Ref) (store.ConnectionState, error) {
	c, err := store.GetConnection(b.ctx, b.tx, u.ID, i.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return c, domain.Invalid("data.integration", "%s (%s) has no %s connection; send connection.connected first.", u.Name, u.Key, i.Name)
	}
	return c, err
}

func (d *integrationData) apply(b *batch, _ *event) error {
	id, err := store.UpsertIntegration(b.ctx, b.tx, d.Integration, d.Name, d.Category)
	if err == nil {
		b.integrations[d.Integration] = domain.Ref{ID: id, Key: d.Integration, Name: d.Name}
	}
	return err
}

func (d *workflowData) apply(b *batch, _ *event) error {
	i, err := b.integration(d.Integration)
	if err != nil {
		return err
	}
	id, err := store.UpsertWorkflow(b.ctx, b.tx, i.ID, d.Workflow, d.Name, d.Description)
	if err == nil {
		b.workflows[[2]string{i.Key, d.Workflow}] = domain.Ref{ID: id, Key: d.Workflow, Name: d.Name}
	}
	return err
}

func (d *userData) apply(b *batch, e *event) error {
	r, err := store.UpsertUser(b.ctx, b.tx, store.UserUpsert{ExternalID: d.User, Name: d.Name, Email: d.Email, Metadata: d.Metadata, At: e.at})
	if err == nil {
		b.users[d.User] = r
	}
	return err
}

// refs resolves the user and integration an event names.
func (d *connectionData) refs(b *batch) (u, i domain.Ref, err error) {
	if u, err = b.user(d.User); err != nil {
		return u, i, err
	}
	i, err = b.integration(d.Integration)
	return u, i, err
}

func (d *connectionData) apply(b *batch, e *event) error {
	u, i, err := d.refs(b)
	if err != nil {
		return err
	}
	c, err := store.GetConnection(b.ctx, b.tx, u.ID, i.ID)
	missing := errors.Is(err, domain.ErrNotFound)
	if err != nil && !missing {
		return err
	}
	s := notify.Subject{User: u, Integration: i}
	switch e.typ {
	case TypeConnectionConnected:
		if missing {
			return store.InsertConnection(b.ctx, b.tx, u.ID, i.ID, e.at)
		}
		return b.restore(s, c, e)
	case TypeConnectionRestored:
		if missing {
			return domain.Invalid("data.integration", "%s (%s) has no %s connection; send connection.connected first.", u.Name, u.Key, i.Name)
		}
		return b.restore(s, c, e)
	case TypeConnectionRemoved:
		if missing {
			return nil // already gone: nothing to do
		}
		if err := store.DeleteConnection(b.ctx, b.tx, u.ID, i.ID); err != nil {
			return err
		}
		return b.notify.Removed(u.ID, i.ID)
	}
	return fmt.Errorf("ingest: %s is not a connection event", e.typ)
}

// restore brings a connection in error back online.
func (b *batch) restore(s notify.Subject, c store.ConnectionState, e *event) error {
	if c.Status != domain.ConnectionError {
		return nil // already online
	}
	if err := store.SetConnectionState(b.ctx, b.tx, s.User.ID, s.Integration.ID,
		store.ConnectionState{Status: domain.ConnectionConnected, ChangedAt: e.at}); err != nil {
		return err
	}
	return b.notify.Online(s, e.at, e.id)
}

func (d *failureData) apply(b *batch, e *event) error {
	u, i, err := d.refs(b)
	if err != nil {
		return err
	}
	c, err := b.connection(u, i)
	if err != nil {
		return err
	}
	next := store.ConnectionState{Status: domain.ConnectionError, Reason: d.Reason, Message: d.Message, ChangedAt: e.at}
	if c.Status == domain.ConnectionError {
		next.ChangedAt = c.ChangedAt // still offline: keep since when, update why
		return store.SetConnectionState(b.ctx, b.tx, u.ID, i.ID, next)
	}
	if err := store.SetConnectionState(b.ctx, b.tx, u.ID, i.ID, next); err != nil {
		return err
	}
	return b.notify.Offline(notify.Subject{User: u, Integration: i}, e.at, d.Reason, d.Message, e.id)
}

// refs resolves the user, integration and workflow an event names.
func (d *workflowRef) refs(b *batch) (s notify.Subject, err error) {
	if s.User, s.Integration, err = d.connectionData.refs(b); err != nil {
		return s, err
	}
	s.Workflow, err = b.workflow(s.Integration, d.Workflow)
	return s, err
}

func (d *runData) apply(b *batch, e *event) error {
	s, err := d.refs(b)
	if err != nil {
		return err
	}
	if err := b.runs.Insert(b.ctx, store.RunRecord{UserID: s.User.ID, WorkflowID: s.Workflow.ID, IntegrationID: s.Integration.ID,
		Status: d.Status, StartedAt: d.started, Duration: time.Duration(*d.DurationMs) * time.Millisecond, Error: d.Error}); err != nil {
		return err
	}
	if d.started.After(b.active[s.User.ID]) {
		b.active[s.User.ID] = d.started
	}
	if d.Status == domain.RunFailed {
		return b.notify.RunFailed(s, d.started, d.Error, e.id)
	}
	return b.notify.RunSucceeded(s)
}

func (d *toggleData) apply(b *batch, e *event) error {
	s, err := d.refs(b)
	if err != nil {
		return err
	}
	if _, err := b.connection(s.User, s.Integration); err != nil {
		return err
	}
	return store.SetWorkflowEnabled(b.ctx, b.tx, s.User.ID, s.Workflow.ID, *d.Enabled, domain.ChangedByUser, e.at)
}
