import * as IngestKeysAPI from '../../wailsjs/go/app/IngestKeys';
import { call } from './errors';
import type { IngestKey, NewIngestKey } from './models';

export function listIngestKeys(): Promise<IngestKey[]> {
  return call(() => IngestKeysAPI.List());
}

/** Makes a key; its secret is in the answer, and nowhere else ever. */
export function createIngestKey(name: string): Promise<NewIngestKey> {
  return call(() => IngestKeysAPI.Create(name));
}

export function revokeIngestKey(id: number): Promise<IngestKey> {
  return call(() => IngestKeysAPI.Revoke(id));
}
