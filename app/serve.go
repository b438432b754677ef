package app

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"roster/backend/domain"
)

const sessionCookie = "roster_session"

// Server is serve mode: the frontend's files, the RPC bridge and the event
// stream, behind a session. Until sign-in exists, a random start-up token
// (printed once, as Jupyter does) is the key to a session.
type Server struct {
	b      *Backend
	hub    *Hub
	assets fs.FS
	token  string
	secure bool // cookies are marked Secure under TLS

	mu       sync.Mutex
	sessions map[string]domain.Actor
}

// NewServer returns a Server with a fresh start-up token.
func NewServer(b *Backend, hub *Hub, assets fs.FS, secure bool) *Server {
	return &Server{b: b, hub: hub, assets: assets, token: randomToken(), secure: secure, sessions: map[string]domain.Actor{}}
}

// Token is the start-up token that opens a session.
func (s *Server) Token() string { return s.token }

// Handler routes every request.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /rpc/", func(w http.ResponseWriter, r *http.Request) {
		// A JSON content type cannot be sent cross-site without a CORS
		// preflight, which this server never grants: with the SameSite
		// cookie, that keeps other sites from calling in.
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			writeError(w, s.b, http.StatusUnsupportedMediaType, ErrorBody{Code: domain.CodeInvalid, Message: "Send the arguments as application/json."})
			return
		}
		actor, ok := s.session(r)
		if !ok {
			writeError(w, s.b, http.StatusUnauthorized, ErrorBody{Code: domain.CodeUnauthenticated, Message: "Your session has ended. Open the link that `roster serve` printed."})
			return
		}
		callRPC(w, r, s.b, &Session{Ctx: r.Context(), Actor: actor})
	})
	mux.HandleFunc("GET /events", s.events)
	files := http.FileServerFS(s.assets)
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("token") {
			s.signIn(w, r)
			return
		}
		if r.URL.Path == "/" || r.URL.Path == "/index.html" {
			w.Header().Set("Cache-Control", "no-cache")
		}
		files.ServeHTTP(w, r)
	})
	return securityHeaders(mux)
}

// signIn trades the start-up token for a session cookie and drops the token
// from the address bar.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	if subtle.ConstantTimeCompare([]byte(r.URL.Query().Get("token")), []byte(s.token)) != 1 {
		http.Error(w, "This link's token is not valid. Use the link `roster serve` printed when it started.", http.StatusUnauthorized)
		return
	}
	id := randomToken()
	s.mu.Lock()
	s.sessions[id] = domain.LocalOperator()
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.secure})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) session(r *http.Request) (domain.Actor, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return domain.Actor{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.sessions[c.Value]
	return a, ok
}

// events streams change events to one browser window (server-sent events).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.session(r); !ok {
		http.Error(w, "no session", http.StatusUnauthorized)
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, ": connected\n\n")
	flusher.Flush()
	msgs := s.hub.subscribe(r.Context())
	keepAlive := time.NewTicker(25 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case m := <-msgs:
			w.Write(m)
		case <-keepAlive.C:
			io.WriteString(w, ": keep-alive\n\n")
		}
		flusher.Flush()
	}
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer") // the first URL carries the token
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'")
		next.ServeHTTP(w, r)
	})
}

// ServeOptions configures serve mode.
type ServeOptions struct {
	Addr     string
	TLSCert  string
	TLSKey   string
	Insecure bool      // allow a non-loopback address without TLS
	Out      io.Writer // where the URL line and warnings go
}

// Serve listens on opts.Addr and serves until ctx ends. It prints exactly one
// line with the URL to open, or refuses to expose the console in plain HTTP
// beyond this machine without --insecure.
func Serve(ctx context.Context, b *Backend, hub *Hub, assets fs.FS, opts ServeOptions) error {
	tls := opts.TLSCert != "" || opts.TLSKey != ""
	if tls && (opts.TLSCert == "" || opts.TLSKey == "") {
		return errors.New("serve: --tls-cert and --tls-key go together")
	}
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return fmt.Errorf("serve: address %q: %w (use host:port, e.g. 127.0.0.1:8080)", opts.Addr, err)
	}
	if !isLoopback(host) && !tls {
		if !opts.Insecure {
			return fmt.Errorf("serve: %s is reachable from other machines; use --tls-cert and --tls-key, or --insecure to serve plain HTTP anyway", opts.Addr)
		}
		fmt.Fprintf(opts.Out, "WARNING: serving plain HTTP on %s: anyone on the network can read the session cookie.\n", opts.Addr)
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	s := NewServer(b, hub, assets, tls)
	// Requests inherit ctx, so open event streams end when serving stops.
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	scheme := "http"
	if tls {
		scheme = "https"
	}
	fmt.Fprintf(opts.Out, "Roster is serving at %s://%s/?token=%s\n", scheme, ln.Addr(), s.Token())

	errc := make(chan error, 1)
	go func() {
		if tls {
			errc <- srv.ServeTLS(ln, opts.TLSCert, opts.TLSKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("serve: shut down: %w", err)
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand documents it)
	return hex.EncodeToString(b)
}
