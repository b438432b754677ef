// Package mail sends Roster's e-mail: the SMTP settings, one message's MIME
// form (go-message), the SMTP client (go-smtp) and the templates. Use cases
// never send: they queue mail in the outbox (package outbox sends it).
package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	netmail "net/mail"
	"strings"
	"time"
	"unicode/utf8"

	gomail "github.com/emersion/go-message/mail"

	"roster/backend/domain"
)

// Security is how the connection to the mail server is protected.
type Security string

const (
	SecurityNone     Security = "none"
	SecuritySTARTTLS Security = "starttls"
	SecurityTLS      Security = "tls" // implicit TLS, usually port 465
)

// Securities lists every security mode, the usual one first.
var Securities = []Security{SecuritySTARTTLS, SecurityTLS, SecurityNone}

// Label is the security mode as the settings page offers it.
func (s Security) Label() string {
	switch s {
	case SecurityNone:
		return "None (local relay only)"
	case SecuritySTARTTLS:
		return "STARTTLS"
	case SecurityTLS:
		return "Implicit TLS"
	}
	return string(s)
}

// Port is the port a mail server usually listens on for this mode.
func (s Security) Port() int {
	switch s {
	case SecurityNone:
		return 25
	case SecurityTLS:
		return 465
	}
	return 587
}

// Config is the mail server Roster sends through.
type Config struct {
	Host     string   `json:"host"`
	Port     int      `json:"port"`
	Security Security `json:"security"`
	Username string   `json:"username"`
	Password string   `json:"-"` // never serialised, logged or audited
	From     string   `json:"from"`
}

// Configured reports whether mail can be sent at all.
func (c Config) Configured() bool { return c.Host != "" && c.Port != 0 && c.From != "" }

// Validate checks the settings, field by field.
func (c Config) Validate() error {
	for field, v := range map[string]string{"host": c.Host, "username": c.Username, "from": c.From} {
		if strings.ContainsAny(v, "\r\n") {
			return domain.Invalid(field, "This field cannot contain a line break.")
		}
	}
	if c.Host == "" {
		return domain.Invalid("host", "Enter the mail server's host name.")
	}
	if len(c.Host) > 253 || strings.ContainsAny(c.Host, " /:@") {
		return domain.Invalid("host", "%q is not a host name.", c.Host)
	}
	if c.Port < 1 || c.Port > 65535 {
		return domain.Invalid("port", "The port is a number from 1 to 65535 (usually 587, or 465 for TLS).")
	}
	switch c.Security {
	case SecurityNone, SecuritySTARTTLS, SecurityTLS:
	default:
		return domain.Invalid("security", "Security is none, starttls or tls.")
	}
	if len(c.Username) > 254 {
		return domain.Invalid("username", "The username is at most 254 characters.")
	}
	_, err := c.Sender()
	return err
}

// DefaultFromName is the display name of a From address that gives none.
const DefaultFromName = "Roster"

// Sender is the From address: an address alone ("roster@example.com"), or a
// display name and an address ("Roster Admin <roster@example.com>"). A From
// without a name is sent as DefaultFromName's.
func (c Config) Sender() (*gomail.Address, error) {
	a, err := netmail.ParseAddress(strings.TrimSpace(c.From))
	if err != nil {
		return nil, domain.Invalid("from", "%q is not an e-mail address, nor a name and an address such as Roster Admin <roster@example.com>.", c.From)
	}
	if _, err := domain.Email("from", a.Address); err != nil {
		return nil, domain.Invalid("from", "The from address %q is not an e-mail address.", a.Address)
	}
	if utf8.RuneCountInString(a.Name) > domain.MaxNameLen {
		return nil, domain.Invalid("from", "The from name is at most %d characters.", domain.MaxNameLen)
	}
	if a.Name == "" {
		a.Name = DefaultFromName
	}
	return &gomail.Address{Name: a.Name, Address: a.Address}, nil
}

// Message is one e-mail. ID, fixed per outbox row, is the left part of its
// Message-ID (the right is the From domain), so a retry sends the same
// message, never a second one. A message without one gets a random ID.
type Message struct {
	ID      string
	To      string
	ToName  string
	Subject string
	Text    string
	HTML    string
}

// NewMessageID returns a globally unique left part for a Message-ID.
func NewMessageID() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand documents it)
	return "roster." + hex.EncodeToString(b)
}

