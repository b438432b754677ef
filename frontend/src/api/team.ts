import * as Team from '../../wailsjs/go/app/Team';
import { call } from './errors';
import type { ChangeRoleInput, Invitation, InviteInput, InviteResult, Member, TeamListInput } from './models';

/** A team-list request: role and status left out match any. */
export type TeamQuery = Partial<TeamListInput>;

export function listMembers(query: TeamQuery): Promise<Member[]> {
  return call(() => Team.List({ search: '', ...query }));
}

export function inviteMembers(input: InviteInput): Promise<InviteResult> {
  return call(() => Team.Invite(input));
}

export function resendInvitation(memberId: number): Promise<Invitation> {
  return call(() => Team.Resend(memberId));
}

export function newInvitationCode(memberId: number): Promise<Invitation> {
  return call(() => Team.NewCode(memberId));
}

export function revokeInvitation(memberId: number): Promise<void> {
  return call(() => Team.Revoke(memberId));
}

export function changeRole(input: ChangeRoleInput): Promise<Member> {
  return call(() => Team.ChangeRole(input));
}

export function setMemberEnabled(memberId: number, enabled: boolean): Promise<Member> {
  return call(() => Team.SetEnabled(memberId, enabled));
}

export function unlockSignIn(memberId: number): Promise<Member> {
  return call(() => Team.UnlockSignIn(memberId));
}

export function setMemberNotifications(memberId: number, on: boolean): Promise<Member> {
  return call(() => Team.SetNotifications(memberId, on));
}

export function removeMember(memberId: number): Promise<void> {
  return call(() => Team.Remove(memberId));
}

export function transferOwnership(memberId: number): Promise<Member> {
  return call(() => Team.TransferOwnership(memberId));
}
