import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ApiError } from './api/errors';
import { theme } from './theme';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data changes arrive as "roster:changed" events, so refetch on focus is not needed.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
        // Errors that retrying cannot fix are shown at once.
        retry: (failures, err) =>
          failures < 2 && !['invalid', 'not_found', 'forbidden', 'unauthenticated'].includes(err.code),
      },
    },
  });
}

interface ProvidersProps {
  client: QueryClient;
  children: ReactNode;
  /** "test" turns off transitions and portals. */
  env?: 'default' | 'test';
}

export function Providers({ client, children, env = 'default' }: ProvidersProps) {
  return (
    <QueryClientProvider client={client}>
      <MantineProvider theme={theme} defaultColorScheme="auto" env={env}>
        <Notifications position="bottom-right" />
        {children}
      </MantineProvider>
    </QueryClientProvider>
  );
}
