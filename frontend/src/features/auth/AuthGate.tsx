import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Loader,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { acceptInvitation, checkInvitation, dismissInvitation, setupOwner, signIn } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/errors';
import type { InvitationInfo, Me } from '../../api/models';
import { formatDateTime } from '../../lib/format';
import { NewPassword, newPasswordReady } from './PasswordRules';
import { authQuery, signedIn } from './session';

/** Shows owner setup, sign-in or an invitation until a member is signed in, then the app. */
export function AuthGate({ children }: { children: (me: Me) => ReactNode }) {
  const auth = useQuery(authQuery);
  // An invitation e-mail's links open the accept or the dismiss form, filled in.
  const [screen, setScreen] = useState<'signin' | 'accept' | 'dismiss'>(() =>
    window.location.hash.startsWith('#accept?')
      ? 'accept'
      : window.location.hash.startsWith('#dismiss?')
        ? 'dismiss'
        : 'signin',
  );
  // Whoever signs out (or is signed out) later comes back to the sign-in form, not the invitation.
  if (auth.data?.signedIn && screen !== 'signin') setScreen('signin');

  if (auth.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading Roster" />
      </Center>
    );
  }
  if (auth.isError) {
    return (
      <Frame title="Roster could not start">
        <Alert color="red">{errorMessage(auth.error)}</Alert>
        <Button onClick={() => void auth.refetch()}>Try again</Button>
      </Frame>
    );
  }
  if (auth.data.signedIn && auth.data.me) return children(auth.data.me);
  if (auth.data.needsSetup) return <SetupForm />;
  if (screen !== 'signin')
    return <AcceptForm declining={screen === 'dismiss'} onBack={() => setScreen('signin')} />;
  return <SignInForm notice={auth.data.notice} onInvitation={() => setScreen('accept')} />;
}

function Frame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md">
      <Card withBorder shadow="sm" radius="md" p="xl" w={420}>
        <Stack>
          <div>
            <Text fw={700} c="dimmed" size="sm">
              Roster
            </Text>
            <Title order={2}>{title}</Title>
          </div>
          {children}
        </Stack>
      </Card>
    </Center>
  );
}

function useSignedIn() {
  const client = useQueryClient();
  return (me: Me) => signedIn(client, me);
}

function fieldError(err: unknown, field: string): string | undefined {
  return err instanceof ApiError && err.field === field ? err.message : undefined;
}

function formError(err: unknown, fields: string[]): string | undefined {
  if (!err) return undefined;
  return err instanceof ApiError && err.field && fields.includes(err.field) ? undefined : errorMessage(err);
}

interface CodeFieldsProps {
  form: { email: string; code: string };
  set: (k: 'email' | 'code') => (e: { currentTarget: HTMLInputElement }) => void;
  error: unknown;
}

/** An invitation's e-mail and code, as the accept and decline forms both ask for them. */
function CodeFields({ form, set, error }: CodeFieldsProps) {
  return (
    <>
      <TextInput
        label="E-mail"
        type="email"
        required
        value={form.email}
        onChange={set('email')}
        error={fieldError(error, 'email')}
      />
      <TextInput
        label="Invitation code"
        required
        value={form.code}
        onChange={set('code')}
        error={fieldError(error, 'code')}
      />
      {formError(error, ['email', 'code']) && (
        <Alert color="red">{formError(error, ['email', 'code'])}</Alert>
      )}
    </>
  );
}

function submit(fn: () => void) {
  return (e: FormEvent) => {
    e.preventDefault();
    fn();
  };
}

function SetupForm() {
  const signedIn = useSignedIn();
  const [form, setForm] = useState({ name: '', email: '', password: '', confirm: '' });
  const setup = useMutation({ mutationFn: setupOwner, onSuccess: signedIn });
  const ready = form.name.trim() && form.email.trim() && newPasswordReady(form.password, form.confirm);
  const set = (k: keyof typeof form) => (e: { currentTarget: HTMLInputElement }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
  return (
    <Frame title="Set up the owner">
      <Text size="sm" c="dimmed">
        This Roster has no members yet. The owner manages everyone else and can hand ownership on later.
      </Text>
      <form
        onSubmit={submit(() => setup.mutate({ name: form.name, email: form.email, password: form.password }))}
      >
        <Stack>
          <TextInput
            label="Your name"
            required
            data-autofocus
            autoFocus
            value={form.name}
            onChange={set('name')}
            error={fieldError(setup.error, 'name')}
          />
          <TextInput
            label="E-mail"
            type="email"
            required
            value={form.email}
            onChange={set('email')}
            error={fieldError(setup.error, 'email')}
          />
          <NewPassword
            label="Password"
            password={form.password}
            confirm={form.confirm}
            onPassword={(password) => setForm({ ...form, password })}
            onConfirm={(confirm) => setForm({ ...form, confirm })}
            error={fieldError(setup.error, 'password')}
          />
          {formError(setup.error, ['name', 'email', 'password']) && (
            <Alert color="red">{formError(setup.error, ['name', 'email', 'password'])}</Alert>
          )}
          <Button type="submit" disabled={!ready} loading={setup.isPending}>
            Create the owner and sign in
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}

function SignInForm({ notice, onInvitation }: { notice: string; onInvitation: () => void }) {
  const signedIn = useSignedIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => signIn(email, password),
    onSuccess: signedIn,
  });
  return (
    <Frame title="Sign in">
      {notice && !mutation.error && <Alert color="yellow">{notice}</Alert>}
      <form onSubmit={submit(() => mutation.mutate())}>
        <Stack>
          <TextInput
            label="E-mail"
            type="email"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(mutation.error, 'email')}
          />
          <PasswordInput
            label="Password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(mutation.error, 'password')}
          />
          {formError(mutation.error, ['email', 'password']) && (
            <Alert color="red" role="alert">
              {formError(mutation.error, ['email', 'password'])}
            </Alert>
          )}
          <Button type="submit" loading={mutation.isPending}>
            Sign in
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={onInvitation}>
            I have an invitation
          </Anchor>
        </Stack>
      </form>
    </Frame>
  );
}

