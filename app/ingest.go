package app

import (
	"context"

	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/ingest"
	"roster/backend/outbox"
)

// Events is the bound service that takes events in from a file: the
// desktop's "Import events…" (and the browser's, in serve mode).
type Events struct{ svc }

// Import applies a file of events (JSON Lines) and reports per line.
func (e *Events) Import(name, content string) (ingest.Report, error) {
	out, err := as(e.svc, func(ctx context.Context, a domain.Actor) (ingest.Report, error) {
		return e.b.Ingest.Import(ctx, a, name, content)
	})
	e.changed(err, "users", "runs", "outbox", "audit")
	return out, err
}

// Runs is the bound service for the run history.
type Runs struct{ svc }

// List returns one page of runs, newest first.
func (r *Runs) List(q connected.RunsInput) (domain.RunPage, error) {
	return as(r.svc, func(ctx context.Context, a domain.Actor) (domain.RunPage, error) {
		return r.b.Connected.Runs(ctx, a, q)
	})
}

// Outbox is the bound service for the outbox view.
type Outbox struct{ svc }

// List returns one page of the outbox, newest first.
func (o *Outbox) List(q outbox.ListInput) (domain.MailPage, error) {
	return as(o.svc, func(ctx context.Context, a domain.Actor) (domain.MailPage, error) {
		return o.b.Outbox.List(ctx, a, q)
	})
}

// Health is the outbox at a glance, for the banner.
func (o *Outbox) Health() (domain.MailHealth, error) {
	return as(o.svc, o.b.Outbox.Health)
}

// Retry sends a waiting or failed mail now.
func (o *Outbox) Retry(id int64) (domain.Mail, error) {
	out, err := as(o.svc, func(ctx context.Context, a domain.Actor) (domain.Mail, error) {
		return o.b.Outbox.Retry(ctx, a, id)
	})
	o.changed(err, "outbox", "audit")
	return out, err
}

// RetryAll sends every waiting mail now and says how many.
func (o *Outbox) RetryAll() (int, error) {
	out, err := as(o.svc, o.b.Outbox.RetryAll)
	o.changed(err, "outbox", "audit")
	return out, err
}

// IngestKeys is the bound service for the keys of POST /api/v1/events.
type IngestKeys struct{ svc }

// List returns every key, newest first.
func (k *IngestKeys) List() ([]domain.IngestKey, error) {
	return as(k.svc, k.b.Ingest.ListKeys)
}

// Create makes a key; its secret is in the answer, and nowhere else ever.
func (k *IngestKeys) Create(name string) (domain.NewIngestKey, error) {
	out, err := as(k.svc, func(ctx context.Context, a domain.Actor) (domain.NewIngestKey, error) {
		return k.b.Ingest.CreateKey(ctx, a, name)
	})
	k.changed(err, "ingestKeys", "audit")
	return out, err
}

// Revoke stops a key at once.
func (k *IngestKeys) Revoke(id int64) (domain.IngestKey, error) {
	out, err := as(k.svc, func(ctx context.Context, a domain.Actor) (domain.IngestKey, error) {
		return k.b.Ingest.RevokeKey(ctx, a, id)
	})
	k.changed(err, "ingestKeys", "audit")
	return out, err
}
