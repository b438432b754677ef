import { Alert, Anchor, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconFilterOff, IconMail } from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { errorMessage } from '../../api/errors';
import type { MailHealth, MailStatus } from '../../api/models';
import { labelOf, mailStatuses, valueOf } from '../../api/vocabulary';
import { EmptyState } from '../../components/EmptyState';
import { formatNumber, plural } from '../../lib/format';
import { OutboxTable } from './OutboxTable';
import { outboxQuery, useOutboxHealth, useOutboxList } from './queries';

const ALL = 'all';
const FILTERS = [{ value: ALL, label: 'All' }, ...mailStatuses];

interface OutboxPageProps {
  /** The status shown; undefined shows every mail. The console keeps it, so the banner can link to failed mail. */
  status: MailStatus | undefined;
  onStatusChange: (status: MailStatus | undefined) => void;
  onOpenSettings: () => void;
}

export function OutboxPage({ status, onStatusChange, onOpenSettings }: OutboxPageProps) {
  const query = useMemo(() => outboxQuery(status), [status]);
  const list = useOutboxList(query);
  const health = useOutboxHealth();
  const { fetchNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const mails = useMemo(() => list.data?.pages.flatMap((p) => p.mails) ?? [], [list.data]);
  const showAll = () => onStatusChange(undefined);

  return (
    <Stack h="100%" gap="md">
      <Title order={2}>Outbox</Title>
      {health.data && <Summary health={health.data} onOpenSettings={onOpenSettings} />}
      <Group>
        <SegmentedControl
          aria-label="Filter by status"
          data={FILTERS}
          value={status ?? ALL}
          onChange={(value) => onStatusChange(valueOf(mailStatuses, value))}
        />
      </Group>
      {list.isError && !list.data ? (
        <Alert color="red" title="Could not load the outbox">
          {errorMessage(list.error)}
        </Alert>
      ) : (
        <OutboxTable
          key={JSON.stringify(query)}
          mails={mails}
          isLoading={list.isPending}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          onLoadMore={loadMore}
          empty={
            <EmptyState
              icon={<IconMail size={28} />}
              title={status ? `No ${labelOf(mailStatuses, status).toLowerCase()} e-mails` : 'No e-mails yet'}
              description={
                status
                  ? undefined
                  : 'Invitations and the alerts Roster sends about failing workflows and connections appear here.'
              }
              action={
                status && (
                  <Button variant="light" leftSection={<IconFilterOff size={16} />} onClick={showAll}>
                    Show all e-mails
                  </Button>
                )
              }
            />
          }
        />
      )}
    </Stack>
  );
}

/** "3 waiting (1 retrying) · 2 failed. Roster gives up on a mail after 5 days (Settings)." */
function Summary({ health, onOpenSettings }: { health: MailHealth; onOpenSettings: () => void }) {
  return (
    <Text size="sm" c="dimmed" data-testid="outbox-summary">
      {formatNumber(health.queued)} waiting
      {health.retrying > 0 && ` (${formatNumber(health.retrying)} retrying)`} · {formatNumber(health.failed)}{' '}
      failed.{!health.configured && ' No mail server is set up: nothing goes out until there is one.'} Roster
      gives up on a mail after {plural(health.giveUpDays, 'day')} (
      <Anchor component="button" type="button" size="sm" onClick={onOpenSettings} inherit>
        Settings
      </Anchor>
      ).
    </Text>
  );
}
