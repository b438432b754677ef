package importer

import (
	"cmp"
	"context"
	"maps"
	"math"
	"slices"

	"roster/backend/domain"
	"roster/backend/store"
)

// counts is what became of the rows of a chunk.
type counts struct {
	Added, Updated, Unchanged int
	Rows                      int // users, connections and workflow states written
}

// catalogue is the integration and workflow ids by key: those committed,
// and those the open chunk added (forgotten if it rolls back).
type catalogue struct {
	store.Catalogue
	added store.Catalogue
	// New lists every key an import added (or, dry, would add).
	newIntegrations, newWorkflows map[string]bool
}

func newCatalogue(c store.Catalogue) *catalogue {
	return &catalogue{Catalogue: c, added: emptyCatalogue(), newIntegrations: map[string]bool{}, newWorkflows: map[string]bool{}}
}

func emptyCatalogue() store.Catalogue {
	return store.Catalogue{Integrations: map[string]int64{}, Workflows: map[[2]string]int64{}}
}

// commit keeps what the chunk added; rollback forgets it.
func (c *catalogue) commit() {
	maps.Copy(c.Integrations, c.added.Integrations)
	maps.Copy(c.Workflows, c.added.Workflows)
	c.added = emptyCatalogue()
}

func (c *catalogue) rollback() { c.added = emptyCatalogue() }

func (c *catalogue) integration(ctx context.Context, tx store.DB, key string) (int64, error) {
	if id, ok := c.Integrations[key]; ok {
		return id, nil
	}
	if id, ok := c.added.Integrations[key]; ok {
		return id, nil
	}
	id, err := store.UpsertIntegration(ctx, tx, key, store.KeyName(key), "")
	if err != nil {
		return 0, err
	}
	c.added.Integrations[key] = id
	c.newIntegrations[key] = true
	return id, nil
}

func (c *catalogue) workflow(ctx context.Context, tx store.DB, integration string, integrationID int64, key string) (int64, error) {
	k := [2]string{integration, key}
	if id, ok := c.Workflows[k]; ok {
		return id, nil
	}
	if id, ok := c.added.Workflows[k]; ok {
		return id, nil
	}
	id, err := store.UpsertWorkflow(ctx, tx, integrationID, key, store.KeyName(key), "")
	if err != nil {
		return 0, err
	}
	c.added.Workflows[k] = id
	c.newWorkflows[integration+"/"+key] = true
	return id, nil
}

// plan is the writes a chunk needs.
type plan struct {
	inserts   []store.NewUser
	newConns  map[string][]connWrite // by external id of a new user
	updates   []store.UserUpdate
	touched   map[store.Recount][]int64 // existing users whose rows change, by what the change can move
	conns     []store.ConnectionWrite
	drops     [][2]int64
	workflows []store.WorkflowWrite
	newFlows  map[string][]store.WorkflowWrite // by external id of a new user
}

type connWrite struct {
	integrationID int64
	c             *Conn
	at            int64 // a new user's connections date from when they were created
}

// txBulk is the store.Bulk of one transaction, begun by the first batch
// that writes: a transaction of unchanged rows changes no schema.
type txBulk struct {
	tx   store.DB
	b    *store.Bulk
	load bool // a load (see Run): indexes set aside too, the search index rebuilt by close
}

func (t *txBulk) begin(ctx context.Context) (*store.Bulk, error) {
	if t.b != nil {
		return t.b, nil
	}
	begin := store.BeginBulk
	if t.load {
		begin = store.BeginLoad
	}
	b, err := begin(ctx, t.tx)
	if err != nil {
		return nil, err
	}
	t.b = b
	return b, nil
}

// close restores what the bulk set aside, if one began.
func (t *txBulk) close(ctx context.Context) error {
	if t.b == nil {
		return nil
	}
	if t.load {
		if err := t.b.Reindex(ctx); err != nil {
			return err
		}
	}
	return t.b.Close(ctx)
}

// applyBatch upserts recs (each user once) in tb's transaction for import
// importID (0 for a dry run: nothing is kept for a rollback). now is the
// import's time, in Unix ms. allNew says that none of recs' users can be in
// the file yet (see Run), so none is looked up.
func applyBatch(ctx context.Context, tb *txBulk, cat *catalogue, recs []*Record, importID, now int64, allNew bool) (counts, error) {
	tx := tb.tx
	var n counts
	snaps := map[string]*store.UserSnapshot{}
	if !allNew {
		ids := make([]string, len(recs))
		for i, r := range recs {
			ids[i] = r.UserID
		}
		var err error
		if snaps, err = store.UserSnapshots(ctx, tx, ids); err != nil {
			return n, err
		}
	}
	p := plan{inserts: make([]store.NewUser, 0, len(recs)), newConns: make(map[string][]connWrite, len(recs)),
		newFlows: map[string][]store.WorkflowWrite{}, touched: map[store.Recount][]int64{}}
	for _, r := range recs {
		s := snaps[r.UserID]
		if s == nil {
			if err := p.add(ctx, tx, cat, r, now); err != nil {
				return n, err
			}
			n.Added++
			continue
		}
		changed, err := p.update(ctx, tx, cat, r, s, now)
		if err != nil {
			return n, err
		}
		if changed {
			n.Updated++
		} else {
			n.Unchanged++
		}
	}
	if n.Added == 0 && n.Updated == 0 {
		return n, nil
	}
	rows, err := p.write(ctx, tb, importID)
	n.Rows = rows
	return n, err
}

