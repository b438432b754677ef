// Package testutil opens Roster stores for tests: an empty, migrated store
// on a fresh temporary file, or a private copy of a prepared one.
//
// Seeding (and hashing passwords for members) is the slow part of many
// tests, so OpenSeeded and OpenBuilt prepare a file once per test binary
// and give every test its own copy: tests neither redo the work nor see
// each other's changes, and may run in parallel. A package that calls them
// must call Main from its TestMain, which removes those files when the
// tests end.
package testutil

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"roster/backend/seed"
	"roster/backend/store"
)

// IntegrationID is the id of the integration with key in st.
func IntegrationID(t testing.TB, st *store.Store, key string) int64 {
	t.Helper()
	var id int64
	if err := st.Reader().QueryRowContext(context.Background(), "SELECT id FROM integrations WHERE key = ?", key).Scan(&id); err != nil {
		t.Fatalf("integration %q: %v", key, err)
	}
	return id
}

// Open returns a migrated, empty store on a new file in t.TempDir(). It is
// closed when the test ends.
func Open(t testing.TB) *store.Store {
	t.Helper()
	return open(t, filepath.Join(t.TempDir(), "roster.db"))
}

// BenchStore is a benchmark's database: $ROSTER_BENCH_DB, a file seeded
// beforehand (roster seed --db FILE --users N) opened in place and migrated
// if older, since seeding a million users takes longer than the
// benchmarks; else the benchmark's own copy of one seeded (with o) with
// $ROSTER_BENCH_USERS users, or o.Users.
func BenchStore(b *testing.B, o seed.Options) *store.Store {
	b.Helper()
	if path := os.Getenv("ROSTER_BENCH_DB"); path != "" {
		st, err := store.Open(context.Background(), path)
		if err != nil {
			b.Fatalf("ROSTER_BENCH_DB: %v", err)
		}
		b.Cleanup(func() { st.Close() })
		return st
	}
	if v := os.Getenv("ROSTER_BENCH_USERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatalf("ROSTER_BENCH_USERS: %v", err)
		}
		o.Users = n
	}
	return OpenSeeded(b, o)
}

// OpenSeeded returns a store on the test's own copy of a database seeded
// with o (see seed.Load), closed when the test ends. The seeded file is built
// the first time a test asks for o, and copied after that.
func OpenSeeded(t testing.TB, o seed.Options) *store.Store {
	t.Helper()
	name := fmt.Sprintf("seed %d/%d/%s/%+v", o.Users, o.Seed, o.Now.UTC().Format(time.RFC3339Nano), o.Actor)
	return OpenBuilt(t, name, func(ctx context.Context, st *store.Store) error {
		_, err := seed.Load(ctx, st, o)
		return err
	})
}

// OpenBuilt returns a store on the test's own copy of a database that build
// filled, closed when the test ends. build runs on an empty, migrated store
// the first time a test asks for name, and its file is copied after that:
// one name must always stand for the same build. Whatever build learns that
// the database does not hold (a session token, say) it may keep in the
// test's variables; OpenBuilt returns only after build has.
func OpenBuilt(t testing.TB, name string, build func(context.Context, *store.Store) error) *store.Store {
	t.Helper()
	if !mainRunning.Load() {
		t.Fatal("testutil: the package's TestMain must call testutil.Main, which removes the prepared files")
	}
	src, err := templates.get(name, build)
	if err != nil {
		t.Fatalf("testutil: prepare %s: %v", name, err)
	}
	dst := filepath.Join(t.TempDir(), "roster.db")
	if err := copyFile(src, dst); err != nil {
		t.Fatalf("testutil: copy %s: %v", name, err)
	}
	return open(t, dst)
}

// Main runs the package's tests and then removes the files that OpenSeeded
// and OpenBuilt prepared. Call it from TestMain:
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

// mainRunning records that Main will clean up the prepared files.
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

// templates holds the prepared files of this test binary, one per name, in
// one temporary directory.
var templates = &templateCache{byName: map[string]*template{}}

type templateCache struct {
	mu     sync.Mutex
	dir    string
	byName map[string]*template
}

// template is one prepared file, built once; a failed build is not retried.
type template struct {
	once sync.Once
	path string
	err  error
}

// get returns the path of the file prepared for name, building it on first
// use. Tests asking for another name do not wait for this build.
func (c *templateCache) get(name string, build func(context.Context, *store.Store) error) (string, error) {
	c.mu.Lock()
	if c.dir == "" {
		dir, err := os.MkdirTemp("", "roster-testutil-")
		if err != nil {
			c.mu.Unlock()
			return "", err
		}
		c.dir = dir
	}
	tpl, ok := c.byName[name]
	if !ok {
		tpl = &template{path: filepath.Join(c.dir, fmt.Sprintf("prepared-%d.db", len(c.byName)))}
		c.byName[name] = tpl
	}
	c.mu.Unlock()
	tpl.once.Do(func() { tpl.err = prepare(tpl.path, build) })
	return tpl.path, tpl.err
}

func (c *templateCache) removeAll() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dir == "" {
		return nil
	}
	err := os.RemoveAll(c.dir)
	c.dir, c.byName = "", map[string]*template{}
	return err
}

// prepare runs build on a scratch file and compacts it into path with
// VACUUM INTO: one self-contained file, no WAL beside it, that a plain copy
// duplicates.
func prepare(path string, build func(context.Context, *store.Store) error) error {
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
	if err := build(ctx, st); err != nil {
		st.Close()
		return err
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close %s: %w", scratch, err)
	}
	db := store.OpenFile(scratch)
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
