package app

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"roster/backend/domain"
	"roster/backend/ingest"
)

const (
	sessionCookie = "roster_session"
	setupCookie   = "roster_setup"
)

// Server is serve mode: the frontend's files, the RPC bridge and the event
// stream. Members sign in with their password; the random start-up token
// (printed once, as Jupyter does) only lets a browser create the first
// owner of an empty database.
type Server struct {
	b      *Backend
	hub    *Hub
	assets fs.FS
	token  string
	secure bool // cookies are marked Secure under TLS
	limit  *limiter
	// localOnly: bound to a loopback address, so every request names this
	// machine in its Host (a page of another site that resolves its own
	// name to 127.0.0.1, DNS rebinding, does not).
	localOnly bool
	// names are the host names a request may carry besides an address:
	// --public-url's host (a reverse proxy passes it on), the bound name,
	// this machine's name for a wildcard bind.
	names []string
	// bodyWindow is how long a body may take per minBodyBytes: a client
	// trickling its body holds a connection no longer.
	bodyWindow time.Duration
}

// minBodyBytes must arrive in each bodyWindow (64 KiB per 30 s, ~2 KiB/s).
const minBodyBytes = 64 << 10

// NewServer returns a Server with a fresh start-up token.
func NewServer(b *Backend, hub *Hub, assets fs.FS, secure bool) *Server {
	return &Server{b: b, hub: hub, assets: assets, token: randomToken(), secure: secure, limit: newLimiter(signInBurst, signInEvery),
		bodyWindow: 30 * time.Second}
}

// Token is the start-up token that allows the first owner's setup.
func (s *Server) Token() string { return s.token }

// Sign-in rate limit per client address: a burst of 10, then one every 6 s.
const (
	signInBurst = 10
	signInEvery = 6 * time.Second
)

// Handler routes every request.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /rpc/", func(w http.ResponseWriter, r *http.Request) {
		// A JSON content type cannot be sent cross-site without a CORS
		// preflight, which this server never grants: with the SameSite
		// cookie, that keeps other sites from calling in.
		if ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || ct != "application/json" {
			writeError(w, s.b, http.StatusUnsupportedMediaType, ErrorBody{Code: domain.CodeInvalid, Message: "Send the arguments as application/json."})
			return
		}
		// Every call that checks a password or a code spends a token.
		if strings.HasPrefix(r.URL.Path, "/rpc/Auth/") && r.URL.Path != "/rpc/Auth/State" && r.URL.Path != "/rpc/Auth/SignOut" {
			if !s.limit.allow(clientIP(r), time.Now()) {
				writeError(w, s.b, http.StatusTooManyRequests, ErrorBody{Code: domain.CodeRateLimited,
					Message: "Too many sign-in attempts from your address. Wait a minute and try again."})
				return
			}
		}
		r.Body = s.steady(w, r.Body)
		sess := s.session(r)
		before := sess.Token()
		callRPC(w, r, s.b, sess, func() {
			// A sign-in, setup, acceptance or sign-out changes the session's
			// token: the cookie follows, before the answer is written.
			if after := sess.Token(); after != before {
				s.setCookie(w, sessionCookie, after)
				if after != "" {
					s.setCookie(w, setupCookie, "")
				}
			}
		})
	})
	mux.HandleFunc("GET /events", s.events)
	mux.HandleFunc("POST /api/v1/events", s.ingestEvents)
	mux.HandleFunc("POST /api/imports/upload", s.uploadImport)
	mux.HandleFunc("GET /api/exports/{id}", s.downloadExport)
	files := http.FileServerFS(s.assets)
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("token") {
			s.startSetup(w, r)
			return
		}
		if r.URL.Path == "/" || r.URL.Path == "/index.html" {
			w.Header().Set("Cache-Control", "no-cache")
		}
		files.ServeHTTP(w, r)
	})
	mux.HandleFunc("GET /assets/", s.asset)
	return securityHeaders(s.guard(mux), s.secure)
}

