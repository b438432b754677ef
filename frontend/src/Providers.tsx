import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from './api/errors';
import { ErrorCode } from './api/models';
import { signedOut } from './features/auth/AuthGate';
import { colorSchemeManager, theme } from './theme';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

export function createQueryClient(): QueryClient {
  // A call refused for want of a session (idle timeout, member turned off,
  // signed out elsewhere) sends the window back to sign-in, saying why.
  const onError = (err: unknown) => {
    if (err instanceof ApiError && err.code === ErrorCode.Unauthenticated) signedOut(client, err.message);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Data changes arrive as "roster:changed" events, so refetch on focus is not needed.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
        // Errors that retrying cannot fix are shown at once.
        retry: (failures, err) =>
          failures < 2 &&
          ![
            ErrorCode.Invalid,
            ErrorCode.NotFound,
            ErrorCode.Forbidden,
            ErrorCode.Unauthenticated,
            ErrorCode.RateLimited,
          ].includes(err.code),
      },
    },
  });
  return client;
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
      <MantineProvider
        theme={theme}
        colorSchemeManager={colorSchemeManager}
        defaultColorScheme="auto"
        env={env}
      >
        <Notifications position="bottom-right" />
        {children}
      </MantineProvider>
    </QueryClientProvider>
  );
}
