import type { IntegrationRef, Me, Member, MemberStatus, Permission, Role } from '../../api/types';

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Administrator',
  manage_all: 'Manage all integrations',
  monitor_all: 'Monitor all integrations',
  manage_integrations: 'Manage integrations',
  monitor_integrations: 'Monitor integrations',
};

export const ROLE_HINTS: Record<Role, string> = {
  owner: 'Everything, including transferring ownership',
  admin: 'Everything but the owner: members, settings, connected users',
  manage_all: 'Change connected users and workflows of every integration',
  monitor_all: 'Look at every integration, change nothing',
  manage_integrations: 'Change connected users and workflows of chosen integrations',
  monitor_integrations: 'Look at chosen integrations, change nothing',
};

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export const STATUS_LABELS: Record<MemberStatus, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  dismissed: 'Dismissed',
  expired: 'Expired',
};

export const STATUS_COLORS: Record<MemberStatus, string> = {
  pending: 'yellow',
  accepted: 'green',
  dismissed: 'gray',
  expired: 'red',
};

export function isScoped(role: Role): boolean {
  return role === 'manage_integrations' || role === 'monitor_integrations';
}

export function has(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

function covers(scope: IntegrationRef[], want: IntegrationRef[]): boolean {
  return want.every((w) => scope.some((s) => s.id === w.id));
}

/**
 * What the signed-in member may do to one row. Go decides (and refuses)
 * every one of these; this mirrors its rules only to hide what would fail.
 */
export function memberRights(me: Me, m: Member) {
  const self = m.id === me.id;
  const grantable =
    me.grantable.includes(m.role) && (!isScoped(me.role) || covers(me.integrations, m.integrations));
  const manage = has(me, 'team.manage') && !self && m.role !== 'owner' && grantable;
  const invitation = m.status !== 'accepted' && has(me, 'team.invite') && grantable;
  return {
    changeRole: manage,
    enable: manage,
    remove: manage && m.status === 'accepted',
    notifications: self || (has(me, 'team.manage') && m.role !== 'owner'),
    resend: invitation,
    newCode: invitation,
    revoke: invitation,
    transfer: me.role === 'owner' && !self && m.status === 'accepted' && m.enabled,
  };
}

export type MemberRights = ReturnType<typeof memberRights>;
