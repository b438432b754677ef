import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { listAudit, type AuditQuery } from '../../api/audit';
import type { AuditAction, TargetType } from '../../api/models';
import { limits } from '../../api/vocabulary';
import { dayRangeToInstants, EMPTY_RANGE, isRangeSet, type DayRange } from '../../lib/dateRange';
import { queryKeys } from '../../queryKeys';

export interface AuditFilters {
  action?: AuditAction;
  targetType?: TargetType;
  targetId: string;
  range: DayRange;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = {
  targetId: '',
  range: EMPTY_RANGE,
};

export function hasAuditFilters(f: AuditFilters): boolean {
  return (
    f.action !== undefined || f.targetType !== undefined || f.targetId.trim() !== '' || isRangeSet(f.range)
  );
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
    limit: limits.defaultPageSize,
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
