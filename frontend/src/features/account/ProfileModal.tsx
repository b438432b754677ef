import {
  Alert,
  Button,
  Center,
  Divider,
  Group,
  Loader,
  Modal,
  PasswordInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import {
  cancelEmailChange,
  changePassword,
  confirmEmailChange,
  getProfile,
  requestEmailChange,
  setOwnNotifications,
  updateName,
} from '../../api/account';
import { ApiError, errorMessage } from '../../api/errors';
import type { Profile } from '../../api/models';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { queryKeys } from '../../queryKeys';
import { NewPassword, newPasswordReady } from '../auth/PasswordRules';

/** The signed-in member's own account: name, e-mail, password and notifications. */
export function ProfileModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Your profile" size="lg" centered>
      <ProfileForms />
    </Modal>
  );
}

function ProfileForms() {
  const profile = useQuery({ queryKey: queryKeys.profile, queryFn: getProfile });
  if (profile.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading your profile" />
      </Center>
    );
  }
  if (profile.isError) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(profile.error)}
      </Alert>
    );
  }
  const p = profile.data;
  return (
    <Stack gap="lg">
      {/* Keyed by the saved value: a change saved here (or in another window) resets the field. */}
      <NameForm key={p.name} name={p.name} />
      <Divider />
      <EmailForm profile={p} />
      <Divider />
      <PasswordForm />
      <Divider />
      <NotificationsSwitch on={p.notifications} />
    </Stack>
  );
}

/**
 * A change to the profile: the answer replaces the cached profile, and the
 * header (the signed-in member) and the team list refetch. A refusal about
 * one of `fields` shows under that field; any other as a notification.
 */
function useProfileChange<V>(
  fn: (v: V) => Promise<Profile | void>,
  success: string | ((p: Profile) => string),
  fields: string[],
) {
  const queryClient = useQueryClient();
  return useMutation<Profile | void, ApiError, V>({
    mutationFn: (v) => fn(v),
    onSuccess: (p) => {
      if (p) queryClient.setQueryData(queryKeys.profile, p);
      notifySuccess(typeof success === 'string' ? success : p ? success(p) : '');
      void queryClient.invalidateQueries({ queryKey: queryKeys.auth });
      void queryClient.invalidateQueries({ queryKey: queryKeys.team });
    },
    onError: (err) => {
      if (err.field && fields.includes(err.field)) return;
      notifyError(err);
      void queryClient.invalidateQueries({ queryKey: queryKeys.profile });
    },
  });
}

function fieldError(err: ApiError | null, field: string): string | undefined {
  return err?.field === field ? err.message : undefined;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={5}>{title}</Title>
      {children}
    </Stack>
  );
}

function submit(fn: () => void) {
  return (e: FormEvent) => {
    e.preventDefault();
    fn();
  };
}

function NameForm({ name: saved }: { name: string }) {
  const [name, setName] = useState(saved);
  const save = useProfileChange(updateName, 'Your name is saved.', ['name']);
  return (
    <form onSubmit={submit(() => save.mutate(name))}>
      <Group align="flex-start" wrap="nowrap">
        <TextInput
          label="Name"
          flex={1}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(save.error, 'name')}
        />
        <Button type="submit" mt={25} loading={save.isPending} disabled={name.trim() === saved}>
          Save name
        </Button>
      </Group>
    </form>
  );
}

function EmailForm({ profile }: { profile: Profile }) {
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const request = useProfileChange(requestEmailChange, (p) => `A code is on its way to ${p.pendingEmail}.`, [
    'email',
  ]);
  const confirm = useProfileChange(confirmEmailChange, (p) => `Your e-mail address is now ${p.email}.`, [
    'code',
  ]);
  const cancel = useProfileChange(cancelEmailChange, 'The change of e-mail address is cancelled.', []);

  return (
    <Section title="E-mail address">
      <Text size="sm">
        You sign in with <strong>{profile.email}</strong>. Roster's notifications go there.
      </Text>
      {profile.pendingEmail ? (
        <form
          onSubmit={submit(() =>
            confirm.mutate(code, {
              onSuccess: () => {
                setCode('');
                setEmail('');
              },
            }),
          )}
        >
          <Stack gap="xs">
            <Alert color="blue">
              We sent a code to <strong>{profile.pendingEmail}</strong>
              {profile.pendingExpiresAt && <> (it works until {formatDateTime(profile.pendingExpiresAt)})</>}.
              Your address changes only when you enter it.
            </Alert>
            <Group align="flex-start" wrap="nowrap">
              <TextInput
                label="Confirmation code"
                flex={1}
                required
                autoComplete="one-time-code"
                inputMode="numeric"
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                error={fieldError(confirm.error, 'code')}
              />
              <Button type="submit" mt={25} loading={confirm.isPending} disabled={code.trim() === ''}>
                Confirm
              </Button>
            </Group>
            <Group>
              <Button variant="subtle" size="xs" loading={cancel.isPending} onClick={() => cancel.mutate()}>
                Cancel the change
              </Button>
            </Group>
          </Stack>
        </form>
      ) : !profile.mailConfigured ? (
        <Text size="sm" c="dimmed">
          To change it, Roster must e-mail a code to the new address, and e-mail is not set up yet: ask an
          administrator to set it up in Settings.
        </Text>
      ) : (
        <form onSubmit={submit(() => request.mutate(email))}>
          <Group align="flex-start" wrap="nowrap">
            <TextInput
              label="New e-mail address"
              description="We e-mail a code there; your address changes when you enter it."
              flex={1}
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError(request.error, 'email')}
            />
            <Button type="submit" mt={44} loading={request.isPending} disabled={email.trim() === ''}>
              Send code
            </Button>
          </Group>
        </form>
      )}
    </Section>
  );
}

function PasswordForm() {
  // Folded until asked for: most visits to the profile are not about it.
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const change = useProfileChange(changePassword, 'Your password is changed.', ['current', 'new']);
  const save = () =>
    change.mutate(
      { current, new: password },
      {
        onSuccess: () => {
          setCurrent('');
          setPassword('');
          setConfirm('');
          setOpen(false);
        },
      },
    );
  if (!open) {
    return (
      <Section title="Password">
        <Group justify="space-between">
          <Text size="sm">Change the password you sign in with.</Text>
          <Button variant="light" onClick={() => setOpen(true)}>
            Change password…
          </Button>
        </Group>
      </Section>
    );
  }
  return (
    <Section title="Password">
      <form onSubmit={submit(save)}>
        <Stack gap="xs">
          <PasswordInput
            label="Current password"
            required
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={fieldError(change.error, 'current')}
          />
          <NewPassword
            label="New password"
            password={password}
            confirm={confirm}
            onPassword={setPassword}
            onConfirm={setConfirm}
            error={fieldError(change.error, 'new')}
          />
          <Group>
            <Button
              type="submit"
              loading={change.isPending}
              disabled={current === '' || !newPasswordReady(password, confirm)}
            >
              Change password
            </Button>
            <Button variant="subtle" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function NotificationsSwitch({ on }: { on: boolean }) {
  const change = useProfileChange(
    setOwnNotifications,
    (p) => (p.notifications ? 'Notifications are on.' : 'Notifications are off.'),
    [],
  );
  return (
    <Section title="Notifications">
      <Switch
        label="E-mail me when a workflow fails or a connection goes offline"
        description="For the integrations your role covers."
        checked={change.isPending ? change.variables : on}
        disabled={change.isPending}
        onChange={(e) => change.mutate(e.currentTarget.checked)}
      />
    </Section>
  );
}
