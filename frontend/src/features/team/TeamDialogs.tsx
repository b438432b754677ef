import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Invitation, InviteResult, Me, Member } from '../../api/models';
import { plural } from '../../lib/format';
import { useRetained } from '../../lib/useRetained';
import { InvitationCodes } from './InvitationCodes';
import { InviteReport } from './InviteReport';
import type { MemberAction } from './MemberMenu';
import { useChangeRole, useNewCode, useRemove, useRevoke, useTransferOwnership, who } from './queries';
import { RoleFields, type RoleValue } from './RoleFields';
import { isScoped, roleOf } from '../../api/vocabulary';

/** What Invite did with each address, and the codes to copy when there is no e-mail. */
export function InviteResultModal({ result, onClose }: { result: InviteResult | null; onClose: () => void }) {
  const shown = useRetained(result);
  const n = shown?.invited.length ?? 0;
  return (
    <Modal
      opened={result !== null}
      onClose={onClose}
      title={n === 0 ? 'Nobody new to invite' : `${plural(n, 'invitation')} made`}
      size="lg"
      centered
    >
      {shown && (
        <Stack>
          <InviteReport result={shown} />
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

export interface MemberDialog {
  action: MemberAction;
  member: Member;
}

/** The dialogs behind the ⋯ menu's entries that need a confirmation or a form. */
export function MemberDialogs({
  me,
  dialog,
  onClose,
}: {
  me: Me;
  dialog: MemberDialog | null;
  onClose: () => void;
}) {
  const shown = useRetained(dialog);
  const action = dialog?.action;
  const key = shown ? `${shown.action}-${shown.member.id}` : '';
  return (
    <>
      <Modal opened={action === 'changeRole'} onClose={onClose} title="Change role" centered>
        {shown?.action === 'changeRole' && (
          <ChangeRoleForm key={key} me={me} member={shown.member} onClose={onClose} />
        )}
      </Modal>
      <Modal opened={action === 'newCode'} onClose={onClose} title="Invitation code" size="lg" centered>
        {shown?.action === 'newCode' && <NewCodeForm key={key} member={shown.member} onClose={onClose} />}
      </Modal>
      <Modal
        opened={action === 'revoke' || action === 'remove' || action === 'transfer'}
        onClose={onClose}
        title={shown ? CONFIRM[shown.action]?.title : ''}
        centered
      >
        {shown && CONFIRM[shown.action] && <ConfirmForm key={key} dialog={shown} onClose={onClose} />}
      </Modal>
    </>
  );
}

function ChangeRoleForm({ me, member, onClose }: { me: Me; member: Member; onClose: () => void }) {
  const [value, setValue] = useState<RoleValue>({
    role: member.role,
    integrations: member.integrations.map((i) => i.id),
  });
  const change = useChangeRole();
  const fieldError = (field: string) => (change.error?.field === field ? change.error.message : undefined);
  const ready = value.role !== null && (!isScoped(value.role) || value.integrations.length > 0);
  return (
    <Stack>
      <Text size="sm">
        {who(member)} ({member.email}) is {roleOf(member.role).label}. A new role applies at their next click.
      </Text>
      <RoleFields
        me={me}
        value={value}
        onChange={setValue}
        roleError={fieldError('role')}
        integrationsError={fieldError('integrations')}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          disabled={!ready}
          loading={change.isPending}
          onClick={() =>
            value.role &&
            change.mutate(
              {
                memberId: member.id,
                version: member.version,
                role: value.role,
                integrations: value.integrations,
              },
              { onSuccess: onClose },
            )
          }
        >
          Save role
        </Button>
      </Group>
    </Stack>
  );
}

function NewCodeForm({ member, onClose }: { member: Member; onClose: () => void }) {
  const newCode = useNewCode();
  const [made, setMade] = useState<Invitation | null>(null);
  if (made) {
    return (
      <Stack>
        <InvitationCodes invitations={[made]} />
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack>
      <Text size="sm">
        Roster keeps only a fingerprint of each code, so copying means making a new one for {member.email}.
        The code and link sent before stop working.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button loading={newCode.isPending} onClick={() => newCode.mutate(member, { onSuccess: setMade })}>
          Make a new code
        </Button>
      </Group>
    </Stack>
  );
}

const CONFIRM: Partial<Record<MemberAction, { title: string; button: string; text: (m: Member) => string }>> =
  {
    revoke: {
      title: 'Revoke invitation?',
      button: 'Revoke invitation',
      text: (m) =>
        `${m.email} will no longer be able to join with their code; it will say it was revoked. You can invite them again later.`,
    },
    remove: {
      title: 'Remove member?',
      button: 'Remove member',
      text: (m) =>
        `${who(m)} (${m.email}) loses access to Roster at once and leaves the team. What they did stays in the audit log under their name. To stop their access for a while instead, turn off Enable user.`,
    },
    transfer: {
      title: 'Transfer ownership?',
      button: 'Make owner',
      text: (m) =>
        `${who(m)} becomes the owner of this Roster. You become an Administrator, and only they can give ownership back.`,
    },
  };

function ConfirmForm({ dialog, onClose }: { dialog: MemberDialog; onClose: () => void }) {
  const revoke = useRevoke();
  const remove = useRemove();
  const transfer = useTransferOwnership();
  const copy = CONFIRM[dialog.action]!;
  const submit = () => {
    const done = { onSuccess: onClose };
    if (dialog.action === 'revoke') revoke.mutate(dialog.member, done);
    else if (dialog.action === 'remove') remove.mutate(dialog.member, done);
    else transfer.mutate(dialog.member, done);
  };
  return (
    <Stack>
      <Text size="sm">{copy.text(dialog.member)}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          color={dialog.action === 'transfer' ? undefined : 'red'}
          loading={revoke.isPending || remove.isPending || transfer.isPending}
          onClick={submit}
        >
          {copy.button}
        </Button>
      </Group>
    </Stack>
  );
}
