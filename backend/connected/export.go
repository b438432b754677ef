package connected

import (
	"context"
	"fmt"

	"roster/backend/domain"
	"roster/backend/store"
)

// ExportTarget names what an export wrote, for its audit entry.
type ExportTarget struct {
	Format string // as written: csv (no workflow states), jsonl
	Where  string // a file name, or "standard output"
}

// Export walks every user the list in shows (its filters and sort, the
// actor's scope) and hands them to write in full, a page at a time; it
// returns how many it wrote. Data leaving Roster is recorded in the audit
// log, with the filters and the count.
func (s *Service) Export(ctx context.Context, actor domain.Actor, in ListInput, to ExportTarget, write func([]store.UserRecord) error) (int, error) {
	if err := domain.Require(actor, domain.PermViewUsers, listTarget(in)); err != nil {
		return 0, err
	}
	in.Cursor, in.Limit = "", domain.MaxPageSize
	q, err := s.validateList(ctx, in)
	if err != nil {
		return 0, err
	}
	q.Bare = true
	cat, err := store.ReadCatalogue(ctx, s.store.Reader())
	if err != nil {
		return 0, err
	}
	n := 0
	for {
		page, err := store.ListUsers(ctx, s.store.Reader(), q)
		if err != nil {
			return n, err
		}
		ids := make([]int64, len(page.Users))
		for i, u := range page.Users {
			ids[i] = u.ID
		}
		recs, err := store.UserRecords(ctx, s.store.Reader(), ids, to.Format != "csv")
		if err != nil {
			return n, err
		}
		if actor.Role.Scoped() { // a per-integration role exports its integrations only
			for i := range recs {
				var seen []store.ConnectionRecord
				for _, c := range recs[i].Connections {
					if actor.Sees(cat.Integrations[c.Integration]) {
						seen = append(seen, c)
					}
				}
				recs[i].Connections = seen
			}
		}
		if err := write(recs); err != nil {
			return n, err
		}
		n += len(recs)
		if page.NextCursor == "" {
			break
		}
		q.Cursor = page.NextCursor
	}
	err = s.store.Update(ctx, func(tx store.DB) error {
		return store.AppendAudit(ctx, tx, store.AuditRecord{At: s.now(), Actor: actor, Action: domain.ActionUsersExport,
			TargetType: domain.TargetWorkspace, TargetID: "users", TargetLabel: to.Where,
			After: map[string]any{"filters": in, "format": to.Format, "to": to.Where, "users": n}})
	})
	if err != nil {
		return n, fmt.Errorf("connected: export: %w", err)
	}
	return n, nil
}
