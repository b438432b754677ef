import {
  Badge,
  Box,
  Group,
  Menu,
  Text,
  UnstyledButton,
  useMantineColorScheme,
  type MantineColorScheme,
} from '@mantine/core';
import {
  IconCheck,
  IconChevronDown,
  IconDeviceDesktop,
  IconLogout,
  IconMoon,
  IconSun,
  IconUserCircle,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, useState } from 'react';
import { LazyDialog } from '../../components/LazyDialog';
import { signOut } from '../../api/auth';
import { CopyValue } from '../../components/CopyValue';
import { useInfo } from '../../hooks/useInfo';
import { useMe } from '../../hooks/useMe';
import { signedOut } from '../auth/session';

const ProfileModal = lazy(() => import('./ProfileModal').then((m) => ({ default: m.ProfileModal })));

const SCHEMES: { value: MantineColorScheme; label: string; icon: typeof IconSun }[] = [
  { value: 'light', label: 'Light', icon: IconSun },
  { value: 'dark', label: 'Dark', icon: IconMoon },
  { value: 'auto', label: 'Follow the system', icon: IconDeviceDesktop },
];

/** The header's menu of the signed-in member: their profile, the theme, which Roster this is, and Sign out. */
export function AccountMenu() {
  const me = useMe();
  const info = useInfo();
  const queryClient = useQueryClient();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const [profileOpen, setProfileOpen] = useState(false);
  const closeProfile = () => setProfileOpen(false);
  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSettled: () => signedOut(queryClient),
  });

  return (
    <>
      <Menu position="bottom-end" width={320}>
        <Menu.Target>
          <UnstyledButton aria-label="Account menu">
            <Group gap="xs">
              <Text size="sm">{me.name}</Text>
              <Badge variant="light" color="gray">
                {me.roleLabel}
              </Badge>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{me.email}</Menu.Label>
          <Menu.Item leftSection={<IconUserCircle size={14} />} onClick={() => setProfileOpen(true)}>
            Profile…
          </Menu.Item>
          <Menu.Divider />
          <Menu.Label>Theme</Menu.Label>
          {SCHEMES.map(({ value, label, icon: Icon }) => (
            <Menu.Item
              key={value}
              // Mantine's items are role="menuitem", which has no checked
              // state: the chosen one says so in its name.
              aria-label={colorScheme === value ? `${label} (chosen)` : label}
              closeMenuOnClick={false}
              leftSection={<Icon size={14} />}
              rightSection={colorScheme === value ? <IconCheck size={14} /> : null}
              onClick={() => setColorScheme(value)}
            >
              {label}
            </Menu.Item>
          ))}
          <Menu.Divider />
          {info.data && (
            <Box px="sm" py={6}>
              <Text size="xs" c="dimmed">
                Roster {info.data.version}
              </Text>
              <Group gap={4} wrap="nowrap">
                <Text size="xs" c="dimmed" truncate="start" title={info.data.dbPath}>
                  Database: {info.data.dbPath}
                </Text>
                <CopyValue value={info.data.dbPath} what="database path" />
              </Group>
            </Box>
          )}
          <Menu.Divider />
          <Menu.Item leftSection={<IconLogout size={14} />} onClick={() => signOutMutation.mutate()}>
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <LazyDialog opened={profileOpen} onClose={closeProfile}>
        <ProfileModal opened={profileOpen} onClose={closeProfile} />
      </LazyDialog>
    </>
  );
}
