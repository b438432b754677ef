// The Go data the frontend reads and sends, as the generated bindings
// (wailsjs/go/models.ts) declare it: every type here is derived from a
// generated one, so a field renamed in Go fails the type check wherever the
// frontend uses it. Nothing is typed by hand.
import {
  app,
  audit,
  backups,
  connected,
  domain,
  exporter,
  importer,
  ingest,
  mail,
  outbox,
  team,
  workspace,
} from '../../wailsjs/go/models';

/**
 * The JSON shape of a generated model: its fields without the helper methods
 * of the generated class. A binding resolves plain JSON, never an instance
 * of the class, so this is what a call really returns.
 */
type Model<T> = T extends readonly (infer E)[]
  ? Model<E>[]
  : T extends object
    ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Model<T[K]> }
    : T;

// Bound enums: each is a value (domain.Role.Owner…) and a type.
export const Role = domain.Role;
export type Role = domain.Role;
export const Permission = domain.Permission;
export type Permission = domain.Permission;
export const UserStatus = domain.UserStatus;
export type UserStatus = domain.UserStatus;
export const ConnectionStatus = domain.ConnectionStatus;
export type ConnectionStatus = domain.ConnectionStatus;
export const ChangedBy = domain.ChangedBy;
export type ChangedBy = domain.ChangedBy;
export const UserSort = domain.UserSort;
export type UserSort = domain.UserSort;
export const SortOrder = domain.SortOrder;
export type SortOrder = domain.SortOrder;
export const MemberStatus = domain.MemberStatus;
export type MemberStatus = domain.MemberStatus;
export const Delivery = domain.Delivery;
export type Delivery = domain.Delivery;
export const InviteOutcome = domain.InviteOutcome;
export type InviteOutcome = domain.InviteOutcome;
export const AuditAction = domain.AuditAction;
export type AuditAction = domain.AuditAction;
export const TargetType = domain.TargetType;
export type TargetType = domain.TargetType;
export const ErrorCode = domain.Code;
export type ErrorCode = domain.Code;
export const SmtpSecurity = mail.Security;
export type SmtpSecurity = mail.Security;
export const Mode = workspace.Mode;
export type Mode = workspace.Mode;
export const RunStatus = domain.RunStatus;
export type RunStatus = domain.RunStatus;
export const CredentialError = domain.CredentialError;
export type CredentialError = domain.CredentialError;
export const ImportOutcome = ingest.Outcome;
export type ImportOutcome = ingest.Outcome;
export const MailStatus = domain.MailStatus;
export type MailStatus = domain.MailStatus;
export const MailKind = domain.MailKind;
export type MailKind = domain.MailKind;
export const ImportState = domain.ImportState;
export type ImportState = domain.ImportState;
export const ImportFormat = importer.Format;
export type ImportFormat = importer.Format;
export const ImportField = importer.Field;
export type ImportField = importer.Field;
export const ExportWhat = exporter.What;
export type ExportWhat = exporter.What;
export const BackupKind = backups.Kind;
export type BackupKind = backups.Kind;
export const MenuCommand = app.MenuCommand;
export type MenuCommand = app.MenuCommand;

// Connected users.
export type Integration = Model<domain.Integration>;
export type UserIntegration = Model<domain.UserIntegration>;
export type UserRow = Model<domain.UserRow>;
export type UserPage = Model<domain.UserPage>;
export type StatusCounts = Model<domain.StatusCounts>;
export type WorkflowState = Model<domain.WorkflowState>;
export type Connection = Model<domain.Connection>;
export type UserDetail = Model<domain.UserDetail>;
export type ListUsersInput = Model<connected.ListInput>;

// Run history and event import.
export type Ref = Model<domain.Ref>;
export type Run = Model<domain.Run>;
export type RunPage = Model<domain.RunPage>;
export type ListRunsInput = Model<connected.RunsInput>;
export type ImportReport = Model<ingest.Report>;
export type ImportLine = Model<ingest.Line>;

// Connected users from files.
export type FileRef = Model<importer.FileRef>;
export type ImportPreview = Model<importer.Preview>;
export type ImportJob = Model<importer.Job>;
export type ImportProgress = Model<importer.Progress>;
export type UsersImportReport = Model<importer.Report>;
export type ImportProblem = Model<importer.Problem>;
export type ImportRun = Model<domain.ImportRun>;
export type ImportInput = Model<app.ImportInput>;
export type ExportInput = Model<exporter.Input>;
export type ExportJob = Model<exporter.Job>;
/** What a page offers to export: its kind and its current filters (the others stay empty). */
export type ExportView = Pick<ExportInput, 'what'> & {
  [K in 'users' | 'members' | 'audit' | 'runs']?: Partial<ExportInput[K]>;
};
/** Field → CSV column. */
export type ImportMapping = Partial<Record<ImportField, string>>;

// Audit log.
export type AuditEntry = Model<domain.AuditEntry>;
export type AuditSubject = Model<domain.AuditSubject>;
export type AuditActor = Model<domain.AuditActor>;
export type AuditPage = Model<domain.AuditPage>;
export type AuditListInput = Model<audit.ListInput>;

// Team, sign-in and settings.
export type Me = Model<team.Me>;
export type AuthState = Model<team.AuthState>;
export type SetupInput = Model<team.SetupInput>;
export type AcceptInput = Model<team.AcceptInput>;
export type InvitationInfo = Model<team.InvitationInfo>;
export type Member = Model<domain.Member>;
export type MemberRights = Model<domain.MemberRights>;
export type TeamListInput = Model<team.ListInput>;
export type InviteInput = Model<team.InviteInput>;
export type Invitation = Model<team.Invitation>;
export type InviteResult = Model<team.InviteResult>;
export type AddressOutcome = Model<team.AddressOutcome>;
export type ChangeRoleInput = Model<team.ChangeRoleInput>;
export type Profile = Model<team.Profile>;
export type ChangePasswordInput = Model<team.ChangePasswordInput>;
export type Settings = Model<team.Settings>;
export type SettingsInput = Model<team.SettingsInput>;
export type SmtpInput = Model<team.SMTPInput>;
export type TestEmailResult = Model<team.TestEmailResult>;
export type Policy = Model<domain.Policy>;

// Events in, alerts out: the outbox and the keys of POST /api/v1/events.
export type Mail = Model<domain.Mail>;
export type MailPage = Model<domain.MailPage>;
export type MailHealth = Model<domain.MailHealth>;
export type OutboxListInput = Model<outbox.ListInput>;
export type IngestKey = Model<domain.IngestKey>;
export type NewIngestKey = Model<domain.NewIngestKey>;

// Backups of the database file.
export type Backup = Model<backups.Backup>;
export type BackupStatus = Model<backups.Status>;
export type BackupSettings = Model<backups.Settings>;
export type IntegrityCheck = Model<backups.Check>;
export type RestoreResult = Model<backups.RestoreResult>;

// The workspace.
export type Info = Model<workspace.Info>;
