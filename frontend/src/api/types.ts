// Mirrors the Go -> frontend contract. Instants are RFC 3339 strings in UTC.

export type UserStatus = 'connected' | 'account_errors' | 'disabled' | 'no_integrations';
export type SortKey = 'created' | 'name' | 'last_active';
export type SortOrder = 'asc' | 'desc';
export type ConnectionStatus = 'connected' | 'error';

export interface Integration {
  id: number;
  key: string;
  name: string;
  category: string;
  users: number; // connected users, maintained by the backend
}

export interface ListUsersQuery {
  search?: string;
  status?: UserStatus | '';
  integrationId?: number;
  createdFrom?: string;
  createdTo?: string;
  sort?: SortKey;
  order?: SortOrder;
  cursor?: string;
  limit?: number;
}

export interface UserIntegration {
  id: number;
  key: string;
  name: string;
  status: ConnectionStatus;
}

export interface UserRow {
  id: number;
  externalId: string;
  name: string;
  email: string;
  status: UserStatus;
  integrations: UserIntegration[];
  createdAt: string;
  lastActiveAt: string | null;
}

export interface UserPage {
  users: UserRow[];
  nextCursor: string;
  /** Rows matching the filter; only on the first page (-1 on later pages). */
  total: number;
  /** True when total is a lower bound. */
  totalCapped: boolean;
}

export interface StatusCounts {
  connected: number;
  accountErrors: number;
  disabled: number;
  noIntegrations: number;
  total: number;
}

export interface WorkflowState {
  id: number;
  key: string;
  name: string;
  description: string;
  enabled: boolean;
  changedBy: 'admin' | 'user';
  changedAt: string | null;
}

export interface Connection {
  integration: Integration;
  status: ConnectionStatus;
  errorMessage: string;
  connectedAt: string;
  statusChangedAt: string;
  workflows: WorkflowState[];
}

export interface UserDetail {
  id: number;
  externalId: string;
  name: string;
  email: string;
  status: UserStatus;
  createdAt: string;
  lastActiveAt: string | null;
  disabledAt: string | null;
  disabledReason: string;
  metadata: Record<string, unknown>;
  connections: Connection[];
}

export type AuditTargetType = 'user' | 'connection' | 'workflow' | 'workspace';

export interface AuditQuery {
  action?: string;
  targetType?: AuditTargetType | '';
  targetId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  targetLabel: string;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string;
}

export type Permission =
  | 'users.view'
  | 'users.manage'
  | 'audit.view'
  | 'workspace.manage'
  | 'team.view'
  | 'team.manage'
  | 'team.invite'
  | 'settings.manage';

export type Role =
  'owner' | 'admin' | 'manage_all' | 'monitor_all' | 'manage_integrations' | 'monitor_integrations';

export interface IntegrationRef {
  id: number;
  name: string;
}

/** The signed-in member and what they may do. */
export interface Me {
  id: number;
  name: string;
  email: string;
  role: Role;
  roleLabel: string;
  integrations: IntegrationRef[];
  permissions: Permission[];
  idleMinutes: number;
}

export interface AuthState {
  needsSetup: boolean;
  signedIn: boolean;
  me: Me | null;
}

export interface SetupInput {
  name: string;
  email: string;
  password: string;
}

export interface AcceptInput {
  email: string;
  code: string;
  name: string;
  password: string;
}

export interface InvitationInfo {
  email: string;
  role: Role;
  roleLabel: string;
  integrations: IntegrationRef[];
  invitedBy: string;
  expiresAt: string;
}

export interface Actor {
  id: string;
  name: string;
  role: string;
}

export interface Info {
  version: string;
  schemaVersion: number;
  dbPath: string;
  mode: 'desktop' | 'serve';
  actor: Actor;
  /** No connected users and no integrations yet. */
  empty: boolean;
  permissions: string[];
}

export interface ChangedEvent {
  what: string[];
}
