import * as Users from '../../wailsjs/go/app/Users';
import { call } from './errors';
import type { ListUsersQuery, StatusCounts, UserDetail, UserPage } from './types';

// The contract's defaults: the binding takes every field (and the bridge refuses unknown ones).
const LIST_DEFAULTS: Required<ListUsersQuery> = {
  search: '',
  status: '',
  integrationId: 0,
  createdFrom: '',
  createdTo: '',
  sort: 'created',
  order: 'desc',
  cursor: '',
  limit: 100,
};

export function listUsers(query: ListUsersQuery): Promise<UserPage> {
  return call(() => Users.List({ ...LIST_DEFAULTS, ...query }));
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