// asset serves a built script, style sheet or image. Vite names each by a
// hash of its content, so a browser may keep it for good (and V8 the code
// it compiled from it): a relaunch, or a new tab, fetches none of them
// again. A browser that accepts gzip gets the copy the build compressed
// (frontend/vite.config.ts), about a third of the bytes.
func (s *Server) asset(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/")
	if fi, err := fs.Stat(s.assets, name); err != nil || fi.IsDir() {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Add("Vary", "Accept-Encoding")
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		if f, err := s.assets.Open(name + ".gz"); err == nil {
			defer f.Close()
			if rs, ok := f.(io.ReadSeeker); ok {
				if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
					h.Set("Content-Type", ct)
				}
				h.Set("Content-Encoding", "gzip")
				http.ServeContent(w, r, name, time.Time{}, rs)
				return
			}
		}
	}
	http.ServeFileFS(w, r, s.assets, name)
}

// acceptsGzip reports whether an Accept-Encoding header lists gzip with a
// weight above zero.
func acceptsGzip(header string) bool {
	for part := range strings.SplitSeq(header, ",") {
		params := strings.Split(part, ";")
		if !strings.EqualFold(strings.TrimSpace(params[0]), "gzip") {
			continue
		}
		for _, p := range params[1:] {
			if q, ok := strings.CutPrefix(strings.TrimSpace(p), "q="); ok {
				w, err := strconv.ParseFloat(q, 64)
				return err == nil && w > 0
			}
		}
		return true
	}
	return false
}

// guard refuses what no page of Roster sends: a path that is not UTF-8, a
// Host that is not this machine's (when bound to loopback), and a POST
// from another site (browsers say where a request comes from; the ingest
// endpoint, called by servers with a key and no cookie, is exempt).
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !utf8.ValidString(r.URL.Path) {
			writeError(w, s.b, http.StatusBadRequest, ErrorBody{Code: domain.CodeInvalid, Message: "The address is not valid UTF-8."})
			return
		}
		if h := hostOnly(r.Host); !s.hostAllowed(h) && !s.b.Team.IsPublicHost(r.Context(), h) {
			msg := fmt.Sprintf("This Roster does not answer to %q: open it at the address `roster serve` printed, or start it with --public-url naming the address people open.", h)
			if s.localOnly {
				msg = "This Roster serves this machine only; open it at the address `roster serve` printed."
			}
			writeError(w, s.b, http.StatusMisdirectedRequest, ErrorBody{Code: domain.CodeForbidden, Message: msg})
			return
		}
		if r.Method == http.MethodPost && r.URL.Path != "/api/v1/events" && !sameOrigin(r) {
			writeError(w, s.b, http.StatusForbidden, ErrorBody{Code: domain.CodeForbidden, Message: "Calls come from Roster's own pages only."})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hostAllowed says whether a request's Host names this server. An address
// always does (a rebinding attack needs a name it controls) unless serving
// on loopback, which only loopback addresses reach; a name must be one
// this server was given or bound to.
func (s *Server) hostAllowed(h string) bool {
	for _, n := range s.names {
		if strings.EqualFold(h, n) {
			return true
		}
	}
	if s.localOnly {
		return isLoopback(h)
	}
	return h == "localhost" || net.ParseIP(h) != nil
}

// steady bounds how long a body may trickle in: each bodyWindow must bring
// minBodyBytes (or the end of the body), or the read fails and the
// connection closes.
func (s *Server) steady(w http.ResponseWriter, body io.ReadCloser) io.ReadCloser {
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(s.bodyWindow))
	return &steadyBody{ReadCloser: body, extend: func() { _ = rc.SetReadDeadline(time.Now().Add(s.bodyWindow)) }}
}

type steadyBody struct {
	io.ReadCloser
	extend func()
	got    int
}

func (b *steadyBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if b.got += n; b.got >= minBodyBytes {
		b.got = 0
		b.extend()
	}
	return n, err
}

// sameOrigin reports whether a browser's request comes from a page of this
// server. A request without either header (a command-line client) passes:
// it carries no other site's cookies.
func sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		u, err := url.Parse(origin)
		return err == nil && u.Host == r.Host
	}
	return true
}

