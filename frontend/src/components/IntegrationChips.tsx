import { Avatar, Group, Indicator, Text } from '@mantine/core';
import { LazyTooltip } from './LazyTooltip';
import { ConnectionStatus, type UserIntegration } from '../api/models';

const MAX_SHOWN = 4;

function IntegrationAvatar({ integration }: { integration: UserIntegration }) {
  const failing = integration.status === ConnectionStatus.Error;
  const label = failing ? `${integration.name} (connection error)` : integration.name;
  return (
    <LazyTooltip label={label} openDelay={200}>
      <Indicator color="red" size={9} offset={3} withBorder disabled={!failing}>
        <Avatar
          name={integration.name}
          color={failing ? 'red' : 'initials'}
          size={28}
          radius="sm"
          aria-label={label}
        />
      </Indicator>
    </LazyTooltip>
  );
}

export function IntegrationChips({ integrations }: { integrations: UserIntegration[] }) {
  if (integrations.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  }
  const shown = integrations.slice(0, MAX_SHOWN);
  const rest = integrations.slice(MAX_SHOWN);
  return (
    <Group gap={6} wrap="nowrap">
      {shown.map((integration) => (
        <IntegrationAvatar key={integration.id} integration={integration} />
      ))}
      {rest.length > 0 && (
        <LazyTooltip label={rest.map((i) => i.name).join(', ')} openDelay={200}>
          <Avatar
            size={28}
            radius="sm"
            aria-label={`${rest.length} more: ${rest.map((i) => i.name).join(', ')}`}
          >
            +{rest.length}
          </Avatar>
        </LazyTooltip>
      )}
    </Group>
  );
}
