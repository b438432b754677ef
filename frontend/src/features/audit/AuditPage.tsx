import { Alert, Button, Group, Stack, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconHistory } from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { errorMessage } from '../../api/errors';
import { ExportWhat } from '../../api/models';
import { EmptyState } from '../../components/EmptyState';
import { usePageRoute } from '../../lib/route';
import { ExportButton, useExportView } from '../export/ExportContext';
import { AuditFiltersBar } from './AuditFiltersBar';
import { AuditTable, type SubjectLinks } from './AuditTable';
import {
  buildAuditQuery,
  EMPTY_AUDIT_FILTERS,
  hasAuditFilters,
  useAuditList,
  type AuditFilters,
} from './queries';

const NO_LINKS: SubjectLinks = {};

interface AuditPageProps {
  /** Where a click on an entry's user or member leads; stable (memoised) for the table. */
  links?: SubjectLinks;
}

export function AuditPage({ links = NO_LINKS }: AuditPageProps) {
  // The filters are the address's (lib/route.ts); typing a target replaces its history entry.
  const [route, go] = usePageRoute('audit');
  const { filters } = route;
  const patch = (p: Partial<AuditFilters>) =>
    go((r) => ({ ...r, filters: { ...r.filters, ...p } }), 'target' in p ? 'typing' : 'push');
  const [target] = useDebouncedValue(filters.target, 250);
  const query = useMemo(() => buildAuditQuery({ ...filters, target }), [filters, target]);
  const list = useAuditList(query);
  const { fetchNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const entries = useMemo(() => list.data?.pages.flatMap((p) => p.entries) ?? [], [list.data]);
  const clear = () => go((r) => ({ ...r, filters: EMPTY_AUDIT_FILTERS }));
  const filtered = hasAuditFilters(filters);
  useExportView({
    view: { what: ExportWhat.Audit, audit: query },
    description: filtered
      ? 'Exports the audit entries that match the filters, newest first.'
      : 'Exports the whole audit log, newest first.',
  });

  return (
    <Stack h="100%" gap="md">
      <Group justify="space-between">
        <Title order={2}>Audit log</Title>
        <ExportButton />
      </Group>
      <AuditFiltersBar filters={filters} onChange={patch} onClear={clear} />
      {list.isError && !list.data ? (
        <Alert color="red" title="Could not load the audit log">
          {errorMessage(list.error)}
        </Alert>
      ) : (
        <AuditTable
          key={JSON.stringify(query)}
          entries={entries}
          links={links}
          isLoading={list.isPending}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          onLoadMore={loadMore}
          empty={
            <EmptyState
              icon={<IconHistory size={28} />}
              title={filtered ? 'No entries match these filters' : 'No audit entries yet'}
              description={filtered ? undefined : 'Changes made by admins are recorded here.'}
              action={
                filtered && (
                  <Button variant="light" leftSection={<IconFilterOff size={16} />} onClick={clear}>
                    Clear filters
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
