import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ApiError } from '../../api/errors';
import { MailStatus, type Mail } from '../../api/models';
import { getOutboxHealth, listOutbox, retryMail, type OutboxQuery } from '../../api/outbox';
import { limits } from '../../api/vocabulary';
import { plural } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { queryKeys } from '../../queryKeys';

/**
 * How often the outbox is asked again. The sender does not announce what it
 * sent or gave up on (no roster:changed), so the views poll.
 */
export const OUTBOX_POLL_MS = 30_000;

export function outboxQuery(status: MailStatus | undefined): OutboxQuery {
  return { status, cursor: '', limit: limits.defaultPageSize };
}

export function useOutboxList(query: OutboxQuery) {
  return useInfiniteQuery({
    queryKey: queryKeys.outboxList(query),
    queryFn: ({ pageParam }) => listOutbox({ ...query, cursor: pageParam }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor || undefined,
    placeholderData: keepPreviousData,
    refetchInterval: OUTBOX_POLL_MS,
  });
}

/** The outbox at a glance: polled, and refetched on every roster:changed like every query. */
export function useOutboxHealth() {
  return useQuery({
    queryKey: queryKeys.outboxHealth,
    queryFn: getOutboxHealth,
    refetchInterval: OUTBOX_POLL_MS,
  });
}

function useRefreshOutbox() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.outbox });
    void queryClient.invalidateQueries({ queryKey: queryKeys.audit });
  };
}

/** Retry now for one mail. */
export function useRetryMail() {
  const refresh = useRefreshOutbox();
  return useMutation<Mail, ApiError, Mail>({
    mutationFn: (mail) => retryMail(mail.id),
    onSuccess: (_, mail) => notifySuccess(`Sending “${mail.subject}” to ${mail.recipient} now`),
    onError: notifyError,
    onSettled: refresh,
  });
}

export interface RetriedWaiting {
  retried: number;
  /** More mail was waiting than one page: the rest keeps its own schedule. */
  more: boolean;
}

/**
 * Retry now for the mail waiting on a retry: each one on the outbox's first
 * page of retrying mail (Go has no "retry all"; each retry is audited).
 */
export function useRetryWaiting() {
  const refresh = useRefreshOutbox();
  return useMutation<RetriedWaiting, ApiError, void>({
    mutationFn: async () => {
      const page = await listOutbox(outboxQuery(MailStatus.Retrying));
      const waiting = page.mails.filter((m) => m.retryable);
      for (const mail of waiting) await retryMail(mail.id);
      return { retried: waiting.length, more: page.nextCursor !== '' };
    },
    onSuccess: ({ retried, more }) =>
      notifySuccess(
        retried === 0
          ? 'Nothing is waiting on a retry any more'
          : `Trying ${plural(retried, 'e-mail')} again now${more ? ' (the newest; the others keep their schedule)' : ''}`,
      ),
    onError: notifyError,
    onSettled: refresh,
  });
}
