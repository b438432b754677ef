import { useQuery } from '@tanstack/react-query';
import { getInfo } from '../api/system';
import { queryKeys } from '../queryKeys';

/** The workspace (version, database, whether it is empty), which the console waits for. */
export const infoQuery = { queryKey: queryKeys.info, queryFn: getInfo };

export function useInfo() {
  return useQuery(infoQuery);
}
