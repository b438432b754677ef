package team

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"roster/backend/domain"
	"roster/backend/mail"
	"roster/backend/store"
)

// InviteInput is the "Invite members" form.
type InviteInput struct {
	// Emails holds one or more addresses separated by commas, semicolons,
	// spaces or new lines.
	Emails       string      `json:"emails"`
	Role         domain.Role `json:"role"`
	Integrations []int64     `json:"integrations"` // for per-integration roles
}

// Invitation is one invitation just made: the member, and the code and link
// to hand over when e-mail is not set up (they are shown once: Roster keeps
// only the code's hash).
type Invitation struct {
	Member domain.Member `json:"member"`
	Code   string        `json:"code"`
	Link   string        `json:"link"`
}

// InviteResult says what Invite did with each address.
type InviteResult struct {
	Invited []Invitation `json:"invited"`
	// Addresses reports every address of the form, in its order (each
	// once): invited, already a member, already invited, or invalid and why.
	Addresses []AddressOutcome `json:"addresses"`
	// Emailed says the invitations were queued for e-mail; otherwise SMTP is
	// not set up and the codes must be handed over by hand.
	Emailed bool `json:"emailed"`
}

// AddressOutcome is what Invite did with one address.
type AddressOutcome struct {
	// Email is the address as the team list knows it, or as typed when it
	// is not one.
	Email   string               `json:"email"`
	Outcome domain.InviteOutcome `json:"outcome"`
	// Reason says why an address was not invited.
	Reason string `json:"reason"`
}

// canInvite checks the Invitations setting: owners and administrators always
// invite; everyone else only while it is on, and never above their own role.
func canInvite(a domain.Actor, cfg config) error {
	if domain.Can(a, domain.PermInvite, domain.Target{}) || cfg.InvitationsOpen {
		return nil
	}
	return domain.Forbidden("Only owners and administrators invite members while the Invitations setting is off.")
}

func grantable(a domain.Actor, role domain.Role, scope []int64) error {
	if !domain.CanGrant(a, role, scope) {
		if role == domain.RoleOwner {
			return domain.Forbidden("Ownership is not granted: the owner transfers it.")
		}
		return domain.Forbidden("You cannot grant %s: nobody grants more than they hold (you are %s).", role.Label(), a.Role.Label())
	}
	return nil
}

// validateRole checks a role and its integration scope.
func (s *Service) validateRole(ctx context.Context, db store.DB, role domain.Role, integrations []int64) ([]int64, []string, error) {
	if !role.Valid() {
		return nil, nil, domain.Invalid("role", "Unknown role %q.", role)
	}
	if role == domain.RoleOwner {
		return nil, nil, domain.Invalid("role", "There is one owner; the owner can transfer ownership from the member's menu.")
	}
	if !role.Scoped() {
		if len(integrations) > 0 {
			return nil, nil, domain.Invalid("integrations", "%s covers every integration; choose no integrations.", role.Label())
		}
		return nil, nil, nil
	}
	if len(integrations) == 0 {
		return nil, nil, domain.Invalid("integrations", "Choose the integrations this role covers.")
	}
	ids := slices.Clone(integrations)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	all, err := store.ListIntegrations(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		i := slices.IndexFunc(all, func(in domain.Integration) bool { return in.ID == id })
		if i < 0 {
			return nil, nil, domain.Invalid("integrations", "There is no integration with id %d.", id)
		}
		names = append(names, all[i].Name)
	}
	return ids, names, nil
}

