import { Button, Text } from '@mantine/core';
import { IconDatabaseImport, IconUsers } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../../api/errors';
import { loadDemoData } from '../../api/system';
import { Permission, type Info } from '../../api/models';
import { EmptyState } from '../../components/EmptyState';
import { useCan } from '../../hooks/useMe';
import { notifyError, notifySuccess } from '../../lib/notify';
import { queryKeys } from '../../queryKeys';

export function DemoDataEmptyState() {
  const canLoad = useCan(Permission.WorkspaceManage);
  const queryClient = useQueryClient();
  const load = useMutation<Info, ApiError>({
    mutationFn: loadDemoData,
    onSuccess: (info) => {
      queryClient.setQueryData(queryKeys.info, info);
      void queryClient.invalidateQueries();
      notifySuccess('Demo data loaded');
    },
    onError: notifyError,
  });

  return (
    <EmptyState
      icon={<IconUsers size={28} />}
      title="No connected users yet"
      description="Users appear here once they connect an integration through the Connect Portal."
      action={
        canLoad ? (
          <Button
            leftSection={<IconDatabaseImport size={18} />}
            loading={load.isPending}
            onClick={() => load.mutate()}
          >
            Load demo data
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            Ask a workspace admin to load demo data.
          </Text>
        )
      }
    />
  );
}
