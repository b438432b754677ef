package team

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"roster/backend/domain"
	"roster/backend/mail"
	"roster/backend/store"
)

// SMTPSettings is the e-mail server as the settings page shows it. The
// password is never sent back: PasswordSet says whether one is stored.
type SMTPSettings struct {
	Host        string        `json:"host"`
	Port        int           `json:"port"`
	Security    mail.Security `json:"security"`
	Username    string        `json:"username"`
	PasswordSet bool          `json:"passwordSet"`
	From        string        `json:"from"`
}

// Settings are the workspace settings.
type Settings struct {
	SMTP            SMTPSettings `json:"smtp"`
	InvitationsOpen bool         `json:"invitationsOpen"`
	InvitationDays  int          `json:"invitationDays"`
	IdleMinutes     int          `json:"idleMinutes"`
	// PublicURL is the address people open Roster at, which links in mail
	// use ("" = none: serve mode's own address, or a code only).
	PublicURL string `json:"publicUrl"`
	// Policy is how notifications are paced and how long history is kept.
	Policy domain.Policy `json:"policy"`
	// Outbox: mail waiting or given up on, so a broken server is visible.
	MailQueued    int    `json:"mailQueued"`
	MailFailed    int    `json:"mailFailed"`
	MailLastError string `json:"mailLastError"`
}

// SMTPInput is the e-mail form. An empty Password keeps the stored one;
// ClearPassword removes it.
type SMTPInput struct {
	Host          string        `json:"host"`
	Port          int           `json:"port"`
	Security      mail.Security `json:"security"`
	Username      string        `json:"username"`
	Password      string        `json:"password"`
	ClearPassword bool          `json:"clearPassword"`
	From          string        `json:"from"`
}

// SettingsInput is the whole settings form.
type SettingsInput struct {
	SMTP            SMTPInput `json:"smtp"`
	InvitationsOpen bool      `json:"invitationsOpen"`
	InvitationDays  int       `json:"invitationDays"`
	IdleMinutes     int       `json:"idleMinutes"`
	PublicURL       string    `json:"publicUrl"`
	// Policy, when given, replaces the notification and retention policy.
	Policy *domain.Policy `json:"policy,omitempty"`
}

// GetSettings returns the settings; only owners and administrators see them.
func (s *Service) GetSettings(ctx context.Context, actor domain.Actor) (Settings, error) {
	if err := domain.Require(actor, domain.PermManageSettings, domain.Target{}); err != nil {
		return Settings{}, err
	}
	db := s.store.Reader()
	cfg, err := loadConfig(ctx, db)
	if err != nil {
		return Settings{}, err
	}
	out := shown(cfg)
	sum, err := store.OutboxSummary(ctx, db)
	if err != nil {
		return Settings{}, err
	}
	out.MailQueued, out.MailFailed, out.MailLastError = sum.Queued, sum.Failed, sum.LastError
	out.Policy, err = store.Policy(ctx, db)
	return out, err
}

// shown is the settings as the page shows them. Without an e-mail server,
// the form starts on STARTTLS and its usual port.
func shown(cfg config) Settings {
	security, port := cfg.SMTP.Security, cfg.SMTP.Port
	if security == "" {
		security = mail.SecuritySTARTTLS
	}
	if port == 0 {
		port = security.Port()
	}
	return Settings{
		SMTP: SMTPSettings{Host: cfg.SMTP.Host, Port: port, Security: security, Username: cfg.SMTP.Username,
			PasswordSet: cfg.SMTP.Password != "", From: cfg.SMTP.From},
		InvitationsOpen: cfg.InvitationsOpen, InvitationDays: cfg.InvitationDays, IdleMinutes: cfg.IdleMinutes,
		PublicURL: cfg.PublicURL,
	}
}

