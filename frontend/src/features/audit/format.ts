import type { AuditAction } from '../../api/models';
import { auditActions } from '../../api/vocabulary';

/**
 * The label Go gives an audit action; an action this build does not list
 * (an entry written by a newer Roster) falls back to a readable form of the key.
 */
export function actionLabel(action: AuditAction): string {
  const known = auditActions.find((a) => a.value === action);
  if (known) return known.label;
  const text = action.replace(/[._]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface Change {
  key: string;
  before: string;
  after: string;
}

const NONE = '(none)';

function show(value: unknown): string {
  if (value === undefined) return NONE;
  // Quote the empty string so "reason:  -> Left" does not read as a typo.
  return typeof value === 'string' && value !== '' ? value : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The keys whose values differ between an entry's before and after snapshots.
 * A null side counts as empty, so creations and deletions list every key.
 */
export function diffChanges(before: unknown, after: unknown): Change[] {
  const b = before ?? {};
  const a = after ?? {};
  if (!isRecord(b) || !isRecord(a)) {
    return JSON.stringify(b) === JSON.stringify(a)
      ? []
      : [{ key: 'value', before: show(before ?? undefined), after: show(after ?? undefined) }];
  }
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((key) => ({ key, before: show(b[key]), after: show(a[key]) }));
}