// add plans a new user.
func (p *plan) add(ctx context.Context, tx store.DB, cat *catalogue, r *Record, now int64) error {
	u := store.NewUser{ExternalID: r.UserID, Name: r.UserID, CreatedAt: now, Metadata: "{}"}
	merge(&u, r, 0, now)
	inError := 0
	for _, c := range r.Integrations {
		if c.Status == domain.ConnectionError {
			inError++
		}
	}
	u.Status = store.DeriveStatus(u.DisabledAt != 0, len(r.Integrations), inError)
	for key, c := range r.Integrations {
		iid, err := cat.integration(ctx, tx, key)
		if err != nil {
			return err
		}
		u.IntegrationBits |= store.IntegrationBit(iid)
		if c.Status == domain.ConnectionError {
			u.ErrorBits |= store.IntegrationBit(iid)
		}
		p.newConns[r.UserID] = append(p.newConns[r.UserID], connWrite{iid, c, u.CreatedAt})
		for wk, on := range c.Workflows {
			wid, err := cat.workflow(ctx, tx, key, iid, wk)
			if err != nil {
				return err
			}
			p.newFlows[r.UserID] = append(p.newFlows[r.UserID], store.WorkflowWrite{WorkflowID: wid, Enabled: on, At: now})
		}
	}
	p.inserts = append(p.inserts, u)
	return nil
}

// merge writes the fields r has onto u; wasDisabled is when the user was
// disabled (0 = enabled).
func merge(u *store.NewUser, r *Record, wasDisabled, now int64) {
	if r.Name != nil && *r.Name != "" {
		u.Name = *r.Name
	}
	if r.Email != nil {
		u.Email = *r.Email
	}
	if r.CreatedAt != nil {
		u.CreatedAt = *r.CreatedAt
	}
	if r.LastActiveAt != nil {
		u.LastActiveAt = *r.LastActiveAt
	}
	if r.DisabledAt != nil {
		switch {
		case *r.DisabledAt != disabledNow:
			u.DisabledAt = *r.DisabledAt
		case wasDisabled != 0:
			u.DisabledAt = wasDisabled
		default:
			u.DisabledAt = now
		}
	}
	if r.DisabledReason != nil {
		u.DisabledReason = *r.DisabledReason
	}
	if r.Metadata != nil {
		u.Metadata = *r.Metadata
	}
}

// update plans the changes r makes to an existing user, and says whether
// there are any.
func (p *plan) update(ctx context.Context, tx store.DB, cat *catalogue, r *Record, s *store.UserSnapshot, now int64) (bool, error) {
	old := store.NewUser{ExternalID: s.ExternalID, Name: s.Name, Email: s.Email, CreatedAt: s.CreatedAt,
		LastActiveAt: s.LastActiveAt, DisabledAt: s.DisabledAt, DisabledReason: s.DisabledReason, Metadata: s.Metadata}
	u := old
	merge(&u, r, s.DisabledAt, now)
	changed := u != old
	var what store.Recount
	if changed {
		p.updates = append(p.updates, store.UserUpdate{ID: s.ID, NewUser: u, Old: old})
		if u.Name != old.Name || u.Email != old.Email {
			what |= store.RecountSearch
		}
		if u.DisabledAt != old.DisabledAt {
			what |= store.RecountStatus
		}
	}
	if r.Integrations != nil {
		for iid := range s.Connections {
			if !cat.has(r.Integrations, iid) {
				p.drops = append(p.drops, [2]int64{s.ID, iid})
				changed, what = true, what|store.RecountStatus
			}
		}
	}
	for key, c := range r.Integrations {
		iid, err := cat.integration(ctx, tx, key)
		if err != nil {
			return false, err
		}
		have := s.Connections[iid]
		reason, msg := c.Reason, c.Message
		if have != nil && c.Status == domain.ConnectionError && have.Status == string(domain.ConnectionError) {
			// Still in error: what the file leaves out of the error (a
			// CSV's "slack:error" holds no reason or message, a platform's
			// INVALID no message) is what Roster has, not a change.
			reason = cmp.Or(reason, domain.CredentialError(have.Reason))
			msg = cmp.Or(msg, have.Message)
		}
		if have == nil || have.Status != string(c.Status) || have.Reason != string(reason) || have.Message != msg {
			p.conns = append(p.conns, store.ConnectionWrite{UserID: s.ID, IntegrationID: iid, Status: string(c.Status),
				Reason: string(reason), Message: msg, At: now})
			changed, what = true, what|store.RecountStatus
		}
		for wk, on := range c.Workflows {
			wid, err := cat.workflow(ctx, tx, key, iid, wk)
			if err != nil {
				return false, err
			}
			if was, ok := workflowState(have, wid); !ok || was != on {
				p.workflows = append(p.workflows, store.WorkflowWrite{UserID: s.ID, WorkflowID: wid, Enabled: on, At: now})
				changed = true
			}
		}
	}
	if changed {
		p.touched[what] = append(p.touched[what], s.ID)
	}
	return changed, nil
}

