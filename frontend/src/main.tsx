import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installBridge } from './bridge/install';
import { createQueryClient, Providers } from './Providers';

// Inside Wails window.go already exists; in `roster serve` the bridge provides it over HTTP.
installBridge();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers client={createQueryClient()}>
      <App />
    </Providers>
  </StrictMode>,
);
