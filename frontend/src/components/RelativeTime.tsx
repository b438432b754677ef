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

/**
 * A time, in the text around it. Tables show two a row: plain elements, and
 * the hover's other forms formatted only when it is hovered.
 */
export function RelativeTime({
  value,
  display = 'relative',
  fallback = 'Never',
  future = false,
}: RelativeTimeProps) {
  const now = useNow();
  if (!value) return <span style={{ color: 'var(--mantine-color-dimmed)' }}>{fallback}</span>;
  const relative = () => formatRelative(value, now, future);
  return (
    <LazyTooltip
      label={() => (display === 'date' ? `${formatDateTime(value)} (${relative()})` : formatDateTime(value))}
      openDelay={300}
    >
      <time dateTime={value}>{display === 'date' ? formatDate(value) : relative()}</time>
    </LazyTooltip>
  );
}
