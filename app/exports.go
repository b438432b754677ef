package app

import (
	"context"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"roster/backend/domain"
	"roster/backend/exporter"
	"roster/backend/workspace"
)

// Exports is the bound service for File → Export…: what the page shows,
// written in the background. The desktop saves where its dialog says; a
// browser downloads the finished file from GET /api/exports/{id}.
type Exports struct{ svc }

// Start checks the request and begins the export; poll Status. On the
// desktop it first asks where to save: a job with id 0 means the person
// closed the dialog.
func (e *Exports) Start(in exporter.Input) (exporter.Job, error) {
	return as(e.svc, func(ctx context.Context, a domain.Actor) (exporter.Job, error) {
		dest := ""
		if e.b.Mode == workspace.ModeDesktop {
			// Checked before the dialog: a refusal should not follow a choice.
			if _, err := e.b.Export.Check(ctx, a, in); err != nil {
				return exporter.Job{}, err
			}
			var err error
			dest, err = runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{Title: "Export " + in.What.Label(),
				DefaultFilename: exporter.FileName(in, time.Now()), CanCreateDirectories: true,
				Filters: []runtime.FileFilter{{DisplayName: in.Format.Label(), Pattern: "*." + string(in.Format)}}})
			if err != nil || dest == "" {
				return exporter.Job{}, err
			}
		}
		return e.b.Exports.Start(ctx, a, in, dest)
	})
}

// Status is an export's progress, and how it ended.
func (e *Exports) Status(id int64) (exporter.Job, error) {
	return as(e.svc, func(_ context.Context, a domain.Actor) (exporter.Job, error) {
		return e.b.Exports.Get(a, id)
	})
}

// Cancel stops an export; nothing of it is kept.
func (e *Exports) Cancel(id int64) (exporter.Job, error) {
	return as(e.svc, func(_ context.Context, a domain.Actor) (exporter.Job, error) {
		return e.b.Exports.Cancel(a, id)
	})
}
