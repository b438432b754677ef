package importer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"roster/backend/domain"
	"roster/backend/store"
)

// FileRef names a file staged for import. The window refers to it by
// token, so no caller ever hands Roster a path to read.
type FileRef struct {
	Token string `json:"token"`
	Name  string `json:"name"`
	Size  int64  `json:"size"`
}

// Files holds the files staged for import: one picked in the desktop's open
// dialog (read where it is), or one uploaded by a browser (saved under dir,
// a folder of its own that Close removes).
type Files struct {
	dir   string
	mu    sync.Mutex
	files map[string]staged
}

type staged struct {
	FileRef
	path string
}

// NewFiles keeps uploads under dir.
func NewFiles(dir string) *Files { return &Files{dir: dir, files: map[string]staged{}} }

// MaxUpload bounds one uploaded file.
const MaxUpload = 4 << 30

// Add stages a file on this machine (the desktop's choice).
func (f *Files) Add(path string) (FileRef, error) {
	src, err := FileSource(path)
	if err != nil {
		return FileRef{}, err
	}
	return f.put(staged{FileRef: FileRef{Name: src.Name, Size: src.Size}, path: path}), nil
}

// Upload saves a browser's file and stages it.
func (f *Files) Upload(name string, r io.Reader) (FileRef, error) {
	name = filepath.Base(strings.TrimSpace(name))
	if name == "" || name == "." || name == "/" {
		return FileRef{}, domain.Invalid("name", "Give the file's name.")
	}
	if err := os.MkdirAll(f.dir, 0o700); err != nil {
		return FileRef{}, fmt.Errorf("importer: upload folder: %w", err)
	}
	tmp, err := os.CreateTemp(f.dir, "upload-*")
	if err != nil {
		return FileRef{}, fmt.Errorf("importer: upload: %w", err)
	}
	n, err := io.Copy(tmp, io.LimitReader(r, MaxUpload+1))
	if err == nil {
		err = tmp.Close()
	} else {
		tmp.Close()
	}
	if err == nil && n > MaxUpload {
		err = domain.Invalid("file", "The file is larger than %d GiB; import it with `roster import` on the machine that has it.", MaxUpload>>30)
	}
	if err != nil {
		os.Remove(tmp.Name())
		var de *domain.Error
		if errors.As(err, &de) {
			return FileRef{}, err
		}
		return FileRef{}, fmt.Errorf("importer: upload %s: %w", name, err)
	}
	return f.put(staged{FileRef: FileRef{Name: name, Size: n}, path: tmp.Name()}), nil
}

func (f *Files) put(s staged) FileRef {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	s.Token = hex.EncodeToString(b)
	f.mu.Lock()
	f.files[s.Token] = s
	f.mu.Unlock()
	return s.FileRef
}

// Source opens a staged file.
func (f *Files) Source(token string) (Source, error) {
	f.mu.Lock()
	s, ok := f.files[token]
	f.mu.Unlock()
	if !ok {
		return Source{}, domain.NotFound("That file is no longer staged for import; choose it again.")
	}
	return Source{Name: s.Name, Size: s.Size, Open: func() (io.ReadCloser, error) { return os.Open(s.path) }}, nil
}

// Close forgets every staged file and removes the upload folder.
func (f *Files) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(f.files)
	if err := os.RemoveAll(f.dir); err != nil {
		return fmt.Errorf("importer: remove uploads: %w", err)
	}
	return nil
}

// Job is an import running in the background, as a window polls it.
type Job struct {
	ID      int64 `json:"id"`
	Running bool  `json:"running"`
	// RollingBack: the job rolls an import back (Progress.Rows counts the
	// users undone, of Progress.Total) rather than importing.
	RollingBack bool     `json:"rollingBack"`
	Progress    Progress `json:"progress"`
	// Report is the result of an import (or dry run), once it has ended.
	Report *Report `json:"report"`
	// Rollback is the result of a rollback, once it has ended.
	Rollback *RollbackReport `json:"rollback"`
	// Error is why it could not run at all (the file could not be read…).
	Error string `json:"error"`
}

// Jobs runs imports in the background, one at a time: a window starts one,
// polls it, and may cancel it.
type Jobs struct {
	ctx   context.Context // the jobs' lifetime: the process's, not a request's
	svc   *Service
	files *Files
	done  func() // after each job (the windows refresh)
	mu    sync.Mutex
	next  int64
	jobs  map[int64]*job
}

type job struct {
	Job
	what   string // "an import of users.csv"
	cancel context.CancelFunc
	done   chan struct{}
}

// NewJobs returns a Jobs running imports with svc on files until ctx ends;
// done is called after each one.
func NewJobs(ctx context.Context, svc *Service, files *Files, done func()) *Jobs {
	return &Jobs{ctx: ctx, svc: svc, files: files, done: done, jobs: map[int64]*job{}}
}

