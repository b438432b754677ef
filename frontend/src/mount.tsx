import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { QueryClient } from '@tanstack/react-query';
import { App } from './App';
import { Providers } from './Providers';

/** Renders the app into root, on the client the first calls went into (main.tsx). */
export function mount(root: HTMLElement, client: QueryClient) {
  createRoot(root).render(
    <StrictMode>
      <Providers client={client}>
        <App />
      </Providers>
    </StrictMode>,
  );
}
