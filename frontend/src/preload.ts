import type { QueryClient } from '@tanstack/react-query';
import { Permission, type Me } from './api/models';
import { authQuery } from './features/auth/session';
import { prefetchUsersPage } from './features/users/queries';
import { has } from './hooks/useMe';
import { infoQuery } from './hooks/useInfo';
import { defaultRoute, type Route } from './lib/route';

/**
 * Asks for what the console's first screen shows, for a signed-in member on
 * the view the address names, so that it does not wait for the console to
 * render before asking.
 */
export function prefetchConsole(client: QueryClient, me: Me, route: Route) {
  void client.prefetchQuery(infoQuery);
  if (!has(me, Permission.UsersView)) return;
  const users = route.page === 'users' ? route : defaultRoute('users');
  prefetchUsersPage(client, me, users.filters, users.sort);
}

/**
 * Starts the first calls as the page loads, while the browser still loads and
 * compiles the app (mount.tsx, a chunk of its own): who is signed in, then
 * that member's first screen. By the first render they are usually answered,
 * and the console renders once, rows included. A failure is the gate's to
 * show: it asks again as it mounts.
 */
export function preload(client: QueryClient, route: Route) {
  client.fetchQuery(authQuery).then(
    (auth) => auth.signedIn && auth.me && prefetchConsole(client, auth.me, route),
    () => undefined,
  );
}
