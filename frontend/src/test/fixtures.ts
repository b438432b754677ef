import {
  BackupKind,
  type Backup,
  type BackupStatus,
  ChangedBy,
  ConnectionStatus,
  MailKind,
  MailStatus,
  MemberStatus,
  Mode,
  Permission,
  Role,
  RunStatus,
  UserStatus,
  type Connection,
  type ImportReport,
  type IngestKey,
  type Info,
  type Mail,
  type MailHealth,
  type Me,
  type Member,
  type MemberRights,
  type Run,
  type RunPage,
  type StatusCounts,
  type UserDetail,
  type UserPage,
  type UserRow,
  type WorkflowState,
} from '../api/models';

export function makeInfo(overrides: Partial<Info> = {}): Info {
  return {
    version: '0.1.0',
    schemaVersion: 1,
    dbPath: '/tmp/roster.db',
    mode: Mode.Desktop,
    empty: false,
    linkBase: '',
    ...overrides,
  };
}

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 1,
    name: 'Grace Hopper',
    email: 'grace@example.com',
    role: Role.Owner,
    roleLabel: 'Owner',
    integrations: [],
    permissions: [
      Permission.UsersView,
      Permission.UsersManage,
      Permission.AuditView,
      Permission.WorkspaceManage,
      Permission.TeamView,
      Permission.TeamManage,
      Permission.TeamInvite,
      Permission.SettingsManage,
    ],
    grantable: [
      Role.Admin,
      Role.ManageAll,
      Role.MonitorAll,
      Role.ManageIntegrations,
      Role.MonitorIntegrations,
    ],
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
    status: UserStatus.Connected,
    integrations: [
      { id: 10, key: 'salesforce', name: 'Salesforce', short: 'SA', status: ConnectionStatus.Connected },
    ],
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
    changedBy: ChangedBy.User,
    changedByName: '',
    changedAt: '2026-03-15T09:00:00Z',
    ...overrides,
  };
}

export function makeConnection(overrides: Partial<Connection> = {}): Connection {
  return {
    integration: { id: 10, key: 'salesforce', name: 'Salesforce', category: 'CRM', users: 340, short: 'SA' },
    status: ConnectionStatus.Connected,
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
    status: UserStatus.Connected,
    createdAt: '2026-03-12T09:00:00Z',
    lastActiveAt: '2026-03-20T09:00:00Z',
    disabledAt: null,
    disabledReason: '',
    metadata: { plan: 'enterprise', seats: 12 },
    connections: [makeConnection()],
    ...overrides,
  };
}

/** What a member may do to nobody: no action offered. */
export const NO_RIGHTS: MemberRights = {
  changeRole: false,
  enable: false,
  remove: false,
  notifications: false,
  resend: false,
  newCode: false,
  revoke: false,
  transfer: false,
};

/**
 * An accepted administrator, with the rights Go gives the owner over them
 * (team.rights): every membership action, no invitation action.
 */
export function makeMember(overrides: Partial<Member> = {}): Member {
  return {
    id: 2,
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    role: Role.Admin,
    integrations: [],
    status: MemberStatus.Accepted,
    enabled: true,
    notifications: false,
    lastSignInAt: '2026-11-20T10:00:00Z',
    lockedUntil: null,
    invitedBy: 'Grace Hopper',
    createdAt: '2026-11-01T10:00:00Z',
    invitationExpiresAt: null,
    deliveryError: '',
    version: 3,
    rights: {
      ...NO_RIGHTS,
      changeRole: true,
      enable: true,
      remove: true,
      notifications: true,
      transfer: true,
    },
    ...overrides,
  };
}

/** A successful run of Ada's Sync contacts on Salesforce. */
export function makeRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 500,
    user: { id: 1, key: 'usr_001', name: 'Ada Lovelace' },
    integration: { id: 10, key: 'salesforce', name: 'Salesforce' },
    workflow: { id: 100, key: 'sync-contacts', name: 'Sync contacts' },
    status: RunStatus.Succeeded,
    startedAt: '2026-03-20T09:00:00Z',
    durationMs: 1200,
    error: '',
    ...overrides,
  };
}

export function makeIngestKey(overrides: Partial<IngestKey> = {}): IngestKey {
  return {
    id: 1,
    name: 'Production platform',
    prefix: 'rk_ab12cd34ef56',
    createdAt: '2026-11-01T10:00:00Z',
    createdBy: 'Grace Hopper',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function makeRunPage(runs: Run[], overrides: Partial<RunPage> = {}): RunPage {
  return { runs, nextCursor: '', ...overrides };
}

export function makeImportReport(overrides: Partial<ImportReport> = {}): ImportReport {
  return { accepted: 0, duplicates: 0, rejected: 0, lines: [], mailQueued: 0, ...overrides };
}

/** A workflow-failed alert that went out. */
export function makeMail(overrides: Partial<Mail> = {}): Mail {
  return {
    id: 1,
    kind: MailKind.WorkflowFailed,
    recipient: 'grace@example.com',
    subject: 'Workflow failed: Sync contacts for Ada Lovelace (Salesforce)',
    status: MailStatus.Sent,
    attempts: 1,
    createdAt: '2026-11-20T09:15:00Z',
    nextAttemptAt: null,
    sentAt: '2026-11-20T09:15:02Z',
    failedAt: null,
    lastError: '',
    retryable: false,
    ...overrides,
  };
}

/** An outbox with nothing stuck and a mail server set up. */
export function makeHealth(overrides: Partial<MailHealth> = {}): MailHealth {
  return {
    configured: true,
    queued: 0,
    retrying: 0,
    failed: 0,
    lastError: '',
    nextAttemptAt: null,
    giveUpDays: 5,
    ...overrides,
  };
}

export function makeBackupStatus(overrides: Partial<BackupStatus> = {}): BackupStatus {
  return {
    settings: { auto: true, keep: 7 },
    dir: '/tmp/backups',
    lastAutoAt: '2026-12-01T10:00:00Z',
    lastAutoError: '',
    check: { at: '2026-11-30T10:00:00Z', ok: true, result: 'ok' },
    ...overrides,
  };
}

export function makeBackup(overrides: Partial<Backup> = {}): Backup {
  return {
    name: 'roster-20261201-100000.db',
    bytes: 3 * 1024 * 1024,
    at: '2026-12-01T10:00:00Z',
    kind: BackupKind.Manual,
    ...overrides,
  };
}
