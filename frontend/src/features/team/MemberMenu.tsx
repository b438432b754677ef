import { ActionIcon, Menu } from '@mantine/core';
import {
  IconCrown,
  IconDots,
  IconKey,
  IconMailForward,
  IconMailOff,
  IconUserCog,
  IconUserMinus,
} from '@tabler/icons-react';
import type { Member, MemberRights } from '../../api/models';
import { who } from './queries';

export type MemberAction = 'changeRole' | 'resend' | 'newCode' | 'revoke' | 'remove' | 'transfer';

export type MemberActions = (action: MemberAction, member: Member) => void;

/** The row's ⋯ menu: only what the signed-in member may do to this row (Go refuses the rest). */
export function MemberMenu({
  member,
  rights,
  actions,
}: {
  member: Member;
  rights: MemberRights;
  actions: MemberActions;
}) {
  const invitation = rights.resend || rights.newCode || rights.revoke;
  const membership = rights.changeRole || rights.remove || rights.transfer;
  if (!invitation && !membership) return null;
  const item = (action: MemberAction) => () => actions(action, member);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${who(member)}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {rights.changeRole && (
          <Menu.Item leftSection={<IconUserCog size={16} />} onClick={item('changeRole')}>
            Change role…
          </Menu.Item>
        )}
        {rights.resend && (
          <Menu.Item leftSection={<IconMailForward size={16} />} onClick={item('resend')}>
            Resend invitation
          </Menu.Item>
        )}
        {rights.newCode && (
          <Menu.Item leftSection={<IconKey size={16} />} onClick={item('newCode')}>
            Copy invitation code/link…
          </Menu.Item>
        )}
        {rights.transfer && (
          <Menu.Item leftSection={<IconCrown size={16} />} onClick={item('transfer')}>
            Transfer ownership…
          </Menu.Item>
        )}
        {(rights.revoke || rights.remove) && <Menu.Divider />}
        {rights.revoke && (
          <Menu.Item color="red" leftSection={<IconMailOff size={16} />} onClick={item('revoke')}>
            Revoke invitation…
          </Menu.Item>
        )}
        {rights.remove && (
          <Menu.Item color="red" leftSection={<IconUserMinus size={16} />} onClick={item('remove')}>
            Remove member…
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
