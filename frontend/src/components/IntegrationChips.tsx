import { Stack } from '@mantine/core';
import { LazyTooltip } from './LazyTooltip';
import { ConnectionStatus, type UserIntegration } from '../api/models';
import classes from './IntegrationChips.module.css';

const MAX_SHOWN = 4;

/** The colours Mantine's Avatar picks from for color="initials". */
const COLORS = [
  'blue',
  'cyan',
  'grape',
  'green',
  'indigo',
  'lime',
  'orange',
  'pink',
  'red',
  'teal',
  'violet',
];

/** A colour of its own for each name, always the same one (Mantine's initials colour). */
function colorOf(name: string): string {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
  return COLORS[Math.abs(hash) % COLORS.length];
}

function integrationLabel(integration: UserIntegration): string {
  return integration.status === ConnectionStatus.Error
    ? `${integration.name} (connection error)`
    : integration.name;
}

function IntegrationChip({ integration }: { integration: UserIntegration }) {
  const failing = integration.status === ConnectionStatus.Error;
  const label = integrationLabel(integration);
  return (
    <LazyTooltip label={label} openDelay={200}>
      {/* The catalogue's own code (unique in it), not the name's initials: Salesforce and Slack differ. */}
      <span
        className={classes.chip}
        role="img"
        aria-label={label}
        data-color={failing ? 'red' : colorOf(integration.name)}
        data-failing={failing || undefined}
      >
        {integration.short}
      </span>
    </LazyTooltip>
  );
}

/**
 * A user's integrations, as small coloured codes (a red dot on a failing
 * connection), the first four and +N for the rest. Every row of the users
 * table shows one: plain elements styled by CSS, not a Mantine Avatar and
 * Indicator each, which were much of what a screen of rows cost to render.
 */
export function IntegrationChips({ integrations }: { integrations: UserIntegration[] }) {
  if (integrations.length === 0) return <span className={classes.none}>None</span>;
  const shown = integrations.slice(0, MAX_SHOWN);
  const rest = integrations.slice(MAX_SHOWN);
  const restLabels = rest.map(integrationLabel);
  return (
    <div className={classes.chips}>
      {shown.map((integration) => (
        <IntegrationChip key={integration.id} integration={integration} />
      ))}
      {rest.length > 0 && (
        <LazyTooltip
          label={() => (
            <Stack gap={0}>
              {restLabels.map((l) => (
                <span key={l}>{l}</span>
              ))}
            </Stack>
          )}
          openDelay={200}
        >
          {/* Focusable, so the keyboard reaches the list too (the tooltip shows on focus). */}
          <span
            className={classes.chip}
            tabIndex={0}
            role="img"
            aria-label={`${rest.length} more: ${restLabels.join(', ')}`}
          >
            +{rest.length}
          </span>
        </LazyTooltip>
      )}
    </div>
  );
}
