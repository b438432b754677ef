import { useQuery } from '@tanstack/react-query';
import { getInfo } from '../api/system';
import type { Info, Permission } from '../api/types';
import { queryKeys } from '../queryKeys';

export function useInfo() {
  return useQuery({ queryKey: queryKeys.info, queryFn: getInfo });
}

/** Whether the actor may do something. The backend enforces it too; this only hides UI. */
export function useCan(permission: Permission): boolean {
  const { data } = useInfo();
  return can(data, permission);
}

export function can(info: Info | undefined, permission: Permission): boolean {
  return info?.permissions.includes(permission) ?? false;
}
