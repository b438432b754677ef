package team

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"roster/backend/domain"
	"roster/backend/mail"
	"roster/backend/store"
)

// Limits on changing one's e-mail address.
const (
	EmailCodeTTL      = 30 * time.Minute // a code works this long…
	EmailCodeTries    = 5                // …and until this many wrong codes
	emailCodeInterval = time.Minute      // between two codes, so nobody mails an address in a loop
)

// Profile is the signed-in member's own account, as the profile form shows it.
type Profile struct {
	Name          string `json:"name"`
	Email         string `json:"email"`
	Notifications bool   `json:"notifications"`
	// PendingEmail is the address waiting for its code ("" when none);
	// PendingExpiresAt is when that code stops working.
	PendingEmail     string     `json:"pendingEmail"`
	PendingExpiresAt *time.Time `json:"pendingExpiresAt" ts_type:"string | null"`
	// MailConfigured says whether Roster can send the code at all.
	MailConfigured bool `json:"mailConfigured"`
}

// ChangePasswordInput changes one's own password.
type ChangePasswordInput struct {
	Current string `json:"current"`
	New     string `json:"new"`
}

// self refuses an actor that is not a signed-in member (the command line):
// profile use cases change the caller's own row and nobody else's.
func self(a domain.Actor) error {
	if a.MemberID <= 0 {
		return domain.Unauthenticated("Sign in to change your profile.")
	}
	return nil
}

// Profile returns the caller's own account.
func (s *Service) Profile(ctx context.Context, actor domain.Actor) (Profile, error) {
	if err := self(actor); err != nil {
		return Profile{}, err
	}
	db := s.store.Reader()
	cfg, err := loadConfig(ctx, db)
	if err != nil {
		return Profile{}, err
	}
	m, err := store.MemberByID(ctx, db, actor.MemberID)
	if err != nil {
		return Profile{}, err
	}
	p := Profile{Name: m.Name, Email: m.Email, Notifications: m.Notifications, MailConfigured: cfg.SMTP.Configured()}
	c, err := store.EmailChangeOf(ctx, db, m.ID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
	case err != nil:
		return Profile{}, err
	case c.ExpiresAt.After(s.clock()):
		p.PendingEmail, p.PendingExpiresAt = c.NewEmail, &c.ExpiresAt
	}
	return p, nil
}

// UpdateName changes the caller's own name.
func (s *Service) UpdateName(ctx context.Context, actor domain.Actor, nameIn string) (Profile, error) {
	if err := self(actor); err != nil {
		return Profile{}, err
	}
	name, err := domain.PersonName("name", nameIn)
	if err != nil {
		return Profile{}, err
	}
	now := s.clock()
	err = s.store.Update(ctx, func(tx store.DB) error {
		m, err := store.MemberByID(ctx, tx, actor.MemberID)
		if err != nil || m.Name == name {
			return err
		}
		if _, err := store.UpdateMember(ctx, tx, store.MemberUpdate{ID: m.ID, Version: m.Version, Name: &name}); err != nil {
			return err
		}
		tt, tid, tl := memberTarget(m.ID, label(name, m.Email))
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionMemberName, TargetType: tt, TargetID: tid, TargetLabel: tl,
			Before: map[string]any{"name": m.Name}, After: map[string]any{"name": name}})
	})
	if err != nil {
		return Profile{}, err
	}
	return s.Profile(ctx, actor)
}

// SetOwnNotifications switches the caller's own notification e-mails.
func (s *Service) SetOwnNotifications(ctx context.Context, actor domain.Actor, on bool) (Profile, error) {
	if err := self(actor); err != nil {
		return Profile{}, err
	}
	if _, err := s.SetNotifications(ctx, actor, actor.MemberID, on); err != nil {
		return Profile{}, err
	}
	return s.Profile(ctx, actor)
}

// passwordChangeClient is the client under which wrong current passwords
// are counted: guessing through an open window locks password changes
// (for LockFor), not the member's sign-in elsewhere.
const passwordChangeClient = "password change"