// setSubject sets the Subject, RFC 2047-encoded when it is not plain ASCII,
// and also when it holds "=?": a mail client would decode such text (a
// member named "=?utf-8?b?…?=") as if Roster had encoded it, so it is
// encoded and reads literally.
func setSubject(h *gomail.Header, s string) {
	if !strings.Contains(s, "=?") {
		h.SetSubject(s)
		return
	}
	var words []string
	for len(s) > 0 {
		n := 0 // up to 45 bytes (60 in base64: each word within 75 characters), whole runes
		for _, r := range s {
			if size := utf8.RuneLen(r); n+size <= 45 {
				n += size
				continue
			}
			break
		}
		words = append(words, "=?utf-8?b?"+base64.StdEncoding.EncodeToString([]byte(s[:n]))+"?=")
		s = s[n:]
	}
	h.Set("Subject", strings.Join(words, " "))
}

// Mailer delivers one message now.
type Mailer interface {
	Send(ctx context.Context, cfg Config, m Message) error
}

// Compose renders m as an RFC 5322 message: headers encoded (RFC 2047) when
// they are not ASCII, text and HTML as multipart/alternative.
func Compose(cfg Config, m Message, now time.Time) ([]byte, error) {
	for field, v := range map[string]string{"to": m.To, "toName": m.ToName, "subject": m.Subject} {
		if strings.ContainsAny(v, "\r\n") {
			return nil, domain.Invalid(field, "A mail header cannot contain a line break.")
		}
	}
	from, err := cfg.Sender()
	if err != nil {
		return nil, err
	}
	var h gomail.Header
	h.SetAddressList("From", []*gomail.Address{from})
	h.SetAddressList("To", []*gomail.Address{{Name: m.ToName, Address: m.To}})
	setSubject(&h, m.Subject)
	h.SetDate(now)
	id := m.ID
	if id == "" {
		id = NewMessageID()
	}
	h.SetMessageID(id + "@" + from.Address[strings.LastIndexByte(from.Address, '@')+1:])
	var buf bytes.Buffer
	if m.HTML == "" {
		h.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
		w, err := gomail.CreateSingleInlineWriter(&buf, h)
		if err != nil {
			return nil, fmt.Errorf("mail: compose: %w", err)
		}
		if _, err := w.Write([]byte(m.Text)); err != nil {
			return nil, fmt.Errorf("mail: compose: %w", err)
		}
		if err := w.Close(); err != nil {
			return nil, fmt.Errorf("mail: compose: %w", err)
		}
		return buf.Bytes(), nil
	}
	mw, err := gomail.CreateInlineWriter(&buf, h)
	if err != nil {
		return nil, fmt.Errorf("mail: compose: %w", err)
	}
	for _, part := range []struct{ typ, body string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		var ph gomail.InlineHeader
		ph.SetContentType(part.typ, map[string]string{"charset": "utf-8"})
		pw, err := mw.CreatePart(ph)
		if err != nil {
			return nil, fmt.Errorf("mail: compose %s: %w", part.typ, err)
		}
		if _, err := pw.Write([]byte(part.body)); err != nil {
			return nil, fmt.Errorf("mail: compose %s: %w", part.typ, err)
		}
		if err := pw.Close(); err != nil {
			return nil, fmt.Errorf("mail: compose %s: %w", part.typ, err)
		}
	}
	if err := mw.Close(); err != nil {
		return nil, fmt.Errorf("mail: compose: %w", err)
	}
	return buf.Bytes(), nil
}

// Stage is where a delivery failed.
type Stage string

const (
	StageDNS       Stage = "dns"
	StageConnect   Stage = "connect"
	StageTLS       Stage = "tls"
	StageAuth      Stage = "auth"
	StageSender    Stage = "sender"
	StageRecipient Stage = "recipient"
	StageData      Stage = "data"
)

// Label says what failed at the stage, as a title over the server's answer.
func (s Stage) Label() string {
	switch s {
	case StageDNS:
		return "The host name did not resolve"
	case StageConnect:
		return "Could not connect"
	case StageTLS:
		return "TLS failed"
	case StageAuth:
		return "Sign-in to the mail server failed"
	case StageSender:
		return "The server refused the from address"
	case StageRecipient:
		return "The server refused the recipient"
	case StageData:
		return "The server refused the message"
	}
	return string(s)
}

// SendError says at which stage a delivery failed, in words a person can
// act on, and whether trying again can help.
type SendError struct {
	Stage     Stage
	Message   string
	Permanent bool
	Err       error
}

func (e *SendError) Error() string { return e.Message }
func (e *SendError) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a failure that a retry cannot fix.
func IsPermanent(err error) bool {
	var se *SendError
	return errors.As(err, &se) && se.Permanent
}