// Invite invites one or more people with one role. An address that is not
// one, or is on the team already, is reported and skipped: it does not hold
// back the others, which are invited in one transaction. A wrong role, or
// no address at all, refuses the whole form.
func (s *Service) Invite(ctx context.Context, actor domain.Actor, in InviteInput) (InviteResult, error) {
	db := s.store.Reader()
	cfg, err := loadConfig(ctx, db)
	if err != nil {
		return InviteResult{}, err
	}
	if err := canInvite(actor, cfg); err != nil {
		return InviteResult{}, err
	}
	entries, err := parseEmails(in.Emails)
	if err != nil {
		return InviteResult{}, err
	}
	scope, scopeNames, err := s.validateRole(ctx, db, in.Role, in.Integrations)
	if err != nil {
		return InviteResult{}, err
	}
	if err := grantable(actor, in.Role, scope); err != nil {
		return InviteResult{}, err
	}
	res := InviteResult{Invited: []Invitation{}, Emailed: cfg.SMTP.Configured()}
	now := s.clock()
	var ids []int64
	codes := map[int64]string{}
	err = s.store.Update(ctx, func(tx store.DB) error {
		res.Addresses, ids = make([]AddressOutcome, 0, len(entries)), ids[:0] // a retried transaction starts over
		for _, e := range entries {
			if e.err != nil {
				res.Addresses = append(res.Addresses, AddressOutcome{Email: e.email, Outcome: domain.InviteInvalid, Reason: e.err.Error()})
				continue
			}
			m, err := store.MemberByEmail(ctx, tx, e.email)
			if err == nil {
				res.Addresses = append(res.Addresses, known(m)) // as the team list shows it
				continue
			}
			if !errors.Is(err, domain.ErrNotFound) {
				return err
			}
			id, err := store.InsertMember(ctx, tx, store.NewMember{Email: e.email, Role: in.Role, Status: domain.MemberPending,
				Integrations: scope, InvitedBy: actor.Name, At: now})
			if err != nil {
				return err
			}
			code, err := s.issue(ctx, tx, actor, cfg, id, e.email, in.Role, scopeNames, now, true)
			if err != nil {
				return err
			}
			ids, codes[id] = append(ids, id), code
			res.Addresses = append(res.Addresses, AddressOutcome{Email: e.email, Outcome: domain.InviteInvited})
			tt, tid, tl := memberTarget(id, e.email)
			if err := audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionMemberInvite, TargetType: tt, TargetID: tid, TargetLabel: tl,
				After: map[string]any{"email": e.email, "role": in.Role, "integrations": scopeNames, "emailed": res.Emailed}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return InviteResult{}, err
	}
	for _, id := range ids {
		m, err := s.shownMember(ctx, actor, id)
		if err != nil {
			return InviteResult{}, err
		}
		res.Invited = append(res.Invited, Invitation{Member: m, Code: codes[id], Link: s.link(cfg, m.Email, codes[id])})
	}
	if res.Emailed && len(ids) > 0 {
		s.kick()
	}
	return res, nil
}

// known reports an address that is on the team already.
func known(m store.MemberAuth) AddressOutcome {
	if m.Status == domain.MemberAccepted {
		return AddressOutcome{Email: m.Email, Outcome: domain.InviteAlreadyMember, Reason: "Already a member of the team: not invited again."}
	}
	return AddressOutcome{Email: m.Email, Outcome: domain.InviteAlreadyInvited,
		Reason: fmt.Sprintf("Already invited (%s): resend the invitation from their ⋯ menu instead.", strings.ToLower(m.Status.Label()))}
}

// entry is one address of the form: valid, or why not.
type entry struct {
	email string
	err   error
}

// parseEmails splits the form into its entries, each once (addresses
// compared without case), in order.
func parseEmails(raw string) ([]entry, error) {
	parts := domain.SplitEmails(raw)
	if len(parts) == 0 {
		return nil, domain.Invalid("emails", "Enter at least one e-mail address.")
	}
	var out []entry
	seen := map[string]bool{}
	for _, p := range parts {
		e, err := domain.Email("emails", p)
		if err != nil {
			e, err = shorten(p), errors.New(whyNot(p))
		}
		if key := strings.ToLower(e); !seen[key] {
			seen[key] = true
			out = append(out, entry{email: e, err: err})
		}
	}
	if len(out) > domain.MaxInvitees {
		return nil, domain.Invalid("emails", "Invite at most %d people at once (this has %d).", domain.MaxInvitees, len(out))
	}
	return out, nil
}

// whyNot says why p, refused by domain.Email, is not an e-mail address.
func whyNot(p string) string {
	at := strings.LastIndexByte(p, '@')
	switch {
	case len(p) > domain.MaxEmailLen:
		return fmt.Sprintf("Longer than %d characters.", domain.MaxEmailLen)
	case at < 0:
		return "No @: an address reads like name@example.com."
	case at == 0:
		return "Nothing before the @: an address reads like name@example.com."
	case !strings.Contains(p[at+1:], "."):
		return fmt.Sprintf("%q is not a full domain: an address reads like name@example.com.", shorten(p[at+1:]))
	}
	return "Not an e-mail address: it reads like name@example.com, without spaces or quotes."
}

// shorten cuts an entry that is not an address for the report, whole runes.
func shorten(s string) string {
	if len(s) <= 60 {
		return s
	}
	return strings.ToValidUTF8(s[:60], "") + "…"
}

// issue makes a new code for member id, queues its mail when asked and
// possible, and stores the code's hash. It returns the code.
func (s *Service) issue(ctx context.Context, tx store.DB, actor domain.Actor, cfg config, id int64, email string,
	role domain.Role, scopeNames []string, now time.Time, send bool) (string, error) {
	code, hash := newSecret()
	expires := now.Add(time.Duration(cfg.InvitationDays) * 24 * time.Hour)
	var outboxID int64
	if send && cfg.SMTP.Configured() {
		subject, text, html, err := mail.Invitation(mail.InvitationData{InviterName: actor.Name, InviteeEmail: email,
			RoleLabel: role.Label(), Integrations: scopeNames, Code: code, Link: s.link(cfg, email, code), DeclineLink: s.declineLink(cfg, email, code), ExpiresAt: expires})
		if err != nil {
			return "", err
		}
		if outboxID, err = store.EnqueueMail(ctx, tx, store.OutboxMail{Kind: string(domain.MailInvitation), Recipient: email,
			Subject: subject, Text: text, HTML: html}, now); err != nil {
			return "", err
		}
	}
	return code, store.InsertInvitation(ctx, tx, id, email, hash, now, expires, outboxID)
}

// endInvitations ends a member's open invitations and cancels their mails
// still queued: a replaced code must not arrive after its successor.
func endInvitations(ctx context.Context, tx store.DB, id int64, outcome string, now time.Time) error {
	mails, err := store.EndInvitations(ctx, tx, id, outcome, now)
	if err != nil {
		return err
	}
	for _, m := range mails {
		if err := store.CancelMail(ctx, tx, m, now); err != nil {
			return err
		}
	}
	return nil
}

// invitee loads a member whose invitation actor may manage: owners and
// administrators manage any; others (with the Invitations setting on) only
// invitations they could have made.
func (s *Service) invitee(ctx context.Context, tx store.DB, actor domain.Actor, cfg config, id int64) (store.MemberAuth, []string, error) {
	if err := domain.ID("memberId", id); err != nil {
		return store.MemberAuth{}, nil, err
	}
	if err := canInvite(actor, cfg); err != nil {
		return store.MemberAuth{}, nil, err
	}
	m, err := store.MemberByID(ctx, tx, id)
	if err != nil {
		return m, nil, err
	}
	if m.Status == domain.MemberAccepted {
		return m, nil, domain.Conflict("%s has already accepted their invitation.", m.Email)
	}
	if err := grantable(actor, m.Role, m.Integrations); err != nil {
		return m, nil, err
	}
	_, names, err := s.validateRole(ctx, tx, m.Role, m.Integrations)
	return m, names, err
}

// Resend replaces a pending, expired or dismissed invitation with a new code
// and e-mails it; the old code stops working.
func (s *Service) Resend(ctx context.Context, actor domain.Actor, id int64) (Invitation, error) {
	return s.reissue(ctx, actor, id, true)
}

// NewCode replaces the invitation code without e-mailing it, for "copy
// invitation code/link": Roster keeps only hashes, so a code can be shown
// only when it is made. The old code stops working.
func (s *Service) NewCode(ctx context.Context, actor domain.Actor, id int64) (Invitation, error) {
	return s.reissue(ctx, actor, id, false)
}

func (s *Service) reissue(ctx context.Context, actor domain.Actor, id int64, send bool) (Invitation, error) {
	cfg, err := loadConfig(ctx, s.store.Reader())
	if err != nil {
		return Invitation{}, err
	}
	if err := canInvite(actor, cfg); err != nil {
		return Invitation{}, err // permission first, before anything is said about the setup
	}
	if send && !cfg.SMTP.Configured() {
		return Invitation{}, domain.Conflict("E-mail is not set up (Settings → E-mail). Use “Copy invitation code” instead.")
	}
	now := s.clock()
	var code, email string
	err = s.store.Update(ctx, func(tx store.DB) error {
		m, names, err := s.invitee(ctx, tx, actor, cfg, id)
		if err != nil {
			return err
		}
		email = m.Email
		if err := endInvitations(ctx, tx, id, "replaced", now); err != nil {
			return err
		}
		// Enabled too: invitees have no access switch, and an invitation
		// sent again is meant to let them in.
		if _, err := store.UpdateMember(ctx, tx, store.MemberUpdate{ID: id, Version: m.Version, Status: new(domain.MemberPending), Enabled: new(true)}); err != nil {
			return err
		}
		if code, err = s.issue(ctx, tx, actor, cfg, id, m.Email, m.Role, names, now, send); err != nil {
			return err
		}
		action := domain.ActionMemberNewCode
		if send {
			action = domain.ActionMemberResend
		}
		tt, tid, tl := memberTarget(id, label(m.Name, m.Email))
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: action, TargetType: tt, TargetID: tid, TargetLabel: tl,
			Before: map[string]any{"status": m.Status}, After: map[string]any{"status": domain.MemberPending, "emailed": send}})
	})
	if err != nil {
		return Invitation{}, err
	}
	if send {
		s.kick()
	}
	m, err := s.shownMember(ctx, actor, id)
	return Invitation{Member: m, Code: code, Link: s.link(cfg, email, code)}, err
}