// has reports whether the record's integrations include integration id.
func (c *catalogue) has(ints map[string]*Conn, id int64) bool {
	for key := range ints {
		if c.Integrations[key] == id || c.added.Integrations[key] == id {
			return true
		}
	}
	return false
}

// write runs the plan with the per-row triggers set aside and returns how
// many rows it wrote.
func (p *plan) write(ctx context.Context, tb *txBulk, importID int64) (int, error) {
	tx := tb.tx
	if importID != 0 {
		if err := store.RecordBefore(ctx, tx, importID, slices.Concat(slices.Collect(maps.Values(p.touched))...)); err != nil {
			return 0, err
		}
	}
	b, err := tb.begin(ctx)
	if err != nil {
		return 0, err
	}
	for what, ids := range p.touched {
		if err := b.Unaccount(ctx, ids, what); err != nil {
			return 0, err
		}
	}
	added, err := b.InsertUsers(ctx, p.inserts)
	if err != nil {
		return 0, err
	}
	if importID != 0 && len(p.inserts) > 0 { // numbered as one block of ids
		first, last := int64(math.MaxInt64), int64(0)
		for _, id := range added {
			first, last = min(first, id), max(last, id)
		}
		if err := store.RecordAdded(ctx, tx, importID, first, last); err != nil {
			return 0, err
		}
	}
	if err := b.UpdateUsers(ctx, p.updates); err != nil {
		return 0, err
	}
	if err := b.DeleteConnections(ctx, p.drops); err != nil {
		return 0, err
	}
	// New users come with their status, counts and connections from here;
	// only the existing users a chunk changed are derived again in SQL.
	n := 0
	for _, cs := range p.newConns {
		n += len(cs)
	}
	newConns := make([]store.ConnectionWrite, 0, n)
	newIDs := make([]int64, 0, len(added))
	byStatus, byIntegration := map[string]int{}, map[store.IntegrationStatus]int{}
	for _, u := range p.inserts {
		id := added[u.ExternalID]
		newIDs = append(newIDs, id)
		byStatus[u.Status]++
		for _, cw := range p.newConns[u.ExternalID] {
			newConns = append(newConns, store.ConnectionWrite{UserID: id, IntegrationID: cw.integrationID,
				Status: string(cw.c.Status), Reason: string(cw.c.Reason), Message: cw.c.Message, At: cw.at, UserCreatedAt: u.CreatedAt, UserStatus: u.Status})
			byIntegration[store.IntegrationStatus{IntegrationID: cw.integrationID, Status: u.Status}]++
		}
		for _, w := range p.newFlows[u.ExternalID] {
			w.UserID = id
			p.workflows = append(p.workflows, w)
		}
	}
	if err := b.InsertConnections(ctx, newConns); err != nil {
		return 0, err
	}
	if err := b.UpsertConnections(ctx, p.conns); err != nil {
		return 0, err
	}
	if err := b.SetWorkflowStates(ctx, p.workflows); err != nil {
		return 0, err
	}
	if err := b.AddCounts(ctx, byStatus, byIntegration); err != nil {
		return 0, err
	}
	if !tb.load {
		if err := b.Index(ctx, newIDs); err != nil {
			return 0, err
		}
	}
	for what, ids := range p.touched {
		if err := b.Account(ctx, ids, what); err != nil {
			return 0, err
		}
	}
	return len(p.inserts) + len(p.updates) + len(newConns) + len(p.conns) + len(p.drops) + len(p.workflows), nil
}

// workflowState is the state a connection has for a workflow, if any.
func workflowState(c *store.ConnectionSnapshot, id int64) (enabled, ok bool) {
	if c == nil {
		return false, false
	}
	enabled, ok = c.Workflows[id]
	return enabled, ok
}
