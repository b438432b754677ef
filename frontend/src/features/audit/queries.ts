import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { listAudit, listAuditActions } from '../../api/audit';
import type { AuditQuery, AuditTargetType } from '../../api/types';
import { dayRangeToInstants, EMPTY_RANGE, isRangeSet, type DayRange } from '../../lib/dateRange';
import { queryKeys } from '../../queryKeys';

const AUDIT_PAGE_SIZE = 100;

export interface AuditFilters {
  action: string;
  targetType: AuditTargetType | '';
  targetId: string;
  range: DayRange;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = {
  action: '',
  targetType: '',
  targetId: '',
  range: EMPTY_RANGE,
};

export function hasAuditFilters(f: AuditFilters): boolean {
  return f.action !== '' || f.targetType !== '' || f.targetId.trim() !== '' || isRangeSet(f.range);
}

export function buildAuditQuery(filters: AuditFilters): AuditQuery {
  const { from, to } = dayRangeToInstants(filters.range);
  return {
    action: filters.action,
    targetType: filters.targetType,
    targetId: filters.targetId.trim(),
    from,
    to,
    cursor: '',
    limit: AUDIT_PAGE_SIZE,
  };
}

export function useAuditList(query: AuditQuery) {
  return useInfiniteQuery({
    queryKey: queryKeys.auditList(query),
    queryFn: ({ pageParam }) => listAudit({ ...query, cursor: pageParam }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor || undefined,
    placeholderData: keepPreviousData,
  });
}

export function useAuditActions() {
  return useQuery({ queryKey: queryKeys.auditActions, queryFn: listAuditActions });
}
