import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

/**
 * 1234567.891 → "1,234,567.891": English separators whatever the OS locale,
 * as the UI copy is English; up to three decimals, as Intl.NumberFormat
 * writes them. Not Intl.NumberFormat itself: building one loads ICU's
 * locale data, 25-50 ms of a new page's main thread on the way to the first
 * screen (Chromium, this project's CI machine).
 */
export function formatNumber(value: number): string {
  const [int, frac] = String(Math.round(Math.abs(value) * 1000) / 1000).split('.');
  return (value < 0 ? '-' : '') + int.replace(/\B(?=(\d{3})+$)/g, ',') + (frac ? `.${frac}` : '');
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

/**
 * The exact time in this machine's zone with its UTC offset, for a record
 * that must read the same pasted into a report: "2026-12-04 14:03:12 UTC+01:00".
 */
export function formatExactTime(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm:ss [UTC]Z');
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : pluralForm}`;
}

/** Time left, rounded up: "4 s", "3 min". */
export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.ceil(s / 60)} min`;
}

/** A file size as people read it: "512 B", "3.4 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/**
 * A run's duration as people read it: "850 ms", "1.2 s", "2 min 5 s",
 * "1 h 3 min".
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  // Tenths of a second below a minute; 59.96 s rounds up to "1 min".
  if (ms < 59_950) return `${(Math.round(ms / 100) / 10).toString()} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return s === 0 ? `${m} min` : `${m} min ${s} s`;
  }
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${formatNumber(h)} h` : `${formatNumber(h)} h ${m} min`;
}
