import { Alert, AppShell, Button, Center, Group, Loader, NavLink, Stack, Title } from '@mantine/core';
import {
  IconActivity,
  IconAlertTriangle,
  IconHistory,
  IconMail,
  IconSettings,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { MenuCommand, Permission, type AuditSubject, type MailStatus, type Ref } from './api/models';
import { AccountMenu } from './features/account/AccountMenu';
import { AuthGate } from './features/auth/AuthGate';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { currentRoute, defaultRoute, navigate, openPage, useRoute, type Page } from './lib/route';
import { errorMessage } from './api/errors';
import { onMenuCommand, onRosterChanged } from './api/events';
import { EmptyState } from './components/EmptyState';
import { LoadBoundary } from './components/LoadBoundary';
import type { SubjectLinks } from './features/audit/AuditTable';
import { ExportProvider } from './features/export/ExportContext';
import { IntegrityBanner } from './features/backups/IntegrityBanner';
import { MailBanner } from './features/outbox/MailBanner';
import { UsersPage } from './features/users/UsersPage';
import { useInfo } from './hooks/useInfo';
import { prefetchConsole } from './preload';
import { has, MeProvider, useMe } from './hooks/useMe';

// The other pages load as they are first opened: the first screen loads and
// compiles only what it shows (see also main.tsx, LazyDialog).
const AuditPage = lazy(() => import('./features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const RunsPage = lazy(() => import('./features/runs/RunsPage').then((m) => ({ default: m.RunsPage })));
const OutboxPage = lazy(() =>
  import('./features/outbox/OutboxPage').then((m) => ({ default: m.OutboxPage })),
);
const SettingsPage = lazy(() =>
  import('./features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);
const TeamPage = lazy(() => import('./features/team/TeamPage').then((m) => ({ default: m.TeamPage })));

const PAGES: { page: Page; label: string; icon: typeof IconUsers; permission: Permission }[] = [
  { page: 'users', label: 'Connected users', icon: IconUsers, permission: Permission.UsersView },
  { page: 'runs', label: 'Run history', icon: IconActivity, permission: Permission.UsersView },
  { page: 'team', label: 'Team', icon: IconUsersGroup, permission: Permission.TeamView },
  { page: 'audit', label: 'Audit log', icon: IconHistory, permission: Permission.AuditView },
  { page: 'outbox', label: 'Outbox', icon: IconMail, permission: Permission.SettingsManage },
  { page: 'settings', label: 'Settings', icon: IconSettings, permission: Permission.SettingsManage },
];

/** Another window (or browser tab) may change data: refetch everything on the backend's signal. */
function useLiveUpdates() {
  const queryClient = useQueryClient();
  useEffect(() => onRosterChanged(() => void queryClient.invalidateQueries()), [queryClient]);
}

export function App() {
  useLiveUpdates();
  return (
    <AuthGate>
      {(me) => (
        <MeProvider value={me}>
          <ExportProvider>
            <Console />
          </ExportProvider>
        </MeProvider>
      )}
    </AuthGate>
  );
}

function Console() {
  const me = useMe();
  const queryClient = useQueryClient();
  const info = useInfo();
  // The page and its view come from the address (src/lib/route.ts).
  const route = useRoute();
  // The desktop's File menu: its imports open on the users page, wherever one is.
  const [menuImport, setMenuImport] = useState<{ what: 'users' | 'events' }>();
  useEffect(
    () =>
      onMenuCommand((command) => {
        if (command === MenuCommand.Export) return; // the ExportProvider's
        openPage('users');
        setMenuImport({ what: command === MenuCommand.ImportEvents ? 'events' : 'users' });
      }),
    [],
  );
  useEffect(() => {
    // On sign-in (preload.ts asked already if the member was signed in as the
    // page loaded: fresh data is not asked for twice). Once: later changes
    // refetch through the queries themselves.
    prefetchConsole(queryClient, me, currentRoute());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // A user's drawer opens the run history on their runs; the mail banner the outbox on failed mail.
  const showRuns = (user: Ref) => {
    const runs = defaultRoute('runs');
    navigate({ ...runs, filters: { ...runs.filters, userId: user.id } });
  };
  const openOutbox = (status?: MailStatus) => navigate({ page: 'outbox', status });
  // Where the audit log's links lead: a user's drawer, a member found on the Team page.
  const canUsers = has(me, Permission.UsersView);
  const canTeam = has(me, Permission.TeamView);
  const auditLinks: SubjectLinks = useMemo(
    () => ({
      user: canUsers ? (s: AuditSubject) => navigate({ ...defaultRoute('users'), user: s.id }) : undefined,
      member: canTeam
        ? (s: AuditSubject) =>
            navigate({ page: 'team', filters: { ...defaultRoute('team').filters, search: s.key } })
        : undefined,
    }),
    [canUsers, canTeam],
  );

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

  // A page the role does not reach (a link from a teammate, or a role another
  // admin changed) falls back to the first one left, and says so.
  const pages = PAGES.filter((p) => has(me, p.permission));
  const allowed = pages.some((p) => p.page === route.page);
  const current = allowed ? route.page : (pages[0]?.page ?? 'users');
  const refused = allowed ? undefined : PAGES.find((p) => p.page === route.page);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={3}>Roster</Title>
          <AccountMenu />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <Stack gap={4} component="nav" aria-label="Main">
          {pages.map(({ page: p, label, icon: Icon }) => (
            <NavLink
              key={p}
              component="button"
              label={label}
              leftSection={<Icon size={18} />}
              active={current === p}
              aria-current={current === p ? 'page' : undefined}
              onClick={() => openPage(p)}
            />
          ))}
        </Stack>
      </AppShell.Navbar>

      {/* A fixed-height main lets the tables fill the viewport and scroll inside. */}
      <AppShell.Main h="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
        {has(me, Permission.WorkspaceManage) && (
          <IntegrityBanner onOpenSettings={() => openPage('settings')} />
        )}
        {has(me, Permission.SettingsManage) && (
          <MailBanner onOpenOutbox={openOutbox} onOpenSettings={() => openPage('settings')} />
        )}
        {refused && (
          <Alert
            color="yellow"
            mb="md"
            title={`${refused.label} is not available to you`}
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => navigate(defaultRoute(current), 'replace')}
          >
            Your role ({me.roleLabel}) does not include it, so Roster opened{' '}
            {PAGES.find((p) => p.page === current)?.label} instead.
          </Alert>
        )}
        <div
          style={{
            flex: 1,
            minHeight: 0,
            overflow: current === 'settings' || current === 'team' ? 'auto' : undefined,
          }}
        >
          <LoadBoundary what="page" key={current}>
            <Suspense
              fallback={
                <Center h="100%">
                  <Loader aria-label="Loading the page" />
                </Center>
              }
            >
              {current === 'users' && (
                <UsersPage
                  onShowRuns={showRuns}
                  menuImport={menuImport}
                  onMenuImportDone={() => setMenuImport(undefined)}
                />
              )}
              {current === 'runs' && <RunsPage />}
              {current === 'team' && <TeamPage />}
              {current === 'audit' && <AuditPage links={auditLinks} />}
              {current === 'outbox' && (
                <OutboxPage
                  status={route.page === 'outbox' ? route.status : undefined}
                  onStatusChange={openOutbox}
                  onOpenSettings={() => openPage('settings')}
                />
              )}
              {current === 'settings' && <SettingsPage />}
            </Suspense>
          </LoadBoundary>
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
