// Package store is Roster's SQLite layer: opening and migrating the file,
// and every SQL statement Roster runs (the use cases' and the demo seed's).
//
// A function that reads one record returns it, or a *domain.Error with a
// message a person can act on when there is no such record: callers for
// whom "missing" is a normal answer test errors.Is(err, domain.ErrNotFound).
package store

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"

	"roster/backend/domain"
)

// DB is what a query needs: the read pool, or a write transaction. A
// function that writes names its DB tx and must be given the transaction of
// Store.Update; a function that only reads names it db and takes either.
type DB interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// Store holds one SQLite file open through two pools: a single writer
// connection (SQLite allows one writer; queuing in Go beats SQLITE_BUSY) and
// a read pool that WAL lets run beside it.
type Store struct {
	path   string
	read   *sql.DB
	write  *sql.DB
	schema atomic.Uint32 // moves when a restore brings in (and migrates) older content
	// damaged is what the last integrity check found wrong ("" when
	// nothing): while set, Update refuses, so nothing more is written into
	// a broken file before someone restores a backup.
	damaged atomic.Pointer[string]
	bulk    bulkWrites
	// checkpoints, while BulkWrites is on, hears of every commit.
	checkpoints atomic.Pointer[checkpointer]
}

// Open migrates the file at path to the schema this build knows (see
// Migrate for the safety rules) and opens it.
func Open(ctx context.Context, path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := checkWritable(abs); err != nil {
		return nil, err
	}
	version, err := Migrate(ctx, abs)
	if err != nil {
		return nil, err
	}
	s := &Store{path: abs}
	s.schema.Store(uint32(version))
	if s.write, err = openPool(abs, false); err != nil {
		return nil, err
	}
	s.write.SetMaxOpenConns(1)
	if s.read, err = openPool(abs, true); err != nil {
		s.write.Close()
		return nil, err
	}
	// A query per core, plus the one Watch holds: more would only queue
	// for the CPU, each with its page cache.
	s.read.SetMaxOpenConns(runtime.NumCPU() + 1)
	s.read.SetMaxIdleConns(runtime.NumCPU() + 1)
	if err := s.write.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: open %s: %w", abs, err)
	}
	return s, nil
}

// Close closes both pools.
func (s *Store) Close() error {
	return errors.Join(s.read.Close(), s.write.Close())
}

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// SchemaVersion is the migration version the file is at.
func (s *Store) SchemaVersion() uint { return uint(s.schema.Load()) }

// Reader is the read pool.
func (s *Store) Reader() DB { return s.read }

// ErrReadOnly is Open's error for a file or folder Roster cannot write to.
var ErrReadOnly = errors.New("database is read-only")

