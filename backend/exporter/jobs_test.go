package exporter_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"roster/backend/connected"
	"roster/backend/domain"
	"roster/backend/exporter"
	"roster/backend/importer"
	"roster/backend/store"
	"roster/backend/testutil"
)

func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// holdWriter keeps the database's writer busy until the returned func is
// called: an export then writes its rows but cannot record itself, so it
// is still running whenever the test looks.
func holdWriter(t *testing.T, st *store.Store) (release func()) {
	t.Helper()
	held, done := make(chan struct{}), make(chan struct{})
	go func() {
		_ = st.Update(context.Background(), func(store.DB) error {
			close(held)
			<-done
			return nil
		})
	}()
	<-held
	return sync.OnceFunc(func() { close(done) })
}

func TestABrowserExportIsDownloadedByItsMemberOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	clk := testutil.NewClock(clock)
	dir := filepath.Join(t.TempDir(), "exports")
	jobs := exporter.NewJobs(ctx, f.svc, dir, clk.Now)
	t.Cleanup(func() { _ = jobs.Close() })

	in := exporter.Input{What: exporter.WhatUsers, Format: importer.FormatJSON, Users: connected.ListInput{Status: domain.StatusAccountErrors}}
	job, err := jobs.Start(ctx, f.owner, in, "")
	if err != nil {
		t.Fatal(err)
	}
	if job.Progress.Total < 1 {
		t.Errorf("the job starts with the page's count as its total: %+v", job.Progress)
	}
	if job, err = jobs.Wait(ctx, f.owner, job.ID); err != nil || !job.Done || job.Path != "" {
		t.Fatalf("job %+v, %v", job, err)
	}
	if job.Name != "roster-users-20261102-1000.json" || job.Progress.Rows != job.Progress.Total {
		t.Errorf("job %+v", job)
	}
	path, name, err := jobs.Download(f.owner, job.ID)
	if err != nil || name != job.Name {
		t.Fatal(name, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if rows := decode(t, importer.FormatJSON, data); int64(len(rows)) != job.Progress.Rows {
		t.Errorf("the file holds %d users, the job wrote %d", len(rows), job.Progress.Rows)
	}

	other := domain.Actor{ID: "77", Name: "Other admin", Role: domain.RoleAdmin}
	if _, err := jobs.Get(other, job.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("another member sees the job: %v", err)
	}
	if _, _, err := jobs.Download(other, job.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("another member downloads the file: %v", err)
	}

	// An hour on, the next export forgets it and removes its file.
	clk.Advance(exporter.KeepDownloads + time.Minute)
	next, err := jobs.Start(ctx, f.owner, exporter.Input{What: exporter.WhatMembers, Format: importer.FormatCSV}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jobs.Wait(ctx, f.owner, next.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the old download is still there: %v", err)
	}
	if _, _, err := jobs.Download(f.owner, job.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("the old download is still offered: %v", err)
	}
}

func TestADesktopExportLandsWhereItWasAskedToWhole(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	jobs := exporter.NewJobs(ctx, f.svc, filepath.Join(t.TempDir(), "exports"), time.Now)
	dir := t.TempDir()
	dest := filepath.Join(dir, "team.csv")
	job, err := jobs.Start(ctx, f.owner, exporter.Input{What: exporter.WhatMembers, Format: importer.FormatCSV}, dest)
	if err != nil {
		t.Fatal(err)
	}
	if job, err = jobs.Wait(ctx, f.owner, job.ID); err != nil || !job.Done || job.Path != dest || job.Name != "team.csv" {
		t.Fatalf("job %+v, %v", job, err)
	}
	data, err := os.ReadFile(dest)
	if err != nil || len(decode(t, importer.FormatCSV, data)) != 4 {
		t.Fatalf("%v\n%s", err, data)
	}
	if got := files(t, dir); len(got) != 1 {
		t.Errorf("the folder holds %v, not only the export", got)
	}
	if _, _, err := jobs.Download(f.owner, job.ID); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("a saved export is offered for download: %v", err)
	}

	// A destination that cannot be written: the job says why.
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	job, err = jobs.Start(ctx, f.owner, exporter.Input{What: exporter.WhatMembers, Format: importer.FormatCSV}, filepath.Join(blocker, "team.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if job, err = jobs.Wait(ctx, f.owner, job.ID); err != nil || job.Done || job.Error == "" {
		t.Errorf("job %+v, %v", job, err)
	}
}

func TestACancelledExportLeavesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "exports")
	jobs := exporter.NewJobs(ctx, f.svc, dir, time.Now)
	release := holdWriter(t, f.st)
	defer release()

	in := exporter.Input{What: exporter.WhatAudit, Format: importer.FormatJSONL}
	job, err := jobs.Start(ctx, f.owner, in, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jobs.Start(ctx, f.owner, in, ""); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("a second export while the first runs: %v", err)
	}
	if job, err = jobs.Cancel(f.owner, job.ID); err != nil || !job.Cancelled || job.Done || job.Running || job.Error != "" {
		t.Fatalf("job %+v, %v", job, err)
	}
	release()
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("a cancelled export left %v", got)
	}
	if _, _, err := jobs.Download(f.owner, job.ID); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("a cancelled export is offered for download: %v", err)
	}
	var n int
	_ = f.st.Reader().QueryRowContext(ctx, "SELECT count(*) FROM audit_log WHERE action = 'workspace.export'").Scan(&n)
	if n != 0 {
		t.Errorf("a cancelled export was recorded as made")
	}
}
