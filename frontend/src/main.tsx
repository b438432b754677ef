import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';

import { installBridge } from './bridge/install';
import { currentRoute } from './lib/route';
import { preload } from './preload';
import { createQueryClient } from './queryClient';

// Inside Wails window.go already exists; in `roster serve` the bridge provides it over HTTP.
installBridge();

// The first calls start now; the app itself (React, Mantine, every page) is
// a chunk of its own, loaded and compiled meanwhile.
const client = createQueryClient();
preload(client, currentRoute());
const root = document.getElementById('root')!;
import('./mount').then(
  ({ mount }) => mount(root, client),
  (err: unknown) => {
    root.textContent = `Roster could not load: ${err instanceof Error ? err.message : String(err)}`;
  },
);