// Revoke withdraws an invitation that has not been accepted: the code stops
// working (and says so) and the invitee leaves the team list.
func (s *Service) Revoke(ctx context.Context, actor domain.Actor, id int64) error {
	cfg, err := loadConfig(ctx, s.store.Reader())
	if err != nil {
		return err
	}
	now := s.clock()
	return s.store.Update(ctx, func(tx store.DB) error {
		m, _, err := s.invitee(ctx, tx, actor, cfg, id)
		if err != nil {
			return err
		}
		if err := endInvitations(ctx, tx, id, "revoked", now); err != nil {
			return err
		}
		if err := store.DeleteMember(ctx, tx, id); err != nil {
			return err
		}
		tt, tid, tl := memberTarget(id, label(m.Name, m.Email))
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionMemberRevoke, TargetType: tt, TargetID: tid, TargetLabel: tl,
			Before: map[string]any{"email": m.Email, "role": m.Role, "status": m.Status}})
	})
}

// InvitationInfo is what an invitee sees before accepting.
type InvitationInfo struct {
	Email        string                  `json:"email"`
	Role         domain.Role             `json:"role"`
	RoleLabel    string                  `json:"roleLabel"`
	Integrations []domain.IntegrationRef `json:"integrations"`
	InvitedBy    string                  `json:"invitedBy"`
	ExpiresAt    time.Time               `json:"expiresAt" ts_type:"string"`
}

