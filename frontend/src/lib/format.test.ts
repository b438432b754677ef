import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, formatRelative, plural } from './format';

const now = Date.parse('2026-03-20T12:00:00Z');

describe('format', () => {
  it('separates thousands', () => {
    expect(formatNumber(10000)).toBe('10,000');
    expect(formatNumber(9312)).toBe('9,312');
    expect(plural(1, 'user')).toBe('1 user');
    expect(plural(12345, 'user')).toBe('12,345 users');
  });

  it.each([
    0,
    7,
    999,
    1000,
    9312,
    12345,
    999999,
    1000000,
    1234567,
    2 ** 40,
    -1,
    -1234567,
    1.5,
    2.3456,
    1234.5678,
    -0.0004,
  ])('writes %s as Intl.NumberFormat does in English', (n) => {
    expect(formatNumber(n)).toBe(new Intl.NumberFormat('en-US').format(n));
  });

  it('describes past times relative to now', () => {
    expect(formatRelative('2026-03-20T11:57:00Z', now)).toBe('3 minutes ago');
    expect(formatRelative('2026-03-18T12:00:00Z', now)).toBe('2 days ago');
  });

  it('does not put a time slightly ahead of the local clock in the future', () => {
    expect(formatRelative('2026-03-20T12:00:20Z', now)).toBe('a few seconds ago');
  });

  it('reads durations in the largest sensible unit', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(999)).toBe('999 ms');
    expect(formatDuration(1000)).toBe('1 s');
    expect(formatDuration(1200)).toBe('1.2 s');
    expect(formatDuration(1840)).toBe('1.8 s');
    expect(formatDuration(59_940)).toBe('59.9 s');
    expect(formatDuration(59_960)).toBe('1 min');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_599_400)).toBe('59 min 59 s');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(3_780_000)).toBe('1 h 3 min');
  });
});
