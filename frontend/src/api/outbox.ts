import * as OutboxAPI from '../../wailsjs/go/app/Outbox';
import { call } from './errors';
import type { Mail, MailHealth, MailPage, OutboxListInput } from './models';
import { limits } from './vocabulary.gen';

/** An outbox request: the status left out matches any. */
export type OutboxQuery = Partial<OutboxListInput>;

// The contract's defaults for the fields the binding requires.
const LIST_DEFAULTS = {
  cursor: '',
  limit: limits.defaultPageSize,
} satisfies Omit<OutboxListInput, 'status'>;

export function listOutbox(query: OutboxQuery): Promise<MailPage> {
  return call(() => OutboxAPI.List({ ...LIST_DEFAULTS, ...query }));
}

export function getOutboxHealth(): Promise<MailHealth> {
  return call(() => OutboxAPI.Health());
}

export function retryMail(id: number): Promise<Mail> {
  return call(() => OutboxAPI.Retry(id));
}

/** Sends every waiting mail now; resolves with how many. */
export function retryAllMail(): Promise<number> {
  return call(() => OutboxAPI.RetryAll());
}
