import { describe, expect, it } from 'vitest';
import { buildUsersQuery, DEFAULT_SORT, EMPTY_FILTERS, isShortSearch } from './queries';

describe('short searches', () => {
  it.each([
    ['', false],
    ['a', true],
    [' an ', true],
    ['ó_', true],
    ['ann', false],
  ])('%j is short: %s', (search, short) => {
    expect(isShortSearch(search)).toBe(short);
  });

  it('leaves a search Go would refuse out of the query', () => {
    expect(buildUsersQuery({ ...EMPTY_FILTERS, search: 'an' }, DEFAULT_SORT).search).toBe('');
    expect(buildUsersQuery({ ...EMPTY_FILTERS, search: ' ann ' }, DEFAULT_SORT).search).toBe('ann');
  });
});
