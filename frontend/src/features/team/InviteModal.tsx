import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { Role, type InviteResult, type Me } from '../../api/models';
import { plural } from '../../lib/format';
import { invalidAddresses, InviteReport } from './InviteReport';
import { useInvite } from './queries';
import { RoleFields, type RoleValue } from './RoleFields';
import { isScoped } from '../../api/vocabulary';

interface InviteModalProps {
  me: Me;
  opened: boolean;
  onClose: () => void;
  onInvited: (result: InviteResult) => void;
}

export function InviteModal({ me, opened, onClose, onInvited }: InviteModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Invite members" size="lg" centered>
      {/* Remounted on each opening so the form starts empty. */}
      {opened && <InviteForm me={me} onClose={onClose} onInvited={onInvited} />}
    </Modal>
  );
}

/** The addresses as Go will read them (commas, semicolons, spaces, new lines), for the live count. */
export function splitAddresses(raw: string): string[] {
  const seen = new Set<string>();
  for (const part of raw.split(/[\s,;]+/)) {
    if (part) seen.add(part.toLowerCase());
  }
  return [...seen];
}

function InviteForm({ me, onClose, onInvited }: Omit<InviteModalProps, 'opened'>) {
  const [emails, setEmails] = useState('');
  const [role, setRole] = useState<RoleValue>({
    role: me.grantable.includes(Role.MonitorAll) ? Role.MonitorAll : (me.grantable.at(-1) ?? null),
    integrations: [],
  });
  // What the last try did, while some of its addresses wait here to be corrected.
  const [report, setReport] = useState<InviteResult | null>(null);
  const invite = useInvite();
  const fieldError = (field: string) => (invite.error?.field === field ? invite.error.message : undefined);
  const count = splitAddresses(emails).length;
  const ready = count > 0 && role.role !== null && (!isScoped(role.role) || role.integrations.length > 0);
  const invalid = report ? invalidAddresses(report) : [];

  const submit = () => {
    if (!role.role) return;
    invite.mutate(
      { emails, role: role.role, integrations: role.integrations },
      {
        onSuccess: (result) => {
          const failed = invalidAddresses(result);
          if (failed.length === 0) {
            onInvited(result);
            return;
          }
          // The good addresses went; only the ones to correct stay in the field.
          setReport(result);
          setEmails(failed.join(', '));
        },
      },
    );
  };

  return (
    <Stack>
      {report && <InviteReport result={report} />}
      <Textarea
        label="E-mail addresses"
        description={
          count > 0
            ? `${plural(count, 'address', 'addresses')}`
            : 'Separate addresses with commas, spaces or new lines.'
        }
        placeholder={'ada@example.com, grace@example.com'}
        value={emails}
        onChange={(e) => setEmails(e.currentTarget.value)}
        autosize
        minRows={3}
        maxRows={8}
        error={
          fieldError('emails') ??
          (invalid.length > 0 && emails.trim() !== ''
            ? `Not sent: ${invalid.length === 1 ? 'this is not an e-mail address' : 'these are not e-mail addresses'}. Correct and invite again.`
            : undefined)
        }
        data-autofocus
      />
      <RoleFields
        me={me}
        value={role}
        onChange={setRole}
        roleError={fieldError('role')}
        integrationsError={fieldError('integrations')}
      />
      <Text size="xs" c="dimmed">
        Each invitee gets a one-time code by e-mail (or you copy it, if e-mail is not set up in Settings).
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {report && report.invited.length > 0 ? 'Close' : 'Cancel'}
        </Button>
        <Button onClick={submit} loading={invite.isPending} disabled={!ready}>
          {count > 1 ? `Invite ${count} people` : 'Invite'}
        </Button>
      </Group>
    </Stack>
  );
}
