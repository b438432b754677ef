import type { QueryClient } from '@tanstack/react-query';
import { getAuthState } from '../../api/auth';
import type { Me } from '../../api/models';
import { queryKeys } from '../../queryKeys';

/** Who is signed in: the gate's query, also started as the page loads (preload.ts). */
export const authQuery = { queryKey: queryKeys.auth, queryFn: getAuthState };

/** A signed-in member: forget everything cached for the previous one. */
export function signedIn(client: QueryClient, me: Me) {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
  client.setQueryData(queryKeys.auth, { needsSetup: false, signedIn: true, me, notice: '' });
}

/** Back to sign-in: forget everything cached for the member, keep why (shown above the form). */
export function signedOut(client: QueryClient, notice?: string) {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
  client.setQueryData(queryKeys.auth, { needsSetup: false, signedIn: false, me: null, notice: notice ?? '' });
}
