import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconMailOff, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { MailStatus } from '../../api/models';
import { formatNumber } from '../../lib/format';
import { NextAttempt } from './MailStatusCell';
import { useOutboxHealth, useRetryWaiting } from './queries';

type Problem = 'unconfigured' | 'unreachable' | 'failed';

function waiting(n: number): string {
  return n === 1 ? '1 e-mail is waiting' : `${formatNumber(n)} e-mails are waiting`;
}

interface MailBannerProps {
  onOpenOutbox: (status?: MailStatus) => void;
  onOpenSettings: () => void;
}

/**
 * Says when mail is stuck, above every page: no mail server, a server that
 * cannot be reached, mail given up on. Only for members who manage settings
 * (the outbox shows everyone's address). Each note can be dismissed for the
 * rest of the session.
 */
export function MailBanner({ onOpenOutbox, onOpenSettings }: MailBannerProps) {
  const health = useOutboxHealth();
  const retry = useRetryWaiting();
  const [dismissed, setDismissed] = useState<readonly Problem[]>([]);
  const h = health.data;
  if (!h) return null;
  const dismiss = (p: Problem) => setDismissed((d) => [...d, p]);
  const show = (p: Problem) => !dismissed.includes(p);

  const unconfigured = h.queued > 0 && !h.configured;
  const unreachable = !unconfigured && h.retrying > 0 && h.lastError !== '';
  const failed = h.failed > 0;
  if (
    !(unconfigured && show('unconfigured')) &&
    !(unreachable && show('unreachable')) &&
    !(failed && show('failed'))
  )
    return null;

  return (
    <Stack gap="xs" mb="md">
      {unconfigured && show('unconfigured') && (
        <Alert
          color="orange"
          icon={<IconMailOff size={18} />}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => dismiss('unconfigured')}
        >
          {waiting(h.queued)}: no mail server is set up.{' '}
          <Anchor component="button" type="button" inherit onClick={onOpenSettings}>
            Set one up in Settings.
          </Anchor>
        </Alert>
      )}
      {unreachable && show('unreachable') && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => dismiss('unreachable')}
        >
          <Group justify="space-between" wrap="nowrap" align="center">
            <Text size="sm">
              {waiting(h.queued)} because the mail server cannot be reached: {h.lastError.replace(/\.$/, '')}.
              {h.nextAttemptAt && (
                <>
                  {' '}
                  <NextAttempt at={h.nextAttemptAt} />.
                </>
              )}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Button size="xs" variant="default" onClick={() => onOpenOutbox()}>
                Open outbox
              </Button>
              <Button
                size="xs"
                variant="light"
                color="orange"
                leftSection={<IconSend size={14} />}
                loading={retry.isPending}
                onClick={() => retry.mutate()}
              >
                Retry now
              </Button>
            </Group>
          </Group>
        </Alert>
      )}
      {failed && show('failed') && (
        <Alert
          color="yellow"
          variant="light"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => dismiss('failed')}
          py="xs"
        >
          {h.failed === 1 ? '1 e-mail' : `${formatNumber(h.failed)} e-mails`} could not be delivered.{' '}
          <Anchor component="button" type="button" inherit onClick={() => onOpenOutbox(MailStatus.Failed)}>
            See {h.failed === 1 ? 'it' : 'them'} in the outbox
          </Anchor>
        </Alert>
      )}
    </Stack>
  );
}
