import type { QueryClient } from '@tanstack/react-query';
import { getAuthState } from '../../api/auth';
import type { Me } from '../../api/models';
import { queryKeys } from '../../queryKeys';

/** Who is signed in: the gate's query, also started as the page loads (preload.ts). */
export const authQuery = { queryKey: queryKeys.auth, queryFn: getAuthState };

/** A signed-in member: forget everything cached for the previous one. */
export function signedIn(client: QueryClient, me: Me) {
  setAuth(client, { needsSetup: false, signedIn: true, me, notice: '' });
}

/** Back to sign-in: forget everything cached for the member, keep why (shown above the form). */
export function signedOut(client: QueryClient, notice?: string) {
  setAuth(client, { needsSetup: false, signedIn: false, me: null, notice: notice ?? '' });
}

function setAuth(client: QueryClient, state: Awaited<ReturnType<typeof getAuthState>>) {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
  // A refetch started before this change (the backend's change signal refetches everything) would
  // otherwise land afterwards and undo it: signed out again right after signing in.
  void client.cancelQueries({ queryKey: queryKeys.auth });
  client.setQueryData(queryKeys.auth, state);
}
