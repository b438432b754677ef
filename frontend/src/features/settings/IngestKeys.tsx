import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, type ApiError } from '../../api/errors';
import { createIngestKey, listIngestKeys, revokeIngestKey } from '../../api/ingestKeys';
import { Mode, type IngestKey, type NewIngestKey } from '../../api/models';
import { CopyValue } from '../../components/CopyValue';
import { RelativeTime } from '../../components/RelativeTime';
import { useInfo } from '../../hooks/useInfo';
import { useRetained } from '../../lib/useRetained';
import { notifyError, notifySuccess } from '../../lib/notify';
import { queryKeys } from '../../queryKeys';

/** The curl line that sends a file of events with a key. */
export function curlExample(origin: string, secret: string): string {
  return `curl -X POST ${origin}/api/v1/events -H "Authorization: Bearer ${secret}" -H "Content-Type: application/x-ndjson" --data-binary @events.jsonl`;
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.ingestKeys });
    void queryClient.invalidateQueries({ queryKey: queryKeys.audit });
  };
}

/** Settings → Ingest keys: the keys of POST /api/v1/events. */
export function IngestKeys() {
  const keys = useQuery({ queryKey: queryKeys.ingestKeys, queryFn: listIngestKeys });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<IngestKey | null>(null);

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Ingest keys</Title>
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            Create key
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          Your integration platform sends its events (users, connections, workflow runs) to Roster with one of
          these keys. Give each system its own key, so you can revoke one without stopping the others.
        </Text>
        {keys.isPending && <Loader size="sm" aria-label="Loading ingest keys" />}
        {keys.isError && (
          <Alert color="red" title="Could not load the ingest keys">
            {errorMessage(keys.error)}
          </Alert>
        )}
        {keys.data?.length === 0 && (
          <Text size="sm" c="dimmed" fs="italic">
            No keys yet: nothing can send events over HTTP.
          </Text>
        )}
        {keys.data && keys.data.length > 0 && <KeyTable keys={keys.data} onRevoke={setRevoking} />}
      </Stack>
      <CreateKeyModal opened={creating} onClose={() => setCreating(false)} />
      <RevokeKeyModal ingestKey={revoking} onClose={() => setRevoking(null)} />
    </Paper>
  );
}

function KeyTable({ keys, onRevoke }: { keys: IngestKey[]; onRevoke: (key: IngestKey) => void }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label="Ingest keys" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th w={110}>Status</Table.Th>
            <Table.Th w={90}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((k) => {
            const revoked = k.revokedAt !== null;
            return (
              <Table.Tr key={k.id} c={revoked ? 'dimmed' : undefined}>
                <Table.Td>
                  <Text size="sm" fw={500} inherit>
                    {k.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Code style={{ whiteSpace: 'nowrap' }}>{k.prefix}…</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" inherit>
                    <RelativeTime value={k.createdAt} />
                  </Text>
                  <Text size="xs" c="dimmed">
                    by {k.createdBy}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" inherit>
                    <RelativeTime value={k.lastUsedAt} fallback="Never" />
                  </Text>
                </Table.Td>
                <Table.Td>
                  {revoked ? (
                    <Stack gap={0} align="flex-start">
                      <Badge color="gray" variant="light" tt="none">
                        Revoked
                      </Badge>
                      <Text size="xs" c="dimmed">
                        <RelativeTime value={k.revokedAt} />
                      </Text>
                    </Stack>
                  ) : (
                    <Badge color="green" variant="light" tt="none">
                      Active
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {!revoked && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => onRevoke(k)}
                      aria-label={`Revoke ${k.name}`}
                    >
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CreateKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [created, setCreated] = useState<NewIngestKey | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Copy the new key now' : 'Create an ingest key'}
      size={created ? 'xl' : 'md'}
      // The secret is shown once: a stray click must not lose it.
      closeOnClickOutside={!created}
      centered
    >
      {opened && !created && <CreateKeyForm onCreated={setCreated} onCancel={close} />}
      {created && <NewKey created={created} onDone={close} />}
    </Modal>
  );
}

function CreateKeyForm({
  onCreated,
  onCancel,
}: {
  onCreated: (key: NewIngestKey) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const invalidate = useInvalidate();
  const create = useMutation<NewIngestKey, ApiError, string>({
    mutationFn: (name) => createIngestKey(name),
    onSuccess: onCreated,
    onError: (err) => {
      if (err.field !== 'name') notifyError(err);
    },
    onSettled: invalidate,
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(name);
      }}
    >
      <Stack>
        <TextInput
          label="Name"
          description="What will use it, e.g. “Production platform”."
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={create.error?.field === 'name' ? create.error.message : undefined}
          maxLength={100}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" leftSection={<IconKey size={16} />} loading={create.isPending}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NewKey({ created, onDone }: { created: NewIngestKey; onDone: () => void }) {
  const info = useInfo();
  const served = info.data?.mode === Mode.Serve;
  const origin = served ? window.location.origin : '<roster-url>';
  const curl = curlExample(origin, created.secret);
  return (
    <Stack>
      <Alert color="yellow" variant="light" title="You will not see this secret again">
        Roster keeps only a fingerprint of it. Copy it into the system that sends events now; if it is lost,
        revoke “{created.key.name}” and create a new key.
      </Alert>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Secret for “{created.key.name}”
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code style={{ flex: 1, overflowWrap: 'anywhere' }} data-testid="ingest-secret">
            {created.secret}
          </Code>
          <CopyValue value={created.secret} what="secret" />
        </Group>
      </Stack>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Send events with it
        </Text>
        {served ? (
          <Text size="xs" c="dimmed">
            POST one JSON event per line ({'{id, type, at, data}'}); the answer reports every line.
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            This desktop window does not take events over HTTP: the API is served by <Code>roster serve</Code>{' '}
            on the same database. Put its address in place of &lt;roster-url&gt;.
          </Text>
        )}
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {curl}
          </Code>
          <CopyValue value={curl} what="curl command" />
        </Group>
      </Stack>
      <Group justify="flex-end">
        <Button onClick={onDone}>I have copied it</Button>
      </Group>
    </Stack>
  );
}

function RevokeKeyModal({ ingestKey, onClose }: { ingestKey: IngestKey | null; onClose: () => void }) {
  const shown = useRetained(ingestKey);
  const invalidate = useInvalidate();
  const revoke = useMutation<IngestKey, ApiError, IngestKey>({
    mutationFn: (k) => revokeIngestKey(k.id),
    onSuccess: (k) => {
      notifySuccess(`Revoked “${k.name}”`);
      onClose();
    },
    onError: notifyError,
    onSettled: invalidate,
  });
  return (
    <Modal opened={ingestKey !== null} onClose={onClose} title="Revoke this key?" centered>
      {shown && (
        <Stack>
          <Text size="sm">
            Requests with “{shown.name}” (<Code>{shown.prefix}…</Code>) are refused from now on, at once.
            Whatever sends events with it stops getting through until it has a new key. This cannot be undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate(shown)}>
              Revoke key
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
