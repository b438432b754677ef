package importer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
)

// Service imports files of connected users.
type Service struct {
	st  *store.Store
	now func() time.Time
}

// New returns a Service.
func New(st *store.Store, now func() time.Time) *Service { return &Service{st: st, now: now} }

// Source is a file to import.
type Source struct {
	Name string // as shown and recorded: the file's base name
	Size int64
	Open func() (io.ReadCloser, error)
}

// FileSource is the file at path.
func FileSource(path string) (Source, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return Source{}, domain.Invalid("file", "Cannot read %s: %v.", path, errors.Unwrap(err))
	}
	if fi.IsDir() {
		return Source{}, domain.Invalid("file", "%s is a folder, not a file.", path)
	}
	return Source{Name: filepath.Base(path), Size: fi.Size(), Open: func() (io.ReadCloser, error) { return os.Open(path) }}, nil
}

// Options say how to import.
type Options struct {
	Format  Format  // "" = detect
	Mapping Mapping // CSV only; nil = detect from the header
	DryRun  bool    // check and count, write nothing
	// Skip reads the first Skip rows (for duplicates) without writing them:
	// resuming an interrupted import.
	Skip int64
	// Progress is called after each batch, on the goroutine that writes:
	// it must not write to the store itself, as between the batches of a
	// chunk the import holds the write transaction.
	Progress func(Progress)
	// ChunkRows is how many rows one transaction writes at most (default
	// DefaultChunkRows); ChunkBytes how much of the file they come from
	// (default DefaultChunkBytes).
	ChunkRows  int
	ChunkBytes int64
}

// Progress is how far an import has got.
type Progress struct {
	ImportID  int64   `json:"importId"` // 0 for a dry run
	DryRun    bool    `json:"dryRun"`
	Rows      int64   `json:"rows"` // rows read (and, unless dry, committed)
	Bytes     int64   `json:"bytes"`
	Size      int64   `json:"size"`
	Total     int64   `json:"total"` // a rollback's: the users it has to undo
	Added     int     `json:"added"`
	Updated   int     `json:"updated"`
	Unchanged int     `json:"unchanged"`
	Skipped   int64   `json:"skipped"`
	Rejected  int     `json:"rejected"`
	Seconds   float64 `json:"seconds"`
	// Uncommitted: the numbers include a chunk still being written, which
	// an import stopped now would not keep (its Report counts commits).
	Uncommitted bool `json:"uncommitted"`
	// Finishing: a load (see Run) has written every row and builds the
	// indexes before it commits: no row moves for a while.
	Finishing bool `json:"finishing"`
}

// Report is what became of an import.
type Report struct {
	Progress
	File            string             `json:"file"`
	Format          Format             `json:"format"`
	State           domain.ImportState `json:"state"`
	Error           string             `json:"error"`
	NewIntegrations []string           `json:"newIntegrations"`
	NewWorkflows    []string           `json:"newWorkflows"`
	// Problems lists the rejected rows (the first MaxProblems).
	Problems []Problem `json:"problems"`
	Written  int       `json:"written"` // users, connections and workflow states written
}

// MaxProblems bounds the rejected rows a report lists.
const MaxProblems = 1000

// A chunk is one transaction, of DefaultChunkRows rows or DefaultChunkBytes
// of the file, whichever ends first. Fewer, larger ones write faster: an
// index page that several chunks change is written once per chunk (a new
// user's id, name and activity land all over their indexes), and each chunk
// sets the triggers aside and back (store.Bulk), a schema change every
// reading connection parses again. A chunk is read and written in batches
// of at most batchRows rows and batchBytes of the file, which bound the
// memory of the records in flight whatever the size of a chunk or its rows.
// Importing an export of a million users (3M rows) into an empty file, runs
// interleaved: 36.2-37.9 s and 456-470 MB RSS in chunks of 50,000 rows read
// whole; 34.5-36.2 s and 339-361 MB in chunks of 100,000 read in batches;
// 35.4-35.5 s and 778-820 MB in chunks of 100,000 read whole.
const (
	DefaultChunkRows  = 100_000
	DefaultChunkBytes = 32 << 20
	batchRows         = 20_000
	batchBytes        = 4 << 20
)

