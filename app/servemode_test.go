package app

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"roster/backend/team"
)

// output is where Serve prints; the test reads it while Serve runs.
type output struct {
	mu      sync.Mutex
	buf     strings.Builder
	written chan struct{} // holds a wake-up after a write
}

func newOutput() *output { return &output{written: make(chan struct{}, 1)} }

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	n, err := o.buf.Write(p)
	o.mu.Unlock()
	select {
	case o.written <- struct{}{}:
	default:
	}
	return n, err
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// waitLines waits until n whole lines were printed and returns them.
func (o *output) waitLines(t *testing.T, n int) []string {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		if s := o.String(); strings.Count(s, "\n") >= n {
			return lines(s)
		}
		select {
		case <-o.written:
		case <-deadline:
			t.Fatalf("Serve printed %q; want %d lines", o.String(), n)
		}
	}
}

// lines splits s into whole lines, each with its newline.
func lines(s string) []string {
	parts := strings.SplitAfter(s, "\n")
	return parts[:len(parts)-1] // after the last newline: "" or a partial line
}

// startServe runs Serve with opts until the returned stop is called (or
// the test ends); stop returns what Serve returned.
func startServe(t *testing.T, b *Backend, opts ServeOptions) (*output, func() error) {
	t.Helper()
	out := newOutput()
	opts.Out = out
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	l, err := Listen(opts)
	if err != nil {
		t.Fatal(err)
	}
	go func() { errc <- Serve(ctx, b, NewHub(), testAssets, l) }()
	var once sync.Once
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-errc:
			case <-time.After(30 * time.Second):
				t.Error("Serve did not return after its context ended")
			}
		})
		return err
	}
	t.Cleanup(func() { stop() })
	return out, stop
}

var servingLine = regexp.MustCompile(`^Roster is serving at (https?://(?:[0-9.]+|\[[0-9a-f:]+\]|[A-Za-z0-9.-]+):\d+)/(\?token=([0-9a-f]{64}))?\n$`)

// served parses the line Serve prints: the base address and the token.
func served(t *testing.T, line string) (base, token string) {
	t.Helper()
	m := servingLine.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("printed %q; want %q", line, "Roster is serving at http://HOST:PORT/[?token=…]")
	}
	return m[1], m[3]
}

// On an empty database the printed line carries the start-up token, the
// only way to set up the first owner from a browser.
func TestServePrintsTheStartupLink(t *testing.T) {
	t.Parallel()
	b := newBackend(openTestStore(t, false), NewHub())
	out, stop := startServe(t, b, ServeOptions{Addr: "127.0.0.1:0"})
	base, token := served(t, out.waitLines(t, 1)[0])
	if token == "" || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("printed %q; want an http://127.0.0.1 link with the start-up token", out.String())
	}

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(base + "/?token=" + token)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.RawQuery != "" {
		t.Fatalf("the printed link: %d at %s; want 200 on / without the token", resp.StatusCode, resp.Request.URL)
	}
	if status, body := post(t, c, base+"/rpc/Auth/Setup", `[{"name": "Olivia Owner", "email": "olivia@example.com", "password": "`+testPassword+`"}]`); status != 200 {
		t.Fatalf("setup through the printed link: %d %s", status, body)
	}
	// Invitation links point at the address Serve listens on.
	status, body := post(t, c, base+"/rpc/Team/Invite", `[{"emails": "kim@example.com", "role": "monitor_all"}]`)
	var inv team.InviteResult
	if err := json.Unmarshal(body, &inv); status != 200 || err != nil || len(inv.Invited) != 1 || !strings.HasPrefix(inv.Invited[0].Link, base+"/#accept?") {
		t.Fatalf("invitation: %d %s; want a link under %s", status, body, base)
	}

	// An open event stream ends when serving stops.
	resp, err = c.Get(base + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewScanner(resp.Body)
	if !events.Scan() || !strings.HasPrefix(events.Text(), ": connected") {
		t.Fatalf("event stream opened with %q, %v", events.Text(), events.Err())
	}
	if err := stop(); err != nil {
		t.Fatalf("Serve after its context ended: %v; want nil", err)
	}
	ended := make(chan struct{})
	go func() {
		io.Copy(io.Discard, resp.Body)
		close(ended)
	}()
	select {
	case <-ended:
	case <-time.After(30 * time.Second):
		t.Fatal("the event stream stayed open after Serve returned")
	}
	if _, err := net.Dial("tcp", strings.TrimPrefix(base, "http://")); err == nil {
		t.Fatal("still accepting connections after Serve returned")
	}
	if n := strings.Count(out.String(), "\n"); n != 1 {
		t.Fatalf("Serve printed %q; want exactly one line", out.String())
	}
}

