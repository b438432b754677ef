import * as Users from '../../wailsjs/go/app/Users';
import { call } from './errors';
import {
  SortOrder,
  UserSort,
  type ListUsersInput,
  type StatusCounts,
  type UserDetail,
  type UserPage,
} from './models';
import { limits } from './vocabulary.gen';

/** A user-list request: the fields left out take the contract's defaults. */
export type ListUsersQuery = Partial<ListUsersInput>;

// The contract's defaults: the binding takes every field but the optional
// status (and the bridge refuses unknown ones).
const LIST_DEFAULTS = {
  search: '',
  integrationId: 0,
  createdFrom: '',
  createdTo: '',
  sort: UserSort.Created,
  order: SortOrder.Desc,
  cursor: '',
  offset: 0,
  limit: limits.defaultPageSize,
} satisfies Omit<ListUsersInput, 'status'>;

export function listUsers(query: ListUsersQuery): Promise<UserPage> {
  return call(() => Users.List({ ...LIST_DEFAULTS, ...query }));
}

/** The exact number of users the query's filters match (its cursor, offset, limit and sort aside). */
export function countUsers(query: ListUsersQuery): Promise<number> {
  return call(() => Users.Count({ ...LIST_DEFAULTS, ...query }));
}

export function getCounts(): Promise<StatusCounts> {
  return call(() => Users.Counts());
}

export function getUser(id: number): Promise<UserDetail> {
  return call(() => Users.Get(id));
}

export function disableUser(id: number, reason: string): Promise<UserDetail> {
  return call(() => Users.Disable(id, reason));
}

export function enableUser(id: number): Promise<UserDetail> {
  return call(() => Users.Enable(id));
}

export function uninstallIntegration(userId: number, integrationId: number): Promise<UserDetail> {
  return call(() => Users.UninstallIntegration(userId, integrationId));
}

export function setWorkflowEnabled(
  userId: number,
  workflowId: number,
  enabled: boolean,
): Promise<UserDetail> {
  return call(() => Users.SetWorkflowEnabled(userId, workflowId, enabled));
}
