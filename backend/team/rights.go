package team

import (
	"context"

	"roster/backend/domain"
	"roster/backend/store"
)

// rights says what actor may do to m, for the Team page to offer exactly
// that. The use cases decide each call on their own checks, which say why
// they refuse; TestRightsAreWhatTheUseCasesAllow holds the two together.
func rights(a domain.Actor, cfg config, m domain.Member) domain.MemberRights {
	self := m.ID == a.MemberID
	manageTeam := domain.Can(a, domain.PermManageTeam, domain.Target{})
	// Acting on a member is granting their role: nobody acts on more than
	// they hold.
	grant := domain.CanGrant(a, m.Role, refIDs(m.Integrations))
	manage := manageTeam && !self && m.Role != domain.RoleOwner && grant
	accepted := m.Status == domain.MemberAccepted
	invitation := !accepted && canInvite(a, cfg) == nil && grant
	// Access and notifications are a member's: an invitee has neither yet.
	return domain.MemberRights{
		ChangeRole:    manage,
		Enable:        manage && accepted,
		Remove:        manage && accepted,
		Notifications: accepted && (self || manageTeam && m.Role != domain.RoleOwner),
		Resend:        invitation,
		NewCode:       invitation,
		Revoke:        invitation,
		Transfer:      a.Role == domain.RoleOwner && !self && m.Status == domain.MemberAccepted && m.Enabled,
	}
}

func refIDs(refs []domain.IntegrationRef) []int64 {
	ids := make([]int64, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return ids
}

// members lists members as actor sees them: with what actor may do to each.
func (s *Service) members(ctx context.Context, actor domain.Actor, q store.MemberQuery) ([]domain.Member, error) {
	db := s.store.Reader()
	cfg, err := loadConfig(ctx, db)
	if err != nil {
		return nil, err
	}
	out, err := store.ListMembers(ctx, db, q, s.clock())
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Rights = rights(actor, cfg, out[i])
	}
	return out, nil
}

// shownMember returns one member as actor sees them, after a change, or a
// not-found error.
func (s *Service) shownMember(ctx context.Context, actor domain.Actor, id int64) (domain.Member, error) {
	db := s.store.Reader()
	cfg, err := loadConfig(ctx, db)
	if err != nil {
		return domain.Member{}, err
	}
	m, err := store.GetMember(ctx, db, id, s.clock())
	if err != nil {
		return domain.Member{}, err
	}
	m.Rights = rights(actor, cfg, m)
	return m, nil
}
