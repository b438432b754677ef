import * as Imports from '../../wailsjs/go/app/Imports';
import { ApiError, call, normaliseError } from './errors';
import {
  ErrorCode,
  type FileRef,
  type ImportFormat,
  type ImportInput,
  type ImportJob,
  type ImportMapping,
  type ImportPreview,
  type ImportRun,
} from './models';

/** The desktop's open dialog; a token of "" means the person cancelled. */
export function chooseFile(): Promise<FileRef> {
  return call(() => Imports.ChooseFile());
}

/**
 * Sends a browser's file to roster serve (POST /api/imports/upload, streamed
 * to disk there), reporting the bytes sent; resolves with the staged file.
 */
/** The upload endpoint's answer is JSON from outside the bindings: checked, not cast. */
function isFileRef(v: unknown): v is FileRef {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.token === 'string' && typeof r.name === 'string' && typeof r.size === 'number';
}

export function uploadFile(file: File, onProgress?: (sent: number, total: number) => void): Promise<FileRef> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.total);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below
      }
      if (xhr.status === 200 && isFileRef(body)) resolve(body);
      else
        reject(
          body
            ? normaliseError(JSON.stringify(body))
            : new ApiError(ErrorCode.Internal, `Upload failed (${xhr.status}).`),
        );
    };
    xhr.onerror = () =>
      reject(
        new ApiError(ErrorCode.Internal, 'The upload was interrupted; check the connection and try again.'),
      );
    xhr.send(file);
  });
}

export function previewImport(
  token: string,
  format: ImportFormat | '',
  mapping: ImportMapping | null,
): Promise<ImportPreview> {
  // The bound method takes Go's Mapping (field → column); null lets Go detect it.
  return call(() => Imports.Preview(token, format as ImportFormat, mapping as Record<string, string>));
}

export function startImport(input: ImportInput): Promise<ImportJob> {
  return call(() => Imports.Start(input));
}

export function importStatus(id: number): Promise<ImportJob> {
  return call(() => Imports.Status(id));
}

export function cancelImport(id: number): Promise<ImportJob> {
  return call(() => Imports.Cancel(id));
}

export function rollBackImport(importId: number): Promise<ImportJob> {
  return call(() => Imports.RollBack(importId));
}

export function importHistory(): Promise<ImportRun[]> {
  return call(() => Imports.History());
}