// hostOnly is the host of a Host header, without its port.
func hostOnly(hostport string) string {
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		return host
	}
	return strings.Trim(hostport, "[]")
}

// startSetup trades the start-up token for a cookie that allows the first
// owner's setup, and drops the token from the address bar.
func (s *Server) startSetup(w http.ResponseWriter, r *http.Request) {
	if subtle.ConstantTimeCompare([]byte(r.URL.Query().Get("token")), []byte(s.token)) != 1 {
		http.Error(w, "This link's token is not valid. Use the link `roster serve` printed when it started.", http.StatusUnauthorized)
		return
	}
	s.setCookie(w, setupCookie, s.token)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) setCookie(w http.ResponseWriter, name, value string) {
	c := &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.secure}
	if value == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// session builds the request's session from its cookies.
func (s *Server) session(r *http.Request) *Session {
	var token string
	if c, err := r.Cookie(sessionCookie); err == nil {
		token = c.Value
	}
	setup := false
	if c, err := r.Cookie(setupCookie); err == nil {
		setup = subtle.ConstantTimeCompare([]byte(c.Value), []byte(s.token)) == 1
	}
	sess := NewSession(r.Context(), token, setup)
	sess.Client = "ip:" + clientIP(r)
	return sess
}

// events streams change events to one browser window (server-sent events).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	token := s.session(r).Token()
	if _, err := s.b.Team.Authenticate(r.Context(), token); err != nil {
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
			// A session ended (member turned off, idle) stops receiving;
			// this last event makes its window ask again and sign out.
			w.Write(m)
			if _, err := s.b.Team.Authenticate(r.Context(), token); err != nil {
				flusher.Flush()
				return
			}
		case <-keepAlive.C:
			io.WriteString(w, ": keep-alive\n\n")
		}
		flusher.Flush()
	}
}

// maxEventsBody bounds one POST /api/v1/events body; larger files go
// through `roster ingest`.
const maxEventsBody = 8 << 20

