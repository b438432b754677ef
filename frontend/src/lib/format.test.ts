import { describe, expect, it } from 'vitest';
import { formatNumber, formatRelative, plural } from './format';

const now = Date.parse('2026-03-20T12:00:00Z');

describe('format', () => {
  it('separates thousands', () => {
    expect(formatNumber(10000)).toBe('10,000');
    expect(formatNumber(9312)).toBe('9,312');
    expect(plural(1, 'user')).toBe('1 user');
    expect(plural(12345, 'user')).toBe('12,345 users');
  });

  it('describes past times relative to now', () => {
    expect(formatRelative('2026-03-20T11:57:00Z', now)).toBe('3 minutes ago');
    expect(formatRelative('2026-03-18T12:00:00Z', now)).toBe('2 days ago');
  });

  it('does not put a time slightly ahead of the local clock in the future', () => {
    expect(formatRelative('2026-03-20T12:00:20Z', now)).toBe('a few seconds ago');
  });
});
