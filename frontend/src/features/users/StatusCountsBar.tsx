import { Button, Group, Skeleton } from '@mantine/core';
import { UserStatus, type StatusCounts } from '../../api/models';
import { userStatuses } from '../../api/vocabulary';
import { USER_STATUS_COLOR } from '../../components/StatusBadge';
import { formatNumber } from '../../lib/format';
import { useCounts } from './queries';

const COUNT_FIELD: Record<UserStatus, keyof StatusCounts> = {
  [UserStatus.Connected]: 'connected',
  [UserStatus.AccountErrors]: 'accountErrors',
  [UserStatus.Disabled]: 'disabled',
  [UserStatus.NoIntegrations]: 'noIntegrations',
};

interface StatusCountsBarProps {
  active?: UserStatus;
  onChange: (status?: UserStatus) => void;
  /** Without counts (a per-integration role may not count every user): status buttons only. */
  withCounts?: boolean;
}

/** "All 10,000 · Connected 9,312 · ...": each count is a one-click status filter. */
export function StatusCountsBar({ active, onChange, withCounts = true }: StatusCountsBarProps) {
  const { data: counts } = useCounts(withCounts);
  if (withCounts && !counts) return <Skeleton height={30} width={560} radius="md" />;

  const entries: { status?: UserStatus; label: string; count?: number; color: string }[] = [
    { label: 'All', count: counts?.total, color: 'indigo' },
    ...userStatuses.map(({ value: status, label }) => ({
      status,
      label,
      count: counts?.[COUNT_FIELD[status]],
      color: USER_STATUS_COLOR[status],
    })),
  ];

  return (
    <Group gap={6} role="group" aria-label="Filter by status">
      {entries.map(({ status, label, count, color }) => {
        const selected = active === status;
        return (
          <Button
            key={label}
            size="compact-sm"
            radius="xl"
            color={color}
            variant={selected ? 'light' : 'subtle'}
            aria-pressed={selected}
            // Clicking the active status again clears it.
            onClick={() => onChange(selected ? undefined : status)}
            styles={{ label: { gap: 6 } }}
          >
            <span style={{ color: selected ? undefined : 'var(--mantine-color-text)' }}>{label}</span>
            {count !== undefined && (
              <>
                {' '}
                <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(count)}</span>
              </>
            )}
          </Button>
        );
      })}
    </Group>
  );
}
