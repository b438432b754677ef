import type {
  Connection,
  Info,
  Me,
  Member,
  StatusCounts,
  UserDetail,
  UserPage,
  UserRow,
  WorkflowState,
} from '../api/types';

export function makeInfo(overrides: Partial<Info> = {}): Info {
  return {
    version: '0.1.0',
    schemaVersion: 1,
    dbPath: '/tmp/roster.db',
    mode: 'desktop',
    empty: false,
    ...overrides,
  };
}

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 1,
    name: 'Grace Hopper',
    email: 'grace@example.com',
    role: 'owner',
    roleLabel: 'Owner',
    integrations: [],
    permissions: [
      'users.view',
      'users.manage',
      'audit.view',
      'workspace.manage',
      'team.view',
      'team.manage',
      'team.invite',
      'settings.manage',
    ],
    grantable: ['admin', 'manage_all', 'monitor_all', 'manage_integrations', 'monitor_integrations'],
    idleMinutes: 60,
    ...overrides,
  };
}

export function makeCounts(overrides: Partial<StatusCounts> = {}): StatusCounts {
  return {
    total: 10000,
    connected: 9312,
    accountErrors: 402,
    disabled: 17,
    noIntegrations: 269,
    ...overrides,
  };
}

export function makeUserRow(overrides: Partial<UserRow> = {}): UserRow {
  return {
    id: 1,
    externalId: 'usr_001',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    status: 'connected',
    integrations: [{ id: 10, key: 'salesforce', name: 'Salesforce', status: 'connected' }],
    createdAt: '2026-03-12T09:00:00Z',
    lastActiveAt: '2026-03-20T09:00:00Z',
    ...overrides,
  };
}

export function makePage(users: UserRow[], overrides: Partial<UserPage> = {}): UserPage {
  return { users, nextCursor: '', total: users.length, totalCapped: false, ...overrides };
}

export function makeWorkflow(overrides: Partial<WorkflowState> = {}): WorkflowState {
  return {
    id: 100,
    key: 'sync-contacts',
    name: 'Sync contacts',
    description: 'Copies new contacts every hour',
    enabled: true,
    changedBy: 'user',
    changedAt: '2026-03-15T09:00:00Z',
    ...overrides,
  };
}

export function makeConnection(overrides: Partial<Connection> = {}): Connection {
  return {
    integration: { id: 10, key: 'salesforce', name: 'Salesforce', category: 'CRM', users: 340 },
    status: 'connected',
    errorMessage: '',
    connectedAt: '2026-03-12T10:00:00Z',
    statusChangedAt: '2026-03-12T10:00:00Z',
    workflows: [
      makeWorkflow(),
      makeWorkflow({
        id: 101,
        key: 'sync-deals',
        name: 'Sync deals',
        description: 'Mirrors closed deals',
        enabled: false,
      }),
    ],
    ...overrides,
  };
}

export function makeUserDetail(overrides: Partial<UserDetail> = {}): UserDetail {
  return {
    id: 1,
    externalId: 'usr_001',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    status: 'connected',
    createdAt: '2026-03-12T09:00:00Z',
    lastActiveAt: '2026-03-20T09:00:00Z',
    disabledAt: null,
    disabledReason: '',
    metadata: { plan: 'enterprise', seats: 12 },
    connections: [makeConnection()],
    ...overrides,
  };
}

export function makeMember(overrides: Partial<Member> = {}): Member {
  return {
    id: 2,
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    role: 'admin',
    integrations: [],
    status: 'accepted',
    enabled: true,
    notifications: false,
    lastSignInAt: '2026-11-20T10:00:00Z',
    lockedUntil: null,
    invitedBy: 'Grace Hopper',
    createdAt: '2026-11-01T10:00:00Z',
    invitationExpiresAt: null,
    delivery: '',
    deliveryError: '',
    version: 3,
    ...overrides,
  };
}
