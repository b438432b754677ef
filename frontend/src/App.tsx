import {
  AppShell,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Menu,
  NavLink,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconHistory, IconLogout, IconUsers } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { signOut } from './api/auth';
import type { Me } from './api/types';
import { AuthGate, signedOut } from './features/auth/AuthGate';
import { useEffect, useState } from 'react';
import { errorMessage } from './api/errors';
import { onRosterChanged } from './api/events';
import { EmptyState } from './components/EmptyState';
import { AuditPage } from './features/audit/AuditPage';
import { UsersPage } from './features/users/UsersPage';
import { can, useInfo } from './hooks/useInfo';

type Page = 'users' | 'audit';

/** Another window (or browser tab) may change data: refetch everything on the backend's signal. */
function useLiveUpdates() {
  const queryClient = useQueryClient();
  useEffect(() => onRosterChanged(() => void queryClient.invalidateQueries()), [queryClient]);
}

export function App() {
  useLiveUpdates();
  return <AuthGate>{(me) => <Console me={me} />}</AuthGate>;
}

function Console({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const info = useInfo();
  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSettled: () => signedOut(queryClient),
  });
  const [page, setPage] = useState<Page>('users');

  if (info.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading Roster" />
      </Center>
    );
  }
  if (info.isError) {
    return (
      <EmptyState
        icon={<IconAlertTriangle size={28} />}
        title="Roster could not start"
        description={errorMessage(info.error)}
        action={<Button onClick={() => void info.refetch()}>Try again</Button>}
      />
    );
  }

  const canAudit = can(info.data, 'audit.view');
  const current = page === 'audit' && canAudit ? 'audit' : 'users';

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={3}>Roster</Title>
          <Menu position="bottom-end">
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
              <Menu.Item leftSection={<IconLogout size={14} />} onClick={() => signOutMutation.mutate()}>
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <Stack gap={4} component="nav" aria-label="Main">
          <NavLink
            component="button"
            label="Connected users"
            leftSection={<IconUsers size={18} />}
            active={current === 'users'}
            aria-current={current === 'users' ? 'page' : undefined}
            onClick={() => setPage('users')}
          />
          {canAudit && (
            <NavLink
              component="button"
              label="Audit log"
              leftSection={<IconHistory size={18} />}
              active={current === 'audit'}
              aria-current={current === 'audit' ? 'page' : undefined}
              onClick={() => setPage('audit')}
            />
          )}
        </Stack>
      </AppShell.Navbar>

      {/* A fixed-height main lets the tables fill the viewport and scroll inside. */}
      <AppShell.Main h="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
        <div style={{ flex: 1, minHeight: 0 }}>{current === 'users' ? <UsersPage /> : <AuditPage />}</div>
      </AppShell.Main>
    </AppShell>
  );
}