/** Accept an invitation (check the code, then name and password), or decline it straight away. */
function AcceptForm({ declining: declineFirst, onBack }: { declining: boolean; onBack: () => void }) {
  const signedIn = useSignedIn();
  const [declining, setDeclining] = useState(declineFirst);
  const [form, setForm] = useState(() => {
    const link = /^#(accept|dismiss)\?/;
    const params = new URLSearchParams(window.location.hash.replace(link, ''));
    // The code leaves the address bar (and the history) once read.
    if (link.test(window.location.hash)) history.replaceState(null, '', window.location.pathname);
    return {
      email: params.get('email') ?? '',
      code: params.get('code') ?? '',
      name: '',
      password: '',
      confirm: '',
    };
  });
  const [info, setInfo] = useState<InvitationInfo | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const check = useMutation({ mutationFn: () => checkInvitation(form.email, form.code), onSuccess: setInfo });
  const accept = useMutation({
    mutationFn: () =>
      acceptInvitation({ email: form.email, code: form.code, name: form.name, password: form.password }),
    onSuccess: signedIn,
  });
  const dismiss = useMutation({
    mutationFn: () => dismissInvitation(form.email, form.code),
    onSuccess: () => setDismissed(true),
  });
  const set = (k: keyof typeof form) => (e: { currentTarget: HTMLInputElement }) =>
    setForm({ ...form, [k]: e.currentTarget.value });

  if (dismissed) {
    return (
      <Frame title="Invitation dismissed">
        <Text>You will not join this Roster. The code no longer works.</Text>
        <Button variant="default" onClick={onBack}>
          Back to sign in
        </Button>
      </Frame>
    );
  }
  if (declining) {
    return (
      <Frame title="Decline an invitation">
        <Text size="sm">
          The team sees that you declined, and the code stops working. They can invite you again later.
        </Text>
        <form onSubmit={submit(() => dismiss.mutate())}>
          <Stack>
            <CodeFields form={form} set={set} error={dismiss.error} />
            <Button type="submit" color="red" loading={dismiss.isPending}>
              Dismiss the invitation
            </Button>
            <Anchor component="button" type="button" size="sm" onClick={() => setDeclining(false)}>
              Accept it instead
            </Anchor>
            <Anchor component="button" type="button" size="sm" onClick={onBack}>
              Back to sign in
            </Anchor>
          </Stack>
        </form>
      </Frame>
    );
  }
  if (!info) {
    return (
      <Frame title="Accept an invitation">
        <form onSubmit={submit(() => check.mutate())}>
          <Stack>
            <CodeFields form={form} set={set} error={check.error} />
            <Button type="submit" loading={check.isPending}>
              Continue
            </Button>
            <Anchor component="button" type="button" size="sm" onClick={onBack}>
              Back to sign in
            </Anchor>
          </Stack>
        </form>
      </Frame>
    );
  }
  const scope = info.integrations.length ? ` (${info.integrations.map((i) => i.name).join(', ')})` : '';
  const error = accept.error ?? dismiss.error;
  return (
    <Frame title="Join Roster">
      <Text>
        {info.invitedBy || 'An administrator'} invited {info.email} as <b>{info.roleLabel}</b>
        {scope}. The invitation expires {formatDateTime(info.expiresAt)}.
      </Text>
      <form onSubmit={submit(() => accept.mutate())}>
        <Stack>
          <TextInput
            label="Your name"
            required
            autoFocus
            value={form.name}
            onChange={set('name')}
            error={fieldError(accept.error, 'name')}
          />
          <NewPassword
            label="Choose a password"
            password={form.password}
            confirm={form.confirm}
            onPassword={(password) => setForm({ ...form, password })}
            onConfirm={(confirm) => setForm({ ...form, confirm })}
            error={fieldError(accept.error, 'password')}
          />
          {formError(error, ['name', 'password']) && (
            <Alert color="red">{formError(error, ['name', 'password'])}</Alert>
          )}
          <Button
            type="submit"
            disabled={!form.name.trim() || !newPasswordReady(form.password, form.confirm)}
            loading={accept.isPending}
          >
            Accept and sign in
          </Button>
          <Button variant="subtle" color="red" loading={dismiss.isPending} onClick={() => dismiss.mutate()}>
            Dismiss the invitation
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}