// checkWritable refuses, before anything is touched, a database file (or,
// for a new file, its folder) marked read-only or that this process cannot
// write: SQLite would open it read-only (or, for root, write into it anyway)
// and fail only at the first change.
func checkWritable(path string) error {
	refuse := func(why string) error {
		return fmt.Errorf("%w: Roster cannot write to %s (%s). Make it writable (chmod u+w), or open a copy of it", ErrReadOnly, path, why)
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o200 == 0 {
		return refuse("the file is marked read-only")
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		f, err = os.CreateTemp(filepath.Dir(path), ".roster-write-check-*")
		if err == nil {
			defer os.Remove(f.Name())
		} else if errors.Is(err, fs.ErrNotExist) {
			return nil // a new folder: whoever creates it says if it cannot
		}
	}
	if err != nil {
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return refuse(errors.Unwrap(err).Error())
		}
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	return f.Close()
}

// SetDamaged records what the integrity check found wrong with the file;
// "" says it found nothing. While the file is damaged, Update refuses.
func (s *Store) SetDamaged(problem string) {
	if problem == "" {
		s.damaged.Store(nil)
		return
	}
	s.damaged.Store(&problem)
}

// Damaged is what the last integrity check found wrong; "" if nothing.
func (s *Store) Damaged() string {
	if p := s.damaged.Load(); p != nil {
		return *p
	}
	return ""
}

// ErrDamaged is the conflict every change gets while the file is damaged.
func ErrDamaged() *domain.Error {
	return domain.Conflict("Roster stopped saving changes: this database file failed its integrity check. Restore a backup (Settings → Backups) to go on.")
}

// Update runs fn in one write transaction (BEGIN IMMEDIATE, so it waits for
// the write lock up front instead of failing half-way) and commits it only
// if fn returns nil. When another process holds the lock past the busy
// timeout, it tries once more (nothing was written), then says so. While
// the file is damaged it refuses (see SetDamaged).
func (s *Store) Update(ctx context.Context, fn func(tx DB) error) error {
	if s.Damaged() != "" {
		return ErrDamaged()
	}
	return s.Record(ctx, fn)
}

// Record is Update even for a damaged file, for the bookkeeping that must
// go on so that people can reach the restore: sign-in, sessions, what the
// integrity check records about the file, and the audit entry of an export.
func (s *Store) Record(ctx context.Context, fn func(tx DB) error) error {
	if c := s.checkpoints.Load(); c != nil {
		c.catchUp(ctx)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if IsBusy(err) {
		tx, err = s.write.BeginTx(ctx, nil)
	}
	if IsBusy(err) {
		return Busy()
	}
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	if c := s.checkpoints.Load(); c != nil {
		select {
		case c.kick <- struct{}{}:
		default: // a checkpoint is due already
		}
	}
	return nil
}

// Optimize refreshes the query planner's statistics of the tables that
// grew or shrank some 25-fold (SQLite's measure) since they were taken, not
// of a damaged file; run it after bulk loads.
func (s *Store) Optimize(ctx context.Context) error {
	if s.Damaged() != "" {
		return nil
	}
	if _, err := s.write.ExecContext(ctx, "PRAGMA optimize=0x10002"); err != nil {
		return fmt.Errorf("store: optimize: %w", err)
	}
	return nil
}

// BulkWrites readies the writer for a run of large transactions (an
// import, a seed) until end is called, which puts it back as it was:
//   - a page cache of cacheMiB MiB: their changes land all over the indexes,
//     and with the usual 64 MiB SQLite writes changed pages out before the
//     commit and reads them again;
//   - WAL checkpoints on a connection of their own, started by each commit,
//     instead of inside the commit on the writer: copying a chunk's pages
//     from the WAL into the file then runs on another core while the writer
//     goes on with the next chunk. The commits of an import of 1M users
//     took 4.4-5.0 s of the writer's time, 2.4 s with the checkpoints
//     beside them. See checkpointer.catchUp for the one wait this leaves;
//   - commits that leave syncing the WAL to the next checkpoint, which
//     syncs it before it copies a frame, and runs as soon as a commit
//     kicks it: a commit is on disk a checkpoint later, instead of
//     before it returns (synchronous NORMAL for FULL). An application
//     crash loses nothing either way; a power cut can take back the
//     commits the checkpoint had not synced yet, each whole (an import
//     resumes from its last chunk on disk). BenchmarkImportCSV at 1M
//     users, five runs of each in turn: 86.2k rows/s on average syncing
//     each commit, 90.6k leaving it to the checkpoints.
//
// Calls may overlap (two imports): the first sets the cache, the last end
// puts the writer back.
func (s *Store) BulkWrites(ctx context.Context, cacheMiB int) (end func(), err error) {
	b := &s.bulk
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.users == 0 {
		if err := b.start(ctx, s, cacheMiB); err != nil {
			return nil, fmt.Errorf("store: bulk writes: %w", err)
		}
	}
	b.users++
	var once sync.Once
	return func() { once.Do(func() { b.end(s) }) }, nil
}

// bulkWrites is the state of Store.BulkWrites.
type bulkWrites struct {
	mu         sync.Mutex
	users      int
	cache      int // the writer's cache_size before
	checkpoint int // and its wal_autocheckpoint
	sync       int // and its synchronous
	conn       *sql.DB
	stop, done chan struct{}
	maxFrames  int64 // maxWALFrames, or a test's
}

// maxWALFrames is how long the WAL may grow during bulk writes before a
// transaction waits for the checkpoints to catch up. Imports of 1M users
// (BenchmarkImportCSV) ran as fast with 4,096, 16,384 or 65,536.
const maxWALFrames = 16384 // 64 MiB of 4 KiB pages

// checkpointer runs the checkpoints of BulkWrites.
type checkpointer struct {
	kick   chan struct{}      // a commit: checkpoint what it wrote
	drain  chan chan struct{} // checkpoint everything, then close the channel
	frames atomic.Int64       // the WAL's length at the last checkpoint
	max    int64              // maxWALFrames, or a test's
	limit  atomic.Int64       // how long it may grow before catchUp waits
	done   chan struct{}      // closed when the checkpoints stop
}

// catchUp makes the next transaction wait, once the WAL is longer than
// c.max frames, until every frame is in the file. SQLite starts the WAL over
// only when a write transaction begins with nothing left to checkpoint;
// while checkpoints run beside the writer that never happens, and the WAL of
// an import of 1M users grew to 1.34 GB, every page of it a new block the
// kernel zeroes before SQLite writes it (6% of the import's CPU).
func (c *checkpointer) catchUp(ctx context.Context) {
	if c.frames.Load() <= c.limit.Load() {
		return
	}
	done := make(chan struct{})
	select {
	case c.drain <- done:
	case <-c.done:
		return
	case <-ctx.Done():
		return
	}
	select {
	case <-done:
	case <-ctx.Done():
	}
}

func (b *bulkWrites) start(ctx context.Context, s *Store, cacheMiB int) error {
	if err := s.write.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&b.cache); err != nil {
		return err
	}
	if err := s.write.QueryRowContext(ctx, "PRAGMA wal_autocheckpoint").Scan(&b.checkpoint); err != nil {
		return err
	}
	if err := s.write.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&b.sync); err != nil {
		return err
	}
	conn, err := openPool(s.path, false)
	if err != nil {
		return err
	}
	conn.SetMaxOpenConns(1)
	for _, p := range []string{fmt.Sprintf("PRAGMA cache_size = %d", -cacheMiB<<10), "PRAGMA wal_autocheckpoint = 0", "PRAGMA synchronous = NORMAL"} {
		if _, err := s.write.ExecContext(ctx, p); err != nil {
			conn.Close()
			b.restore(s)
			return err
		}
	}
	stop, done := make(chan struct{}), make(chan struct{})
	c := &checkpointer{kick: make(chan struct{}, 1), drain: make(chan chan struct{}), max: cmp.Or(b.maxFrames, maxWALFrames), done: done}
	c.limit.Store(c.max)
	b.conn, b.stop, b.done = conn, stop, done
	s.checkpoints.Store(c)
	go func() {
		defer close(done)
		// PASSIVE waits for no one. Failing (another process checkpointing,
		// say) leaves the WAL longer until the next try, not anything wrong.
		checkpoint := func() (complete bool) {
			var busy, frames, copied int64
			if conn.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied) != nil {
				return false
			}
			c.frames.Store(frames)
			return frames == copied
		}
		for {
			select {
			case <-c.kick:
				checkpoint()
			case caughtUp := <-c.drain:
				// A reader on an older snapshot holds its frames back. Most
				// read for milliseconds; one that reads for long (an export)
				// must not hold up every transaction: after a few tries,
				// the WAL grows by c.max frames before the next wait.
				complete := checkpoint()
				for i := 0; i < 20 && !complete; i++ {
					time.Sleep(time.Millisecond)
					complete = checkpoint()
				}
				limit := c.max
				if !complete {
					limit += c.frames.Load()
				}
				c.limit.Store(limit)
				close(caughtUp)
			case <-stop:
				select {
				case <-c.kick: // the last commit's
					checkpoint()
				default:
				}
				return
			}
		}
	}()
	return nil
}

