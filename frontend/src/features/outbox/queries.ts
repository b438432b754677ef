import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ApiError } from '../../api/errors';
import { MailStatus, type Mail } from '../../api/models';
import { getOutboxHealth, listOutbox, retryAllMail, retryMail, type OutboxQuery } from '../../api/outbox';
import { limits } from '../../api/vocabulary';
import { plural } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { queryKeys } from '../../queryKeys';

/**
 * How often the outbox is asked again, besides every roster:changed (which
 * follows the sender's writes within seconds): a backstop.
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

/** Retry now for every waiting mail (one call: Go makes them due and audits it once). */
export function useRetryWaiting() {
  const refresh = useRefreshOutbox();
  return useMutation<number, ApiError, void>({
    mutationFn: retryAllMail,
    onSuccess: (retried) =>
      notifySuccess(
        retried === 0 ? 'Nothing is waiting any more' : `Trying ${plural(retried, 'e-mail')} again now`,
      ),
    onError: notifyError,
    onSettled: refresh,
  });
}
