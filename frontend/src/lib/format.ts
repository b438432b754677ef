import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

// The UI copy is English, so numbers use English separators whatever the OS locale.
const numberFormat = new Intl.NumberFormat('en-US');

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/**
 * "3 minutes ago". A past event slightly ahead of this machine's clock reads
 * "a few seconds ago", not "in ..."; deadlines (future) read "in 7 days".
 */
export function formatRelative(iso: string, now: number = Date.now(), future = false): string {
  const time = dayjs(iso);
  const current = dayjs(now);
  return (time.isAfter(current) && !future ? current : time).from(current);
}

export function formatDate(iso: string): string {
  return dayjs(iso).format('D MMM YYYY');
}

export function formatDateTime(iso: string): string {
  return dayjs(iso).format('D MMM YYYY, HH:mm:ss');
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : pluralForm}`;
}
