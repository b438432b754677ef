import { Alert, Button, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { ExportWhat, Permission, type InviteResult, type MemberStatus, type Role } from '../../api/models';
import { memberStatuses, roles, valueOf } from '../../api/vocabulary';
import { EmptyState } from '../../components/EmptyState';
import { useInfo } from '../../hooks/useInfo';
import { has, useMe } from '../../hooks/useMe';
import { ExportButton, useExportView } from '../export/ExportContext';
import { plural } from '../../lib/format';
import { defaultRoute, usePageRoute, type Navigation, type TeamFilters } from '../../lib/route';
import { InviteModal } from './InviteModal';
import type { MemberActions } from './MemberMenu';
import { useResend, useTeam } from './queries';
import { InviteResultModal, MemberDialogs, type MemberDialog } from './TeamDialogs';
import { TeamTable } from './TeamTable';

export function TeamPage() {
  const me = useMe();
  // Search and filters are the address's (lib/route.ts); typing replaces its history entry.
  const [route, go] = usePageRoute('team');
  const { search, role, status } = route.filters;
  const patch = (p: Partial<TeamFilters>, how?: Navigation) =>
    go((r) => ({ ...r, filters: { ...r.filters, ...p } }), how);
  const setSearch = (search: string) => patch({ search }, 'typing');
  const setRole = (role?: Role) => patch({ role });
  const setStatus = (status?: MemberStatus) => patch({ status });
  const [debounced] = useDebouncedValue(search, 250);
  const team = useTeam({ search: debounced.trim(), role, status });
  const filtered = search.trim() !== '' || role !== undefined || status !== undefined;
  useExportView({
    view: { what: ExportWhat.Members, members: { search: debounced.trim(), role, status } },
    description: filtered
      ? `Exports the ${team.data ? plural(team.data.length, 'member') : 'members'} that match the search and filters.`
      : `Exports the whole team${team.data ? ` (${plural(team.data.length, 'member')})` : ''}.`,
  });

  const [inviting, setInviting] = useState(false);
  const [inviteResult, setInviteResult] = useState<InviteResult | null>(null);
  const [dialog, setDialog] = useState<MemberDialog | null>(null);
  const resend = useResend();
  const actions: MemberActions = (action, member) => {
    if (action === 'resend') resend.mutate(member);
    else setDialog({ action, member });
  };

  return (
    <Stack h="100%" gap="md">
      <Group justify="space-between">
        <Title order={2}>Team</Title>
        <Group gap="sm">
          <ExportButton />
          {has(me, Permission.TeamInvite) && me.grantable.length > 0 && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)}>
              Invite members
            </Button>
          )}
        </Group>
      </Group>
      {has(me, Permission.TeamInvite) && <InvitationLinks />}
      <Group gap="sm" align="flex-end">
        <TextInput
          aria-label="Search members"
          placeholder="Search name or e-mail"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <Select
          aria-label="Role"
          placeholder="Any role"
          data={roles}
          value={role ?? null}
          onChange={(v) => setRole(valueOf(roles, v))}
          clearable
          w={230}
        />
        <Select
          aria-label="Status"
          placeholder="Any status"
          data={memberStatuses}
          value={status ?? null}
          onChange={(v) => setStatus(valueOf(memberStatuses, v))}
          clearable
          w={160}
        />
        <Group gap="xs" h={36}>
          {team.data && (
            <Text size="sm" c="dimmed">
              {plural(team.data.length, 'member')}
            </Text>
          )}
          {team.isFetching && <Loader size={14} aria-label="Updating" />}
        </Group>
      </Group>

      {team.isError && !team.data ? (
        <Alert color="red" title="Could not load the team">
          {errorMessage(team.error)}
        </Alert>
      ) : team.data && team.data.length === 0 ? (
        <EmptyState
          icon={<IconUsersGroup size={28} />}
          title={filtered ? 'No members match these filters' : 'Nobody here yet'}
          action={
            filtered ? (
              <Button
                variant="light"
                onClick={() => go((r) => ({ ...r, filters: defaultRoute('team').filters }))}
              >
                Clear filters
              </Button>
            ) : undefined
          }
        />
      ) : (
        team.data && <TeamTable me={me} members={team.data} actions={actions} />
      )}

      <InviteModal
        me={me}
        opened={inviting}
        onClose={() => setInviting(false)}
        onInvited={(result) => {
          setInviting(false);
          setInviteResult(result);
        }}
      />
      <InviteResultModal result={inviteResult} onClose={() => setInviteResult(null)} />
      <MemberDialogs me={me} dialog={dialog} onClose={() => setDialog(null)} />
    </Stack>
  );
}

/** Where invitation links lead: what invitees will open. */
function InvitationLinks() {
  const { data: info } = useInfo();
  if (!info) return null;
  return (
    <Text size="sm" c="dimmed">
      {info.linkBase
        ? `Invitation e-mails link to ${info.linkBase} (Settings → Public address, or roster serve --public-url, sets it).`
        : 'Invitation e-mails carry a code to type in: set a public address in Settings for them to carry a link.'}
    </Text>
  );
}
