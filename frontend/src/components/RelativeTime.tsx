import { Text } from '@mantine/core';
import { LazyTooltip } from './LazyTooltip';
import { formatDate, formatDateTime, formatRelative } from '../lib/format';
import { useNow } from '../lib/useNow';

interface RelativeTimeProps {
  value: string | null | undefined;
  /** "relative" shows "3 minutes ago"; "date" shows "12 Mar 2026". The other forms are on hover. */
  display?: 'relative' | 'date';
  fallback?: string;
  /** A deadline: a future value reads "in 3 days" rather than "a few seconds ago". */
  future?: boolean;
}

export function RelativeTime({
  value,
  display = 'relative',
  fallback = 'Never',
  future = false,
}: RelativeTimeProps) {
  const now = useNow();
  if (!value) {
    return (
      <Text span inherit c="dimmed">
        {fallback}
      </Text>
    );
  }
  const relative = formatRelative(value, now, future);
  const exact = formatDateTime(value);
  return (
    <LazyTooltip label={display === 'date' ? `${exact} (${relative})` : exact} openDelay={300}>
      <Text inherit component="time" dateTime={value}>
        {display === 'date' ? formatDate(value) : relative}
      </Text>
    </LazyTooltip>
  );
}
