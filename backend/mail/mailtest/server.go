// Package mailtest runs go-smtp's server in-process for tests: STARTTLS
// with a certificate made on the spot, AUTH PLAIN, and refusals on demand.
// It records what it received, decoded.
package mailtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Options shape the server.
type Options struct {
	Username, Password string // require AUTH PLAIN with these (after STARTTLS)
	NoTLS              bool   // do not offer STARTTLS
	RefuseSender       bool   // 550 on MAIL FROM
	RefuseRecipient    bool   // 550 on RCPT TO
	Port               int    // listen on this port (0: any free one)
	// OnReceive, if set, is called with each message as it arrives.
	OnReceive func(Received)
}

// Received is one delivered message.
type Received struct {
	From string `json:"from"` // the envelope sender (MAIL FROM)
	// FromHeader is the From header as a mail client shows it, decoded:
	// "Roster Admin <roster@example.com>".
	FromHeader string `json:"fromHeader"`
	To         string `json:"to"`
	Subject    string `json:"subject"`
	MessageID  string `json:"messageId"`
	Text       string `json:"text"`
	HTML       string `json:"html"`
	Raw        []byte `json:"-"`
}

// Server is a running in-process SMTP server.
type Server struct {
	opts    Options
	srv     *smtp.Server
	ln      net.Listener
	roots   *x509.CertPool
	mu      sync.Mutex
	got     []Received
	arrived chan struct{}
}

// Start starts a server on 127.0.0.1 and stops it when the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s, err := Listen(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Listen starts a server on 127.0.0.1 outside a test (see smtpsink); Close
// stops it.
func Listen(opts Options) (*Server, error) {
	s := &Server{opts: opts, arrived: make(chan struct{}, 100)}
	cert, roots, err := selfSigned()
	if err != nil {
		return nil, fmt.Errorf("mailtest: certificate: %w", err)
	}
	s.roots = roots
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(opts.Port))
	if err != nil {
		return nil, fmt.Errorf("mailtest: listen: %w", err)
	}
	s.ln = ln
	s.srv = smtp.NewServer(backend{s})
	s.srv.Domain = "localhost"
	s.srv.ReadTimeout, s.srv.WriteTimeout = 10*time.Second, 10*time.Second
	if !opts.NoTLS {
		s.srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	}
	go s.srv.Serve(ln)
	return s, nil
}

// Port is the port the server listens on.
func (s *Server) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// RootCAs trusts the server's certificate.
func (s *Server) RootCAs() *x509.CertPool { return s.roots }

// Close stops the server; Start again with the same Port to bring it back.
func (s *Server) Close() { s.srv.Close() }

// Messages returns what arrived so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.got...)
}

// Wait waits until n messages arrived, or fails the test after d.
func (s *Server) Wait(t testing.TB, n int, d time.Duration) []Received {
	t.Helper()
	deadline := time.After(d)
	for len(s.Messages()) < n {
		select {
		case <-s.arrived:
		case <-deadline:
			t.Fatalf("mailtest: %d messages after %s; want %d", len(s.Messages()), d, n)
		}
	}
	return s.Messages()
}

type backend struct{ s *Server }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: b.s}, nil }

type session struct {
	s        *Server
	authed   bool
	from, to string
}

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != ss.s.opts.Username || pass != ss.s.opts.Password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Authentication credentials invalid"}
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.opts.Username != "" && !ss.authed {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}
	}
	if ss.s.opts.RefuseSender {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Sender not allowed"}
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if ss.s.opts.RefuseRecipient {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user"}
	}
	ss.to = to
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	got, err := decode(raw)
	if err != nil {
		return &smtp.SMTPError{Code: 554, Message: "unreadable message: " + err.Error()}
	}
	got.From, got.To = ss.from, ss.to
	ss.s.mu.Lock()
	ss.s.got = append(ss.s.got, got)
	ss.s.mu.Unlock()
	if ss.s.opts.OnReceive != nil {
		ss.s.opts.OnReceive(got)
	}
	select { // a full channel already holds a wake-up for Wait
	case ss.s.arrived <- struct{}{}:
	default:
	}
	return nil
}

func (ss *session) Reset()        {}
func (ss *session) Logout() error { return nil }

// decode parses a message the way a mail client would.
func decode(raw []byte) (Received, error) {
	out := Received{Raw: raw}
	r, err := mail.CreateReader(strings.NewReader(string(raw)))
	if err != nil {
		return out, err
	}
	if out.Subject, err = r.Header.Subject(); err != nil {
		return out, err
	}
	out.MessageID, _ = r.Header.MessageID()
	if from, err := r.Header.AddressList("From"); err == nil && len(from) == 1 {
		out.FromHeader = fmt.Sprintf("%s <%s>", from[0].Name, from[0].Address)
	}
	for {
		p, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return out, err
		}
		body, _ := io.ReadAll(p.Body)
		if h, ok := p.Header.(*mail.InlineHeader); ok {
			if ct, _, _ := h.ContentType(); ct == "text/html" {
				out.HTML = string(body)
				continue
			}
		}
		out.Text = string(body)
	}
	return out, nil
}

func selfSigned() (tls.Certificate, *x509.CertPool, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mailtest"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool, nil
}
