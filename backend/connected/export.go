package connected

import (
	"context"

	"roster/backend/domain"
	"roster/backend/store"
)

// Export walks every user the list in shows (its filters and sort, the
// actor's scope) and hands them to write in full, a page at a time, with
// their workflow states if workflows is set; it returns how many it wrote.
// The caller records the export in the audit log (backend/export).
func (s *Service) Export(ctx context.Context, actor domain.Actor, in ListInput, workflows bool, write func([]store.UserRecord) error) (int, error) {
	if err := domain.Require(actor, domain.PermViewUsers, listTarget(in)); err != nil {
		return 0, err
	}
	in.Cursor, in.Offset, in.Limit = "", 0, domain.MaxPageSize
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
		recs, err := store.UserRecords(ctx, s.store.Reader(), ids, workflows)
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
			return n, nil
		}
		q.Cursor = page.NextCursor
	}
}