// Once the database has members, nobody needs the token: it is not printed.
func TestServeWithMembersPrintsNoToken(t *testing.T) {
	t.Parallel()
	b := newBackend(openTestStore(t, false), NewHub())
	if _, _, err := b.Team.Setup(context.Background(), team.SetupInput{Name: "Olivia Owner", Email: "olivia@example.com", Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	out, stop := startServe(t, b, ServeOptions{Addr: "127.0.0.1:0"})
	base, token := served(t, out.waitLines(t, 1)[0])
	if token != "" {
		t.Fatalf("printed %q; want no token once there are members", out.String())
	}
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /: %d", resp.StatusCode)
	}
	if err := stop(); err != nil {
		t.Fatalf("Serve after its context ended: %v; want nil", err)
	}
	if strings.Count(out.String(), "\n") != 1 {
		t.Fatalf("Serve printed %q; want exactly one line", out.String())
	}
}

// --insecure serves plain HTTP beyond this machine, and says what it risks.
// Bound to every address, its links use the machine's name, not [::].
func TestServeInsecureWarns(t *testing.T) {
	t.Parallel()
	b := newBackend(openTestStore(t, false), NewHub())
	out, stop := startServe(t, b, ServeOptions{Addr: "0.0.0.0:0", Insecure: true})
	printed := out.waitLines(t, 3)
	if printed[0] != "WARNING: serving plain HTTP on 0.0.0.0:0: anyone on the network can read the session cookie.\n" {
		t.Fatalf("first line %q; want the warning", printed[0])
	}
	name, _ := os.Hostname()
	if !strings.Contains(printed[1], "this machine's name, "+name+";") || !strings.Contains(printed[1], "--public-url") {
		t.Fatalf("second line %q; want the name links use", printed[1])
	}
	base, token := served(t, printed[2])
	if links, _ := b.Team.LinkBase(context.Background()); token == "" || !strings.HasPrefix(base, "http://"+name+":") || links != base {
		t.Fatalf("third line %q (links open %q); want the start-up link on %s", printed[2], links, name)
	}
	if err := stop(); err != nil {
		t.Fatalf("Serve after its context ended: %v; want nil", err)
	}
	if n := strings.Count(out.String(), "\n"); n != 3 {
		t.Fatalf("Serve printed %q; want the warning, the name and the link", out.String())
	}
}

// --public-url is what people open: printed, and in every link in mail.
func TestServePublicURL(t *testing.T) {
	t.Parallel()
	b := newBackend(openTestStore(t, false), NewHub())
	out, _ := startServe(t, b, ServeOptions{Addr: "127.0.0.1:0", PublicURL: "https://roster.example.com/"})
	if line := out.waitLines(t, 1)[0]; !strings.HasPrefix(line, "Roster is serving at https://roster.example.com/?token=") {
		t.Fatalf("printed %q", line)
	}
	if links, _ := b.Team.LinkBase(context.Background()); links != "https://roster.example.com" {
		t.Fatalf("links open %q", links)
	}
	for _, bad := range []string{"roster.example.com", "ftp://roster.example.com", "https://", "https://roster.example.com/?x=1"} {
		if _, err := Listen(ServeOptions{Addr: "127.0.0.1:0", PublicURL: bad, Out: io.Discard}); err == nil || !strings.Contains(err.Error(), "--public-url") {
			t.Errorf("--public-url %q: %v; want a refusal", bad, err)
		}
	}
}

// With a certificate, Serve speaks HTTPS (beyond loopback too, without a
// warning) and marks its cookies Secure.
func TestServeOverTLS(t *testing.T) {
	t.Parallel()
	certFile, keyFile, roots := selfSigned(t)
	b := newBackend(openTestStore(t, false), NewHub())
	out, stop := startServe(t, b, ServeOptions{Addr: "0.0.0.0:0", TLSCert: certFile, TLSKey: keyFile})
	printed := out.waitLines(t, 2) // the name links use, then the link
	base, token := served(t, printed[1])
	if !strings.HasPrefix(base, "https://") || token == "" || strings.Contains(out.String(), "WARNING") {
		t.Fatalf("printed %q; want an https link with the token and no warning", out.String())
	}
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(base, "https://")) // listening on every address: reach it on loopback
	c := &http.Client{
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := c.Get("https://127.0.0.1:" + port + "/?token=" + token)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cs := resp.Cookies(); resp.StatusCode != http.StatusSeeOther || len(cs) != 1 || cs[0].Name != setupCookie || !cs[0].Secure {
		t.Fatalf("start-up link over TLS: %d with %+v; want 303 and a Secure setup cookie", resp.StatusCode, resp.Cookies())
	}
	if err := stop(); err != nil {
		t.Fatalf("Serve after its context ended: %v; want nil", err)
	}
	if strings.Count(out.String(), "\n") != 2 {
		t.Fatalf("Serve printed %q; want the name links use and the link", out.String())
	}
}

func TestServeRefusesBadOptions(t *testing.T) {
	t.Parallel()
	certFile, _, _ := selfSigned(t)
	_, otherKey, _ := selfSigned(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { busy.Close() })
	for _, c := range []struct {
		name string
		opts ServeOptions
		says []string
	}{
		{"certificate without key", ServeOptions{Addr: "127.0.0.1:0", TLSCert: "cert.pem"}, []string{"--tls-cert and --tls-key go together"}},
		{"key without certificate", ServeOptions{Addr: "127.0.0.1:0", TLSKey: "key.pem"}, []string{"--tls-cert and --tls-key go together"}},
		{"no port", ServeOptions{Addr: "localhost"}, []string{`address "localhost"`, "host:port"}},
		{"port out of range", ServeOptions{Addr: "127.0.0.1:99999"}, []string{"99999"}},
		{"address in use", ServeOptions{Addr: busy.Addr().String()}, []string{busy.Addr().String(), "in use"}},
		{"missing certificate file", ServeOptions{Addr: "127.0.0.1:0", TLSCert: filepath.Join(t.TempDir(), "none.pem"), TLSKey: "none.key"}, []string{"none.pem"}},
		{"key that does not match", ServeOptions{Addr: "127.0.0.1:0", TLSCert: certFile, TLSKey: otherKey}, []string{"TLS", "private key does not match"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			out := newOutput()
			c.opts.Out = out
			l, err := Listen(c.opts)
			if err == nil {
				l.Close()
				t.Fatal("Listen bound the address; want a refusal")
			}
			// A refused start prints no address to open.
			if printed := out.String(); strings.Contains(printed, "serving at") {
				t.Fatalf("refused, but printed %q", printed)
			}
			for _, s := range c.says {
				if !strings.Contains(err.Error(), s) {
					t.Fatalf("error %q; want it to say %q", err, s)
				}
			}
		})
	}
}

func post(t *testing.T, c *http.Client, url, body string) (int, []byte) {
	t.Helper()
	resp, err := c.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, data
}

// selfSigned writes a certificate for 127.0.0.1 and its key as PEM files,
// and returns them with a pool that trusts the certificate.
func selfSigned(t *testing.T) (certFile, keyFile string, roots *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "roster test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	roots = x509.NewCertPool()
	roots.AddCert(leaf)
	return certFile, keyFile, roots
}
