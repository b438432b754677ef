import type { AuditQuery } from './api/audit';
import type { RunsQuery } from './api/runs';
import type { OutboxQuery } from './api/outbox';
import type { TeamQuery } from './api/team';
import type { ListUsersQuery } from './api/users';

// Hierarchical keys so a prefix invalidates a whole family (e.g. every users list).
export const queryKeys = {
  auth: ['auth'] as const,
  info: ['info'] as const,
  /** The signed-in member's own profile (the account menu's form). */
  profile: ['profile'] as const,
  integrations: ['integrations'] as const,
  workflows: (integrationId: number) => ['integrations', 'workflows', integrationId] as const,
  userLists: ['users', 'list'] as const,
  /** One page of a users list, by position (page × page size). */
  userPage: (query: ListUsersQuery, page: number) => ['users', 'list', query, page] as const,
  // Under the lists' prefix: whatever refreshes the lists refreshes the count.
  userCount: (filters: ListUsersQuery) => ['users', 'list', 'count', filters] as const,
  userCounts: ['users', 'counts'] as const,
  user: (id: number) => ['users', 'detail', id] as const,
  runs: ['runs'] as const,
  runList: (query: RunsQuery) => ['runs', 'list', query] as const,
  recentRuns: (userId: number) => ['runs', 'recent', userId] as const,
  audit: ['audit'] as const,
  auditList: (query: AuditQuery) => ['audit', 'list', query] as const,
  auditActors: ['audit', 'actors'] as const,
  team: ['team'] as const,
  teamList: (query: TeamQuery) => ['team', 'list', query] as const,
  settings: ['settings'] as const,
  ingestKeys: ['ingestKeys'] as const,
  // The list and the health under one prefix: a retry refreshes both.
  outbox: ['outbox'] as const,
  outboxList: (query: OutboxQuery) => ['outbox', 'list', query] as const,
  outboxHealth: ['outbox', 'health'] as const,
  // The list and the status under one prefix: a backup refreshes both.
  backups: ['backups'] as const,
  backupList: ['backups', 'list'] as const,
  backupStatus: ['backups', 'status'] as const,
};
