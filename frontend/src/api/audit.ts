import * as Audit from '../../wailsjs/go/app/Audit';
import { call } from './errors';
import type { AuditActor, AuditListInput, AuditPage } from './models';
import { limits } from './vocabulary.gen';

/** An audit-log request: the fields left out take the contract's defaults. */
export type AuditQuery = Partial<AuditListInput>;

// The contract's defaults: the binding takes every field but the optional
// filters (and the bridge refuses unknown ones).
const LIST_DEFAULTS = {
  actor: '',
  target: '',
  from: '',
  to: '',
  cursor: '',
  limit: limits.defaultPageSize,
} satisfies Omit<AuditListInput, 'action' | 'targetType'>;

export function listAudit(query: AuditQuery): Promise<AuditPage> {
  return call(() => Audit.List({ ...LIST_DEFAULTS, ...query }));
}

/** Everyone who appears as an actor in the log, by name (the actor filter's choices). */
export function listAuditActors(): Promise<AuditActor[]> {
  return call(() => Audit.Actors());
}
