// Package seed fills an empty database with a deterministic, realistic demo
// data set: the integration catalogue, users with skewed popularity, account
// errors, disabled users and workflow states.
package seed

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
)

// Options says how much to generate. The same options give the same data.
type Options struct {
	Users int
	Seed  uint64
	// Now anchors every generated date (users appear over the three years
	// before it), so a fixed Now gives byte-identical data.
	Now   time.Time
	Actor domain.Actor
}

// MaxUsers bounds one seed run.
const MaxUsers = 5_000_000

// Result says what was generated.
type Result struct {
	Integrations int `json:"integrations"`
	Workflows    int `json:"workflows"`
	Users        int `json:"users"`
	Connections  int `json:"connections"`
}

// Load generates the data set into s in one transaction and records one
// audit entry. It refuses a database that already holds data.
func Load(ctx context.Context, s *store.Store, o Options) (Result, error) {
	var res Result
	if o.Users < 0 || o.Users > MaxUsers {
		return res, domain.Invalid("users", "The number of users must be between 0 and %d; got %d.", MaxUsers, o.Users)
	}
	if o.Now.IsZero() {
		return res, domain.Invalid("now", "The seed needs a reference time.")
	}
	// A load writes far more than the usual page cache holds; a larger one
	// saves re-reading pages it just wrote (53 s instead of 61 s for 1M
	// users).
	endBulk, err := s.BulkWrites(ctx, 256)
	if err != nil {
		return res, fmt.Errorf("seed: %w", err)
	}
	defer endBulk()
	err = s.Update(ctx, func(tx store.DB) error {
		empty, err := store.IsEmpty(ctx, tx)
		if err != nil {
			return err
		}
		if !empty {
			return domain.Conflict("This database already has data; demo data can only be loaded into an empty database.")
		}
		g := &generator{ctx: ctx, tx: tx, rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15)), now: o.Now.UTC()}
		// The same bulk path as an import, for an empty file: no per-row
		// triggers, secondary indexes and the search index built once at
		// the end, statuses and counts computed as rows are generated.
		if g.bulk, err = store.BeginLoad(ctx, tx); err != nil {
			return err
		}
		if res, err = g.run(o.Users); err != nil {
			return err
		}
		if err := g.bulk.Reindex(ctx); err != nil {
			return err
		}
		if err := g.bulk.Close(ctx); err != nil {
			return err
		}
		return store.AppendAudit(ctx, tx, store.AuditRecord{At: time.Now(), Actor: o.Actor, Action: domain.ActionDemoLoad,
			TargetType: domain.TargetWorkspace, TargetID: "demo", TargetLabel: "Demo data", After: res})
	})
	if err != nil {
		return Result{}, fmt.Errorf("seed: %w", err)
	}
	if err := s.Optimize(ctx); err != nil {
		return res, fmt.Errorf("seed: %w", err)
	}
	return res, nil
}

type generator struct {
	ctx  context.Context
	tx   store.DB
	bulk *store.Bulk
	rng  *rand.Rand
	now  time.Time

	workflowIDs [][]int64 // by catalogue index
	weightSum   int
}