// errDry rolls a dry run's chunk back.
var errDry = errors.New("dry run")

// batch is validated records and what reading them found.
type batch struct {
	recs     []*Record
	rows     int64 // rows read so far, this batch's included
	bytes    int64
	skipped  int64
	problems []Problem
	last     bool // the last batch of a chunk
}

// Run imports src. A rejected row is reported and skipped; a file that
// cannot be read past some point stops there, keeping the chunks written.
//
// Into a file without users, a file larger than a chunk is loaded instead:
// one transaction with the secondary indexes and triggers set aside, the
// indexes built once over the sorted users and the search index rebuilt at
// the end, as roster seed does. A user's name and activity land all over
// their indexes, each kept up row by row costing more than everything else
// an import does: 1M users (3.5M rows with their connections), 55-62 s in
// chunks, 37-45 s loaded (BenchmarkImportCSV on a busy 2-core machine). The lists show the file as
// it was until the load commits; stopped, it keeps nothing, and a second
// run starts it again.
func (s *Service) Run(ctx context.Context, actor domain.Actor, src Source, opt Options) (Report, error) {
	rep := Report{File: src.Name, Problems: []Problem{}, NewIntegrations: []string{}, NewWorkflows: []string{}}
	rep.Size, rep.DryRun = src.Size, opt.DryRun
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return rep, err
	}
	if opt.Format != "" && !opt.Format.Valid() {
		return rep, domain.Invalid("format", "The format is %s, not %q.", domain.Choices(Formats), opt.Format)
	}
	if opt.ChunkRows <= 0 {
		opt.ChunkRows = DefaultChunkRows
	}
	if opt.ChunkBytes <= 0 {
		opt.ChunkBytes = DefaultChunkBytes
	}
	f, err := src.Open()
	if err != nil {
		return rep, domain.Invalid("file", "Cannot read %s: %v.", src.Name, err)
	}
	defer f.Close()
	rs, format, err := open(src.Name, f, opt.Format)
	if err != nil {
		return rep, err
	}
	rep.Format = format
	dec := &decoder{now: s.now()}
	if h := rs.header(); h != nil {
		m := opt.Mapping
		if m == nil {
			m = DetectMapping(h)
		}
		if dec.cols, err = m.columns(h); err != nil {
			return rep, err
		}
	}
	cat, err := store.ReadCatalogue(ctx, s.st.Reader())
	if err != nil {
		return rep, err
	}
	load := false
	if !opt.DryRun && src.Size > opt.ChunkBytes {
		ends, err := store.UserIDEnds(ctx, s.st.Reader())
		if err != nil {
			return rep, err
		}
		// Decided before the transaction: a user added meanwhile makes
		// the load slower (its indexes are built again too), not wrong.
		load = ends == [2]int64{}
	}
	if load {
		opt.ChunkRows, opt.ChunkBytes = math.MaxInt, math.MaxInt64
	}
	c := newCatalogue(cat)
	// New users' ids, names and activity land all over their indexes, so
	// each chunk changes pages everywhere. BenchmarkImportCSV at 1M users:
	// 82,000-84,200 rows/s with the writer's usual 64 MiB of cache, 91,200
	// with 128 MiB, 92,600 with 256 and 89,800 with 512. Set before the
	// import is recorded: failing here leaves no record behind.
	endBulk, err := s.st.BulkWrites(ctx, 128)
	if err != nil {
		return rep, err
	}
	defer endBulk()
	start := s.now()
	if !opt.DryRun {
		err = s.st.Update(ctx, func(tx store.DB) (err error) {
			rep.ImportID, err = store.StartImport(ctx, tx, src.Name, string(format), src.Size, actor, start)
			return err
		})
		if err != nil {
			return rep, err
		}
	}

	// One goroutine reads and checks rows while this one writes them, a
	// batch ahead at most: reading is the faster side.
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	batches := make(chan batch)
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		readErr <- read(readCtx, rs, dec, opt, batches)
	}()

	// Into a file with no users, every user of the file is new, each once,
	// until another program adds one: looking them up cost an import of a
	// million users 0.7-1.7 s. Another program's user shows as a lowest or
	// highest id this import did not leave (store.Bulk.InsertUsers numbers
	// new users at either end); from then on, every user is looked up.
	allNew, ends := true, [2]int64{}
	var runErr error
	for done := false; !done && runErr == nil && ctx.Err() == nil; {
		var n counts
		var got batch // the last batch of the chunk
		var problems []Problem
		received, txEnds := 0, ends
		// What the open transaction has written, for Progress.
		pending := func() Progress {
			p := rep.Progress
			p.Rows, p.Bytes, p.Skipped, p.Uncommitted = got.rows, got.bytes, got.skipped, true
			p.Added, p.Updated, p.Unchanged = p.Added+n.Added, p.Updated+n.Updated, p.Unchanged+n.Unchanged
			p.Rejected += len(problems)
			p.Seconds = s.now().Sub(start).Seconds()
			return p
		}
		err := s.st.Update(ctx, func(tx store.DB) (err error) {
			tb := &txBulk{tx: tx, load: load}
			for !got.last {
				b, ok := <-batches
				if !ok {
					done = true
					break
				}
				received++
				got, problems = b, append(problems, b.problems...)
				if allNew {
					now, err := store.UserIDEnds(ctx, tx)
					if err != nil {
						return err
					}
					allNew = now == txEnds
				}
				bn, err := applyBatch(ctx, tb, c, b.recs, rep.ImportID, s.now().UnixMilli(), allNew)
				if err != nil {
					return err
				}
				if allNew && bn.Added > 0 {
					if txEnds, err = store.UserIDEnds(ctx, tx); err != nil {
						return err
					}
				}
				n.Added, n.Updated, n.Unchanged, n.Rows = n.Added+bn.Added, n.Updated+bn.Updated, n.Unchanged+bn.Unchanged, n.Rows+bn.Rows
				if !got.last && opt.Progress != nil {
					// A chunk takes seconds: show its batches as they go.
					opt.Progress(pending())
				}
			}
			if err := ctx.Err(); err != nil {
				return err // the reader stopped short: the chunk is not whole
			}
			if received == 0 {
				return nil // the file ended with the chunk before
			}
			if load && opt.Progress != nil {
				p := pending()
				p.Finishing = true
				opt.Progress(p)
			}
			if err := tb.close(ctx); err != nil {
				return err
			}
			if opt.DryRun {
				return errDry
			}
			return store.ProgressImport(ctx, tx, domain.ImportRun{ID: rep.ImportID, RowsDone: got.rows, BytesDone: got.bytes,
				Added: rep.Added + n.Added, Updated: rep.Updated + n.Updated, Unchanged: rep.Unchanged + n.Unchanged,
				Rejected: rep.Rejected + len(problems)}, s.now())
		})
		switch {
		case err == nil:
			c.commit()
			ends = txEnds
		case errors.Is(err, errDry):
			c.rollback()
		default:
			c.rollback()
			if ctx.Err() == nil {
				runErr = err
			}
			stopReading()
			continue
		}
		if received == 0 {
			break
		}
		rep.Rows, rep.Bytes, rep.Skipped = got.rows, got.bytes, got.skipped
		rep.Added, rep.Updated, rep.Unchanged = rep.Added+n.Added, rep.Updated+n.Updated, rep.Unchanged+n.Unchanged
		rep.Rejected += len(problems)
		for _, p := range problems {
			if len(rep.Problems) < MaxProblems {
				rep.Problems = append(rep.Problems, p)
			}
		}
		rep.Written += n.Rows
		rep.Seconds = s.now().Sub(start).Seconds()
		if opt.Progress != nil {
			opt.Progress(rep.Progress)
		}
	}
	if err := <-readErr; runErr == nil && err != nil && !errors.Is(err, context.Canceled) {
		runErr = err
	}
	if !opt.DryRun && rep.Added+rep.Updated > 0 {
		// The planner's statistics of a file filled by imports are those of
		// its empty tables, and lead it to sort a status's every user for a
		// page (6.6 ms against 1.2 ms at a million). Failing leaves the
		// lists slower, not wrong; backups.Service.Tick tries again.
		_ = s.st.Optimize(context.WithoutCancel(ctx))
	}
	if !opt.DryRun && rep.Updated > 0 {
		// A creation date it moved leaves unknown how far users are from
		// created order, and searches sorted by date on their slower plans
		// (store.readBehind). Failing leaves them there, not wrong.
		bg := context.WithoutCancel(ctx)
		_ = s.st.Update(bg, func(tx store.DB) error { return store.MeasureUserOrder(bg, tx) })
	}
	rep.Seconds = s.now().Sub(start).Seconds()
	for k := range c.newIntegrations {
		rep.NewIntegrations = append(rep.NewIntegrations, k)
	}
	for k := range c.newWorkflows {
		rep.NewWorkflows = append(rep.NewWorkflows, k)
	}
	sort.Strings(rep.NewIntegrations)
	sort.Strings(rep.NewWorkflows)
	sort.SliceStable(rep.Problems, func(i, j int) bool { return rep.Problems[i].Line < rep.Problems[j].Line })

	rep.State = domain.ImportDone
	switch {
	case ctx.Err() != nil:
		rep.State, rep.Error = domain.ImportCancelled, "Cancelled. "+kept(rep.Rows, opt.DryRun)
	case runErr != nil:
		rep.State, rep.Error = domain.ImportFailed, failure(runErr, rep.Rows, opt.DryRun)
	}
	if opt.DryRun {
		return rep, runErr
	}
	// The end is recorded even when the caller has gone (cancelled).
	end := context.WithoutCancel(ctx)
	err = s.st.Update(end, func(tx store.DB) error {
		if err := store.FinishImport(end, tx, rep.ImportID, rep.State, rep.Error, s.now()); err != nil {
			return err
		}
		return s.audit(end, tx, actor, rep)
	})
	return rep, errors.Join(runErr, err)
}

