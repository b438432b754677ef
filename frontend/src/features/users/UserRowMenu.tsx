import { ActionIcon, Menu } from '@mantine/core';
import { useCallback, useEffect, useState, type ReactElement } from 'react';
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

/**
 * A row's actions. The menu is set up on the first click: every row has
 * one, each a floating element to set up as rows render (a scroll renders
 * dozens), and few are ever opened.
 */
export function UserRowMenu({ user, actions }: { user: UserRow; actions: UserRowActions }) {
  const disabled = user.status === UserStatus.Disabled;
  const [armed, setArmed] = useState(false);
  // Setting the menu up mounts the button anew: it takes the focus back.
  const focusOnMount = useCallback((node: HTMLButtonElement | null) => node?.focus(), []);
  const button = (
    <ActionIcon
      ref={armed ? focusOnMount : undefined}
      variant="subtle"
      color="gray"
      aria-label={`Actions for ${user.name}`}
      onClick={armed ? undefined : () => setArmed(true)}
    >
      <IconDots size={18} />
    </ActionIcon>
  );
  return (
    // Menu items render in a portal, but React events still bubble to the row: keep them here.
    <div onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
      {armed ? <RowMenu user={user} actions={actions} disabled={disabled} button={button} /> : button}
    </div>
  );
}

function RowMenu({
  user,
  actions,
  disabled,
  button,
}: {
  user: UserRow;
  actions: UserRowActions;
  disabled: boolean;
  button: ReactElement;
}) {
  // Mounted closed, opened the next frame: opening is what records where
  // the focus returns to on Escape (the button, focused as it mounted).
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setOpened(true));
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <Menu position="bottom-end" withinPortal opened={opened} onChange={setOpened}>
      <Menu.Target>{button}</Menu.Target>
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
  );
}
