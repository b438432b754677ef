import { useSyncExternalStore } from 'react';

// One shared timer keeps every relative time ("3 minutes ago") fresh without a timer per cell.
const TICK_MS = 30_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Re-renders the caller every 30 s; returns the tick's timestamp. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