// CheckInvitation tells an invitee what a code invites them to, or exactly
// why it no longer works.
func (s *Service) CheckInvitation(ctx context.Context, emailIn, code string) (InvitationInfo, error) {
	email, hash, err := invitationInput(emailIn, code)
	if err != nil {
		return InvitationInfo{}, err
	}
	db := s.store.Reader()
	st, err := lookupInvitation(ctx, db, hash, email, s.clock())
	if err != nil {
		return InvitationInfo{}, err
	}
	m, err := store.GetMember(ctx, db, st.MemberID, s.clock())
	if err != nil {
		return InvitationInfo{}, err
	}
	return InvitationInfo{Email: m.Email, Role: m.Role, RoleLabel: m.Role.Label(), Integrations: m.Integrations,
		InvitedBy: m.InvitedBy, ExpiresAt: st.ExpiresAt}, nil
}

func invitationInput(emailIn, code string) (string, []byte, error) {
	email, err := domain.Email("email", emailIn)
	if err != nil {
		return "", nil, err
	}
	code = strings.TrimSpace(code)
	if code == "" {
		return "", nil, domain.Invalid("code", "Enter the code from your invitation e-mail.")
	}
	if len(code) > 200 {
		return "", nil, domain.Invalid("code", "That is not an invitation code.")
	}
	return email, hashSecret(code), nil
}

// lookupInvitation returns the invitation of a code, or the error an
// invitee can act on if the code does not work.
func lookupInvitation(ctx context.Context, db store.DB, hash []byte, email string, now time.Time) (store.InvitationState, error) {
	st, err := store.LookupInvitation(ctx, db, hash, email)
	if errors.Is(err, domain.ErrNotFound) {
		return st, domain.Invalid("code", "This code does not match an invitation for that e-mail address. Check both, or ask for a new invitation.")
	}
	if err != nil {
		return st, err
	}
	return st, explain(st, now)
}

