package team

import (
	"context"
	"slices"
	"strings"

	"roster/backend/domain"
	"roster/backend/store"
)

// ListInput filters the Team table.
type ListInput struct {
	Search string              `json:"search"`
	Role   domain.Role         `json:"role,omitempty"`   // "" = any
	Status domain.MemberStatus `json:"status,omitempty"` // "" = any
}

// List returns the team, filtered; every member may see it.
func (s *Service) List(ctx context.Context, actor domain.Actor, in ListInput) ([]domain.Member, error) {
	if err := domain.Require(actor, domain.PermViewTeam, domain.Target{}); err != nil {
		return nil, err
	}
	q := store.MemberQuery{Role: in.Role, Status: in.Status}
	var err error
	if q.Search, err = domain.CleanText("search", in.Search, domain.MaxSearchLen); err != nil {
		return nil, err
	}
	if q.Role != "" && !q.Role.Valid() {
		return nil, domain.Invalid("role", "Unknown role %q.", in.Role)
	}
	if q.Status != "" && !q.Status.Valid() {
		return nil, domain.Invalid("status", "Unknown status %q; use %s.", in.Status, domain.Choices(domain.MemberStatuses))
	}
	out, err := s.members(ctx, actor, q)
	if out == nil && err == nil {
		out = []domain.Member{}
	}
	return out, err
}

// ChangeRoleInput changes a member's role; Version is the one the caller saw.
type ChangeRoleInput struct {
	MemberID     int64       `json:"memberId"`
	Version      int64       `json:"version"`
	Role         domain.Role `json:"role"`
	Integrations []int64     `json:"integrations"`
}

// memberChange runs fn on member id inside one transaction, after the checks
// every change of another member shares: the actor manages the team, the
// member exists, is not the actor (nobody locks themselves out) and is not
// the owner (nobody but the owner changes the owner).
func (s *Service) memberChange(ctx context.Context, actor domain.Actor, id int64, fn func(tx store.DB, m store.MemberAuth) error) error {
	if err := domain.Require(actor, domain.PermManageTeam, domain.Target{}); err != nil {
		return err
	}
	if err := domain.ID("memberId", id); err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx store.DB) error {
		m, err := store.MemberByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if m.ID == actor.MemberID {
			return domain.Forbidden("You cannot change your own membership this way; ask another administrator.")
		}
		if m.Role == domain.RoleOwner {
			return domain.Forbidden("Nobody but the owner changes the owner.")
		}
		return fn(tx, m)
	})
}

// member refuses a change that only a member's row has (access,
// notifications) on an invitee who has not accepted: they have neither yet.
func member(m store.MemberAuth) error {
	if m.Status == domain.MemberAccepted {
		return nil
	}
	return domain.Conflict("%s is not a member yet (invitation %s): access and notifications start when they accept. Revoke the invitation to stop them joining.",
		m.Email, strings.ToLower(m.Status.Label()))
}

func stale(m store.MemberAuth) error {
	return domain.Conflict("Someone else changed %s a moment ago. The list now shows their latest state; try again if you still want to.", m.Email)
}