// smtpConfig validates the form against the stored settings (for the
// password it keeps). A form with no host means "no e-mail".
func smtpConfig(in SMTPInput, stored mail.Config) (mail.Config, error) {
	c := mail.Config{Host: strings.TrimSpace(in.Host), Port: in.Port, Security: in.Security,
		Username: strings.TrimSpace(in.Username), Password: stored.Password, From: strings.TrimSpace(in.From)}
	switch {
	case in.ClearPassword:
		c.Password = ""
	case in.Password != "":
		c.Password = in.Password
	}
	if c.Host == "" && c.From == "" && c.Username == "" {
		return mail.Config{}, nil
	}
	if c.Security == "" {
		c.Security = mail.SecuritySTARTTLS
	}
	if len(c.Password) > 500 || strings.ContainsAny(c.Password, "\r\n") {
		return c, domain.Invalid("smtp.password", "The password must be one line of at most 500 characters.")
	}
	if err := c.Validate(); err != nil {
		var e *domain.Error
		if errors.As(err, &e) && e.Field != "" && !strings.HasPrefix(e.Field, "smtp.") {
			e.Field = "smtp." + e.Field
		}
		return c, err
	}
	return c, nil
}

// UpdateSettings saves the settings. The audit entry records what changed,
// and of the password only that it changed.
func (s *Service) UpdateSettings(ctx context.Context, actor domain.Actor, in SettingsInput) (Settings, error) {
	if err := domain.Require(actor, domain.PermManageSettings, domain.Target{}); err != nil {
		return Settings{}, err
	}
	if in.InvitationDays < 1 || in.InvitationDays > 30 {
		return Settings{}, domain.Invalid("invitationDays", "Invitations expire after 1 to 30 days.")
	}
	if in.IdleMinutes < 5 || in.IdleMinutes > 24*60 {
		return Settings{}, domain.Invalid("idleMinutes", "Sessions end after 5 to 1440 idle minutes.")
	}
	if in.Policy != nil {
		if err := in.Policy.Validate(); err != nil {
			return Settings{}, err
		}
	}
	publicURL, err := domain.PublicURL("publicUrl", in.PublicURL)
	if err != nil {
		return Settings{}, err
	}
	now := s.clock()
	err = s.store.Update(ctx, func(tx store.DB) error {
		old, err := loadConfig(ctx, tx)
		if err != nil {
			return err
		}
		oldPolicy, err := store.Policy(ctx, tx)
		if err != nil {
			return err
		}
		policy := oldPolicy
		if in.Policy != nil {
			policy = *in.Policy
		}
		if err := store.PutPolicy(ctx, tx, policy); err != nil {
			return err
		}
		smtp, err := smtpConfig(in.SMTP, old.SMTP)
		if err != nil {
			return err
		}
		next := config{SMTP: smtp, InvitationsOpen: in.InvitationsOpen, InvitationDays: in.InvitationDays, IdleMinutes: in.IdleMinutes,
			PublicURL: publicURL}
		open := "0"
		if next.InvitationsOpen {
			open = "1"
		}
		port := ""
		if smtp.Port != 0 {
			port = strconv.Itoa(smtp.Port)
		}
		if err := store.PutSettings(ctx, tx, map[string]string{
			keySMTPHost: smtp.Host, keySMTPPort: port, keySMTPSecurity: string(smtp.Security), keySMTPUsername: smtp.Username,
			keySMTPPassword: smtp.Password, keySMTPFrom: smtp.From, keyInvitationsOpen: open,
			keyInvitationDays: strconv.Itoa(next.InvitationDays), keyIdleMinutes: strconv.Itoa(next.IdleMinutes),
			keyPublicURL: next.PublicURL,
		}); err != nil {
			return err
		}
		before, after := auditable(shown(old), oldPolicy), auditable(shown(next), policy)
		if old.SMTP.Password != smtp.Password {
			after["smtpPasswordChanged"] = true
		}
		for k, v := range before {
			if after[k] == v {
				delete(before, k)
				delete(after, k)
			}
		}
		if len(after) == 0 {
			return nil
		}
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionSettingsUpdate, TargetType: domain.TargetSettings,
			TargetID: "workspace", TargetLabel: "Settings", Before: before, After: after})
	})
	if err != nil {
		return Settings{}, err
	}
	s.kick() // new SMTP settings may unblock queued mail
	return s.GetSettings(ctx, actor)
}