// Files is where jobs read from.
func (j *Jobs) Files() *Files { return j.files }

// Start begins importing a staged file.
func (j *Jobs) Start(actor domain.Actor, token string, opt Options) (Job, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return Job{}, err
	}
	src, err := j.files.Source(token)
	if err != nil {
		return Job{}, err
	}
	return j.start(actor, "an import of "+src.Name, Job{Progress: Progress{DryRun: opt.DryRun, Size: src.Size}},
		func(ctx context.Context, r *job) {
			opt.Progress = func(p Progress) {
				j.mu.Lock()
				r.Progress = p
				j.mu.Unlock()
			}
			rep, err := j.svc.Run(ctx, actor, src, opt)
			j.mu.Lock()
			r.Report, r.Progress = &rep, rep.Progress
			if err != nil && rep.Error == "" {
				r.Error = describe(err)
			}
			j.mu.Unlock()
		})
}

// StartRollback begins rolling back an import (see Service.Rollback).
func (j *Jobs) StartRollback(actor domain.Actor, importID int64) (Job, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return Job{}, err
	}
	return j.start(actor, fmt.Sprintf("a rollback of import %d", importID), Job{RollingBack: true, Progress: Progress{ImportID: importID}},
		func(ctx context.Context, r *job) {
			rep, err := j.svc.Rollback(ctx, actor, importID, func(done, total int) {
				j.mu.Lock()
				r.Progress.Rows, r.Progress.Total = int64(done), int64(total)
				j.mu.Unlock()
			})
			j.mu.Lock()
			r.Rollback = &rep
			if err != nil {
				r.Error = describe(err)
			}
			j.mu.Unlock()
		})
}

// start runs fn as a new job, which starts as first, unless one is running.
func (j *Jobs) start(actor domain.Actor, what string, first Job, fn func(ctx context.Context, r *job)) (Job, error) {
	j.mu.Lock()
	for _, r := range j.jobs {
		if r.Running {
			j.mu.Unlock()
			return Job{}, domain.Conflict("%s is running; wait for it or cancel it first.", capitalise(r.what))
		}
	}
	j.next++
	ctx, cancel := context.WithCancel(j.ctx)
	first.ID, first.Running = j.next, true
	r := &job{Job: first, what: what, cancel: cancel, done: make(chan struct{})}
	j.jobs[r.ID] = r
	j.mu.Unlock()
	go func() {
		defer close(r.done)
		defer cancel()
		fn(ctx, r)
		j.mu.Lock()
		r.Running = false
		j.mu.Unlock()
		if j.done != nil {
			j.done()
		}
	}()
	return j.Get(actor, r.ID)
}

// Running names the job that is running ("an import of users.csv"), or
// returns "" when none is: a restore waits for it.
func (j *Jobs) Running() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, r := range j.jobs {
		if r.Running {
			return r.what
		}
	}
	return ""
}

func capitalise(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// Get returns a job.
func (j *Jobs) Get(actor domain.Actor, id int64) (Job, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return Job{}, err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	r, ok := j.jobs[id]
	if !ok {
		return Job{}, domain.NotFound("There is no import job %d; it may belong to a Roster that has since restarted.", id)
	}
	return r.Job, nil
}

// Cancel stops a job after the chunk it is writing: what was committed
// stays, and its report says how far it got.
func (j *Jobs) Cancel(actor domain.Actor, id int64) (Job, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return Job{}, err
	}
	j.mu.Lock()
	r, ok := j.jobs[id]
	j.mu.Unlock()
	if !ok {
		return Job{}, domain.NotFound("There is no import job %d.", id)
	}
	r.cancel()
	return j.Get(actor, id)
}

// History lists the latest imports, newest first, after marking those
// whose process stopped half-way as interrupted.
func (s *Service) History(ctx context.Context, actor domain.Actor) ([]domain.ImportRun, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return nil, err
	}
	if err := s.MarkInterrupted(ctx); err != nil {
		return nil, err
	}
	return store.ListImports(ctx, s.st.Reader(), 20)
}

// Wait blocks until job id has ended, or ctx has.
func (j *Jobs) Wait(ctx context.Context, id int64) error {
	j.mu.Lock()
	r := j.jobs[id]
	j.mu.Unlock()
	if r == nil {
		return domain.NotFound("There is no import job %d.", id)
	}
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// describe is an error as a person reads it.
func describe(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Message
	}
	return "The import stopped: " + err.Error()
}

// Preview previews a staged file.
func (j *Jobs) Preview(ctx context.Context, actor domain.Actor, token string, format Format, mapping Mapping) (Preview, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return Preview{}, err
	}
	src, err := j.files.Source(token)
	if err != nil {
		return Preview{}, err
	}
	return j.svc.Preview(ctx, actor, src, format, mapping)
}
