import { createContext, useContext } from 'react';
import { Permission, type Me } from '../api/models';
import { isScoped } from '../api/vocabulary';

const MeContext = createContext<Me | null>(null);

/** The signed-in member, provided once by the console (AuthGate refreshes it on every change). */
export const MeProvider = MeContext.Provider;

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe: no signed-in member above this component');
  return me;
}

/** Whether a member holds a permission. Go enforces it on every call; this only hides UI. */
export function has(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

/** Whether the signed-in member holds a permission. */
export function useCan(permission: Permission): boolean {
  return has(useMe(), permission);
}

/** Disabling a user stops every integration of theirs: beyond a per-integration role (Go refuses it). */
export function useCanDisableUsers(): boolean {
  const me = useMe();
  return has(me, Permission.UsersManage) && !isScoped(me.role);
}