// failure words why an import stopped.
func failure(err error, rows int64, dry bool) string {
	var de *domain.Error
	msg := err.Error()
	if errors.As(err, &de) {
		msg = de.Message
	}
	return strings.TrimSpace(msg) + " " + kept(rows, dry)
}

// kept says what an import that stopped after rows rows (its whole
// chunks) kept.
func kept(rows int64, dry bool) string {
	switch {
	case dry:
		return fmt.Sprintf("The dry run checked %s rows.", groupDigits(rows))
	case rows == 0:
		return "Nothing was imported."
	case rows == 1:
		return "The first row was imported; import the file again to finish."
	}
	return fmt.Sprintf("The first %s rows were imported; import the file again to finish.", groupDigits(rows))
}

// groupDigits writes n with a comma every three digits: 1,234,567.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	start := 0
	if n < 0 {
		start = 1
	}
	var b strings.Builder
	for i, c := range s {
		if i > start && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (s *Service) audit(ctx context.Context, tx store.DB, actor domain.Actor, rep Report) error {
	return store.AppendAudit(ctx, tx, store.AuditRecord{At: s.now(), Actor: actor, Action: domain.ActionUsersImport,
		TargetType: domain.TargetWorkspace, TargetID: fmt.Sprintf("import/%d", rep.ImportID), TargetLabel: rep.File,
		After: map[string]any{"file": rep.File, "format": rep.Format, "state": rep.State, "rows": rep.Rows,
			"added": rep.Added, "updated": rep.Updated, "unchanged": rep.Unchanged, "rejected": rep.Rejected,
			"skipped": rep.Skipped, "newIntegrations": rep.NewIntegrations}})
}

// open detects (or checks) the format and opens the rows of a file.
func open(name string, f io.Reader, format Format) (rows, Format, error) {
	br := bufio.NewReaderSize(f, 64<<10)
	head, _ := br.Peek(4096)
	detected, err := detect(name, head)
	if err != nil {
		return nil, "", err
	}
	if format == "" {
		format = detected
	}
	rs, err := openRows(format, &counter{r: br})
	return rs, format, err
}

// read decodes rows into batches of records, skipping and reporting the
// rejected ones, until the file ends or ctx is done. The last batch of each
// chunk, and of the file, says so.
func read(ctx context.Context, rs rows, dec *decoder, opt Options, out chan<- batch) error {
	seen := map[uint64]int32{} // user id hash → first line: each user once per file (~40 bytes each)
	seed := maphash.MakeSeed()
	var b batch
	var rowsRead, skipped, chunkRows int64
	batchStart, chunkStart := rs.offset(), rs.offset()
	send := func(last bool) error {
		b.rows, b.skipped, b.bytes, b.last = rowsRead, skipped, rs.offset(), last
		select {
		case out <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
		b, batchStart = batch{}, rs.offset()
		if last {
			chunkRows, chunkStart = 0, rs.offset()
		}
		return nil
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, err := rs.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if e := send(true); e != nil {
				return e
			}
			return err
		}
		rowsRead++
		rec, err := dec.record(r)
		if err != nil {
			id := ""
			if rec != nil {
				id = rec.UserID
			}
			b.problems = append(b.problems, problem(r.line, id, err))
		} else if first, dup := seen[maphash.String(seed, rec.UserID)]; dup {
			b.problems = append(b.problems, Problem{Line: r.line, UserID: rec.UserID, Field: string(FieldUserID),
				Reason: fmt.Sprintf("%s appears again (first on line %d); each user may appear once in a file.", rec.UserID, first)})
		} else {
			seen[maphash.String(seed, rec.UserID)] = int32(r.line)
			if rowsRead <= opt.Skip {
				skipped++
			} else {
				b.recs = append(b.recs, rec)
			}
		}
		chunkRows++ // rejected and skipped rows too: a chunk's rows are the progress shown
		var sent error
		switch {
		case chunkRows >= int64(opt.ChunkRows) || rs.offset()-chunkStart >= opt.ChunkBytes:
			sent = send(true)
		case len(b.recs)+len(b.problems) >= batchRows || rs.offset()-batchStart >= batchBytes:
			sent = send(false)
		}
		if sent != nil {
			return sent
		}
	}
	return send(true)
}

// Preview is the start of a file, as the import dialog shows it before
// anything is written.
type Preview struct {
	File    string       `json:"file"`
	Size    int64        `json:"size"`
	Format  Format       `json:"format"`
	Columns []string     `json:"columns"` // the CSV header; the record's fields for JSON
	Rows    []PreviewRow `json:"rows"`
	// Mapping is the detected (CSV) mapping: field → column.
	Mapping Mapping `json:"mapping"`
	// Last is the previous import of the same file, if any (one that was
	// interrupted can be resumed).
	Last *domain.ImportRun `json:"last"`
}

// PreviewRow is one row of a preview: its cells, or why it would be
// rejected.
type PreviewRow struct {
	Line    int      `json:"line"`
	Cells   []string `json:"cells"`
	Problem *Problem `json:"problem"`
}

// PreviewRows is how many rows a preview shows.
const PreviewRows = 10

// Preview reads the first rows of src, and detects its format and mapping.
func (s *Service) Preview(ctx context.Context, actor domain.Actor, src Source, format Format, mapping Mapping) (Preview, error) {
	p := Preview{File: src.Name, Size: src.Size, Rows: []PreviewRow{}}
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return p, err
	}
	if format != "" && !format.Valid() {
		return p, domain.Invalid("format", "The format is %s, not %q.", domain.Choices(Formats), format)
	}
	f, err := src.Open()
	if err != nil {
		return p, domain.Invalid("file", "Cannot read %s: %v.", src.Name, err)
	}
	defer f.Close()
	rs, format, err := open(src.Name, f, format)
	if err != nil {
		return p, err
	}
	p.Format = format
	dec := &decoder{now: s.now()}
	if h := rs.header(); h != nil {
		p.Columns = slices.Clone(h)
		if mapping == nil {
			mapping = DetectMapping(h)
		}
		p.Mapping = mapping
		if dec.cols, err = mapping.columns(h); err != nil {
			dec.cols = nil // shown, not checked: the dialog asks for the mapping
		}
	} else {
		for _, f := range Fields {
			p.Columns = append(p.Columns, string(f))
		}
	}
	for len(p.Rows) < PreviewRows {
		r, err := rs.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return p, err
		}
		pr := PreviewRow{Line: r.line, Cells: slices.Clone(r.cells)}
		if r.cells == nil || dec.cols != nil {
			rec, err := dec.record(r)
			if err != nil {
				id := ""
				if rec != nil {
					id = rec.UserID
				}
				pb := problem(r.line, id, err)
				pr.Problem = &pb
			}
			if r.cells == nil && rec != nil {
				pr.Cells = rec.cells()
			}
		}
		p.Rows = append(p.Rows, pr)
	}
	if last, err := store.LastImportOf(ctx, s.st.Reader(), src.Name, src.Size); err == nil {
		p.Last = &last
	} else if !errors.Is(err, domain.ErrNotFound) {
		return p, err
	}
	return p, nil
}

