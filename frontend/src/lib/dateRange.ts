import dayjs from 'dayjs';

/** A DatePickerInput type="range" value: local calendar days as "YYYY-MM-DD". */
export type DayRange = [string | null, string | null];

export const EMPTY_RANGE: DayRange = [null, null];

/**
 * Converts a picked day range to the API's half-open instant range:
 * local start of the first day (inclusive) to local start of the day after the last (exclusive).
 * A half-picked range is ignored until both ends are chosen.
 */
export function dayRangeToInstants([first, last]: DayRange): { from: string; to: string } {
  if (!first || !last) return { from: '', to: '' };
  return {
    from: dayjs(first).startOf('day').toISOString(),
    to: dayjs(last).add(1, 'day').startOf('day').toISOString(),
  };
}

export function isRangeSet([first, last]: DayRange): boolean {
  return first !== null || last !== null;
}
