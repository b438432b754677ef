export namespace app {
	
	export enum MenuCommand {
	    Export = "export",
	    ImportEvents = "import-events",
	    ImportUsers = "import-users",
	}
	export class ImportInput {
	    token: string;
	    format: importer.Format;
	    mapping: Record<string, string>;
	    dryRun: boolean;
	    resume: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.token = source["token"];
	        this.format = source["format"];
	        this.mapping = source["mapping"];
	        this.dryRun = source["dryRun"];
	        this.resume = source["resume"];
	    }
	}

}

export namespace audit {
	
	export class ListInput {
	    action?: domain.AuditAction;
	    targetType?: domain.TargetType;
	    actor: string;
	    target: string;
	    from: string;
	    to: string;
	    cursor: string;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ListInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.action = source["action"];
	        this.targetType = source["targetType"];
	        this.actor = source["actor"];
	        this.target = source["target"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.cursor = source["cursor"];
	        this.limit = source["limit"];
	    }
	}

}

export namespace backups {
	
	export enum Kind {
	    Auto = "auto",
	    BeforeRestore = "before-restore",
	    Manual = "manual",
	}
	export class Backup {
	    name: string;
	    bytes: number;
	    at: string;
	    kind: Kind;
	
	    static createFrom(source: any = {}) {
	        return new Backup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.bytes = source["bytes"];
	        this.at = source["at"];
	        this.kind = source["kind"];
	    }
	}
	export class Check {
	    at?: string | null;
	    ok: boolean;
	    result: string;
	
	    static createFrom(source: any = {}) {
	        return new Check(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = source["at"];
	        this.ok = source["ok"];
	        this.result = source["result"];
	    }
	}
	export class RestoreResult {
	    restored: string;
	    keptAs: string;
	    upgradedFrom: number;
	    schemaVersion: number;
	
