import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/errors';
import { ErrorCode } from './api/models';
import { signedOut } from './features/auth/session';

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