// cells renders a record as a preview row, one cell per field.
func (r *Record) cells() []string {
	str := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	date := func(ms *int64) string {
		switch {
		case ms == nil || *ms == 0:
			return ""
		case *ms == disabledNow:
			return "yes"
		}
		return time.UnixMilli(*ms).UTC().Format(time.RFC3339)
	}
	var ints []string
	for k, c := range r.Integrations {
		if c.Status == domain.ConnectionError {
			k += ":error"
		}
		ints = append(ints, k)
	}
	sort.Strings(ints)
	return []string{r.UserID, str(r.Name), str(r.Email), date(r.CreatedAt), date(r.LastActiveAt), date(r.DisabledAt),
		str(r.DisabledReason), str(r.Metadata), strings.Join(ints, ";")}
}

// ResumePoint says how many rows of src an interrupted (or cancelled, or
// failed) import already committed, so a rerun can skip them.
func (s *Service) ResumePoint(ctx context.Context, src Source) (int64, error) {
	if err := s.MarkInterrupted(ctx); err != nil {
		return 0, err
	}
	last, err := store.LastImportOf(ctx, s.st.Reader(), src.Name, src.Size)
	if err != nil {
		return 0, err
	}
	switch last.State {
	case domain.ImportDone:
		return 0, domain.Conflict("The last import of %s finished; import it again without resuming (unchanged rows cost little).", src.Name)
	case domain.ImportRunning:
		return 0, domain.Conflict("%s is being imported right now (import %d).", src.Name, last.ID)
	}
	return last.RowsDone, nil
}

