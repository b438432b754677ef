import { ActionIcon, Menu } from '@mantine/core';
import { IconDots, IconExternalLink, IconListCheck, IconPlayerPlay, IconBan } from '@tabler/icons-react';
import { UserStatus, type UserRow } from '../../api/models';

export interface UserRowActions {
  canManage: boolean;
  /** Disable/enable the whole user (not per-integration roles). */
  canDisable: boolean;
  onOpen: (user: UserRow) => void;
  onDisable: (user: UserRow) => void;
  onEnable: (user: UserRow) => void;
  onWorkflows: (user: UserRow) => void;
}

export function UserRowMenu({ user, actions }: { user: UserRow; actions: UserRowActions }) {
  const disabled = user.status === UserStatus.Disabled;
  return (
    // Menu items render in a portal, but React events still bubble to the row: keep them here.
    <div onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${user.name}`}>
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconExternalLink size={16} />} onClick={() => actions.onOpen(user)}>
            Open
          </Menu.Item>
          {actions.canManage && (
            <Menu.Item
              leftSection={<IconListCheck size={16} />}
              disabled={disabled}
              onClick={() => actions.onWorkflows(user)}
            >
              Disable workflow for user...
            </Menu.Item>
          )}
          {actions.canDisable && (
            <>
              <Menu.Divider />
              {disabled ? (
                <Menu.Item leftSection={<IconPlayerPlay size={16} />} onClick={() => actions.onEnable(user)}>
                  Enable user
                </Menu.Item>
              ) : (
                <Menu.Item
                  color="red"
                  leftSection={<IconBan size={16} />}
                  onClick={() => actions.onDisable(user)}
                >
                  Disable user
                </Menu.Item>
              )}
            </>
          )}
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}