func (b *bulkWrites) end(s *Store) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.users--; b.users > 0 {
		return
	}
	s.checkpoints.Store(nil)
	close(b.stop)
	<-b.done
	b.conn.Close()
	b.restore(s)
}

// restore puts the writer's settings back. Failing leaves a larger cache
// or, until the next connection, fewer checkpoints and commits synced by
// them, not anything wrong.
func (b *bulkWrites) restore(s *Store) {
	_, _ = s.write.ExecContext(context.Background(), fmt.Sprintf("PRAGMA cache_size = %d", b.cache))
	_, _ = s.write.ExecContext(context.Background(), fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", b.checkpoint))
	_, _ = s.write.ExecContext(context.Background(), fmt.Sprintf("PRAGMA synchronous = %d", b.sync))
}

// Busy is what a call gets while another process keeps the file locked (a
// second Roster, a roster command): a conflict to retry, not a failure.
func Busy() *domain.Error {
	return domain.Conflict("Another Roster or roster command is writing to this file; try again in a moment.")
}

// IsBusy reports whether err is SQLite's "database is locked" or "busy".
func IsBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// openPool opens a pool whose every connection gets Roster's pragmas.
// busy_timeout comes first so the others wait for a lock instead of failing.
// database/sql hands a connection to one goroutine at a time, so SQLite's
// lock around every call on it is only a cost (_mutex=no): 11% of an export's
// time went to it, one lock per column read (1M users: 8.6-9.5 s, 7.7-8.1 s
// without).
func openPool(path string, readOnly bool) (*sql.DB, error) {
	q := url.Values{"_mutex": {"no"}}
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Set("_txlock", "immediate")
	}
	dsn := fileDSN(path, q)
	pragmas := []string{
		"PRAGMA busy_timeout = 10000",
		"PRAGMA journal_mode = WAL",
		"PRAGMA foreign_keys = ON",
		"PRAGMA synchronous = FULL", // a committed admin action survives power loss
		"PRAGMA temp_store = MEMORY",
		"PRAGMA cache_size = -65536", // the writer's 64 MiB: big transactions stay in memory instead of spilling
	}
	if readOnly {
		pragmas = append(pragmas[:1], pragmas[2:]...) // a read-only connection cannot set WAL
		// Readers keep 20 MiB each: a search's working set at 1M users
		// (search "globex" + BambooHR: 6.8 ms p95; 12 ms with 16 MiB),
		// while the OS caches the rest of the file for all of them. With
		// 24 MiB, serve's RSS after 16 concurrent readers ranged 140-160 MB
		// over twelve runs; with 20 MiB 124-141 MB (frontend/perf).
		pragmas[len(pragmas)-1] = "PRAGMA cache_size = -20480"
		pragmas = append(pragmas, "PRAGMA query_only = ON")
	}
	return sql.OpenDB(connector{drv: newDriver(pragmas), dsn: dsn}), nil
}

