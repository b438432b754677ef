import { describe, expect, it } from 'vitest';
import { actionLabel, diffChanges } from './format';
import { AuditAction } from '../../api/models';

describe('diffChanges', () => {
  it('lists only the keys whose values changed', () => {
    expect(
      diffChanges(
        { status: 'connected', reason: '', name: 'Ada' },
        { status: 'disabled', reason: 'Left', name: 'Ada' },
      ),
    ).toEqual([
      { key: 'status', before: 'connected', after: 'disabled' },
      { key: 'reason', before: '""', after: 'Left' },
    ]);
  });

  it('shows non-string values as JSON', () => {
    expect(diffChanges({ enabled: true }, { enabled: false })).toEqual([
      { key: 'enabled', before: 'true', after: 'false' },
    ]);
  });

  it('treats a missing side as empty', () => {
    expect(diffChanges(null, { users: 10000 })).toEqual([{ key: 'users', before: '(none)', after: '10000' }]);
    expect(diffChanges({ integration: 'Salesforce' }, null)).toEqual([
      { key: 'integration', before: 'Salesforce', after: '(none)' },
    ]);
  });

  it('compares nested values by content', () => {
    expect(diffChanges({ tags: ['a'] }, { tags: ['a'] })).toEqual([]);
    expect(diffChanges({ tags: ['a'] }, { tags: ['a', 'b'] })).toEqual([
      { key: 'tags', before: '["a"]', after: '["a","b"]' },
    ]);
  });

  it('handles snapshots that are not objects', () => {
    expect(diffChanges(1, 2)).toEqual([{ key: 'value', before: '1', after: '2' }]);
  });
});

describe('actionLabel', () => {
  it('has human labels for known actions and a readable fallback', () => {
    expect(actionLabel(AuditAction.UserDisable)).toBe('Disabled user');
    expect(actionLabel(AuditAction.ConnectionUninstall)).toBe('Uninstalled integration');
    // An entry written by a newer Roster, whose action this build does not list.
    expect(actionLabel('api_key.rotate' as AuditAction)).toBe('Api key rotate');
  });
});
