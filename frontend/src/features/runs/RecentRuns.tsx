import { Alert, Button, Center, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { errorMessage } from '../../api/errors';
import { RelativeTime } from '../../components/RelativeTime';
import { RunStatusBadge } from '../../components/StatusBadge';
import { formatDuration } from '../../lib/format';
import { useRecentRuns } from './queries';

interface RecentRunsProps {
  userId: number;
  /** Opens the run history on this user; absent, no "See all runs". */
  onSeeAll?: () => void;
}

/** A user's latest runs, newest first, for their drawer. */
export function RecentRuns({ userId, onSeeAll }: RecentRunsProps) {
  const { data, error, isPending } = useRecentRuns(userId);
  const runs = data?.runs ?? [];

  return (
    <Stack gap="sm" component="section" aria-labelledby={`recent-runs-${userId}`}>
      <Group justify="space-between">
        <Title order={4} id={`recent-runs-${userId}`}>
          Recent runs
        </Title>
        {onSeeAll && (
          <Button
            variant="subtle"
            size="compact-sm"
            rightSection={<IconArrowRight size={14} />}
            onClick={onSeeAll}
          >
            See all runs
          </Button>
        )}
      </Group>
      {isPending ? (
        <Center py="sm">
          <Loader size="sm" aria-label="Loading recent runs" />
        </Center>
      ) : error ? (
        <Alert color="red" title="Could not load the runs">
          {errorMessage(error)}
        </Alert>
      ) : runs.length === 0 ? (
        <Text size="sm" c="dimmed">
          No runs recorded yet
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={6} aria-label="Recent runs">
          <Table.Thead>
            <Table.Tr>
              {/* Wide enough for the "Succeeded" badge. */}
              <Table.Th w={116}>Status</Table.Th>
              <Table.Th>Workflow</Table.Th>
              <Table.Th style={{ whiteSpace: 'nowrap' }}>Started</Table.Th>
              <Table.Th ta="right">Duration</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.map((run) => (
              <Table.Tr key={run.id} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <RunStatusBadge status={run.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{run.workflow.name}</Text>
                  <Text size="xs" c="dimmed">
                    {run.integration.name}
                  </Text>
                  {run.error && (
                    <Text size="xs" c="red" mt={4} style={{ wordBreak: 'break-word' }}>
                      {run.error}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <RelativeTime value={run.startedAt} />
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                  {formatDuration(run.durationMs)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
