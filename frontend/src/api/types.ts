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

export type AuditTargetType = 'user' | 'connection' | 'workflow' | 'workspace' | 'member' | 'settings';

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
  /** Roles this member may invite with or assign (within their own integrations, if scoped). */
  grantable: Role[];
  idleMinutes: number;
}

export interface AuthState {
  needsSetup: boolean;
  signedIn: boolean;
  me: Me | null;
  /** Why this window's session ended (access turned off, idle), if it did. */
  notice: string;
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

export type MemberStatus = 'pending' | 'accepted' | 'dismissed' | 'expired';

export interface Member {
  id: number;
  email: string;
  name: string;
  role: Role;
  integrations: IntegrationRef[];
  status: MemberStatus;
  enabled: boolean;
  notifications: boolean;
  lastSignInAt: string | null;
  lockedUntil: string | null;
  invitedBy: string;
  createdAt: string;
  invitationExpiresAt: string | null;
  /** The invitation e-mail: '' (none), queued, sent or failed (deliveryError says why). */
  delivery: '' | 'queued' | 'sent' | 'failed';
  deliveryError: string;
  version: number;
}

export interface TeamQuery {
  search?: string;
  role?: Role | '';
  status?: MemberStatus | '';
}

export interface InviteInput {
  /** One or more addresses separated by commas, spaces or new lines. */
  emails: string;
  role: Role;
  integrations: number[];
}

/** An invitation just made; the code is shown once (Roster keeps only its hash). */
export interface Invitation {
  member: Member;
  code: string;
  link: string;
}

export interface InviteResult {
  invited: Invitation[];
  alreadyMembers: string[];
  /** Queued for e-mail; otherwise SMTP is not set up and codes are handed over by hand. */
  emailed: boolean;
}

export interface ChangeRoleInput {
  memberId: number;
  version: number;
  role: Role;
  integrations: number[];
}

export type SmtpSecurity = 'none' | 'starttls' | 'tls';

export interface SmtpSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  passwordSet: boolean;
  from: string;
}

export interface Settings {
  smtp: SmtpSettings;
  invitationsOpen: boolean;
  invitationDays: number;
  idleMinutes: number;
  mailQueued: number;
  mailFailed: number;
  mailLastError: string;
}

/** An empty password keeps the stored one; clearPassword removes it. */
export interface SmtpInput {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  password: string;
  clearPassword: boolean;
  from: string;
}

export interface SettingsInput {
  smtp: SmtpInput;
  invitationsOpen: boolean;
  invitationDays: number;
  idleMinutes: number;
}

export interface TestEmailResult {
  ok: boolean;
  /** Where it failed: dns, connect, tls, auth, sender, recipient, data. */
  stage: string;
  message: string;
}

export interface Info {
  version: string;
  schemaVersion: number;
  dbPath: string;
  mode: 'desktop' | 'serve';
  /** No connected users and no integrations yet. */
  empty: boolean;
}

export interface ChangedEvent {
  what: string[];
}
