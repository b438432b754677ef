package importer

import (
	"context"
	"fmt"

	"roster/backend/domain"
	"roster/backend/store"
)

// RollbackReport is what a rollback undid.
type RollbackReport struct {
	ImportID int64  `json:"importId"`
	File     string `json:"file"`
	Removed  int    `json:"removed"`  // users the import had added
	Restored int    `json:"restored"` // users put back as they were before it
}

// rollbackChunk is how many users a rollback undoes in a transaction: its
// progress moves about once a second at 1M users (a rollback of 50,000
// changed users through the UI, in turn: 4.8-4.9 s in chunks of 100,000,
// which showed nothing until the end; 5.3-5.5 s in these).
const rollbackChunk = 10_000

// Rollback undoes the newest import that is not rolled back yet: it removes
// the users it added and puts back the users it changed as they were before
// it (their fields, connections and workflow states). It works in chunks,
// each one transaction that also forgets what it undid, so a rollback cut
// short is finished by running it again. progress gets the users undone so
// far and how many it has to undo in all, first before it starts.
func (s *Service) Rollback(ctx context.Context, actor domain.Actor, importID int64, progress func(done, total int)) (RollbackReport, error) {
	rep := RollbackReport{ImportID: importID}
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return rep, err
	}
	if err := s.MarkInterrupted(ctx); err != nil {
		return rep, err
	}
	im, err := store.GetImport(ctx, s.st.Reader(), importID)
	if err != nil {
		return rep, err
	}
	rep.File = im.File
	switch {
	case im.RolledBackAt != nil:
		return rep, domain.Conflict("The import of %s was rolled back already.", im.File)
	case im.State == domain.ImportRunning:
		return rep, domain.Conflict("The import of %s is still running; cancel it first.", im.File)
	}
	switch latest, err := store.LatestImport(ctx, s.st.Reader()); {
	case err != nil:
		return rep, err
	case latest.ID != im.ID:
		return rep, domain.Conflict("A later import (%s, import %d) changed data after this one; roll that one back first.", latest.File, latest.ID)
	}
	total, err := store.UndoLeft(ctx, s.st.Reader(), importID)
	if err != nil {
		return rep, err
	}
	report := func() {
		if progress != nil {
			progress(rep.Removed+rep.Restored, total)
		}
	}
	report()
	for {
		ids, err := store.AddedUsers(ctx, s.st.Reader(), importID, rollbackChunk)
		if err != nil || len(ids) == 0 {
			if err != nil {
				return rep, err
			}
			break
		}
		err = s.st.Update(ctx, func(tx store.DB) error {
			b, err := store.BeginBulk(ctx, tx)
			if err != nil {
				return err
			}
			if err := b.Unaccount(ctx, ids, store.RecountAll); err != nil {
				return err
			}
			if err := b.DeleteUsers(ctx, ids); err != nil {
				return err
			}
			return b.Close(ctx)
		})
		if err != nil {
			return rep, err
		}
		rep.Removed += len(ids)
		report()
	}
	for {
		befores, err := store.Befores(ctx, s.st.Reader(), importID, rollbackChunk)
		if err != nil || len(befores) == 0 {
			if err != nil {
				return rep, err
			}
			break
		}
		ids := make([]int64, len(befores))
		for i, b := range befores {
			ids[i] = b.UserID
		}
		err = s.st.Update(ctx, func(tx store.DB) error {
			b, err := store.BeginBulk(ctx, tx)
			if err != nil {
				return err
			}
			if err := b.Unaccount(ctx, ids, store.RecountAll); err != nil {
				return err
			}
			if err := b.Restore(ctx, befores); err != nil {
				return err
			}
			if err := b.Account(ctx, ids, store.RecountAll); err != nil {
				return err
			}
			if err := b.Close(ctx); err != nil {
				return err
			}
			return store.ForgetUndo(ctx, tx, importID, ids)
		})
		if err != nil {
			return rep, err
		}
		rep.Restored += len(befores)
		report()
	}
	err = s.st.Update(ctx, func(tx store.DB) error {
		if err := store.ForgetUndo(ctx, tx, importID, nil); err != nil {
			return err
		}
		if err := store.MarkRolledBack(ctx, tx, importID, s.now()); err != nil {
			return err
		}
		if err := store.RecheckUserOrder(ctx, tx); err != nil {
			return err
		}
		return store.AppendAudit(ctx, tx, store.AuditRecord{At: s.now(), Actor: actor, Action: domain.ActionUsersImportRollback,
			TargetType: domain.TargetWorkspace, TargetID: fmt.Sprintf("import/%d", importID), TargetLabel: im.File,
			After: map[string]any{"file": im.File, "removed": rep.Removed, "restored": rep.Restored}})
	})
	return rep, err
}
