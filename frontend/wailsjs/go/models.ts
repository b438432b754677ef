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

export namespace workspace {
	
	export class ActorInfo {
	    id: string;
	    name: string;
	    role: domain.Role;
	
	    static createFrom(source: any = {}) {
	        return new ActorInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.role = source["role"];
	    }
	}
	export class Info {
	    version: string;
	    schemaVersion: number;
	    dbPath: string;
	    mode: string;
	    actor: ActorInfo;
	    empty: boolean;
	    permissions: string[];
	
	    static createFrom(source: any = {}) {
	        return new Info(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.schemaVersion = source["schemaVersion"];
	        this.dbPath = source["dbPath"];
	        this.mode = source["mode"];
	        this.actor = this.convertValues(source["actor"], ActorInfo);
	        this.empty = source["empty"];
	        this.permissions = source["permissions"];
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