func (g *generator) run(users int) (Result, error) {
	var res Result
	for i, in := range catalog {
		id := int64(i + 1)
		if err := store.InsertIntegration(g.ctx, g.tx, id, in.key, in.name, in.category); err != nil {
			return res, err
		}
		var ids []int64
		for _, w := range in.workflows {
			wid, err := store.InsertWorkflow(g.ctx, g.tx, id, slug(w[0]), w[0], w[1])
			if err != nil {
				return res, err
			}
			ids = append(ids, wid)
		}
		g.workflowIDs = append(g.workflowIDs, ids)
		g.weightSum += in.weight
		res.Integrations++
		res.Workflows += len(ids)
	}

	// Generating rows and writing them take about as long as each other:
	// a goroutine writes each batch while the next one is generated.
	batches := make(chan *batch, 1)
	written := make(chan error, 1)
	go func() {
		var err error
		for b := range batches {
			if err == nil {
				err = g.flush(b)
			}
		}
		written <- err
	}()
	byStatus, byIntegration := map[string]int{}, map[store.IntegrationStatus]int{}
	b := &batch{}
	const span = 3 * 365 * 24 * time.Hour
	for i := 1; i <= users; i++ {
		r := g.rng
		first, last := pick(r, firstNames), pick(r, lastNames)
		// Users are numbered as they are first seen, so created_at grows with
		// the id (search pages in id order relies on it): user i takes a random
		// instant in its own slot of the span. Squaring skews sign-ups towards
		// the recent past, as a growing product's are.
		age := (float64(users-i) + r.Float64()) / float64(users)
		created := g.now.Add(-time.Duration(age * age * float64(span))).Truncate(time.Second)
		var active int64
		if r.Float64() > 0.08 {
			active = between(r, created, g.now).UnixMilli()
		}
		var disabledAt int64
		reason := ""
		if r.Float64() < 0.004 {
			disabledAt = between(r, created, g.now).UnixMilli()
			reason = pick(r, []string{"Account closed at the customer's request.", "Suspected abuse of the API quota.",
				"Unpaid invoices; re-enable once settled.", ""})
		}
		meta, _ := json.Marshal(map[string]any{"plan": pick(r, plans), "region": pick(r, regions),
			"seats": 1 + r.IntN(200), "company": titleCase(pick(r, companies))})
		name := first + " " + last
		email := fmt.Sprintf("%s.%s@%s.%s", asciiFold(first), asciiFold(last), pick(r, companies), pick(r, tlds))
		if r.Float64() < 0.15 {
			email = fmt.Sprintf("%s%d@%s.%s", asciiFold(first), r.IntN(1000), pick(r, companies), pick(r, tlds))
		}
		u := store.NewUser{ExternalID: externalID(i), Name: name, Email: email, CreatedAt: created.UnixMilli(),
			LastActiveAt: active, DisabledAt: disabledAt, DisabledReason: reason, Metadata: string(meta)}

		conns := g.pickIntegrations(connectionCount(r))
		withError := len(conns) > 0 && r.Float64() < 0.085
		errors := 0
		for j, ci := range conns {
			connected := between(r, created, g.now)
			c := store.ConnectionWrite{IntegrationID: int64(ci + 1), Status: "connected", At: connected.UnixMilli(),
				UserCreatedAt: u.CreatedAt}
			if withError && j == 0 {
				c.Status, c.Message, errors = "error", pick(r, connectionErrors), 1
				c.ChangedAt = between(r, connected, g.now).UnixMilli()
			}
			u.IntegrationBits |= store.IntegrationBit(c.IntegrationID)
			if c.Status == "error" {
				u.ErrorBits |= store.IntegrationBit(c.IntegrationID)
			}
			b.conns = append(b.conns, pending[store.ConnectionWrite]{user: u.ExternalID, row: c})
			res.Connections++
			for _, wid := range g.workflowIDs[ci] {
				w := store.WorkflowWrite{WorkflowID: wid, Enabled: true, By: "user", At: between(r, connected, g.now).UnixMilli()}
				switch x := r.Float64(); {
				case x < 0.05:
					w.Enabled, w.By = false, "admin"
				case x < 0.25:
					w.Enabled = false
				}
				b.flows = append(b.flows, pending[store.WorkflowWrite]{user: u.ExternalID, row: w})
			}
		}
		u.Status = store.DeriveStatus(disabledAt != 0, len(conns), errors)
		byStatus[u.Status]++
		for j := len(b.conns) - len(conns); j < len(b.conns); j++ {
			b.conns[j].row.UserStatus = u.Status
			byIntegration[store.IntegrationStatus{IntegrationID: b.conns[j].row.IntegrationID, Status: u.Status}]++
		}
		b.users = append(b.users, u)
		res.Users++
		if i%5000 == 0 || i == users {
			if g.ctx.Err() != nil {
				break
			}
			batches <- b
			b = &batch{}
		}
	}
	close(batches)
	if err := <-written; err != nil {
		return res, err
	}
	return res, g.bulk.AddCounts(g.ctx, byStatus, byIntegration)
}

// pending is a row of a user not inserted yet, who has no id.
type pending[T any] struct {
	user string // external id
	row  T
}

// batch holds generated rows until they are inserted together.
type batch struct {
	users []store.NewUser
	conns []pending[store.ConnectionWrite]
	flows []pending[store.WorkflowWrite]
}

// flush inserts a batch through the bulk loader.
func (g *generator) flush(b *batch) error {
	if err := g.ctx.Err(); err != nil {
		return err
	}
	ids, err := g.bulk.InsertUsers(g.ctx, b.users)
	if err != nil {
		return err
	}
	conns := make([]store.ConnectionWrite, len(b.conns))
	for i, c := range b.conns {
		c.row.UserID = ids[c.user]
		conns[i] = c.row
	}
	if err := g.bulk.InsertConnections(g.ctx, conns); err != nil {
		return err
	}
	flows := make([]store.WorkflowWrite, len(b.flows))
	for i, w := range b.flows {
		w.row.UserID = ids[w.user]
		flows[i] = w.row
	}
	if err := g.bulk.SetWorkflowStates(g.ctx, flows); err != nil {
		return err
	}
	return nil
}

// pickIntegrations draws n distinct catalogue indexes, weighted by popularity.
func (g *generator) pickIntegrations(n int) []int {
	var out []int
	for len(out) < n {
		x := g.rng.IntN(g.weightSum)
		for i, in := range catalog {
			if x < in.weight {
				if !contains(out, i) {
					out = append(out, i)
				}
				break
			}
			x -= in.weight
		}
	}
	return out
}

// connectionCount: most users connect one or two integrations, few connect five.
func connectionCount(r *rand.Rand) int {
	x := r.Float64()
	for n, p := range []float64{0.12, 0.30, 0.25, 0.17, 0.10} {
		if x < p {
			return n
		}
		x -= p
	}
	return 5
}

// externalID maps i to a stable, unique, random-looking id: multiplying by
// an odd constant is a bijection on uint32.
func externalID(i int) string {
	return fmt.Sprintf("usr_%08x", uint32(i)*2654435761)
}

func between(r *rand.Rand, from, to time.Time) time.Time {
	d := to.Sub(from)
	if d <= 0 {
		return from
	}
	return from.Add(time.Duration(r.Int64N(int64(d)))).Truncate(time.Second)
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func slug(s string) string {
	return strings.ToLower(strings.NewReplacer(" ", "_", "/", "_", "-", "_").Replace(s))
}

func titleCase(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// folding is asciiFold's table, built once: building it for every e-mail
// took 1.6% of a million-user seed's CPU samples, and left garbage.
var folding = strings.NewReplacer("ë", "e", "é", "e", "ó", "o", "ä", "a", "ü", "u", "ø", "o", "í", "i", "ã", "a",
	" ", "", "-", "")

// asciiFold makes a name usable in an e-mail's local part.
func asciiFold(s string) string { return strings.ToLower(folding.Replace(s)) }
