// Package team holds the use cases on the people who administer Roster:
// first-run owner setup, sign-in and sessions, invitations (sent through the
// mail outbox), roles, enable/disable, and the workspace settings.
package team

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"roster/backend/domain"
	"roster/backend/mail"
	"roster/backend/store"
)

// Sign-in limits.
const (
	LockAfter = 10              // failed attempts in a row lock an account…
	LockFor   = 7 * time.Minute // …for this long
	// touchEvery bounds how often a session's activity is written: a write
	// per call would queue every read behind the single writer.
	touchEvery = 30 * time.Second
	touchWait  = 100 * time.Millisecond // see Service.touch
)

// Service runs the team use cases against one store.
type Service struct {
	store    *store.Store
	mailer   mail.Mailer
	kick     func() // wakes the outbox sender after a mail is queued
	now      func() time.Time
	linkBase atomic.Pointer[string]
	pinned   atomic.Bool
	cost     argonCost // of new password hashes
	// dummyHash is checked when an e-mail is unknown, so a wrong address
	// takes as long as a wrong password and does not reveal who is a
	// member. It is made at the first sign-in: an argon2id hash costs
	// tens of milliseconds that start-up need not spend.
	dummyHash func() string
}

// New returns a Service. mailer sends the settings page's test e-mail (all
// other mail goes through the outbox); kick wakes the outbox sender.
func New(st *store.Store, mailer mail.Mailer, kick func(), now func() time.Time) *Service {
	s := &Service{store: st, mailer: mailer, kick: kick, now: now, cost: defaultCost}
	s.dummyHash = sync.OnceValue(func() string { return s.cost.hash("not anyone's password") })
	return s
}

// SetLinkBase sets the address serve mode is reached at (e.g.
// "http://127.0.0.1:8080"). pinned says it came from --public-url, which
// wins over the Settings' public address; otherwise that setting wins.
func (s *Service) SetLinkBase(base string, pinned bool) {
	s.linkBase.Store(&base)
	s.pinned.Store(pinned)
}

// LinkBase is the address links in mail open: --public-url, else the
// Settings' public address, else the address serve mode is bound to; ""
// when there is none (the desktop without a public address), and
// invitations carry only a code.
func (s *Service) LinkBase(ctx context.Context) (string, error) {
	cfg, err := loadConfig(ctx, s.store.Reader())
	return s.base(cfg), err
}

// IsPublicHost says whether host is the Settings' public address's host,
// which a reverse proxy in front of serve mode passes on.
func (s *Service) IsPublicHost(ctx context.Context, host string) bool {
	cfg, err := loadConfig(ctx, s.store.Reader())
	if err != nil || cfg.PublicURL == "" {
		return false
	}
	u, err := url.Parse(cfg.PublicURL)
	return err == nil && strings.EqualFold(u.Hostname(), host)
}

func (s *Service) base(cfg config) string {
	shell := ""
	if p := s.linkBase.Load(); p != nil {
		shell = *p
	}
	if cfg.PublicURL != "" && !(s.pinned.Load() && shell != "") {
		return cfg.PublicURL
	}
	return shell
}

func (s *Service) link(cfg config, email, code string) string {
	return s.formLink(cfg, "accept", email, code)
}

// declineLink opens the dismiss form, filled in, as link opens the accept form.
func (s *Service) declineLink(cfg config, email, code string) string {
	return s.formLink(cfg, "dismiss", email, code)
}

func (s *Service) formLink(cfg config, form, email, code string) string {
	base := s.base(cfg)
	if base == "" {
		return ""
	}
	// In the fragment, the code never reaches a server log or a Referer.
	return base + "/#" + form + "?email=" + queryEscape(email) + "&code=" + code
}

// clock returns the current time in UTC, to the millisecond the store keeps.
func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Millisecond) }

// audit appends r, stamped with actor and time, inside tx.
func audit(ctx context.Context, tx store.DB, actor domain.Actor, at time.Time, r store.AuditRecord) error {
	r.Actor, r.At = actor, at
	return store.AppendAudit(ctx, tx, r)
}

func memberTarget(id int64, label string) (domain.TargetType, string, string) {
	return domain.TargetMember, strconv.FormatInt(id, 10), label
}

func label(name, email string) string {
	if name == "" {
		return email
	}
	return fmt.Sprintf("%s <%s>", name, email)
}

// --- settings

// Setting keys and defaults.
const (
	keySMTPHost        = "smtp.host"
	keySMTPPort        = "smtp.port"
	keySMTPSecurity    = "smtp.security"
	keySMTPUsername    = "smtp.username"
	keySMTPPassword    = "smtp.password"
	keySMTPFrom        = "smtp.from"
	keyInvitationsOpen = "team.invitations_open"
	keyInvitationDays  = "team.invitation_days"
	keyIdleMinutes     = "auth.idle_minutes"
	keyPublicURL       = "links.public_url"

	DefaultInvitationDays = 7
	DefaultIdleMinutes    = 60
)

// config is the settings as use cases read them.
type config struct {
	SMTP            mail.Config
	InvitationsOpen bool
	InvitationDays  int
	IdleMinutes     int
	PublicURL       string // "" = none set
}

func loadConfig(ctx context.Context, db store.DB) (config, error) {
	kv, err := store.Settings(ctx, db)
	if err != nil {
		return config{}, err
	}
	num := func(k string, def int) int {
		if n, err := strconv.Atoi(kv[k]); err == nil && n > 0 {
			return n
		}
		return def
	}
	return config{
		SMTP: mail.Config{Host: kv[keySMTPHost], Port: num(keySMTPPort, 0), Security: mail.Security(kv[keySMTPSecurity]),
			Username: kv[keySMTPUsername], Password: kv[keySMTPPassword], From: kv[keySMTPFrom]},
		InvitationsOpen: kv[keyInvitationsOpen] == "1",
		InvitationDays:  num(keyInvitationDays, DefaultInvitationDays),
		IdleMinutes:     num(keyIdleMinutes, DefaultIdleMinutes),
		PublicURL:       kv[keyPublicURL],
	}, nil
}

// MailConfig returns the SMTP settings, for the outbox sender.
func (s *Service) MailConfig(ctx context.Context) (mail.Config, error) {
	c, err := loadConfig(ctx, s.store.Reader())
	return c.SMTP, err
}

func queryEscape(s string) string { return url.QueryEscape(s) }

// MemberCount counts the members, for serve mode to know whether the
// start-up link (first owner setup) is needed.
func (s *Service) MemberCount(ctx context.Context) (int, error) {
	return store.CountMembers(ctx, s.store.Reader())
}