	    static createFrom(source: any = {}) {
	        return new RestoreResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.restored = source["restored"];
	        this.keptAs = source["keptAs"];
	        this.upgradedFrom = source["upgradedFrom"];
	        this.schemaVersion = source["schemaVersion"];
	    }
	}
	export class Settings {
	    auto: boolean;
	    keep: number;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.auto = source["auto"];
	        this.keep = source["keep"];
	    }
	}
	export class Status {
	    settings: Settings;
	    dir: string;
	    lastAutoAt?: string | null;
	    lastAutoError: string;
	    check: Check;
	    lastGood?: Backup;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.settings = this.convertValues(source["settings"], Settings);
	        this.dir = source["dir"];
	        this.lastAutoAt = source["lastAutoAt"];
	        this.lastAutoError = source["lastAutoError"];
	        this.check = this.convertValues(source["check"], Check);
	        this.lastGood = this.convertValues(source["lastGood"], Backup);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace connected {
	
	export class ListInput {
	    search: string;
	    status?: domain.UserStatus;
	    integrationId: number;
	    createdFrom: string;
	    createdTo: string;
	    sort: domain.UserSort;
	    order: domain.SortOrder;
	    cursor: string;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ListInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.search = source["search"];
	        this.status = source["status"];
	        this.integrationId = source["integrationId"];
	        this.createdFrom = source["createdFrom"];
	        this.createdTo = source["createdTo"];
	        this.sort = source["sort"];
	        this.order = source["order"];
	        this.cursor = source["cursor"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	export class RunsInput {
	    userId: number;
	    integrationId: number;
	    workflowId: number;
	    status?: domain.RunStatus;
	    from: string;
	    to: string;
	    cursor: string;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new RunsInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.userId = source["userId"];
	        this.integrationId = source["integrationId"];
	        this.workflowId = source["workflowId"];
	        this.status = source["status"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.cursor = source["cursor"];
	        this.limit = source["limit"];
	    }
	}

}

export namespace domain {
	
	export enum AuditAction {
	    AuthSignIn = "auth.sign_in",
	    AuthSignInFailed = "auth.sign_in_failed",
	    AuthSignOut = "auth.sign_out",
	    ConnectionUninstall = "connection.uninstall",
	    DemoLoad = "demo.load",
	    EventsImport = "events.import",
	    IngestKeyCreate = "ingest_key.create",
	    IngestKeyRevoke = "ingest_key.revoke",
	    MailRetry = "mail.retry",
	    MemberDisable = "member.disable",
	    MemberEmail = "member.email",
	    MemberEmailChangeRequested = "member.email_change_requested",
	    MemberEnable = "member.enable",
	    MemberInvitationAccept = "member.invitation_accept",
	    MemberInvitationCode = "member.invitation_code",
	    MemberInvitationDismiss = "member.invitation_dismiss",
	    MemberInvitationResend = "member.invitation_resend",
	    MemberInvitationRevoke = "member.invitation_revoke",
	    MemberInvite = "member.invite",
	    MemberName = "member.name",
	    MemberNotifications = "member.notifications",
	    MemberOwnershipTransfer = "member.ownership_transfer",
	    MemberPassword = "member.password",
	    MemberRemove = "member.remove",
	    MemberRole = "member.role",
	    MemberUnlock = "member.unlock",
	    SettingsTestEmail = "settings.test_email",
	    SettingsUpdate = "settings.update",
	    TeamOwnerSetup = "team.owner_setup",
	    UserDisable = "user.disable",
	    UserEnable = "user.enable",
	    UsersExport = "users.export",
	    UsersImport = "users.import",
	    UsersImportRollback = "users.import_rollback",
	    WorkflowDisable = "workflow.disable",
	    WorkflowEnable = "workflow.enable",
	    WorkspaceBackup = "workspace.backup",
	    WorkspaceExport = "workspace.export",
	    WorkspaceRestore = "workspace.restore",
	}
	export enum ChangedBy {
	    Admin = "admin",
	    User = "user",
	}
	export enum Code {
	    Conflict = "conflict",
	    Forbidden = "forbidden",
	    Internal = "internal",
	    Invalid = "invalid",
	    NotFound = "not_found",
	    RateLimited = "rate_limited",
	    Unauthenticated = "unauthenticated",
	}
	export enum ConnectionStatus {
	    Connected = "connected",
	    Error = "error",
	}
	export enum CredentialError {
	    Expired = "expired",
	    Invalid = "invalid",
	}
	export enum Delivery {
	    Failed = "failed",
	    Queued = "queued",
	    Sent = "sent",
	}
	export enum ImportState {
	    Cancelled = "cancelled",
	    Done = "done",
	    Failed = "failed",
	    Interrupted = "interrupted",
	    Running = "running",
	}
	export enum InviteOutcome {
	    AlreadyInvited = "already_invited",
	    AlreadyMember = "already_member",
	    Invalid = "invalid",
	    Invited = "invited",
	}
	export enum MailKind {
	    ConnectionOffline = "connection_offline",
	    ConnectionOnline = "connection_online",
	    EmailChange = "email_change",
	    Invitation = "invitation",
	    WorkflowDigest = "workflow_digest",
	    WorkflowFailed = "workflow_failed",
	}
	export enum MailStatus {
	    Cancelled = "cancelled",
	    Failed = "failed",
	    Queued = "queued",
	    Retrying = "retrying",
	    Sending = "sending",
	    Sent = "sent",
	}
	export enum MemberStatus {
	    Accepted = "accepted",
	    Dismissed = "dismissed",
	    Expired = "expired",
	    Pending = "pending",
	}
	export enum Permission {
	    AuditView = "audit.view",
	    SettingsManage = "settings.manage",
	    TeamInvite = "team.invite",
	    TeamManage = "team.manage",
	    TeamView = "team.view",
	    UsersManage = "users.manage",
	    UsersView = "users.view",
	    WorkspaceManage = "workspace.manage",
	}
	export enum Role {
	    Admin = "admin",
	    ManageAll = "manage_all",
	    ManageIntegrations = "manage_integrations",
	    MonitorAll = "monitor_all",
	    MonitorIntegrations = "monitor_integrations",
	    Owner = "owner",
	}
	export enum RunStatus {
	    Failed = "failed",
	    Succeeded = "succeeded",
	}
	export enum SortOrder {
	    Asc = "asc",
	    Desc = "desc",
	}
	export enum TargetType {
	    Connection = "connection",
	    IngestKey = "ingest_key",
	    Mail = "mail",
	    Member = "member",
	    Settings = "settings",
	    User = "user",
	    Workflow = "workflow",
	    Workspace = "workspace",
	}
	export enum UserSort {
	    Created = "created",
	    LastActive = "last_active",
	    Name = "name",
	}
	export enum UserStatus {
	    AccountErrors = "account_errors",
	    Connected = "connected",
	    Disabled = "disabled",
	    NoIntegrations = "no_integrations",
	}
	export class AuditActor {
	    id: string;
	    name: string;
	    email: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditActor(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.email = source["email"];
	    }
	}
	export class AuditSubject {
	    kind: string;
	    id: number;
	    key: string;
	    name: string;
	    deleted: boolean;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditSubject(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.key = source["key"];
	        this.name = source["name"];
	        this.deleted = source["deleted"];
	        this.text = source["text"];
	    }
	}
	export class AuditEntry {
	    id: number;
	    at: string;
	    actorId: string;
	    actorName: string;
	    action: AuditAction;
	    targetType: TargetType;
	    targetId: string;
	    targetLabel: string;
	    before: unknown;
	    after: unknown;
	    actorEmail: string;
	    subject?: AuditSubject;
	
	    static createFrom(source: any = {}) {
	        return new AuditEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.at = source["at"];
	        this.actorId = source["actorId"];
	        this.actorName = source["actorName"];
	        this.action = source["action"];
	        this.targetType = source["targetType"];
	        this.targetId = source["targetId"];
	        this.targetLabel = source["targetLabel"];
	        this.before = source["before"];
	        this.after = source["after"];
	        this.actorEmail = source["actorEmail"];
	        this.subject = this.convertValues(source["subject"], AuditSubject);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class AuditPage {
	    entries: AuditEntry[];
	    nextCursor: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entries = this.convertValues(source["entries"], AuditEntry);
	        this.nextCursor = source["nextCursor"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class WorkflowState {
	    id: number;
	    key: string;
	    name: string;
	    description: string;
	    enabled: boolean;
	    changedBy: ChangedBy;
	    changedByName: string;
	    changedAt?: string | null;
	
	    static createFrom(source: any = {}) {
	        return new WorkflowState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.key = source["key"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.enabled = source["enabled"];
	        this.changedBy = source["changedBy"];
	        this.changedByName = source["changedByName"];
	        this.changedAt = source["changedAt"];
	    }
	}
	export class Integration {
	    id: number;
	    key: string;
	    name: string;
	    category: string;
	    users: number;
	    short?: string;
	
	    static createFrom(source: any = {}) {
	        return new Integration(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.key = source["key"];
	        this.name = source["name"];
	        this.category = source["category"];
	        this.users = source["users"];
	        this.short = source["short"];
	    }
	}
	export class Connection {
	    integration: Integration;
	    status: ConnectionStatus;
	    errorReason?: CredentialError;
	    errorMessage: string;
	    connectedAt: string;
	    statusChangedAt: string;
	    workflows: WorkflowState[];
	
	    static createFrom(source: any = {}) {
	        return new Connection(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.integration = this.convertValues(source["integration"], Integration);
	        this.status = source["status"];
	        this.errorReason = source["errorReason"];
	        this.errorMessage = source["errorMessage"];
	        this.connectedAt = source["connectedAt"];
	        this.statusChangedAt = source["statusChangedAt"];
	        this.workflows = this.convertValues(source["workflows"], WorkflowState);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportRun {
	    id: number;
	    file: string;
	    format: string;
	    size: number;
	    actorName: string;
	    state: ImportState;
	    startedAt: string;
	    updatedAt: string;
	    finishedAt?: string | null;
	    rowsDone: number;
	    bytesDone: number;
	    added: number;
	    updated: number;
	    unchanged: number;
	    rejected: number;
	    error: string;
	    rolledBackAt?: string | null;
	
	    static createFrom(source: any = {}) {
	        return new ImportRun(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.file = source["file"];
	        this.format = source["format"];
	        this.size = source["size"];
	        this.actorName = source["actorName"];
	        this.state = source["state"];
	        this.startedAt = source["startedAt"];
	        this.updatedAt = source["updatedAt"];
	        this.finishedAt = source["finishedAt"];
	        this.rowsDone = source["rowsDone"];
	        this.bytesDone = source["bytesDone"];
	        this.added = source["added"];
	        this.updated = source["updated"];
	        this.unchanged = source["unchanged"];
	        this.rejected = source["rejected"];
	        this.error = source["error"];
	        this.rolledBackAt = source["rolledBackAt"];
	    }
	}
	export class IngestKey {
	    id: number;
	    name: string;
	    prefix: string;
	    createdAt: string;
	    createdBy: string;
	    lastUsedAt?: string | null;
	    revokedAt?: string | null;
	
	    static createFrom(source: any = {}) {
	        return new IngestKey(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.prefix = source["prefix"];
	        this.createdAt = source["createdAt"];
	        this.createdBy = source["createdBy"];
	        this.lastUsedAt = source["lastUsedAt"];
	        this.revokedAt = source["revokedAt"];
	    }
	}
	
	export class IntegrationRef {
	    id: number;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new IntegrationRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class Mail {
	    id: number;
	    kind: MailKind;
	    recipient: string;
	    subject: string;
	    status: MailStatus;
	    attempts: number;
	    createdAt: string;
	    nextAttemptAt?: string | null;
	    sentAt?: string | null;
	    failedAt?: string | null;
	    lastError: string;
	    retryable: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Mail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.recipient = source["recipient"];
	        this.subject = source["subject"];
	        this.status = source["status"];
	        this.attempts = source["attempts"];
	        this.createdAt = source["createdAt"];
	        this.nextAttemptAt = source["nextAttemptAt"];
	        this.sentAt = source["sentAt"];
	        this.failedAt = source["failedAt"];
	        this.lastError = source["lastError"];
	        this.retryable = source["retryable"];
	    }
	}
	export class MailHealth {
	    configured: boolean;
	    queued: number;
	    retrying: number;
	    failed: number;
	    lastError: string;
	    nextAttemptAt?: string | null;
	    giveUpDays: number;
	
	    static createFrom(source: any = {}) {
	        return new MailHealth(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.configured = source["configured"];
	        this.queued = source["queued"];
	        this.retrying = source["retrying"];
	        this.failed = source["failed"];
	        this.lastError = source["lastError"];
	        this.nextAttemptAt = source["nextAttemptAt"];
	        this.giveUpDays = source["giveUpDays"];
	    }
	}
	export class MailPage {
	    mails: Mail[];
	    nextCursor: string;
	
	    static createFrom(source: any = {}) {
	        return new MailPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mails = this.convertValues(source["mails"], Mail);
	        this.nextCursor = source["nextCursor"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MemberRights {
	    changeRole: boolean;
	    enable: boolean;
	    remove: boolean;
	    notifications: boolean;
	    resend: boolean;
	    newCode: boolean;
	    revoke: boolean;
	    transfer: boolean;
	
	    static createFrom(source: any = {}) {
	        return new MemberRights(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.changeRole = source["changeRole"];
	        this.enable = source["enable"];
	        this.remove = source["remove"];
	        this.notifications = source["notifications"];
	        this.resend = source["resend"];
	        this.newCode = source["newCode"];
	        this.revoke = source["revoke"];
	        this.transfer = source["transfer"];
	    }
	}
	export class Member {
	    id: number;
	    email: string;
	    name: string;
	    role: Role;
	    integrations: IntegrationRef[];
	    status: MemberStatus;
	    enabled: boolean;
	    notifications: boolean;
	    lastSignInAt?: string | null;
	    lockedUntil?: string | null;
	    invitedBy: string;
	    createdAt: string;
	    invitationExpiresAt?: string | null;
	    delivery?: Delivery;
	    deliveryError: string;
	    version: number;
	    rights: MemberRights;
	
	    static createFrom(source: any = {}) {
	        return new Member(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.email = source["email"];
	        this.name = source["name"];
	        this.role = source["role"];
	        this.integrations = this.convertValues(source["integrations"], IntegrationRef);
	        this.status = source["status"];
	        this.enabled = source["enabled"];
	        this.notifications = source["notifications"];
	        this.lastSignInAt = source["lastSignInAt"];
	        this.lockedUntil = source["lockedUntil"];
	        this.invitedBy = source["invitedBy"];
	        this.createdAt = source["createdAt"];
	        this.invitationExpiresAt = source["invitationExpiresAt"];
	        this.delivery = source["delivery"];
	        this.deliveryError = source["deliveryError"];
	        this.version = source["version"];
	        this.rights = this.convertValues(source["rights"], MemberRights);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class NewIngestKey {
	    key: IngestKey;
	    secret: string;
	
	    static createFrom(source: any = {}) {
	        return new NewIngestKey(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = this.convertValues(source["key"], IngestKey);
	        this.secret = source["secret"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Policy {
	    digestMinutes: number;
	    cooldownMinutes: number;
	    retentionDays: number;
	    giveUpDays: number;
	
	    static createFrom(source: any = {}) {
	        return new Policy(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.digestMinutes = source["digestMinutes"];
	        this.cooldownMinutes = source["cooldownMinutes"];
	        this.retentionDays = source["retentionDays"];
	        this.giveUpDays = source["giveUpDays"];
	    }
	}
	export class Ref {
	    id: number;
	    key: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new Ref(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.key = source["key"];
	        this.name = source["name"];
	    }
	}
	export class Run {
	    id: number;
	    user: Ref;
	    integration: Ref;
	    workflow: Ref;
	    status: RunStatus;
	    startedAt: string;
	    durationMs: number;
	    error: string;
	
	    static createFrom(source: any = {}) {
	        return new Run(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.user = this.convertValues(source["user"], Ref);
	        this.integration = this.convertValues(source["integration"], Ref);
	        this.workflow = this.convertValues(source["workflow"], Ref);
	        this.status = source["status"];
	        this.startedAt = source["startedAt"];
	        this.durationMs = source["durationMs"];
	        this.error = source["error"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RunPage {
	    runs: Run[];
	    nextCursor: string;
	
	    static createFrom(source: any = {}) {
	        return new RunPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.runs = this.convertValues(source["runs"], Run);
	        this.nextCursor = source["nextCursor"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class StatusCounts {
	    connected: number;
	    accountErrors: number;
	    disabled: number;
	    noIntegrations: number;
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new StatusCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.connected = source["connected"];
	        this.accountErrors = source["accountErrors"];
	        this.disabled = source["disabled"];
	        this.noIntegrations = source["noIntegrations"];
	        this.total = source["total"];
	    }
	}
	export class UserDetail {
	    id: number;
	    externalId: string;
	    name: string;
	    email: string;
	    status: UserStatus;
	    createdAt: string;
	    lastActiveAt?: string | null;
	    disabledAt?: string | null;
	    disabledReason: string;
	    metadata: Record<string, unknown>;
	    connections: Connection[];
	
	    static createFrom(source: any = {}) {
	        return new UserDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.externalId = source["externalId"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.status = source["status"];
	        this.createdAt = source["createdAt"];
	        this.lastActiveAt = source["lastActiveAt"];
	        this.disabledAt = source["disabledAt"];
	        this.disabledReason = source["disabledReason"];
	        this.metadata = source["metadata"];
	        this.connections = this.convertValues(source["connections"], Connection);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UserIntegration {
	    id: number;
	    key: string;
	    name: string;
	    short: string;
	    status: ConnectionStatus;
	
	    static createFrom(source: any = {}) {
	        return new UserIntegration(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.key = source["key"];
	        this.name = source["name"];
	        this.short = source["short"];
	        this.status = source["status"];
	    }
	}
	export class UserRow {
	    id: number;
	    externalId: string;
	    name: string;
	    email: string;
	    status: UserStatus;
	    integrations: UserIntegration[];
	    createdAt: string;
	    lastActiveAt?: string | null;
	
	    static createFrom(source: any = {}) {
	        return new UserRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.externalId = source["externalId"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.status = source["status"];
	        this.integrations = this.convertValues(source["integrations"], UserIntegration);
	        this.createdAt = source["createdAt"];
	        this.lastActiveAt = source["lastActiveAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UserPage {
	    users: UserRow[];
	    nextCursor: string;
	    total: number;
	    totalCapped: boolean;
	
	    static createFrom(source: any = {}) {
	        return new UserPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.users = this.convertValues(source["users"], UserRow);
	        this.nextCursor = source["nextCursor"];
	        this.total = source["total"];
	        this.totalCapped = source["totalCapped"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	

}

export namespace exporter {
	
	export enum What {
	    Audit = "audit",
	    Members = "members",
	    Runs = "runs",
	    Users = "users",
	}
	export class Input {
	    what: What;
	    format: importer.Format;
	    users: connected.ListInput;
	    members: team.ListInput;
	    audit: audit.ListInput;
	    runs: connected.RunsInput;
	
	    static createFrom(source: any = {}) {
	        return new Input(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.what = source["what"];
	        this.format = source["format"];
	        this.users = this.convertValues(source["users"], connected.ListInput);
	        this.members = this.convertValues(source["members"], team.ListInput);
	        this.audit = this.convertValues(source["audit"], audit.ListInput);
	        this.runs = this.convertValues(source["runs"], connected.RunsInput);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Progress {
	    rows: number;
	    total: number;
	    totalCapped: boolean;
	    seconds: number;
	
	    static createFrom(source: any = {}) {
	        return new Progress(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = source["rows"];
	        this.total = source["total"];
	        this.totalCapped = source["totalCapped"];
	        this.seconds = source["seconds"];
	    }
	}
	export class Job {
	    id: number;
	    what: What;
	    running: boolean;
	    progress: Progress;
	    name: string;
	    path: string;
	    done: boolean;
	    cancelled: boolean;
	    error: string;
	
	    static createFrom(source: any = {}) {
	        return new Job(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.what = source["what"];
	        this.running = source["running"];
	        this.progress = this.convertValues(source["progress"], Progress);
	        this.name = source["name"];
	        this.path = source["path"];
	        this.done = source["done"];
	        this.cancelled = source["cancelled"];
	        this.error = source["error"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace importer {
	
	export enum Field {
	    CreatedAt = "created_at",
	    DisabledAt = "disabled_at",
	    DisabledReason = "disabled_reason",
	    Email = "email",
	    Integrations = "integrations",
	    LastActiveAt = "last_active_at",
	    Metadata = "metadata",
	    Name = "name",
	    UserId = "user_id",
	}
	export enum Format {
	    Csv = "csv",
	    Json = "json",
	    Jsonl = "jsonl",
	}
	export class FileRef {
	    token: string;
	    name: string;
	    size: number;
	
	    static createFrom(source: any = {}) {
	        return new FileRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.token = source["token"];
	        this.name = source["name"];
	        this.size = source["size"];
	    }
	}
	export class RollbackReport {
	    importId: number;
	    file: string;
	    removed: number;
	    restored: number;
	
	    static createFrom(source: any = {}) {
	        return new RollbackReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.importId = source["importId"];
	        this.file = source["file"];
	        this.removed = source["removed"];
	        this.restored = source["restored"];
	    }
	}
	export class Problem {
	    line: number;
	    userId?: string;
	    field?: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.userId = source["userId"];
	        this.field = source["field"];
	        this.reason = source["reason"];
	    }
	}
	export class Report {
	    importId: number;
	    dryRun: boolean;
	    rows: number;
	    bytes: number;
	    size: number;
	    total: number;
	    added: number;
	    updated: number;
	    unchanged: number;
	    skipped: number;
	    rejected: number;
	    seconds: number;
	    uncommitted: boolean;
	    finishing: boolean;
	    file: string;
	    format: Format;
	    state: domain.ImportState;
	    error: string;
	    newIntegrations: string[];
	    newWorkflows: string[];
	    problems: Problem[];
	    written: number;
	
	    static createFrom(source: any = {}) {
	        return new Report(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.importId = source["importId"];
	        this.dryRun = source["dryRun"];
	        this.rows = source["rows"];
	        this.bytes = source["bytes"];
	        this.size = source["size"];
	        this.total = source["total"];
	        this.added = source["added"];
	        this.updated = source["updated"];
	        this.unchanged = source["unchanged"];
	        this.skipped = source["skipped"];
	        this.rejected = source["rejected"];
	        this.seconds = source["seconds"];
	        this.uncommitted = source["uncommitted"];
	        this.finishing = source["finishing"];
	        this.file = source["file"];
	        this.format = source["format"];
	        this.state = source["state"];
	        this.error = source["error"];
	        this.newIntegrations = source["newIntegrations"];
	        this.newWorkflows = source["newWorkflows"];
	        this.problems = this.convertValues(source["problems"], Problem);
	        this.written = source["written"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Progress {
	    importId: number;
	    dryRun: boolean;
	    rows: number;
	    bytes: number;
	    size: number;
	    total: number;
	    added: number;
	    updated: number;
	    unchanged: number;
	    skipped: number;
	    rejected: number;
	    seconds: number;
	    uncommitted: boolean;
	    finishing: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Progress(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.importId = source["importId"];
	        this.dryRun = source["dryRun"];
	        this.rows = source["rows"];
	        this.bytes = source["bytes"];
	        this.size = source["size"];
	        this.total = source["total"];
	        this.added = source["added"];
	        this.updated = source["updated"];
	        this.unchanged = source["unchanged"];
	        this.skipped = source["skipped"];
	        this.rejected = source["rejected"];
	        this.seconds = source["seconds"];
	        this.uncommitted = source["uncommitted"];
	        this.finishing = source["finishing"];
	    }
	}
	export class Job {
	    id: number;
	    running: boolean;
	    rollingBack: boolean;
	    progress: Progress;
	    report?: Report;
	    rollback?: RollbackReport;
	    error: string;
	
	    static createFrom(source: any = {}) {
	        return new Job(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.running = source["running"];
	        this.rollingBack = source["rollingBack"];
	        this.progress = this.convertValues(source["progress"], Progress);
	        this.report = this.convertValues(source["report"], Report);
	        this.rollback = this.convertValues(source["rollback"], RollbackReport);
	        this.error = source["error"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PreviewRow {
	    line: number;
	    cells: string[];
	    problem?: Problem;
	
	    static createFrom(source: any = {}) {
	        return new PreviewRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.cells = source["cells"];
	        this.problem = this.convertValues(source["problem"], Problem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Preview {
	    file: string;
	    size: number;
	    format: Format;
	    columns: string[];
	    rows: PreviewRow[];
	    mapping: Record<string, string>;
	    last?: domain.ImportRun;
	
	    static createFrom(source: any = {}) {
	        return new Preview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.size = source["size"];
	        this.format = source["format"];
	        this.columns = source["columns"];
	        this.rows = this.convertValues(source["rows"], PreviewRow);
	        this.mapping = source["mapping"];
	        this.last = this.convertValues(source["last"], domain.ImportRun);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	

}

export namespace ingest {
	
	export enum Outcome {
	    Accepted = "accepted",
	    Duplicate = "duplicate",
	    Rejected = "rejected",
	}
	export class Line {
	    line: number;
	    id: string;
	    outcome: Outcome;
	    field?: string;
	    reason?: string;
	
	    static createFrom(source: any = {}) {
	        return new Line(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.id = source["id"];
	        this.outcome = source["outcome"];
	        this.field = source["field"];
	        this.reason = source["reason"];
	    }
	}
	export class Report {
	    accepted: number;
	    duplicates: number;
	    rejected: number;
	    lines: Line[];
	    mailQueued: number;
	
	    static createFrom(source: any = {}) {
	        return new Report(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accepted = source["accepted"];
	        this.duplicates = source["duplicates"];
	        this.rejected = source["rejected"];
	        this.lines = this.convertValues(source["lines"], Line);
	        this.mailQueued = source["mailQueued"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace mail {
	
	export enum Security {
	    None = "none",
	    Starttls = "starttls",
	    Tls = "tls",
	}

}

export namespace outbox {
	
	export class ListInput {
	    status?: domain.MailStatus;
	    cursor: string;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ListInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.cursor = source["cursor"];
	        this.limit = source["limit"];
	    }
	}

}

export namespace team {
	
	export class AcceptInput {
	    email: string;
	    code: string;
	    name: string;
	    password: string;
	
	    static createFrom(source: any = {}) {
	        return new AcceptInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.email = source["email"];
	        this.code = source["code"];
	        this.name = source["name"];
	        this.password = source["password"];
	    }
	}
	export class AddressOutcome {
	    email: string;
	    outcome: domain.InviteOutcome;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new AddressOutcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.email = source["email"];
	        this.outcome = source["outcome"];
	        this.reason = source["reason"];
	    }
	}
	export class AuthState {
	    needsSetup: boolean;
	    signedIn: boolean;
	    me?: team.Me | null;
	    notice: string;
	
	    static createFrom(source: any = {}) {
	        return new AuthState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.needsSetup = source["needsSetup"];
	        this.signedIn = source["signedIn"];
	        this.me = source["me"];
	        this.notice = source["notice"];
	    }
	}
	export class ChangePasswordInput {
	    current: string;
	    new: string;
	
	    static createFrom(source: any = {}) {
	        return new ChangePasswordInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.current = source["current"];
	        this.new = source["new"];
	    }
	}
	export class ChangeRoleInput {
	    memberId: number;
	    version: number;
	    role: domain.Role;
	    integrations: number[];
	
	    static createFrom(source: any = {}) {
	        return new ChangeRoleInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.memberId = source["memberId"];
	        this.version = source["version"];
	        this.role = source["role"];
	        this.integrations = source["integrations"];
	    }
	}
	export class Invitation {
	    member: domain.Member;
	    code: string;
	    link: string;
	
	    static createFrom(source: any = {}) {
	        return new Invitation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.member = this.convertValues(source["member"], domain.Member);
	        this.code = source["code"];
	        this.link = source["link"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class InvitationInfo {
	    email: string;
	    role: domain.Role;
	    roleLabel: string;
	    integrations: domain.IntegrationRef[];
	    invitedBy: string;
	    expiresAt: string;
	
	    static createFrom(source: any = {}) {
	        return new InvitationInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.email = source["email"];
	        this.role = source["role"];
	        this.roleLabel = source["roleLabel"];
	        this.integrations = this.convertValues(source["integrations"], domain.IntegrationRef);
	        this.invitedBy = source["invitedBy"];
	        this.expiresAt = source["expiresAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class InviteInput {
	    emails: string;
	    role: domain.Role;
	    integrations: number[];
	
	    static createFrom(source: any = {}) {
	        return new InviteInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.emails = source["emails"];
	        this.role = source["role"];
	        this.integrations = source["integrations"];
	    }
	}
	export class InviteResult {
	    invited: Invitation[];
	    addresses: AddressOutcome[];
	    emailed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new InviteResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.invited = this.convertValues(source["invited"], Invitation);
	        this.addresses = this.convertValues(source["addresses"], AddressOutcome);
	        this.emailed = source["emailed"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ListInput {
	    search: string;
	    role?: domain.Role;
	    status?: domain.MemberStatus;
	
	    static createFrom(source: any = {}) {
	        return new ListInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.search = source["search"];
	        this.role = source["role"];
	        this.status = source["status"];
	    }
	}
	export class Me {
	    id: number;
	    name: string;
	    email: string;
	    role: domain.Role;
	    roleLabel: string;
	    integrations: domain.IntegrationRef[];
	    permissions: domain.Permission[];
	    grantable: domain.Role[];
	    idleMinutes: number;
	
	    static createFrom(source: any = {}) {
	        return new Me(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.role = source["role"];
	        this.roleLabel = source["roleLabel"];
	        this.integrations = this.convertValues(source["integrations"], domain.IntegrationRef);
	        this.permissions = source["permissions"];
	        this.grantable = source["grantable"];
	        this.idleMinutes = source["idleMinutes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Profile {
	    name: string;
	    email: string;
	    notifications: boolean;
	    pendingEmail: string;
	    pendingExpiresAt?: string | null;
	    mailConfigured: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Profile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.email = source["email"];
	        this.notifications = source["notifications"];
	        this.pendingEmail = source["pendingEmail"];
	        this.pendingExpiresAt = source["pendingExpiresAt"];
	        this.mailConfigured = source["mailConfigured"];
	    }
	}
	export class SMTPInput {
	    host: string;
	    port: number;
	    security: mail.Security;
	    username: string;
	    password: string;
	    clearPassword: boolean;
	    from: string;
	
	    static createFrom(source: any = {}) {
	        return new SMTPInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.host = source["host"];
	        this.port = source["port"];
	        this.security = source["security"];
	        this.username = source["username"];
	        this.password = source["password"];
	        this.clearPassword = source["clearPassword"];
	        this.from = source["from"];
	    }
	}
	export class SMTPSettings {
	    host: string;
	    port: number;
	    security: mail.Security;
	    username: string;
	    passwordSet: boolean;
	    from: string;
	
	    static createFrom(source: any = {}) {
	        return new SMTPSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.host = source["host"];
	        this.port = source["port"];
	        this.security = source["security"];
	        this.username = source["username"];
	        this.passwordSet = source["passwordSet"];
	        this.from = source["from"];
	    }
	}
	export class Settings {
	    smtp: SMTPSettings;
	    invitationsOpen: boolean;
	    invitationDays: number;
	    idleMinutes: number;
	    publicUrl: string;
	    policy: domain.Policy;
	    mailQueued: number;
	    mailFailed: number;
	    mailLastError: string;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.smtp = this.convertValues(source["smtp"], SMTPSettings);
	        this.invitationsOpen = source["invitationsOpen"];
	        this.invitationDays = source["invitationDays"];
	        this.idleMinutes = source["idleMinutes"];
	        this.publicUrl = source["publicUrl"];
	        this.policy = this.convertValues(source["policy"], domain.Policy);
	        this.mailQueued = source["mailQueued"];
	        this.mailFailed = source["mailFailed"];
	        this.mailLastError = source["mailLastError"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SettingsInput {
	    smtp: SMTPInput;
	    invitationsOpen: boolean;
	    invitationDays: number;
	    idleMinutes: number;
	    publicUrl: string;
	    policy?: domain.Policy;
	
	    static createFrom(source: any = {}) {
	        return new SettingsInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.smtp = this.convertValues(source["smtp"], SMTPInput);
	        this.invitationsOpen = source["invitationsOpen"];
	        this.invitationDays = source["invitationDays"];
	        this.idleMinutes = source["idleMinutes"];
	        this.publicUrl = source["publicUrl"];
	        this.policy = this.convertValues(source["policy"], domain.Policy);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SetupInput {
	    name: string;
	    email: string;
	    password: string;
	
	    static createFrom(source: any = {}) {
	        return new SetupInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.email = source["email"];
	        this.password = source["password"];
	    }
	}
	export class TestEmailInput {
	    smtp: SMTPInput;
	    to: string;
	
	    static createFrom(source: any = {}) {
	        return new TestEmailInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.smtp = this.convertValues(source["smtp"], SMTPInput);
	        this.to = source["to"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TestEmailResult {
	    ok: boolean;
	    stage?: string;
	    title?: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new TestEmailResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.stage = source["stage"];
	        this.title = source["title"];
	        this.message = source["message"];
	    }
	}

}

export namespace workspace {
	
	export enum Mode {
	    Desktop = "desktop",
	    Serve = "serve",
	}
	export class Info {
	    version: string;
	    schemaVersion: number;
	    dbPath: string;
	    mode: Mode;
	    linkBase: string;
	    empty: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Info(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.schemaVersion = source["schemaVersion"];
	        this.dbPath = source["dbPath"];
	        this.mode = source["mode"];
	        this.linkBase = source["linkBase"];
	        this.empty = source["empty"];
	    }
	}

}

