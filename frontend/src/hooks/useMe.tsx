import { createContext, useContext } from 'react';
import type { Me, Permission } from '../api/types';
import { isScoped } from '../features/team/roles';

const MeContext = createContext<Me | null>(null);

/** The signed-in member, provided once by the console (AuthGate refreshes it on every change). */
export const MeProvider = MeContext.Provider;

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe: no signed-in member above this component');
  return me;
}

/** Whether the signed-in member may do something. Go enforces it on every call; this only hides UI. */
export function useCan(permission: Permission): boolean {
  return useMe().permissions.includes(permission);
}

/** Disabling a user stops every integration of theirs: beyond a per-integration role (Go refuses it). */
export function useCanDisableUsers(): boolean {
  const me = useMe();
  return me.permissions.includes('users.manage') && !isScoped(me.role);
}
