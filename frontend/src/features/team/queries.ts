import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../../api/errors';
import {
  changeRole,
  inviteMembers,
  listMembers,
  newInvitationCode,
  removeMember,
  resendInvitation,
  revokeInvitation,
  setMemberEnabled,
  unlockSignIn,
  setMemberNotifications,
  transferOwnership,
  type TeamQuery,
} from '../../api/team';
import type { ChangeRoleInput, Invitation, InviteInput, InviteResult, Member } from '../../api/models';
import { notifyError, notifySuccess } from '../../lib/notify';
import { queryKeys } from '../../queryKeys';
import { roleOf } from '../../api/vocabulary';

export function useTeam(query: TeamQuery) {
  return useQuery({
    queryKey: queryKeys.teamList(query),
    queryFn: () => listMembers(query),
    placeholderData: keepPreviousData,
  });
}

export function who(m: Pick<Member, 'name' | 'email'>): string {
  return m.name || m.email;
}

interface Options<V, R> {
  mutationFn: (vars: V) => Promise<R>;
  success?: (result: R, vars: V) => string;
  /** Input fields whose errors the form shows next to the field instead of as a toast. */
  inlineFields?: string[];
}

/** Every team change refreshes the team, the audit log and (a role may be ours) who we are. */
function useTeamMutation<V, R>({ mutationFn, success, inlineFields = [] }: Options<V, R>) {
  const queryClient = useQueryClient();
  return useMutation<R, ApiError, V>({
    mutationFn,
    onSuccess: (result, vars) => {
      if (success) notifySuccess(success(result, vars));
    },
    onError: (err) => {
      if (err.field && inlineFields.includes(err.field)) return;
      notifyError(err);
    },
    // A conflict means someone else changed the member: refetch either way.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.team });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit });
      void queryClient.invalidateQueries({ queryKey: queryKeys.auth });
    },
  });
}

export function useInvite() {
  return useTeamMutation<InviteInput, InviteResult>({
    mutationFn: (input) => inviteMembers(input),
    inlineFields: ['emails', 'role', 'integrations'],
  });
}

export function useChangeRole() {
  return useTeamMutation<ChangeRoleInput, Member>({
    mutationFn: (input) => changeRole(input),
    success: (m) => `${who(m)} is now ${roleOf(m.role).label}`,
    inlineFields: ['role', 'integrations'],
  });
}

export function useSetEnabled() {
  return useTeamMutation({
    mutationFn: ({ member, enabled }: { member: Member; enabled: boolean }) =>
      setMemberEnabled(member.id, enabled),
    success: (m) =>
      m.enabled ? `${who(m)} can sign in again` : `${who(m)} is signed out and cannot sign in`,
  });
}

export function useUnlockSignIn() {
  return useTeamMutation({
    mutationFn: (member: Member) => unlockSignIn(member.id),
    success: (m) => `${who(m)} can sign in again from anywhere`,
  });
}

export function useSetNotifications() {
  return useTeamMutation({
    mutationFn: ({ member, on }: { member: Member; on: boolean }) => setMemberNotifications(member.id, on),
    success: (m) => `Notifications ${m.notifications ? 'on' : 'off'} for ${who(m)}`,
  });
}

export function useResend() {
  return useTeamMutation<Member, Invitation>({
    mutationFn: (m) => resendInvitation(m.id),
    success: (inv) => `A new invitation is on its way to ${inv.member.email}; the old code no longer works`,
  });
}

export function useNewCode() {
  return useTeamMutation<Member, Invitation>({ mutationFn: (m) => newInvitationCode(m.id) });
}

export function useRevoke() {
  return useTeamMutation<Member, void>({
    mutationFn: (m) => revokeInvitation(m.id),
    success: (_, m) => `Invitation for ${m.email} revoked`,
  });
}

export function useRemove() {
  return useTeamMutation<Member, void>({
    mutationFn: (m) => removeMember(m.id),
    success: (_, m) => `${who(m)} removed from the team`,
  });
}

export function useTransferOwnership() {
  return useTeamMutation<Member, Member>({
    mutationFn: (m) => transferOwnership(m.id),
    success: (m) => `${who(m)} is now the owner; you are an Administrator`,
  });
}
