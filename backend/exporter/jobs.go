package exporter

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"roster/backend/domain"
)

// Job is an export running in the background, as a window polls it.
type Job struct {
	ID       int64    `json:"id"`
	What     What     `json:"what"`
	Running  bool     `json:"running"`
	Progress Progress `json:"progress"`
	// Name is the file's name; Path where the desktop saved it ("" when a
	// browser downloads it from /api/exports/{id}).
	Name string `json:"name"`
	Path string `json:"path"`
	// Done: the file is complete. Cancelled: it was stopped and nothing
	// was kept. Error: why it failed (nothing was kept either).
	Done      bool   `json:"done"`
	Cancelled bool   `json:"cancelled"`
	Error     string `json:"error"`
}

// Jobs runs exports in the background: one at a time per member. A file
// is written beside its destination and renamed into place at the end, so
// a cancelled or failed export leaves nothing behind; a browser's file
// waits in dir until it is downloaded (kept for KeepDownloads).
type Jobs struct {
	ctx  context.Context // the jobs' lifetime: the process's, not a request's
	svc  *Service
	dir  string
	now  func() time.Time
	mu   sync.Mutex
	next int64
	jobs map[int64]*job
}

// KeepDownloads is how long a finished browser export can be downloaded.
const KeepDownloads = time.Hour

type job struct {
	Job
	actor  string
	ended  time.Time
	file   string // the finished file (browser exports)
	cancel context.CancelFunc
	done   chan struct{}
}

// NewJobs returns Jobs running exports with svc until ctx ends, keeping
// browser downloads under dir (a folder of its own: Close removes it).
func NewJobs(ctx context.Context, svc *Service, dir string, now func() time.Time) *Jobs {
	return &Jobs{ctx: ctx, svc: svc, dir: dir, now: now, jobs: map[int64]*job{}}
}

// Start checks in and begins writing it: to dest (a path the desktop's
// save dialog chose) or, when dest is "", to a file a browser downloads.
func (j *Jobs) Start(ctx context.Context, actor domain.Actor, in Input, dest string) (Job, error) {
	p, err := j.svc.Check(ctx, actor, in)
	if err != nil {
		return Job{}, err
	}
	name := FileName(in, j.now())
	dir := j.dir
	if dest != "" {
		name, dir = filepath.Base(dest), filepath.Dir(dest)
	}
	j.mu.Lock()
	j.forgetOld()
	for _, r := range j.jobs {
		if r.Running && r.actor == actor.ID {
			j.mu.Unlock()
			return Job{}, domain.Conflict("Your export of %s is still running; wait for it or cancel it first.", r.What.Label())
		}
	}
	j.next++
	ctx, cancel := context.WithCancel(j.ctx)
	r := &job{Job: Job{ID: j.next, What: in.What, Running: true, Progress: p, Name: name}, actor: actor.ID, cancel: cancel, done: make(chan struct{})}
	j.jobs[r.ID] = r
	j.mu.Unlock()
	start := j.now()
	go func() {
		defer close(r.done)
		defer cancel()
		file, err := j.write(ctx, actor, in, dir, dest, name, func(p Progress) {
			j.mu.Lock()
			r.Progress = p
			r.Progress.Seconds = j.now().Sub(start).Seconds()
			j.mu.Unlock()
		})
		j.mu.Lock()
		defer j.mu.Unlock()
		r.Running, r.ended = false, j.now()
		r.Progress.Seconds = r.ended.Sub(start).Seconds()
		switch {
		case err == nil:
			r.Done, r.file, r.Path = true, file, dest
		case ctx.Err() != nil && j.ctx.Err() == nil:
			r.Cancelled = true
		default:
			r.Error = describe(err)
		}
	}()
	return j.Get(actor, r.ID)
}

// write runs one export into a temporary file in dir and, for the
// desktop, renames it to dest; it returns the finished file.
func (j *Jobs) write(ctx context.Context, actor domain.Actor, in Input, dir, dest, name string, progress func(Progress)) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("export: %w", err)
	}
	f, err := os.CreateTemp(dir, ".roster-export-*")
	if err != nil {
		return "", fmt.Errorf("export: %w", err)
	}
	keep := false
	defer func() {
		if !keep {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	to := name
	if dest != "" {
		to = dest
	}
	if _, err := j.svc.Run(ctx, actor, in, f, to, progress); err != nil {
		return "", err
	}
	if err := errors.Join(f.Chmod(0o644), f.Sync(), f.Close()); err != nil {
		return "", fmt.Errorf("export: %w", err)
	}
	file := f.Name()
	if dest != "" {
		if err := os.Rename(file, dest); err != nil {
			return "", fmt.Errorf("export: %w", err)
		}
		file = dest
	}
	keep = true
	return file, nil
}

// forgetOld drops the jobs that ended over KeepDownloads ago, with their
// browser files. Callers hold j.mu.
func (j *Jobs) forgetOld() {
	for id, r := range j.jobs {
		if !r.Running && j.now().Sub(r.ended) > KeepDownloads {
			if r.Path == "" && r.file != "" {
				os.Remove(r.file)
			}
			delete(j.jobs, id)
		}
	}
}

// Get returns one of the actor's jobs.
func (j *Jobs) Get(actor domain.Actor, id int64) (Job, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	r, err := j.find(actor, id)
	if err != nil {
		return Job{}, err
	}
	return r.Job, nil
}

// find returns one of the actor's jobs: a member sees their own exports
// only. Callers hold j.mu.
func (j *Jobs) find(actor domain.Actor, id int64) (*job, error) {
	r, ok := j.jobs[id]
	if !ok || r.actor != actor.ID {
		return nil, domain.NotFound("There is no export %d of yours; it may have expired or belong to a Roster that has since restarted.", id)
	}
	return r, nil
}

// Cancel stops one of the actor's exports; its file is removed.
func (j *Jobs) Cancel(actor domain.Actor, id int64) (Job, error) {
	j.mu.Lock()
	r, err := j.find(actor, id)
	j.mu.Unlock()
	if err != nil {
		return Job{}, err
	}
	r.cancel()
	<-r.done
	return j.Get(actor, id)
}

// Download returns the finished file of one of the actor's browser
// exports, and the name to offer it under.
func (j *Jobs) Download(actor domain.Actor, id int64) (path, name string, err error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	r, err := j.find(actor, id)
	if err != nil {
		return "", "", err
	}
	if !r.Done || r.Path != "" {
		return "", "", domain.Conflict("Export %d has no file to download: %s.", id, state(r.Job))
	}
	return r.file, r.Name, nil
}

func state(j Job) string {
	switch {
	case j.Running:
		return "it is still running"
	case j.Cancelled:
		return "it was cancelled"
	case j.Error != "":
		return "it failed"
	}
	return "it was saved on this machine"
}

// Wait blocks until job id has ended, or ctx has.
func (j *Jobs) Wait(ctx context.Context, actor domain.Actor, id int64) (Job, error) {
	j.mu.Lock()
	r, err := j.find(actor, id)
	j.mu.Unlock()
	if err != nil {
		return Job{}, err
	}
	select {
	case <-r.done:
		return j.Get(actor, id)
	case <-ctx.Done():
		return Job{}, ctx.Err()
	}
}

// Close removes the browser downloads.
func (j *Jobs) Close() error {
	if err := os.RemoveAll(j.dir); err != nil {
		return fmt.Errorf("export: remove downloads: %w", err)
	}
	return nil
}

// describe is an error as a person reads it.
func describe(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Message
	}
	return "The export stopped: " + err.Error()
}
