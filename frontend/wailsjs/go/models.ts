export namespace audit {
	
	export class ListInput {
	    action: string;
	    targetType: string;
	    targetId: string;
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
	        this.targetId = source["targetId"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.cursor = source["cursor"];
	        this.limit = source["limit"];
	    }
	}

}

export namespace connected {
	
	export class ListInput {
	    search: string;
	    status: string;
	    integrationId: number;
	    createdFrom: string;
	    createdTo: string;
	    sort: string;
	    order: string;
	    cursor: string;
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
	        this.limit = source["limit"];
	    }
	}

}

export namespace domain {
	
	export enum Role {
	    admin = "admin",
	    manage_all = "manage_all",
	    manage_integrations = "manage_integrations",
	    monitor_all = "monitor_all",
	    monitor_integrations = "monitor_integrations",
	    owner = "owner",
	}
	export enum UserStatus {
	    account_errors = "account_errors",
	    connected = "connected",
	    disabled = "disabled",
	    no_integrations = "no_integrations",
	}
	export class AuditEntry {
	    id: number;
	    // Go type: time
	    at: any;
	    actorId: string;
	    actorName: string;
	    action: string;
	    targetType: string;
	    targetId: string;
	    targetLabel: string;
	    before: unknown;
	    after: unknown;
	
	    static createFrom(source: any = {}) {
	        return new AuditEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.at = this.convertValues(source["at"], null);
	        this.actorId = source["actorId"];
	        this.actorName = source["actorName"];
	        this.action = source["action"];
	        this.targetType = source["targetType"];
	        this.targetId = source["targetId"];
	        this.targetLabel = source["targetLabel"];
	        this.before = source["before"];
	        this.after = source["after"];
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
	    changedBy: string;
	    // Go type: time
	    changedAt?: any;
	
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
	        this.changedAt = this.convertValues(source["changedAt"], null);
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
	export class Integration {
	    id: number;
	    key: string;
	    name: string;
	    category: string;
	    users: number;
	
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
	    }
	}
	export class Connection {
	    integration: Integration;
	    status: string;
	    errorMessage: string;
	    // Go type: time
	    connectedAt: any;
	    // Go type: time
	    statusChangedAt: any;
	    workflows: WorkflowState[];
	
	    static createFrom(source: any = {}) {
	        return new Connection(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.integration = this.convertValues(source["integration"], Integration);
	        this.status = source["status"];
	        this.errorMessage = source["errorMessage"];
	        this.connectedAt = this.convertValues(source["connectedAt"], null);
	        this.statusChangedAt = this.convertValues(source["statusChangedAt"], null);
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
	export class Member {
	    id: number;
	    email: string;
	    name: string;
	    role: Role;
	    integrations: IntegrationRef[];
	    status: string;
	    enabled: boolean;
	    notifications: boolean;
	    // Go type: time
	    lastSignInAt?: any;
	    // Go type: time
	    lockedUntil?: any;
	    invitedBy: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    invitationExpiresAt?: any;
	    delivery: string;
	    deliveryError: string;
	    version: number;
	
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
	        this.lastSignInAt = this.convertValues(source["lastSignInAt"], null);
	        this.lockedUntil = this.convertValues(source["lockedUntil"], null);
	        this.invitedBy = source["invitedBy"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.invitationExpiresAt = this.convertValues(source["invitationExpiresAt"], null);
	        this.delivery = source["delivery"];
	        this.deliveryError = source["deliveryError"];
	        this.version = source["version"];
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
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    lastActiveAt?: any;
	    // Go type: time
	    disabledAt?: any;
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
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.lastActiveAt = this.convertValues(source["lastActiveAt"], null);
	        this.disabledAt = this.convertValues(source["disabledAt"], null);
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
	    status: string;
	
	    static createFrom(source: any = {}) {
	        return new UserIntegration(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.key = source["key"];
	        this.name = source["name"];
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
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    lastActiveAt?: any;
	
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
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.lastActiveAt = this.convertValues(source["lastActiveAt"], null);
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
	export class Me {
	    id: number;
	    name: string;
	    email: string;
	    role: domain.Role;
	    roleLabel: string;
	    integrations: domain.IntegrationRef[];
	    permissions: string[];
	    grantable: string[];
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
	export class AuthState {
	    needsSetup: boolean;
	    signedIn: boolean;
	    me?: Me;
	    notice: string;
	
	    static createFrom(source: any = {}) {
	        return new AuthState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.needsSetup = source["needsSetup"];
	        this.signedIn = source["signedIn"];
	        this.me = this.convertValues(source["me"], Me);
	        this.notice = source["notice"];
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
	    // Go type: time
	    expiresAt: any;
	
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
	        this.expiresAt = this.convertValues(source["expiresAt"], null);
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
	    alreadyMembers: string[];
	    emailed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new InviteResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.invited = this.convertValues(source["invited"], Invitation);
	        this.alreadyMembers = source["alreadyMembers"];
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
	    role: string;
	    status: string;
	
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
	
	export class SMTPInput {
	    host: string;
	    port: number;
	    security: string;
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
	    security: string;
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
	
	    static createFrom(source: any = {}) {
	        return new SettingsInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.smtp = this.convertValues(source["smtp"], SMTPInput);
	        this.invitationsOpen = source["invitationsOpen"];
	        this.invitationDays = source["invitationDays"];
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
	    stage: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new TestEmailResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.stage = source["stage"];
	        this.message = source["message"];
	    }
	}

}

export namespace workspace {
	
	export class Info {
	    version: string;
	    schemaVersion: number;
	    dbPath: string;
	    mode: string;
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
	        this.empty = source["empty"];
	    }
	}

}

