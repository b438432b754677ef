// Package testutil opens Roster stores for tests: an empty, migrated store
// on a fresh temporary file, or a private copy of a seeded one.
//
// Seeding is the slow part of many tests, so OpenSeeded builds the seeded
// file once per test binary for each set of seed options and gives every
// test its own copy: tests neither re-seed nor see each other's changes, and
// may run in parallel. A package that calls OpenSeeded must call Main from
// its TestMain, which removes those files when the tests end.
package testutil

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // "sqlite3", to compact a seeded file into its template

	"roster/backend/seed"
	"roster/backend/store"
)

// Open returns a migrated, empty store on a new file in t.TempDir(). It is
// closed when the test ends.
func Open(t testing.TB) *store.Store {
	t.Helper()
	return open(t, filepath.Join(t.TempDir(), "roster.db"))
}

// OpenSeeded returns a store on the test's own copy of a database seeded
// with o (see seed.Load), closed when the test ends. The seeded file is built
// the first time a test asks for o, and copied after that.
func OpenSeeded(t testing.TB, o seed.Options) *store.Store {
	t.Helper()
	if !mainRunning.Load() {
		t.Fatal("testutil.OpenSeeded: the package's TestMain must call testutil.Main, which removes the seeded files")
	}
	src, err := templates.get(o)
	if err != nil {
		t.Fatalf("testutil: seed %d users: %v", o.Users, err)
	}
	dst := filepath.Join(t.TempDir(), "roster.db")
	if err := copyFile(src, dst); err != nil {
		t.Fatalf("testutil: copy the seeded database: %v", err)
	}
	return open(t, dst)
}

// Main runs the package's tests and then removes the seeded files that
// OpenSeeded built. Call it from TestMain:
//
//	func TestMain(m *testing.M) { testutil.Main(m) }
func Main(m *testing.M) {
	mainRunning.Store(true)
	code := m.Run()
	if err := templates.removeAll(); err != nil {
		fmt.Fprintln(os.Stderr, "testutil:", err)
	}
	os.Exit(code)
}

// mainRunning records that Main will clean up after OpenSeeded.
var mainRunning atomic.Bool

func open(t testing.TB, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("testutil: close the store: %v", err)
		}
	})
	return st
}

// templates holds the seeded files of this test binary, one per set of
// seed options, in one temporary directory.
var templates = &templateCache{byKey: map[string]*template{}}

type templateCache struct {
	mu    sync.Mutex
	dir   string
	byKey map[string]*template
}

// template is one seeded file, built once; a failed build is not retried.
type template struct {
	once sync.Once
	path string
	err  error
}

// get returns the path of the seeded file for o, building it on first use.
// Tests asking for other options do not wait for this build.
func (c *templateCache) get(o seed.Options) (string, error) {
	key := fmt.Sprintf("%d/%d/%s/%+v", o.Users, o.Seed, o.Now.UTC().Format(time.RFC3339Nano), o.Actor)
	c.mu.Lock()
	if c.dir == "" {
		dir, err := os.MkdirTemp("", "roster-testutil-")
		if err != nil {
			c.mu.Unlock()
			return "", err
		}
		c.dir = dir
	}
	tpl, ok := c.byKey[key]
	if !ok {
		tpl = &template{path: filepath.Join(c.dir, fmt.Sprintf("seed-%d.db", len(c.byKey)))}
		c.byKey[key] = tpl
	}
	c.mu.Unlock()
	tpl.once.Do(func() { tpl.err = build(tpl.path, o) })
	return tpl.path, tpl.err
}

func (c *templateCache) removeAll() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dir == "" {
		return nil
	}
	err := os.RemoveAll(c.dir)
	c.dir, c.byKey = "", map[string]*template{}
	return err
}

// build seeds a scratch file and compacts it into path with VACUUM INTO:
// one self-contained file, no WAL beside it, that a plain copy duplicates.
func build(path string, o seed.Options) error {
	ctx := context.Background()
	scratch := path + ".scratch"
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(scratch + suffix)
		}
	}()
	st, err := store.Open(ctx, scratch)
	if err != nil {
		return err
	}
	if _, err := seed.Load(ctx, st, o); err != nil {
		st.Close()
		return err
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close %s: %w", scratch, err)
	}
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: scratch}).EscapedPath())
	if err != nil {
		return fmt.Errorf("open %s: %w", scratch, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("compact %s into %s: %w", scratch, path, err)
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
