import { EventsOn } from '../../wailsjs/runtime/runtime';

// app.EventChanged: Go emits it after every change.
const CHANGED_EVENT = 'roster:changed';

/** Subscribes to the backend's change notifications; returns the unsubscribe function. */
export function onRosterChanged(listener: () => void): () => void {
  return EventsOn(CHANGED_EVENT, () => listener());
}
