import { AppShell, Badge, Button, Center, Group, Loader, NavLink, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconHistory, IconUsers } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
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
  const info = useInfo();
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
          <Group gap="xs">
            <Text size="sm">{info.data.actor.name}</Text>
            <Badge variant="light" color="gray">
              {info.data.actor.role}
            </Badge>
          </Group>
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