// StaleAfter is how long a running import may go without committing a
// chunk before it counts as interrupted.
const StaleAfter = 2 * time.Minute

// MarkInterrupted records as interrupted the imports whose process stopped
// half-way (a crash, kill -9, power loss), with their audit entry.
func (s *Service) MarkInterrupted(ctx context.Context) error {
	stale, err := store.StaleImports(ctx, s.st.Reader(), s.now().Add(-StaleAfter))
	if err != nil || len(stale) == 0 {
		return err
	}
	return s.st.Update(ctx, func(tx store.DB) error {
		// Again under the write lock: a load (see Run) commits nothing
		// until it ends, and may be holding the lock all along; once it
		// commits, its last progress is fresh.
		stale, err := store.StaleImports(ctx, tx, s.now().Add(-StaleAfter))
		if err != nil {
			return err
		}
		for _, im := range stale {
			msg := fmt.Sprintf("Stopped after %d rows (the process ended); they were imported. Import the file again with resume to finish it.", im.RowsDone)
			if im.RowsDone == 0 { // a load keeps nothing until it ends
				msg = "Stopped (the process ended) before any row was kept: nothing was imported. Import the file again."
			}
			if err := store.FinishImport(ctx, tx, im.ID, domain.ImportInterrupted, msg, s.now()); err != nil {
				return err
			}
			rep := Report{File: im.File, Format: Format(im.Format), State: domain.ImportInterrupted, NewIntegrations: []string{}}
			rep.ImportID, rep.Rows, rep.Added, rep.Updated, rep.Unchanged, rep.Rejected = im.ID, im.RowsDone, im.Added, im.Updated, im.Unchanged, im.Rejected
			if err := s.audit(ctx, tx, domain.Actor{ID: "system", Name: "Roster"}, rep); err != nil {
				return err
			}
		}
		return nil
	})
}
