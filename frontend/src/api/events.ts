import { EventsOn } from '../../wailsjs/runtime/runtime';
import type { MenuCommand } from './models';
import { events } from './vocabulary.gen';

/** Subscribes to the backend's change notifications (app.EventChanged); returns the unsubscribe function. */
export function onRosterChanged(listener: () => void): () => void {
  return EventsOn(events.changed, () => listener());
}

/** Subscribes to the desktop menu's commands (app.EventMenu); a browser never sends any. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return EventsOn(events.menu, (command: MenuCommand) => listener(command));
}
