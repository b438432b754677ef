import * as Events from '../../wailsjs/go/app/Events';
import { call } from './errors';
import type { ImportReport } from './models';

/**
 * Applies a file of events (JSON Lines) and reports what became of them:
 * counts, and the rejected lines with their reasons.
 */
export function importEvents(name: string, content: string): Promise<ImportReport> {
  return call(() => Events.Import(name, content));
}
