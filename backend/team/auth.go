package team

import (
	"context"
	"errors"
	"slices"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
)

// Me is the signed-in member as the UI needs them: who, and what they may do.
type Me struct {
	ID           int64                   `json:"id"`
	Name         string                  `json:"name"`
	Email        string                  `json:"email"`
	Role         domain.Role             `json:"role"`
	RoleLabel    string                  `json:"roleLabel"`
	Integrations []domain.IntegrationRef `json:"integrations"`
	Permissions  []domain.Permission     `json:"permissions" ts_type:"domain.Permission[]"`
	// Grantable lists the roles this member may invite with or assign
	// (within their own integrations, for a per-integration role).
	Grantable   []domain.Role `json:"grantable" ts_type:"domain.Role[]"`
	IdleMinutes int           `json:"idleMinutes"`
}

// AuthState is what the first screen shows: owner setup, sign-in, or the app.
type AuthState struct {
	NeedsSetup bool `json:"needsSetup"`
	SignedIn   bool `json:"signedIn"`
	Me         *Me  `json:"me" ts_type:"team.Me | null"`
	// Notice says why this window's session ended (access turned off, idle).
	Notice string `json:"notice"`
}

// State describes the session token (possibly empty) without failing on a
// missing or ended session: that is an answer here, not an error.
func (s *Service) State(ctx context.Context, token string) (AuthState, error) {
	n, err := store.CountMembers(ctx, s.store.Reader())
	if err != nil {
		return AuthState{}, err
	}
	if n == 0 {
		return AuthState{NeedsSetup: true}, nil
	}
	if token == "" {
		return AuthState{}, nil
	}
	actor, err := s.Authenticate(ctx, token)
	if e := domain.AsError(err); e.Code == domain.CodeUnauthenticated {
		return AuthState{Notice: e.Message}, nil
	}
	if err != nil {
		return AuthState{}, err
	}
	me, err := s.me(ctx, actor)
	if err != nil {
		return AuthState{}, err
	}
	return AuthState{SignedIn: true, Me: &me}, nil
}

func (s *Service) me(ctx context.Context, a domain.Actor) (Me, error) {
	cfg, err := loadConfig(ctx, s.store.Reader())
	if err != nil {
		return Me{}, err
	}
	m, err := store.GetMember(ctx, s.store.Reader(), a.MemberID, s.clock())
	if err != nil {
		return Me{}, err
	}
	perms := domain.Granted(a)
	if !domain.Can(a, domain.PermInvite, domain.Target{}) && cfg.InvitationsOpen {
		perms = append(perms, domain.PermInvite)
	}
	grantable := []domain.Role{}
	if slices.Contains(perms, domain.PermInvite) || slices.Contains(perms, domain.PermManageTeam) {
		for _, r := range domain.Roles {
			if domain.CanGrant(a, r, a.Integrations) {
				grantable = append(grantable, r)
			}
		}
	}
	return Me{ID: a.MemberID, Name: a.Name, Email: a.Email, Role: a.Role, RoleLabel: a.Role.Label(),
		Integrations: m.Integrations, Permissions: perms, Grantable: grantable, IdleMinutes: cfg.IdleMinutes}, nil
}

// Authenticate returns the actor of a session token. It is called on every
// bound call, so a disabled member, a changed role or an idle session takes
// effect at the very next call.
func (s *Service) Authenticate(ctx context.Context, token string) (domain.Actor, error) {
	if token == "" {
		return domain.Actor{}, domain.Unauthenticated("Sign in to continue.")
	}
	hash := hashSecret(token)
	sess, err := store.SessionByToken(ctx, s.store.Reader(), hash)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Actor{}, domain.Unauthenticated("Your session has ended. Sign in again.")
	}
	if err != nil {
		return domain.Actor{}, err
	}
	if sess.EndedReason != "" {
		return domain.Actor{}, domain.Unauthenticated("%s", sess.EndedReason)
	}
	if !sess.Member.Enabled || sess.Member.Status != domain.MemberAccepted {
		return domain.Actor{}, s.endSession(ctx, hash, "%s", accessTurnedOff)
	}
	cfg, err := loadConfig(ctx, s.store.Reader())
	if err != nil {
		return domain.Actor{}, err
	}
	now := s.clock()
	if idle := now.Sub(sess.LastSeen); idle > time.Duration(cfg.IdleMinutes)*time.Minute {
		return domain.Actor{}, s.endSession(ctx, hash, "Your session ended after %d minutes without activity. Sign in again.", cfg.IdleMinutes)
	}
	if now.Sub(sess.LastSeen) > touchEvery {
		if err := s.touch(ctx, hash, now); err != nil {
			return domain.Actor{}, err
		}
	}
	return sess.Member.Actor(), nil
}

