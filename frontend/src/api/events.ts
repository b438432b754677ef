import { EventsOn } from '../../wailsjs/runtime/runtime';
import type { ChangedEvent } from './types';

const CHANGED_EVENT = 'roster:changed';

/** Subscribes to backend change notifications; returns the unsubscribe function. */
export function onRosterChanged(listener: (event: ChangedEvent) => void): () => void {
  return EventsOn(CHANGED_EVENT, (payload?: ChangedEvent) => listener(payload ?? { what: [] }));
}
