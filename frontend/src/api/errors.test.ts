import { describe, expect, it } from 'vitest';
import { ApiError, call, errorMessage, normaliseError } from './errors';
import { ErrorCode } from './models';

describe('normaliseError', () => {
  it('parses the JSON the Go error formatter puts in Error.message', () => {
    const err = normaliseError(
      new Error(JSON.stringify({ code: 'invalid', message: 'Reason is too long', field: 'reason' })),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'invalid', message: 'Reason is too long', field: 'reason' });
  });

  it('leaves field undefined when the backend sends none', () => {
    const err = normaliseError(new Error('{"code":"not_found","message":"No such user"}'));
    expect(err).toMatchObject({ code: 'not_found', message: 'No such user' });
    expect(err.field).toBeUndefined();
  });

  it('treats a message that is not JSON as an internal error', () => {
    expect(normaliseError(new Error('database is locked'))).toMatchObject({
      code: 'internal',
      message: 'database is locked',
    });
  });

  it('treats JSON of another shape or an unknown code as internal', () => {
    expect(normaliseError(new Error('[1,2]'))).toMatchObject({ code: 'internal', message: '[1,2]' });
    expect(normaliseError(new Error('{"code":"teapot","message":"short and stout"}'))).toMatchObject({
      code: 'internal',
      message: 'short and stout',
    });
  });

  it('accepts a rejected string or payload object', () => {
    expect(normaliseError('{"code":"conflict","message":"Re-enable first"}')).toMatchObject({
      code: 'conflict',
    });
    expect(normaliseError({ code: 'forbidden', message: 'Not allowed' })).toMatchObject({
      code: 'forbidden',
      message: 'Not allowed',
    });
  });

  it('returns an ApiError unchanged', () => {
    const err = new ApiError(ErrorCode.Conflict, 'x');
    expect(normaliseError(err)).toBe(err);
  });
});

describe('call', () => {
  it('resolves the binding result', async () => {
    await expect(call(() => Promise.resolve(42))).resolves.toBe(42);
  });

  it('rejects with a normalised ApiError', async () => {
    const rejection = call(() => Promise.reject(new Error('{"code":"forbidden","message":"No"}')));
    await expect(rejection).rejects.toBeInstanceOf(ApiError);
    await expect(rejection).rejects.toMatchObject({ code: 'forbidden', message: 'No' });
  });

  it('also catches a binding that throws synchronously', async () => {
    await expect(
      call(() => {
        throw new TypeError('window.go is undefined');
      }),
    ).rejects.toMatchObject({ code: 'internal', message: 'window.go is undefined' });
  });
});

describe('errorMessage', () => {
  it("shows the backend's message, which says what to do", () => {
    expect(errorMessage(new ApiError(ErrorCode.Unauthenticated, 'Sign in to continue.'))).toBe(
      'Sign in to continue.',
    );
    expect(errorMessage(new ApiError(ErrorCode.Conflict, 'Re-enable first'))).toBe('Re-enable first');
  });
});