// touch records a session's activity if the writer is free within
// touchWait. A long write (an import's chunk, a load of a million users
// that holds the writer for a minute) would otherwise hold up every call
// behind it, the lists and the import's own progress included; a skipped
// touch is written by the next call after it.
func (s *Service) touch(ctx context.Context, hash []byte, now time.Time) error {
	wait, cancel := context.WithTimeout(ctx, touchWait)
	defer cancel()
	err := s.store.Record(wait, func(tx store.DB) error { return store.TouchSession(wait, tx, hash, now) })
	if err == nil || ctx.Err() != nil {
		return err
	}
	var de *domain.Error
	if wait.Err() != nil || errors.As(err, &de) && de.Code == domain.CodeConflict {
		return nil // busy: this process's writer, or another process's (store.Busy)
	}
	return err
}

const accessTurnedOff = "An administrator turned off your access to Roster."

// endSession ends a session, keeping why: every later call with its token
// (the window, its event stream) gets the same answer. Sign-in prunes it.
func (s *Service) endSession(ctx context.Context, hash []byte, format string, args ...any) error {
	err := domain.Unauthenticated(format, args...)
	if uerr := s.store.Record(ctx, func(tx store.DB) error { return store.EndSession(ctx, tx, hash, err.Error()) }); uerr != nil {
		return uerr
	}
	return err
}

// SetupInput is the first-run form: the owner's name, e-mail and password.
type SetupInput struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	Password string `json:"password"`
}

// Setup creates the owner of an empty Roster and signs them in. It works
// once: as soon as anyone is a member, it is refused.
func (s *Service) Setup(ctx context.Context, in SetupInput) (string, Me, error) {
	name, err := domain.PersonName("name", in.Name)
	if err != nil {
		return "", Me{}, err
	}
	email, err := domain.Email("email", in.Email)
	if err != nil {
		return "", Me{}, err
	}
	if err := domain.Password("password", in.Password); err != nil {
		return "", Me{}, err
	}
	hash := s.cost.hash(in.Password) // ~40 ms: outside the write lock
	token, tokenHash := newSecret()
	now := s.clock()
	var actor domain.Actor
	err = s.store.Update(ctx, func(tx store.DB) error {
		n, err := store.CountMembers(ctx, tx)
		if err != nil {
			return err
		}
		if n > 0 {
			return domain.Conflict("This Roster already has an owner. Sign in instead.")
		}
		id, err := store.InsertMember(ctx, tx, store.NewMember{Email: email, Name: name, Role: domain.RoleOwner,
			Status: domain.MemberAccepted, PasswordHash: hash, At: now})
		if err != nil {
			return err
		}
		m, err := store.MemberByID(ctx, tx, id)
		if err != nil {
			return err
		}
		actor = m.Actor()
		if err := s.startSession(ctx, tx, id, tokenHash, now); err != nil {
			return err
		}
		tt, tid, tl := memberTarget(id, label(name, email))
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionOwnerSetup, TargetType: tt, TargetID: tid, TargetLabel: tl,
			After: map[string]any{"email": email, "name": name, "role": domain.RoleOwner}})
	})
	if err != nil {
		return "", Me{}, err
	}
	me, err := s.me(ctx, actor)
	return token, me, err
}

func (s *Service) startSession(ctx context.Context, tx store.DB, memberID int64, tokenHash []byte, now time.Time) error {
	if err := store.RecordSignIn(ctx, tx, memberID, now); err != nil {
		return err
	}
	// The idle limit is at most a day (1440 minutes): older sessions have
	// ended either way, and stop saying why after that.
	if err := store.PruneSessions(ctx, tx, now.Add(-24*time.Hour)); err != nil {
		return err
	}
	return store.CreateSession(ctx, tx, tokenHash, memberID, now)
}

