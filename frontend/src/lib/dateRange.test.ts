import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { dayRangeToInstants } from './dateRange';

describe('dayRangeToInstants', () => {
  it('spans local midnight of the first day to local midnight after the last', () => {
    const { from, to } = dayRangeToInstants(['2026-03-01', '2026-03-03']);
    expect(from).toBe(new Date(2026, 2, 1).toISOString());
    expect(to).toBe(new Date(2026, 2, 4).toISOString());
    expect(dayjs(to).diff(dayjs(from), 'day')).toBe(3);
  });

  it('covers a whole single day', () => {
    const { from, to } = dayRangeToInstants(['2026-03-01', '2026-03-01']);
    expect(to).toBe(new Date(2026, 2, 2).toISOString());
    expect(from).toBe(new Date(2026, 2, 1).toISOString());
  });

  it('ignores an incomplete range', () => {
    expect(dayRangeToInstants(['2026-03-01', null])).toEqual({ from: '', to: '' });
    expect(dayRangeToInstants([null, null])).toEqual({ from: '', to: '' });
  });
});
