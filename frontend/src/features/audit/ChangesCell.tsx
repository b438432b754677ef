import { ActionIcon, Code, Group, Popover, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';
import type { AuditEntry } from '../../api/models';
import { diffChanges } from './format';

const SHOWN = 2;

function Snapshot({ label, value }: { label: string; value: unknown }) {
  return (
    <Stack gap={4} style={{ minWidth: 0 }}>
      <Text size="xs" fw={600} c="dimmed">
        {label}
      </Text>
      <Code
        block
        style={{ maxHeight: 320, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
      >
        {value === null || value === undefined ? 'null' : JSON.stringify(value, null, 2)}
      </Code>
    </Stack>
  );
}

export function ChangesCell({ entry }: { entry: AuditEntry }) {
  const changes = diffChanges(entry.before, entry.after);
  const hidden = changes.length - SHOWN;
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between">
      <Stack gap={0} style={{ minWidth: 0 }}>
        {changes.length === 0 && (
          <Text size="xs" c="dimmed">
            No changes recorded
          </Text>
        )}
        {changes.slice(0, SHOWN).map((c) => (
          <Text key={c.key} size="xs" ff="monospace" truncate>
            {c.key}: {c.before} → {c.after}
          </Text>
        ))}
        {hidden > 0 && (
          <Text size="xs" c="dimmed">
            +{hidden} more
          </Text>
        )}
      </Stack>
      <Popover width={560} position="left" shadow="md" withArrow>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Show before and after for entry ${entry.id}`}
          >
            <IconBraces size={16} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown>
          <SimpleGrid cols={2} spacing="sm">
            <Snapshot label="Before" value={entry.before} />
            <Snapshot label="After" value={entry.after} />
          </SimpleGrid>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
