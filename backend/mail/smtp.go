package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// SMTP delivers through a mail server with go-smtp.
type SMTP struct {
	// Timeout bounds each wait for the server: to connect, and for each
	// reply (RFC 5321 §4.5.3.2: minutes; default 5 min). DataTimeout bounds
	// the reply to the end of the message, which a server may spend
	// filtering it (default 10 min). A whole-exchange budget made a slow
	// final reply look like a failure, and the mail was sent again.
	Timeout     time.Duration
	DataTimeout time.Duration
	RootCAs     *x509.CertPool // nil: the system's roots (tests set their own)
	Hello       string         // EHLO name; default "localhost"
}

// waitConn bounds each wait for the server: go-smtp sets a deadline before
// every command (its own 5 and 12 minute defaults, also while it greets and
// starts TLS, before its fields can be set); the wait is capped at max, and
// once ctx has ended (shutting down) every deadline is now.
type waitConn struct {
	net.Conn
	ctx context.Context
	max time.Duration
}

func (c *waitConn) SetDeadline(t time.Time) error {
	if c.ctx.Err() != nil {
		return c.Conn.SetDeadline(time.Now())
	}
	if limit := time.Now().Add(c.max); !t.IsZero() && t.After(limit) {
		t = limit
	}
	return c.Conn.SetDeadline(t)
}

var _ Mailer = (*SMTP)(nil)

// Send delivers m now, and says exactly which stage failed if it does not.
func (s *SMTP) Send(ctx context.Context, cfg Config, m Message) (err error) {
	timeout, dataTimeout := s.Timeout, s.DataTimeout
	if timeout == 0 {
		timeout = 5 * time.Minute
	}
	if dataTimeout == 0 {
		dataTimeout = 10 * time.Minute
	}
	if d, ok := ctx.Deadline(); ok { // a caller in a hurry (the Settings page's test)
		left := time.Until(d).Round(time.Millisecond)
		timeout, dataTimeout = min(timeout, left), min(dataTimeout, left)
	}
	stage := StageConnect
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	defer func() {
		if err != nil {
			err = classify(err, stage, cfg, m, addr, timeout)
		}
	}()
	body, err := Compose(cfg, m, time.Now())
	if err != nil {
		stage = StageData
		return err
	}
	if cfg.Username != "" && cfg.Security == SecurityNone && !isLoopback(cfg.Host) {
		stage = StageAuth
		return errors.New("refusing to send the password over an unencrypted connection: choose STARTTLS or TLS")
	}
	tlsConfig := &tls.Config{ServerName: cfg.Host, RootCAs: s.RootCAs, MinVersion: tls.VersionTLS12}
	var raw net.Conn
	dialer := &net.Dialer{Timeout: timeout}
	if cfg.Security == SecurityTLS {
		stage = StageTLS // a refused connection is reclassified as connect below
		raw, err = (&tls.Dialer{NetDialer: dialer, Config: tlsConfig}).DialContext(ctx, "tcp", addr)
	} else {
		raw, err = dialer.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return err
	}
	conn := &waitConn{Conn: raw, ctx: ctx, max: timeout}
	stop := context.AfterFunc(ctx, func() { raw.SetDeadline(time.Now()) })
	defer stop()

	hello := s.Hello
	if hello == "" {
		hello = "localhost"
	}
	var c *smtp.Client
	if cfg.Security == SecuritySTARTTLS {
		// Never falls back to plain text when the server lacks STARTTLS.
		stage = StageTLS
		if c, err = smtp.NewClientStartTLS(conn, tlsConfig); err != nil {
			conn.Close()
			return err
		}
	} else {
		stage = StageConnect
		c = smtp.NewClient(conn)
		if err = c.Hello(hello); err != nil {
			c.Close()
			return err
		}
	}
	defer c.Close()
	if cfg.Username != "" {
		stage = StageAuth
		if err = c.Auth(sasl.NewPlainClient("", cfg.Username, cfg.Password)); err != nil {
			return err
		}
	}
	stage = StageSender
	from, err := cfg.Sender()
	if err != nil {
		return err
	}
	if err = c.Mail(from.Address, nil); err != nil {
		return err
	}
	stage = StageRecipient
	if err = c.Rcpt(m.To, nil); err != nil {
		return err
	}
	stage = StageData
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err = w.Write(body); err != nil {
		w.Close()
		return err
	}
	conn.max, timeout = dataTimeout, dataTimeout // the final "." and its reply
	if err = w.Close(); err != nil {
		return err
	}
	_ = c.Quit() // the message is accepted; a failed QUIT changes nothing
	return nil
}

// classify turns err, met at stage, into a SendError a person can act on.
// It never includes the password.
func classify(err error, stage Stage, cfg Config, m Message, addr string, timeout time.Duration) error {
	var se *SendError
	if errors.As(err, &se) {
		return err
	}
	out := &SendError{Stage: stage, Err: err}
	var dnsErr *net.DNSError
	var smtpErr *smtp.SMTPError
	var opErr *net.OpError
	var certErr *tls.CertificateVerificationError
	var recErr tls.RecordHeaderError
	switch {
	case errors.As(err, &dnsErr):
		out.Stage, out.Message = StageDNS, fmt.Sprintf("Could not find the mail server %s (DNS): %v.", cfg.Host, dnsErr.Err)
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded):
		out.Message = fmt.Sprintf("Timed out after %s while talking to %s (%s stage).", timeout, addr, stage)
	case errors.As(err, &certErr) || errors.As(err, &recErr) || errors.As(err, new(x509.UnknownAuthorityError)) || errors.As(err, new(x509.HostnameError)):
		out.Stage, out.Message = StageTLS, fmt.Sprintf("The TLS handshake with %s failed: %v.", addr, err)
	case errors.As(err, &opErr) && opErr.Op == "dial":
		out.Stage, out.Message = StageConnect, fmt.Sprintf("Could not connect to %s: %v.", addr, opErr.Err)
	case errors.As(err, &smtpErr):
		out.Permanent = smtpErr.Code >= 500
		reply := fmt.Sprintf("%d %s", smtpErr.Code, smtpErr.Message)
		switch stage {
		case StageAuth:
			out.Message = fmt.Sprintf("The server refused the username or password (%s).", reply)
		case StageSender:
			out.Message = fmt.Sprintf("The server refused the sender %s (%s).", cfg.From, reply)
		case StageRecipient:
			out.Message = fmt.Sprintf("The server refused the recipient %s (%s).", m.To, reply)
		case StageTLS:
			out.Message = fmt.Sprintf("STARTTLS failed with %s (%s).", addr, reply)
		default:
			out.Message = fmt.Sprintf("The server refused the message (%s).", reply)
		}
	case stage == StageTLS && strings.Contains(err.Error(), "STARTTLS"):
		out.Permanent = true
		out.Message = fmt.Sprintf("%s does not offer STARTTLS; choose TLS or None if that is intended.", addr)
	case stage == StageAuth && strings.Contains(err.Error(), "unencrypted"):
		out.Permanent = true
		out.Message = "Roster will not send the password over an unencrypted connection: choose STARTTLS or TLS."
	default:
		out.Message = fmt.Sprintf("Sending through %s failed at the %s stage: %v.", addr, stage, err)
	}
	if cfg.Password != "" {
		out.Message = strings.ReplaceAll(out.Message, cfg.Password, "•••")
	}
	return out
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
