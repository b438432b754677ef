import { Badge, Stack, Text } from '@mantine/core';
import { MailStatus, type Mail } from '../../api/models';
import { labelOf, mailStatuses } from '../../api/vocabulary';
import { RelativeTime } from '../../components/RelativeTime';
import { useNow } from '../../lib/useNow';

export const MAIL_STATUS_COLOR: Record<MailStatus, string> = {
  [MailStatus.Queued]: 'gray',
  [MailStatus.Sending]: 'blue',
  [MailStatus.Retrying]: 'orange',
  [MailStatus.Sent]: 'green',
  [MailStatus.Failed]: 'red',
  [MailStatus.Cancelled]: 'gray',
};

export function MailStatusBadge({ status }: { status: MailStatus }) {
  return (
    <Badge color={MAIL_STATUS_COLOR[status]} variant="light" tt="none">
      {labelOf(mailStatuses, status)}
    </Badge>
  );
}

/** "Next attempt in 3 minutes", or "any moment now" once that time has come. */
export function NextAttempt({ at, prefix = 'Next attempt' }: { at: string; prefix?: string }) {
  const now = useNow();
  if (Date.parse(at) <= now) return <>{prefix} any moment now</>;
  return (
    <>
      {prefix} <RelativeTime value={at} future />
    </>
  );
}

/** The badge, and under it when the mail moves next or moved last. */
export function MailStatusCell({ mail }: { mail: Mail }) {
  let detail = null;
  if (mail.status === MailStatus.Retrying && mail.nextAttemptAt) {
    detail = <NextAttempt at={mail.nextAttemptAt} prefix="next attempt" />;
  } else if (mail.status === MailStatus.Sent && mail.sentAt) {
    detail = <RelativeTime value={mail.sentAt} />;
  } else if (mail.status === MailStatus.Failed && mail.failedAt) {
    detail = <RelativeTime value={mail.failedAt} />;
  }
  return (
    <Stack gap={2} align="flex-start">
      <MailStatusBadge status={mail.status} />
      {detail && (
        <Text size="xs" c="dimmed" lineClamp={2} lh={1.2}>
          {detail}
        </Text>
      )}
    </Stack>
  );
}
