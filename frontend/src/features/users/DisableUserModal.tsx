import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useRetained } from '../../lib/useRetained';
import { limits } from '../../api/vocabulary';
import { useDisableUser } from './mutations';

const MAX_REASON = limits.maxReasonLength;

export interface UserRef {
  id: number;
  name: string;
}

interface DisableUserModalProps {
  user: UserRef | null;
  onClose: () => void;
}

export function DisableUserModal({ user, onClose }: DisableUserModalProps) {
  const shown = useRetained(user);
  return (
    <Modal opened={user !== null} onClose={onClose} title="Disable user?" zIndex={300} centered>
      {/* Keyed so the reason and any error start fresh for each user. */}
      {shown && <DisableUserForm key={shown.id} user={shown} onClose={onClose} />}
    </Modal>
  );
}

function DisableUserForm({ user, onClose }: { user: UserRef; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const disable = useDisableUser();
  const reasonError = disable.error?.field === 'reason' ? disable.error.message : undefined;

  const submit = () => disable.mutate({ userId: user.id, reason: reason.trim() }, { onSuccess: onClose });

  return (
    <Stack>
      <Text size="sm">
        {user.name} will be disabled. Their workflows stop running, and they cannot use the Connect Portal,
        until you re-enable them.
      </Text>
      <Textarea
        label="Reason"
        description={`Optional. ${reason.length}/${MAX_REASON}`}
        placeholder="Why is this user being disabled?"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        maxLength={MAX_REASON}
        autosize
        minRows={3}
        error={reasonError}
        data-autofocus
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button color="red" loading={disable.isPending} onClick={submit}>
          Disable user
        </Button>
      </Group>
    </Stack>
  );
}
