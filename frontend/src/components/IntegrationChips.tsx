import { Avatar, Group, Indicator, Stack, Text } from '@mantine/core';
import { LazyTooltip } from './LazyTooltip';
import { ConnectionStatus, type UserIntegration } from '../api/models';

const MAX_SHOWN = 4;

function integrationLabel(integration: UserIntegration): string {
  return integration.status === ConnectionStatus.Error
    ? `${integration.name} (connection error)`
    : integration.name;
}

function IntegrationAvatar({ integration }: { integration: UserIntegration }) {
  const failing = integration.status === ConnectionStatus.Error;
  const label = integrationLabel(integration);
  return (
    <LazyTooltip label={label} openDelay={200}>
      <Indicator color="red" size={9} offset={3} withBorder disabled={!failing}>
        {/* The catalogue's own code (unique in it), not the name's initials: Salesforce and Slack differ. */}
        <Avatar
          name={integration.name}
          color={failing ? 'red' : 'initials'}
          size={28}
          radius="sm"
          aria-label={label}
        >
          {integration.short}
        </Avatar>
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
  const restLabels = rest.map(integrationLabel);
  return (
    <Group gap={6} wrap="nowrap">
      {shown.map((integration) => (
        <IntegrationAvatar key={integration.id} integration={integration} />
      ))}
      {rest.length > 0 && (
        <LazyTooltip
          label={
            <Stack gap={0}>
              {restLabels.map((l) => (
                <span key={l}>{l}</span>
              ))}
            </Stack>
          }
          openDelay={200}
        >
          {/* Focusable, so the keyboard reaches the list too (the tooltip shows on focus). */}
          <Avatar
            size={28}
            radius="sm"
            tabIndex={0}
            role="img"
            aria-label={`${rest.length} more: ${restLabels.join(', ')}`}
          >
            +{rest.length}
          </Avatar>
        </LazyTooltip>
      )}
    </Group>
  );
}