// SignIn checks an e-mail and password and opens a session. Ten failures in
// a row from one client (a browser's address, or the desktop window) lock
// that client out of the account for seven minutes, and the message says
// until when; other clients can still sign in, so a stranger's guesses do
// not lock the owner out.
func (s *Service) SignIn(ctx context.Context, client, emailIn, password string) (string, Me, error) {
	email, err := domain.Email("email", emailIn)
	if err != nil {
		return "", Me{}, err
	}
	if password == "" {
		return "", Me{}, domain.Invalid("password", "Enter your password.")
	}
	if len(password) > 4*domain.Passwords.MaxLength {
		return "", Me{}, domain.Invalid("password", "That password is too long.")
	}
	// An unknown address is an answer, not an error: it goes on to check the
	// dummy hash below, so it takes as long as a wrong password.
	m, err := store.MemberByEmail(ctx, s.store.Reader(), email)
	found := err == nil
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return "", Me{}, err
	}
	now := s.clock()
	someone := domain.Actor{ID: "anonymous", Name: "Someone signing in"}
	var lockedUntil *time.Time
	if found {
		if lockedUntil, err = store.SignInLock(ctx, s.store.Reader(), m.ID, client, now); err != nil {
			return "", Me{}, err
		}
	}
	if lockedUntil != nil {
		err := s.store.Record(ctx, func(tx store.DB) error {
			return audit(ctx, tx, someone, now, store.AuditRecord{Action: domain.ActionSignInFailed, TargetType: domain.TargetMember,
				TargetID: m.Actor().ID, TargetLabel: email, After: map[string]any{"email": email, "reason": "locked", "client": client}})
		})
		if err != nil {
			return "", Me{}, err
		}
		return "", Me{}, lockedError(*lockedUntil)
	}
	usable := found && m.Status == domain.MemberAccepted && m.PasswordHash != ""
	hash := s.dummyHash()
	if usable {
		hash = m.PasswordHash
	}
	ok := checkPassword(hash, password) && usable
	wrong := domain.Unauthenticated("That e-mail address and password do not match a member of this Roster.")
	if !ok {
		var locked bool
		err := s.store.Record(ctx, func(tx store.DB) error {
			after := map[string]any{"email": email, "reason": "wrong e-mail or password", "client": client}
			tid := ""
			if usable {
				if locked, err = store.RecordFailedSignIn(ctx, tx, m.ID, client, LockAfter, now.Add(LockFor)); err != nil {
					return err
				}
				if locked {
					after["lockedUntil"] = now.Add(LockFor)
				}
				tid = m.Actor().ID
			}
			return audit(ctx, tx, someone, now, store.AuditRecord{Action: domain.ActionSignInFailed, TargetType: domain.TargetMember,
				TargetID: tid, TargetLabel: email, After: after})
		})
		if err != nil {
			return "", Me{}, err
		}
		if locked {
			return "", Me{}, lockedError(now.Add(LockFor))
		}
		return "", Me{}, wrong
	}
	if !m.Enabled {
		err := s.store.Record(ctx, func(tx store.DB) error {
			return audit(ctx, tx, someone, now, store.AuditRecord{Action: domain.ActionSignInFailed, TargetType: domain.TargetMember,
				TargetID: m.Actor().ID, TargetLabel: label(m.Name, m.Email), After: map[string]any{"email": email, "reason": "access turned off"}})
		})
		if err != nil {
			return "", Me{}, err
		}
		return "", Me{}, domain.Forbidden("Your access to Roster is turned off. Ask an administrator to turn it back on.")
	}
	token, tokenHash := newSecret()
	err = s.store.Record(ctx, func(tx store.DB) error {
		if err := s.startSession(ctx, tx, m.ID, tokenHash, now); err != nil {
			return err
		}
		if err := store.ClearSignInFailures(ctx, tx, m.ID, client); err != nil {
			return err
		}
		tt, tid, tl := memberTarget(m.ID, label(m.Name, m.Email))
		return audit(ctx, tx, m.Actor(), now, store.AuditRecord{Action: domain.ActionSignIn, TargetType: tt, TargetID: tid, TargetLabel: tl})
	})
	if err != nil {
		return "", Me{}, err
	}
	me, err := s.me(ctx, m.Actor())
	return token, me, err
}

func lockedError(until time.Time) error {
	return domain.RateLimited("Too many failed sign-ins: this account is locked until %s. Try again then, or ask an administrator.",
		until.Local().Format("15:04:05 MST on Jan 2"))
}

// SignOut ends the session of token.
func (s *Service) SignOut(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	hash := hashSecret(token)
	sess, err := store.SessionByToken(ctx, s.store.Reader(), hash)
	if errors.Is(err, domain.ErrNotFound) {
		return nil // ended already
	}
	if err != nil {
		return err
	}
	now := s.clock()
	return s.store.Record(ctx, func(tx store.DB) error {
		if err := store.DeleteSession(ctx, tx, hash); err != nil {
			return err
		}
		tt, tid, tl := memberTarget(sess.Member.ID, label(sess.Member.Name, sess.Member.Email))
		return audit(ctx, tx, sess.Member.Actor(), now, store.AuditRecord{Action: domain.ActionSignOut, TargetType: tt, TargetID: tid, TargetLabel: tl})
	})
}
