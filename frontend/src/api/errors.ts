import { ErrorCode } from './models';

const CODES: readonly string[] = Object.values(ErrorCode);

function isCode(code: string): code is ErrorCode {
  return CODES.includes(code);
}

/** Every rejection from src/api is one of these; the codes are Go's (domain.Code). */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }
}

function fromPayload(value: unknown): ApiError | null {
  if (typeof value !== 'object' || value === null) return null;
  const { code, message, field } = value as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  return new ApiError(
    isCode(code) ? code : ErrorCode.Internal,
    message,
    typeof field === 'string' && field !== '' ? field : undefined,
  );
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Turns whatever a binding rejected with into an ApiError. The Go side
 * formats errors as a JSON string inside Error.message; anything else is
 * treated as an internal error carrying the raw text.
 */
export function normaliseError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const text = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const parsed = text ? fromPayload(parseJSON(text)) : fromPayload(err);
  if (parsed) return parsed;
  return new ApiError(ErrorCode.Internal, text || 'Unexpected error');
}

/**
 * Runs a binding call and normalises any rejection. The result keeps the
 * binding's own (generated) type: nothing is cast.
 */
export async function call<T>(invoke: () => Promise<T>): Promise<T> {
  try {
    return await invoke();
  } catch (err) {
    throw normaliseError(err);
  }
}

/** The message to show a person for an error. */
export function errorMessage(err: unknown): string {
  return normaliseError(err).message;
}