// ChangeRole gives a member another role (and scope). Nobody grants more
// than they hold.
func (s *Service) ChangeRole(ctx context.Context, actor domain.Actor, in ChangeRoleInput) (domain.Member, error) {
	now := s.clock()
	err := s.memberChange(ctx, actor, in.MemberID, func(tx store.DB, m store.MemberAuth) error {
		scope, names, err := s.validateRole(ctx, tx, in.Role, in.Integrations)
		if err != nil {
			return err
		}
		if err := grantable(actor, in.Role, scope); err != nil {
			return err
		}
		// Taking a role away is granting the difference: an administrator's
		// role is changed only by someone who could grant it.
		if err := grantable(actor, m.Role, m.Integrations); err != nil {
			return err
		}
		if m.Role == in.Role && slices.Equal(m.Integrations, scope) {
			return nil
		}
		_, oldNames, err := s.validateRole(ctx, tx, m.Role, m.Integrations)
		if err != nil {
			return err
		}
		ok, err := store.UpdateMember(ctx, tx, store.MemberUpdate{ID: m.ID, Version: in.Version, Role: &in.Role})
		if err != nil {
			return err
		}
		if !ok {
			return stale(m)
		}
		if err := store.SetMemberIntegrations(ctx, tx, m.ID, scope); err != nil {
			return err
		}
		tt, tid, tl := memberTarget(m.ID, label(m.Name, m.Email))
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionMemberRole, TargetType: tt, TargetID: tid, TargetLabel: tl,
			Before: map[string]any{"role": m.Role, "integrations": oldNames}, After: map[string]any{"role": in.Role, "integrations": names}})
	})
	if err != nil {
		return domain.Member{}, err
	}
	return s.shownMember(ctx, actor, in.MemberID)
}

// SetEnabled turns a member's access off or on. Off ends their sessions at
// once; nothing of theirs is deleted.
func (s *Service) SetEnabled(ctx context.Context, actor domain.Actor, id int64, enabled bool) (domain.Member, error) {
	now := s.clock()
	err := s.memberChange(ctx, actor, id, func(tx store.DB, m store.MemberAuth) error {
		if err := grantable(actor, m.Role, m.Integrations); err != nil {
			return err
		}
		if err := member(m); err != nil {
			return err
		}
		if m.Enabled == enabled {
			return nil
		}
		if _, err := store.UpdateMember(ctx, tx, store.MemberUpdate{ID: m.ID, Version: m.Version, Enabled: &enabled}); err != nil {
			return err
		}
		after := map[string]any{"enabled": enabled}
		action := domain.ActionMemberEnable
		if !enabled {
			action = domain.ActionMemberDisable
			n, err := store.EndMemberSessions(ctx, tx, m.ID, accessTurnedOff)
			if err != nil {
				return err
			}
			after["sessionsEnded"] = n
		}
		tt, tid, tl := memberTarget(m.ID, label(m.Name, m.Email))
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: action, TargetType: tt, TargetID: tid, TargetLabel: tl,
			Before: map[string]any{"enabled": m.Enabled}, After: after})
	})
	if err != nil {
		return domain.Member{}, err
	}
	return s.shownMember(ctx, actor, id)
}

// UnlockSignIn lifts the sign-in locks failed attempts put on a member's
// account (from every client), for whoever may turn their access on or off.
func (s *Service) UnlockSignIn(ctx context.Context, actor domain.Actor, id int64) (domain.Member, error) {
	now := s.clock()
	err := s.memberChange(ctx, actor, id, func(tx store.DB, m store.MemberAuth) error {
		if err := grantable(actor, m.Role, m.Integrations); err != nil {
			return err
		}
		locked, err := store.UnlockSignIn(ctx, tx, m.ID, now)
		if err != nil || !locked {
			return err
		}
		tt, tid, tl := memberTarget(m.ID, label(m.Name, m.Email))
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionMemberUnlock, TargetType: tt, TargetID: tid, TargetLabel: tl,
			Before: map[string]any{"locked": true}, After: map[string]any{"locked": false}})
	})
	if err != nil {
		return domain.Member{}, err
	}
	return s.shownMember(ctx, actor, id)
}