// explain turns what is known of a code into the error an invitee can act
// on, or nil if it still works.
func explain(st store.InvitationState, now time.Time) error {
	switch st.Outcome {
	case "accepted":
		return domain.Conflict("This invitation has already been accepted. Sign in with your e-mail and password.")
	case "dismissed":
		return domain.Conflict("This invitation was dismissed. Ask for a new one if you changed your mind.")
	case "replaced":
		return domain.Conflict("This code was replaced by a newer invitation. Use the code from the latest e-mail.")
	case "revoked":
		return domain.Conflict("This invitation was revoked by an administrator.")
	case "removed":
		return domain.Conflict("This membership was removed by an administrator.")
	}
	if !st.ExpiresAt.After(now) {
		return domain.Conflict("This invitation expired on %s. Ask for a new one.", st.ExpiresAt.Local().Format("Jan 2, 2006 at 15:04 MST"))
	}
	return nil
}

// AcceptInput is what an invitee sends to accept.
type AcceptInput struct {
	Email    string `json:"email"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Password string `json:"password"`
}

// Accept uses an invitation code: the member is Accepted, named, given a
// password, and signed in. The code works once, by one conditional UPDATE.
func (s *Service) Accept(ctx context.Context, in AcceptInput) (string, Me, error) {
	email, hash, err := invitationInput(in.Email, in.Code)
	if err != nil {
		return "", Me{}, err
	}
	name, err := domain.PersonName("name", in.Name)
	if err != nil {
		return "", Me{}, err
	}
	if err := domain.Password("password", in.Password); err != nil {
		return "", Me{}, err
	}
	pw := s.cost.hash(in.Password)
	token, tokenHash := newSecret()
	now := s.clock()
	var actor domain.Actor
	err = s.store.Update(ctx, func(tx store.DB) error {
		id, err := s.useCode(ctx, tx, hash, email, "accepted", now)
		if err != nil {
			return err
		}
		m, err := store.MemberByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if !m.Enabled {
			return domain.Forbidden("Your access to Roster is turned off. Ask an administrator to turn it back on.")
		}
		if _, err := store.UpdateMember(ctx, tx, store.MemberUpdate{ID: id, Version: m.Version,
			Status: new(domain.MemberAccepted), Name: &name, PasswordHash: &pw}); err != nil {
			return err
		}
		m.Name, m.Status = name, domain.MemberAccepted
		actor = m.Actor()
		if err := s.startSession(ctx, tx, id, tokenHash, now); err != nil {
			return err
		}
		tt, tid, tl := memberTarget(id, label(name, m.Email))
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionMemberAccept, TargetType: tt, TargetID: tid, TargetLabel: tl,
			Before: map[string]any{"status": domain.MemberPending}, After: map[string]any{"status": domain.MemberAccepted, "name": name, "role": m.Role}})
	})
	if err != nil {
		return "", Me{}, err
	}
	me, err := s.me(ctx, actor)
	return token, me, err
}

// useCode ends the invitation in one conditional UPDATE, or explains why not.
func (s *Service) useCode(ctx context.Context, tx store.DB, hash []byte, email, outcome string, now time.Time) (int64, error) {
	id, err := store.UseInvitation(ctx, tx, hash, email, outcome, now)
	if !errors.Is(err, domain.ErrNotFound) {
		return id, err
	}
	if _, err := lookupInvitation(ctx, tx, hash, email, now); err != nil {
		return 0, err
	}
	return 0, domain.Conflict("This invitation is no longer open.")
}

// Dismiss declines an invitation: the member shows as Dismissed, and the
// code stops working.
func (s *Service) Dismiss(ctx context.Context, emailIn, code string) error {
	email, hash, err := invitationInput(emailIn, code)
	if err != nil {
		return err
	}
	now := s.clock()
	return s.store.Update(ctx, func(tx store.DB) error {
		id, err := s.useCode(ctx, tx, hash, email, "dismissed", now)
		if err != nil {
			return err
		}
		m, err := store.MemberByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := store.UpdateMember(ctx, tx, store.MemberUpdate{ID: id, Version: m.Version, Status: new(domain.MemberDismissed)}); err != nil {
			return err
		}
		invitee := domain.Actor{ID: m.Actor().ID, MemberID: id, Name: email, Email: email}
		tt, tid, tl := memberTarget(id, email)
		return audit(ctx, tx, invitee, now, store.AuditRecord{Action: domain.ActionMemberDismiss, TargetType: tt, TargetID: tid, TargetLabel: tl,
			Before: map[string]any{"status": domain.MemberPending}, After: map[string]any{"status": domain.MemberDismissed}})
	})
}
