import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors';
import { listAudit } from './audit';
import { disableUser, listUsers } from './users';
import { AuditAction, UserStatus } from './models';

// These go through the generated wailsjs bindings to a stubbed window.go, as inside Wails.
function stubBinding(struct: string, method: string, impl: (...args: unknown[]) => Promise<unknown>) {
  const fn = vi.fn(impl);
  window.go = { app: { [struct]: { [method]: fn } } };
  return fn;
}

afterEach(() => {
  delete window.go;
});

describe('api wrappers', () => {
  it('send a complete list query, with the contract defaults for omitted fields', async () => {
    const page = { users: [], nextCursor: '', total: 0, totalCapped: false };
    const list = stubBinding('Users', 'List', () => Promise.resolve(page));
    await expect(listUsers({ search: 'ada', status: UserStatus.Disabled })).resolves.toBe(page);
    expect(list).toHaveBeenCalledWith({
      search: 'ada',
      status: 'disabled',
      integrationId: 0,
      createdFrom: '',
      createdTo: '',
      sort: 'created',
      order: 'desc',
      cursor: '',
      offset: 0,
      limit: 100,
    });
  });

  it('send a complete audit query; a filter left out is not sent (Go reads it as any)', async () => {
    const list = stubBinding('Audit', 'List', () => Promise.resolve({ entries: [], nextCursor: '' }));
    await listAudit({ action: AuditAction.UserDisable });
    expect(list.mock.calls[0]?.[0]).not.toHaveProperty('targetType');
    expect(list).toHaveBeenCalledWith({
      action: 'user.disable',
      actor: '',
      target: '',
      from: '',
      to: '',
      cursor: '',
      limit: 100,
    });
  });

  it('pass positional arguments and normalise rejections', async () => {
    const disable = stubBinding('Users', 'Disable', () =>
      Promise.reject(new Error('{"code":"conflict","message":"Already disabled"}')),
    );
    const err = await disableUser(3, 'why').catch((e: unknown) => e);
    expect(disable).toHaveBeenCalledWith(3, 'why');
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'conflict', message: 'Already disabled' });
  });
});