// newDriver is the driver of every connection to a Roster file: it
// registers Roster's functions, search_fold first (triggers fill
// search_text with it: a connection without it cannot write users), then
// runs pragmas.
func newDriver(pragmas []string) *sqlite3.SQLiteDriver {
	return &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		if err := c.RegisterFunc("search_fold", searchFold, true); err != nil {
			return fmt.Errorf("register search_fold: %w", err)
		}
		if err := c.RegisterFunc("may_match_folded", mayMatchFolded, true); err != nil {
			return fmt.Errorf("register may_match_folded: %w", err)
		}
		for _, p := range pragmas {
			if _, err := c.Exec(p, nil); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
		return nil
	}}
}

// openFile opens a pool on the file at path (URI parameters q) with
// Roster's functions and SQLite's defaults otherwise: for migrations,
// checks and copies.
func openFile(path string, q url.Values) *sql.DB {
	return sql.OpenDB(connector{drv: newDriver(nil), dsn: fileDSN(path, q)})
}

// OpenFile is openFile with no parameters, for tools that work on a
// Roster file directly (VACUUM INTO a copy).
func OpenFile(path string) *sql.DB { return openFile(path, url.Values{}) }

// fileDSN is a go-sqlite3 URI for path (escaped: paths may hold '?' or '#').
func fileDSN(path string, q url.Values) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// connector lets a pool use a driver value with a ConnectHook without
// registering a driver name globally.
type connector struct {
	drv *sqlite3.SQLiteDriver
	dsn string
}

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return c.drv }

// Watch calls changed whenever another connection (another Roster process,
// `roster ingest`, or this one's own writes) commits to the file, checking
// every `every` until ctx ends: SQLite's data_version moves on every commit
// but the watching connection's own.
func (s *Store) Watch(ctx context.Context, every time.Duration, changed func()) error {
	conn, err := s.read.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: watch: %w", err)
	}
	defer conn.Close()
	version := func() (int64, error) {
		var v int64
		err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
		return v, err
	}
	last, err := version()
	if err != nil {
		return fmt.Errorf("store: watch: %w", err)
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		v, err := version()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("store: watch: %w", err)
		}
		if v != last {
			last = v
			changed()
		}
	}
}

// Warm opens the read pool's connections and reads what the first screen
// shows (the newest users, the counts, the catalogue), so the first window
// after a start does not pay for cold connections and pages.
func (s *Store) Warm(ctx context.Context) error {
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			switch i {
			case 0:
				_, errs[i] = ListUsers(ctx, s.read, UserQuery{Sort: domain.SortCreated, Desc: true, Limit: domain.DefPageSize})
			case 1:
				_, errs[i] = StatusCounts(ctx, s.read)
			case 2:
				_, errs[i] = ListIntegrations(ctx, s.read)
			default:
				errs[i] = s.read.PingContext(ctx)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