// SetNotifications opts a member in or out of notification e-mails. Members
// switch their own; owners and administrators switch anyone's but the
// owner's.
func (s *Service) SetNotifications(ctx context.Context, actor domain.Actor, id int64, on bool) (domain.Member, error) {
	if err := domain.ID("memberId", id); err != nil {
		return domain.Member{}, err
	}
	if id != actor.MemberID {
		if err := domain.Require(actor, domain.PermManageTeam, domain.Target{}); err != nil {
			return domain.Member{}, domain.Forbidden("You can switch only your own notifications.")
		}
	}
	now := s.clock()
	err := s.store.Update(ctx, func(tx store.DB) error {
		m, err := store.MemberByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if m.Role == domain.RoleOwner && id != actor.MemberID {
			return domain.Forbidden("Nobody but the owner changes the owner.")
		}
		if err := member(m); err != nil {
			return err
		}
		if m.Notifications == on {
			return nil
		}
		if _, err := store.UpdateMember(ctx, tx, store.MemberUpdate{ID: id, Version: m.Version, Notifications: &on}); err != nil {
			return err
		}
		tt, tid, tl := memberTarget(m.ID, label(m.Name, m.Email))
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionMemberNotifications, TargetType: tt, TargetID: tid, TargetLabel: tl,
			Before: map[string]any{"notifications": m.Notifications}, After: map[string]any{"notifications": on}})
	})
	if err != nil {
		return domain.Member{}, err
	}
	return s.shownMember(ctx, actor, id)
}

// Remove deletes the membership of someone who accepted (an invitation is
// revoked instead). The audit log keeps the member's name on
// every entry, so their history stays readable.
func (s *Service) Remove(ctx context.Context, actor domain.Actor, id int64) error {
	now := s.clock()
	return s.memberChange(ctx, actor, id, func(tx store.DB, m store.MemberAuth) error {
		if err := grantable(actor, m.Role, m.Integrations); err != nil {
			return err
		}
		if m.Status != domain.MemberAccepted {
			return domain.Conflict("%s has not accepted their invitation: revoke the invitation instead.", m.Email)
		}
		if err := endInvitations(ctx, tx, m.ID, "removed", now); err != nil {
			return err
		}
		if err := store.DeleteMember(ctx, tx, m.ID); err != nil {
			return err
		}
		tt, tid, tl := memberTarget(m.ID, label(m.Name, m.Email))
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionMemberRemove, TargetType: tt, TargetID: tid, TargetLabel: tl,
			Before: map[string]any{"email": m.Email, "name": m.Name, "role": m.Role, "status": m.Status}})
	})
}

// TransferOwnership makes another accepted, enabled member the owner; the
// old owner becomes an administrator. Only the owner can do it.
func (s *Service) TransferOwnership(ctx context.Context, actor domain.Actor, id int64) (domain.Member, error) {
	if actor.Role != domain.RoleOwner {
		return domain.Member{}, domain.Forbidden("Only the owner transfers ownership.")
	}
	if err := domain.ID("memberId", id); err != nil {
		return domain.Member{}, err
	}
	now := s.clock()
	err := s.store.Update(ctx, func(tx store.DB) error {
		m, err := store.MemberByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if m.ID == actor.MemberID {
			return domain.Conflict("You are the owner already.")
		}
		if m.Status != domain.MemberAccepted || !m.Enabled {
			return domain.Conflict("%s must have accepted their invitation and be enabled to become the owner.", m.Email)
		}
		me, err := store.MemberByID(ctx, tx, actor.MemberID)
		if err != nil {
			return err
		}
		// Demote first: the schema allows one owner at a time.
		if _, err := store.UpdateMember(ctx, tx, store.MemberUpdate{ID: me.ID, Version: me.Version, Role: new(domain.RoleAdmin)}); err != nil {
			return err
		}
		if _, err := store.UpdateMember(ctx, tx, store.MemberUpdate{ID: m.ID, Version: m.Version, Role: new(domain.RoleOwner)}); err != nil {
			return err
		}
		if err := store.SetMemberIntegrations(ctx, tx, m.ID, nil); err != nil {
			return err
		}
		tt, tid, tl := memberTarget(m.ID, label(m.Name, m.Email))
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionOwnershipTransfer, TargetType: tt, TargetID: tid, TargetLabel: tl,
			Before: map[string]any{"owner": actor.Email, "role": m.Role}, After: map[string]any{"owner": m.Email, "previousOwnerRole": domain.RoleAdmin}})
	})
	if err != nil {
		return domain.Member{}, err
	}
	return s.shownMember(ctx, actor, id)
}
