import * as Audit from '../../wailsjs/go/app/Audit';
import { call } from './errors';
import type { AuditPage, AuditQuery } from './types';

// The contract's defaults: the binding takes every field (and the bridge refuses unknown ones).
const LIST_DEFAULTS: Required<AuditQuery> = {
  action: '',
  targetType: '',
  targetId: '',
  from: '',
  to: '',
  cursor: '',
  limit: 100,
};

export function listAudit(query: AuditQuery): Promise<AuditPage> {
  return call(() => Audit.List({ ...LIST_DEFAULTS, ...query }));
}

export function listAuditActions(): Promise<string[]> {
  return call(() => Audit.Actions());
}
