import * as Exports from '../../wailsjs/go/app/Exports';
import { exporter } from '../../wailsjs/go/models';
import { call } from './errors';
import type { ExportJob, ExportView, ImportFormat } from './models';

/**
 * Starts exporting a page's view. On the desktop Go first asks where to
 * save: a job with id 0 means the person closed the dialog.
 */
export function startExport(view: ExportView, format: ImportFormat): Promise<ExportJob> {
  return call(() => Exports.Start(exporter.Input.createFrom({ ...view, format })));
}

export function exportStatus(id: number): Promise<ExportJob> {
  return call(() => Exports.Status(id));
}

export function cancelExport(id: number): Promise<ExportJob> {
  return call(() => Exports.Cancel(id));
}

/** Where a browser downloads a finished export (roster serve's GET /api/exports/{id}). */
export function exportDownloadURL(id: number): string {
  return `/api/exports/${id}`;
}