// ChangePassword replaces the caller's password; it asks for the current
// one, so that a window left open is not enough to take the account. Every
// other session of the member ends; token is the caller's, which stays.
func (s *Service) ChangePassword(ctx context.Context, actor domain.Actor, token string, in ChangePasswordInput) error {
	if err := self(actor); err != nil {
		return err
	}
	if in.Current == "" {
		return domain.Invalid("current", "Enter your current password.")
	}
	if len(in.Current) > 4*domain.Passwords.MaxLength {
		return domain.Invalid("current", "That is not your current password.")
	}
	if err := domain.Password("new", in.New); err != nil {
		return err
	}
	if in.New == in.Current {
		return domain.Invalid("new", "Choose a password different from your current one.")
	}
	db := s.store.Reader()
	m, err := store.MemberByID(ctx, db, actor.MemberID)
	if err != nil {
		return err
	}
	now := s.clock()
	until, err := store.SignInLock(ctx, db, m.ID, passwordChangeClient, now)
	if err != nil {
		return err
	}
	if until != nil {
		return passwordLocked(*until)
	}
	// ~40 ms each: outside the write lock.
	if !checkPassword(m.PasswordHash, in.Current) {
		var locked bool
		err := s.store.Update(ctx, func(tx store.DB) error {
			var err error
			locked, err = store.RecordFailedSignIn(ctx, tx, m.ID, passwordChangeClient, LockAfter, now.Add(LockFor))
			return err
		})
		if err != nil {
			return err
		}
		if locked {
			return passwordLocked(now.Add(LockFor))
		}
		return domain.Invalid("current", "That is not your current password.")
	}
	hash := s.cost.hash(in.New)
	return s.store.Update(ctx, func(tx store.DB) error {
		ok, err := store.UpdateMember(ctx, tx, store.MemberUpdate{ID: m.ID, Version: m.Version, PasswordHash: &hash})
		if err != nil {
			return err
		}
		if !ok {
			return domain.Conflict("Your account changed a moment ago; try again.")
		}
		if err := store.ClearSignInFailures(ctx, tx, m.ID, passwordChangeClient); err != nil {
			return err
		}
		ended, err := store.EndOtherSessions(ctx, tx, m.ID, hashSecret(token), "Your password was changed. Sign in with the new one.")
		if err != nil {
			return err
		}
		tt, tid, tl := memberTarget(m.ID, label(m.Name, m.Email))
		// Never the password: only that it changed.
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionMemberPassword, TargetType: tt, TargetID: tid, TargetLabel: tl,
			After: map[string]any{"password": "changed", "otherSessionsEnded": ended}})
	})
}

func passwordLocked(until time.Time) error {
	return domain.RateLimited("Too many wrong current passwords: try again after %s.", until.Local().Format("15:04:05 MST"))
}

// RequestEmailChange mails a code to a new address; the address changes
// only when ConfirmEmailChange is given that code. A new request replaces
// the one before (its code stops working, its mail is withdrawn if unsent).
func (s *Service) RequestEmailChange(ctx context.Context, actor domain.Actor, emailIn string) (Profile, error) {
	if err := self(actor); err != nil {
		return Profile{}, err
	}
	email, err := domain.Email("email", emailIn)
	if err != nil {
		return Profile{}, err
	}
	cfg, err := loadConfig(ctx, s.store.Reader())
	if err != nil {
		return Profile{}, err
	}
	if !cfg.SMTP.Configured() {
		return Profile{}, domain.Conflict("E-mail is not set up (Settings → E-mail), so Roster cannot send you a code. Ask an administrator to set it up.")
	}
	code, err := newEmailCode()
	if err != nil {
		return Profile{}, err
	}
	now := s.clock()
	err = s.store.Update(ctx, func(tx store.DB) error {
		m, err := store.MemberByID(ctx, tx, actor.MemberID)
		if err != nil {
			return err
		}
		if m.Email == email {
			return domain.Invalid("email", "%s is your address already.", email)
		}
		if err := emailFree(ctx, tx, m.ID, email); err != nil {
			return err
		}
		old, err := store.EmailChangeOf(ctx, tx, m.ID)
		switch {
		case errors.Is(err, domain.ErrNotFound):
		case err != nil:
			return err
		case now.Sub(old.CreatedAt) < emailCodeInterval:
			return domain.RateLimited("A code was sent less than a minute ago. Check %s, or wait a minute to ask again.", old.NewEmail)
		default:
			if err := endEmailChange(ctx, tx, old, now); err != nil {
				return err
			}
		}
		expires := now.Add(EmailCodeTTL)
		subject, text, err := mail.EmailChange(mail.EmailChangeData{Name: m.Name, OldEmail: m.Email, NewEmail: email, Code: code, ExpiresAt: expires})
		if err != nil {
			return err
		}
		outboxID, err := store.EnqueueMail(ctx, tx, store.OutboxMail{Kind: string(domain.MailEmailChange), Recipient: email, Subject: subject, Text: text}, now)
		if err != nil {
			return err
		}
		if err := store.PutEmailChange(ctx, tx, store.EmailChange{MemberID: m.ID, NewEmail: email, CodeHash: emailCodeHash(m.ID, email, code),
			CreatedAt: now, ExpiresAt: expires, OutboxID: outboxID}); err != nil {
			return err
		}
		tt, tid, tl := memberTarget(m.ID, label(m.Name, m.Email))
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionMemberEmailRequest, TargetType: tt, TargetID: tid, TargetLabel: tl,
			Before: map[string]any{"email": m.Email}, After: map[string]any{"newEmail": email, "expiresAt": expires}})
	})
	if err != nil {
		return Profile{}, err
	}
	s.kick()
	return s.Profile(ctx, actor)
}

