import * as Runs from '../../wailsjs/go/app/Runs';
import { call } from './errors';
import type { ListRunsInput, RunPage } from './models';
import { limits } from './vocabulary.gen';

/** A run-history request: the fields left out take the contract's defaults. */
export type RunsQuery = Partial<ListRunsInput>;

// The contract's defaults: the binding takes every field but the optional
// status (and the bridge refuses unknown ones). 0 means any user,
// integration or workflow.
const LIST_DEFAULTS = {
  userId: 0,
  integrationId: 0,
  workflowId: 0,
  from: '',
  to: '',
  cursor: '',
  limit: limits.defaultPageSize,
} satisfies Omit<ListRunsInput, 'status'>;

/** One page of runs, newest first. */
export function listRuns(query: RunsQuery): Promise<RunPage> {
  return call(() => Runs.List({ ...LIST_DEFAULTS, ...query }));
}