// ingestEvents serves POST /api/v1/events: events from the integration
// platform, authenticated with an ingest key (Authorization: Bearer …), as
// JSON Lines (application/x-ndjson) or JSON (one event or an array). It
// answers with the report of every line: 200 when all were accepted or
// duplicates, 422 when any was rejected (the others are applied).
func (s *Server) ingestEvents(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="roster"`)
		writeError(w, s.b, http.StatusUnauthorized, ErrorBody{Code: domain.CodeUnauthenticated,
			Message: "Send an ingest key as Authorization: Bearer <key>. Create one under Settings → Ingest keys."})
		return
	}
	key, err := s.b.Ingest.Authenticate(r.Context(), strings.TrimSpace(token))
	if err != nil {
		body := errorBody(s.b.Log, err)
		writeError(w, s.b, httpStatus(body.Code), body)
		return
	}
	ct, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	ct = strings.TrimSpace(strings.ToLower(ct))
	if ct != "application/x-ndjson" && ct != "application/jsonl" && ct != "application/json" {
		writeError(w, s.b, http.StatusUnsupportedMediaType, ErrorBody{Code: domain.CodeInvalid,
			Message: "Send events as application/x-ndjson (one JSON event per line) or application/json (one event or an array)."})
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, s.steady(w, r.Body), maxEventsBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, s.b, http.StatusRequestEntityTooLarge, ErrorBody{Code: domain.CodeInvalid,
				Message: fmt.Sprintf("The body is over %d MiB. Send fewer events per request, or import the file with `roster ingest`.", maxEventsBody>>20)})
			return
		}
		writeError(w, s.b, http.StatusBadRequest, ErrorBody{Code: domain.CodeInvalid, Message: "Could not read the request body."})
		return
	}
	var src ingest.Source
	if ct == "application/json" {
		if src, err = ingest.JSON(data); err != nil {
			body := errorBody(s.b.Log, err)
			writeError(w, s.b, httpStatus(body.Code), body)
			return
		}
	} else {
		src = ingest.Lines(bytes.NewReader(data))
	}
	rep, err := s.b.Ingest.Ingest(r.Context(), src, ingest.Options{AllLines: true})
	if err != nil {
		body := errorBody(s.b.Log, err)
		writeError(w, s.b, httpStatus(body.Code), body)
		return
	}
	s.b.Log.Info("ingested events", "key", key.Name, "accepted", rep.Accepted, "duplicates", rep.Duplicates, "rejected", rep.Rejected)
	if rep.Accepted > 0 {
		s.hub.Emit(EventChanged, map[string]any{"what": []string{"users", "runs", "outbox"}})
	}
	status := http.StatusOK
	if rep.Rejected > 0 {
		status = http.StatusUnprocessableEntity
	}
	writeJSON(w, s.b, status, rep)
}

// uploadImport serves POST /api/imports/upload?name=FILE: a browser's file
// for File → Import…, streamed to disk (the body is the file, as
// application/octet-stream, which no other site can send without a CORS
// preflight). It answers with the staged file's token for Imports.Preview
// and Imports.Start.
func (s *Server) uploadImport(w http.ResponseWriter, r *http.Request) {
	actor, err := s.b.Team.Authenticate(r.Context(), s.session(r).Token())
	if err == nil {
		err = domain.Require(actor, domain.PermManageWorkspace, domain.Target{})
	}
	if err != nil {
		body := errorBody(s.b.Log, err)
		writeError(w, s.b, httpStatus(body.Code), body)
		return
	}
	if ct, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";"); strings.TrimSpace(ct) != "application/octet-stream" {
		writeError(w, s.b, http.StatusUnsupportedMediaType, ErrorBody{Code: domain.CodeInvalid, Message: "Send the file as application/octet-stream."})
		return
	}
	ref, err := s.b.Imports.Files().Upload(r.URL.Query().Get("name"), s.steady(w, r.Body))
	if err != nil {
		body := errorBody(s.b.Log, err)
		writeError(w, s.b, httpStatus(body.Code), body)
		return
	}
	writeJSON(w, s.b, http.StatusOK, ref)
}

// downloadExport serves GET /api/exports/{id}: the finished file of one of
// the session's member's exports (Exports.Start), as an attachment.
func (s *Server) downloadExport(w http.ResponseWriter, r *http.Request) {
	fail := func(err error) {
		body := errorBody(s.b.Log, err)
		writeError(w, s.b, httpStatus(body.Code), body)
	}
	actor, err := s.b.Team.Authenticate(r.Context(), s.session(r).Token())
	if err != nil {
		fail(err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		fail(domain.Invalid("id", "The export id must be a positive number."))
		return
	}
	path, name, err := s.b.Exports.Download(actor, id)
	if err != nil {
		fail(err)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		fail(domain.NotFound("Export %d's file is gone; export again.", id))
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		fail(err)
		return
	}
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, name, fi.ModTime(), f)
}

func securityHeaders(next http.Handler, secure bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer") // the first URL carries the token
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")
		if secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
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
	// PublicURL is the address people open (a name, a reverse proxy):
	// printed, and used for every link in mail. Empty: the bound address,
	// with this machine's name for a wildcard bind.
	PublicURL string
}

// Listener is serve mode's checked options and its bound socket: taken
// before the database is opened, so a refused address or certificate
// leaves no file behind.
type Listener struct {
	opts      ServeOptions
	ln        net.Listener
	tlsConfig *tls.Config
	host      string
	// headerTimeout bounds a request's headers; bodyWindow, see Server.
	headerTimeout, bodyWindow time.Duration
}

// Close releases the socket of a Listener that will not serve.
func (l *Listener) Close() error { return l.ln.Close() }

// Listen checks opts and binds opts.Addr. It refuses to expose the console
// in plain HTTP beyond this machine without --insecure, and says so on
// opts.Out when allowed.
func Listen(opts ServeOptions) (*Listener, error) {
	useTLS := opts.TLSCert != "" || opts.TLSKey != ""
	var tlsConfig *tls.Config
	if useTLS {
		if opts.TLSCert == "" || opts.TLSKey == "" {
			return nil, errors.New("serve: --tls-cert and --tls-key go together")
		}
		cert, err := tls.LoadX509KeyPair(opts.TLSCert, opts.TLSKey)
		if err != nil {
			return nil, fmt.Errorf("serve: TLS certificate and key: %w", err)
		}
		tlsConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("serve: address %q: %w (use host:port, e.g. 127.0.0.1:8080)", opts.Addr, err)
	}
	if opts.PublicURL, err = domain.PublicURL("public-url", opts.PublicURL); err != nil {
		return nil, fmt.Errorf("serve: --public-url: %w", err)
	}
	if !isLoopback(host) && !useTLS {
		if !opts.Insecure {
			return nil, fmt.Errorf("serve: %s is reachable from other machines; use --tls-cert and --tls-key, or --insecure to serve plain HTTP anyway", opts.Addr)
		}
		fmt.Fprintf(opts.Out, "WARNING: serving plain HTTP on %s: anyone on the network can read the session cookie.\n", opts.Addr)
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return &Listener{opts: opts, ln: ln, tlsConfig: tlsConfig, host: host, headerTimeout: 10 * time.Second}, nil
}

// Serve serves on l until ctx ends. It prints exactly one line with the URL
// to open.
func Serve(ctx context.Context, b *Backend, hub *Hub, assets fs.FS, l *Listener) error {
	opts, ln, tlsConfig, host := l.opts, l.ln, l.tlsConfig, l.host
	defer ln.Close() // on an early return; after serving, already closed
	useTLS := tlsConfig != nil
	s := NewServer(b, hub, assets, useTLS)
	s.localOnly = isLoopback(host)
	if u, err := url.Parse(opts.PublicURL); err == nil && u.Hostname() != "" {
		s.names = append(s.names, u.Hostname())
	}
	wildcard := host == "" || net.ParseIP(host) != nil && net.ParseIP(host).IsUnspecified()
	name, _ := os.Hostname()
	switch {
	case wildcard && name != "":
		s.names = append(s.names, name)
	case net.ParseIP(host) == nil:
		s.names = append(s.names, host)
	}
	if l.bodyWindow > 0 {
		s.bodyWindow = l.bodyWindow
	}
	// Requests inherit ctx, so open event streams end when serving stops.
	// No ReadTimeout: an upload may take minutes (each handler keeps its
	// body coming, see steady); a connection idle for 2 minutes is closed.
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: l.headerTimeout, IdleTimeout: 2 * time.Minute, TLSConfig: tlsConfig,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	scheme := "http"
	if useTLS {
		scheme = "https"
	}
	base := fmt.Sprintf("%s://%s", scheme, ln.Addr())
	switch {
	case opts.PublicURL != "":
		base = opts.PublicURL
	case wildcard:
		// Every address: [::] in a link opens nothing; the machine's name may.
		if name != "" {
			_, port, _ := net.SplitHostPort(ln.Addr().String())
			base = fmt.Sprintf("%s://%s", scheme, net.JoinHostPort(name, port))
			fmt.Fprintf(opts.Out, "Links in mail use this machine's name, %s; pass --public-url if people reach Roster by another address.\n", name)
		}
	}
	b.Team.SetLinkBase(base, opts.PublicURL != "")
	// The start-up token matters only until the first owner exists.
	if n, err := b.Team.MemberCount(ctx); err != nil {
		return fmt.Errorf("serve: %w", err)
	} else if n == 0 {
		fmt.Fprintf(opts.Out, "Roster is serving at %s/?token=%s\n", base, s.Token())
	} else {
		fmt.Fprintf(opts.Out, "Roster is serving at %s/\n", base)
	}

	errc := make(chan error, 1)
	go func() {
		if useTLS {
			errc <- srv.ServeTLS(ln, "", "") // the certificate is in TLSConfig
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