// ConfirmEmailChange applies the waiting change of address if code is the
// one mailed to it. A code works once, until it expires, and a few wrong
// codes end the request.
func (s *Service) ConfirmEmailChange(ctx context.Context, actor domain.Actor, codeIn string) (Profile, error) {
	if err := self(actor); err != nil {
		return Profile{}, err
	}
	code := strings.Join(strings.Fields(codeIn), "")
	if code == "" {
		return Profile{}, domain.Invalid("code", "Enter the code from the e-mail.")
	}
	if len(code) > 20 {
		return Profile{}, domain.Invalid("code", "That is not a confirmation code.")
	}
	now := s.clock()
	// refused is the answer when the request must still change (a wrong
	// code is counted, an expired one ends): the transaction commits, and
	// the caller gets the error.
	var refused error
	err := s.store.Update(ctx, func(tx store.DB) error {
		c, err := store.EmailChangeOf(ctx, tx, actor.MemberID)
		if errors.Is(err, domain.ErrNotFound) {
			return domain.Conflict("No change of e-mail address is waiting for a code. Enter the new address again to get a new code.")
		}
		if err != nil {
			return err
		}
		if !c.ExpiresAt.After(now) {
			refused = domain.Conflict("That code expired at %s. Enter the new address again to get a new code.", c.ExpiresAt.Local().Format("15:04 MST"))
			return endEmailChange(ctx, tx, c, now)
		}
		if subtle.ConstantTimeCompare(c.CodeHash, emailCodeHash(c.MemberID, c.NewEmail, code)) != 1 {
			n, err := store.CountEmailChangeAttempt(ctx, tx, c.MemberID)
			if err != nil {
				return err
			}
			if left := EmailCodeTries - n; left > 0 {
				refused = domain.Invalid("code", "That is not the code sent to %s (%d %s left).", c.NewEmail, left, plural(left, "try", "tries"))
				return nil
			}
			refused = domain.Conflict("Too many wrong codes: that code no longer works. Enter the new address again to get a new code.")
			return endEmailChange(ctx, tx, c, now)
		}
		if err := endEmailChange(ctx, tx, c, now); err != nil {
			return err
		}
		m, err := store.MemberByID(ctx, tx, c.MemberID)
		if err != nil {
			return err
		}
		if err := emailFree(ctx, tx, m.ID, c.NewEmail); err != nil {
			refused = err // taken since the code was sent: this request cannot succeed
			return nil
		}
		ok, err := store.SetMemberEmail(ctx, tx, m.ID, m.Version, c.NewEmail)
		if err != nil {
			return err
		}
		if !ok {
			return domain.Conflict("Your account changed a moment ago; try again.")
		}
		tt, tid, tl := memberTarget(m.ID, label(m.Name, c.NewEmail))
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionMemberEmail, TargetType: tt, TargetID: tid, TargetLabel: tl,
			Before: map[string]any{"email": m.Email}, After: map[string]any{"email": c.NewEmail}})
	})
	if err == nil {
		err = refused
	}
	if err != nil {
		return Profile{}, err
	}
	return s.Profile(ctx, actor)
}

// CancelEmailChange withdraws the caller's waiting change of address.
func (s *Service) CancelEmailChange(ctx context.Context, actor domain.Actor) (Profile, error) {
	if err := self(actor); err != nil {
		return Profile{}, err
	}
	now := s.clock()
	err := s.store.Update(ctx, func(tx store.DB) error {
		c, err := store.EmailChangeOf(ctx, tx, actor.MemberID)
		if errors.Is(err, domain.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return endEmailChange(ctx, tx, c, now)
	})
	if err != nil {
		return Profile{}, err
	}
	return s.Profile(ctx, actor)
}

// endEmailChange ends a request and withdraws its mail if still unsent: a
// code that no longer works must not arrive.
func endEmailChange(ctx context.Context, tx store.DB, c store.EmailChange, now time.Time) error {
	if c.OutboxID != 0 {
		if err := store.CancelMail(ctx, tx, c.OutboxID, now); err != nil {
			return err
		}
	}
	return store.DeleteEmailChange(ctx, tx, c.MemberID)
}

// emailFree refuses an address another member already has.
func emailFree(ctx context.Context, tx store.DB, id int64, email string) error {
	other, err := store.MemberByEmail(ctx, tx, email)
	if errors.Is(err, domain.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if other.ID != id {
		return store.EmailTaken(email)
	}
	return nil
}

// newEmailCode returns six random digits: short enough to type from a
// phone, and EmailCodeTries wrong guesses end the request.
func newEmailCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("team: e-mail code: %w", err)
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// emailCodeHash is all Roster keeps of a code: bound to the member and the
// address, so a code is good for that one change only.
func emailCodeHash(memberID int64, email, code string) []byte {
	h := sha256.Sum256(fmt.Appendf(nil, "%d\x00%s\x00%s", memberID, strings.ToLower(email), code))
	return h[:]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
