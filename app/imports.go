package app

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"roster/backend/domain"
	"roster/backend/importer"
	"roster/backend/workspace"
)

// Imports is the bound service for File → Import…: connected users from a
// CSV or JSON file, previewed, dry-run, then imported in the background.
type Imports struct{ svc }

// ImportInput says how to import a staged file.
type ImportInput struct {
	Token   string           `json:"token"`
	Format  importer.Format  `json:"format"`  // "" = detect
	Mapping importer.Mapping `json:"mapping"` // CSV; null = detect
	DryRun  bool             `json:"dryRun"`
	// Resume skips the rows an interrupted import of the same file
	// committed.
	Resume bool `json:"resume"`
}

// ChooseFile opens the desktop's file dialog and stages the file picked
// (an empty token if none was). In a browser the file is uploaded to
// POST /api/imports/upload instead.
func (i *Imports) ChooseFile() (importer.FileRef, error) {
	return as(i.svc, func(ctx context.Context, a domain.Actor) (importer.FileRef, error) {
		if err := domain.Require(a, domain.PermManageWorkspace, domain.Target{}); err != nil {
			return importer.FileRef{}, err
		}
		if i.b.Mode != workspace.ModeDesktop {
			return importer.FileRef{}, domain.Invalid("file", "In a browser, upload the file instead.")
		}
		path, err := runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{Title: "Import connected users",
			Filters: []runtime.FileFilter{{DisplayName: "CSV or JSON (*.csv, *.json, *.jsonl)", Pattern: "*.csv;*.json;*.jsonl;*.ndjson"},
				{DisplayName: "All files", Pattern: "*"}}})
		if err != nil || path == "" {
			return importer.FileRef{}, err
		}
		return i.b.Imports.Files().Add(path)
	})
}

// Preview shows the first rows of a staged file, its format and the
// detected (or given) column mapping.
func (i *Imports) Preview(token string, format importer.Format, mapping importer.Mapping) (importer.Preview, error) {
	return as(i.svc, func(ctx context.Context, a domain.Actor) (importer.Preview, error) {
		return i.b.Imports.Preview(ctx, a, token, format, mapping)
	})
}

// Start runs an import (or a dry run) in the background; poll Status.
func (i *Imports) Start(in ImportInput) (importer.Job, error) {
	return as(i.svc, func(ctx context.Context, a domain.Actor) (importer.Job, error) {
		opt := importer.Options{Format: in.Format, Mapping: in.Mapping, DryRun: in.DryRun}
		if in.Resume {
			if err := domain.Require(a, domain.PermManageWorkspace, domain.Target{}); err != nil {
				return importer.Job{}, err
			}
			src, err := i.b.Imports.Files().Source(in.Token)
			if err != nil {
				return importer.Job{}, err
			}
			if opt.Skip, err = i.b.Importer.ResumePoint(ctx, src); err != nil {
				return importer.Job{}, err
			}
		}
		return i.b.Imports.Start(a, in.Token, opt)
	})
}

// Status is a job's progress, and its report once it has ended.
func (i *Imports) Status(id int64) (importer.Job, error) {
	return as(i.svc, func(_ context.Context, a domain.Actor) (importer.Job, error) {
		return i.b.Imports.Get(a, id)
	})
}

// Cancel stops a job after the chunk it is writing.
func (i *Imports) Cancel(id int64) (importer.Job, error) {
	return as(i.svc, func(_ context.Context, a domain.Actor) (importer.Job, error) {
		return i.b.Imports.Cancel(a, id)
	})
}

// RollBack undoes the newest import in the background (poll Status): the
// users it added are removed and those it changed put back as they were.
func (i *Imports) RollBack(importID int64) (importer.Job, error) {
	return as(i.svc, func(_ context.Context, a domain.Actor) (importer.Job, error) {
		return i.b.Imports.StartRollback(a, importID)
	})
}

// History lists the latest imports (interrupted ones say so).
func (i *Imports) History() ([]domain.ImportRun, error) {
	return as(i.svc, i.b.Importer.History)
}
