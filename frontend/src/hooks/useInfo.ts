import { useQuery } from '@tanstack/react-query';
import { getInfo } from '../api/system';
import { queryKeys } from '../queryKeys';

export function useInfo() {
  return useQuery({ queryKey: queryKeys.info, queryFn: getInfo });
}
