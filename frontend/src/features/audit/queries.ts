import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { listAudit, listAuditActors, type AuditQuery } from '../../api/audit';
import type { AuditAction, TargetType } from '../../api/models';
import { limits } from '../../api/vocabulary';
import { dayRangeToInstants, EMPTY_RANGE, isRangeSet, type DayRange } from '../../lib/dateRange';
import { queryKeys } from '../../queryKeys';

export interface AuditFilters {
  action?: AuditAction;
  targetType?: TargetType;
  /** An actor's id, as the log records it. */
  actor?: string;
  /** A connected user's external id or a member's e-mail. */
  target: string;
  range: DayRange;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = {
  target: '',
  range: EMPTY_RANGE,
};

export function hasAuditFilters(f: AuditFilters): boolean {
  return (
    f.action !== undefined ||
    f.targetType !== undefined ||
    f.actor !== undefined ||
    f.target.trim() !== '' ||
    isRangeSet(f.range)
  );
}

export function buildAuditQuery(filters: AuditFilters): AuditQuery {
  const { from, to } = dayRangeToInstants(filters.range);
  return {
    action: filters.action,
    targetType: filters.targetType,
    actor: filters.actor ?? '',
    target: filters.target.trim(),
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

export function useAuditActors() {
  return useQuery({ queryKey: queryKeys.auditActors, queryFn: listAuditActors });
}