// auditable flattens settings for the audit log, without any secret.
func auditable(st Settings, p domain.Policy) map[string]any {
	return map[string]any{
		"digestMinutes": p.DigestMinutes, "cooldownMinutes": p.CooldownMinutes, "retentionDays": p.RetentionDays, "giveUpDays": p.GiveUpDays,
		"smtpHost": st.SMTP.Host, "smtpPort": st.SMTP.Port, "smtpSecurity": st.SMTP.Security, "smtpUsername": st.SMTP.Username,
		"smtpPasswordSet": st.SMTP.PasswordSet, "smtpFrom": st.SMTP.From, "invitationsOpen": st.InvitationsOpen,
		"invitationDays": st.InvitationDays, "idleMinutes": st.IdleMinutes, "publicUrl": st.PublicURL,
	}
}

// TestEmailInput is the e-mail form as it stands (it need not be saved yet)
// and where to send the test.
type TestEmailInput struct {
	SMTP SMTPInput `json:"smtp"`
	To   string    `json:"to"`
}

// TestEmailResult says whether the test mail was accepted, and if not, at
// which stage it failed (dns, connect, tls, auth, sender, recipient, data),
// what that means in words (Title) and what the server said (Message).
type TestEmailResult struct {
	OK      bool       `json:"ok"`
	Stage   mail.Stage `json:"stage,omitempty"`
	Title   string     `json:"title,omitempty"`
	Message string     `json:"message"`
}

// TestEmailTimeout bounds a test e-mail from the Settings page.
const TestEmailTimeout = 30 * time.Second

// SendTestEmail sends one mail right away (not through the outbox: the
// person is waiting for the answer) and reports exactly what failed.
func (s *Service) SendTestEmail(ctx context.Context, actor domain.Actor, in TestEmailInput) (TestEmailResult, error) {
	if err := domain.Require(actor, domain.PermManageSettings, domain.Target{}); err != nil {
		return TestEmailResult{}, err
	}
	to, err := domain.Email("to", in.To)
	if err != nil {
		return TestEmailResult{}, err
	}
	stored, err := loadConfig(ctx, s.store.Reader())
	if err != nil {
		return TestEmailResult{}, err
	}
	cfg, err := smtpConfig(in.SMTP, stored.SMTP)
	if err != nil {
		return TestEmailResult{}, err
	}
	if !cfg.Configured() {
		return TestEmailResult{}, domain.Invalid("smtp.host", "Enter the mail server's host, port and from address first.")
	}
	now := s.clock()
	res := TestEmailResult{OK: true, Message: "The server accepted the test e-mail for " + to + "."}
	// Someone is waiting on the Settings page: half a minute, not the
	// minutes RFC 5321 gives the outbox's deliveries.
	sendCtx, cancel := context.WithTimeout(ctx, TestEmailTimeout)
	defer cancel()
	if err := s.mailer.Send(sendCtx, cfg, mail.TestMessage(to, now)); err != nil {
		var se *mail.SendError
		res = TestEmailResult{Message: err.Error()}
		if errors.As(err, &se) {
			res.Stage, res.Title = se.Stage, se.Stage.Label()
		}
	}
	err = s.store.Update(ctx, func(tx store.DB) error {
		return audit(ctx, tx, actor, now, store.AuditRecord{Action: domain.ActionSettingsTestEmail, TargetType: domain.TargetSettings,
			TargetID: "workspace", TargetLabel: "Settings", After: map[string]any{"to": to, "host": cfg.Host, "ok": res.OK, "stage": res.Stage}})
	})
	return res, err
}
