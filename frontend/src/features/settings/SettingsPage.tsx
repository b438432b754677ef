import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  Loader,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconMailExclamation, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, type ApiError } from '../../api/errors';
import { getSettings, sendTestEmail, updateSettings } from '../../api/settings';
import {
  Permission,
  type Policy,
  type Settings,
  type SettingsInput,
  type TestEmailResult,
} from '../../api/models';
import { smtpSecurities } from '../../api/vocabulary';
import { has, useMe } from '../../hooks/useMe';
import { plural } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { queryKeys } from '../../queryKeys';
import { BackupsSection } from '../backups/BackupsSection';
import { IngestKeys } from './IngestKeys';

export function SettingsPage() {
  const me = useMe();
  const settings = useQuery({ queryKey: queryKeys.settings, queryFn: getSettings });
  return (
    <Stack gap="md" maw={720} pb="xl">
      <Title order={2}>Settings</Title>
      {settings.isPending && <Loader aria-label="Loading settings" />}
      {settings.isError && (
        <Alert color="red" title="Could not load the settings">
          {errorMessage(settings.error)}
        </Alert>
      )}
      {/* Keyed on the stored values (not the outbox counts): a save elsewhere resets the form. */}
      {settings.data && <SettingsForm key={formKey(settings.data)} stored={settings.data} />}
      {/* Keys apply at once: they are not part of the form's Save. */}
      <IngestKeys />
      {/* Backups too apply at once; they need the workspace permission. */}
      {has(me, Permission.WorkspaceManage) && <BackupsSection />}
    </Stack>
  );
}

function formKey({
  smtp,
  invitationsOpen,
  invitationDays,
  idleMinutes,
  publicUrl,
  policy,
}: Settings): string {
  return JSON.stringify([smtp, invitationsOpen, invitationDays, idleMinutes, publicUrl, policy]);
}

function toInput(s: Settings): SettingsInput {
  const { passwordSet: _, ...smtp } = s.smtp;
  return {
    smtp: {
      ...smtp,
      password: '',
      clearPassword: false,
    },
    invitationsOpen: s.invitationsOpen,
    invitationDays: s.invitationDays,
    idleMinutes: s.idleMinutes,
    publicUrl: s.publicUrl,
    policy: { ...s.policy },
  };
}

function SettingsForm({ stored }: { stored: Settings }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<SettingsInput>(() => toInput(stored));
  const smtp = form.smtp;
  const setSmtp = (patch: Partial<SettingsInput['smtp']>) =>
    setForm((f) => ({ ...f, smtp: { ...f.smtp, ...patch } }));
  // As stored: nothing to save or discard.
  const changed = JSON.stringify(form) !== JSON.stringify(toInput(stored));
  const policy = form.policy ?? stored.policy;
  const setPolicy = (patch: Partial<Policy>) =>
    setForm((f) => ({ ...f, policy: { ...(f.policy ?? stored.policy), ...patch } }));

  const save = useMutation<Settings, ApiError, SettingsInput>({
    mutationFn: (input) => updateSettings(input),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.settings, saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit });
      void queryClient.invalidateQueries({ queryKey: queryKeys.auth }); // idle time and invite rights
      void queryClient.invalidateQueries({ queryKey: queryKeys.outbox }); // the mail banner and give-up days
      notifySuccess('Settings saved');
    },
    onError: (err) => {
      if (!err.field) notifyError(err);
    },
  });
  const [testTo, setTestTo] = useState(me.email);
  const test = useMutation<TestEmailResult, ApiError, void>({
    mutationFn: () => sendTestEmail(smtp, testTo),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.audit }),
  });
  const error = (field: string) =>
    save.error?.field === field
      ? save.error.message
      : test.error?.field === field
        ? test.error.message
        : undefined;

  const changeSecurity = (value: string | null) => {
    const security = smtpSecurities.find((s) => s.value === value);
    if (!security) return;
    // Follow the usual port for the security chosen unless someone typed their own.
    const usual = smtpSecurities.some((s) => s.port === smtp.port);
    setSmtp({ security: security.value, port: usual ? security.port : smtp.port });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (changed) save.mutate(form);
      }}
    >
      <Stack gap="lg">
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={4}>E-mail (SMTP)</Title>
            <Text size="sm" c="dimmed">
              Invitations and notifications are sent through this server. Without it, invitations still work:
              copy the code from the Team page.
            </Text>
            <Group grow align="flex-start">
              <TextInput
                label="Host"
                placeholder="smtp.example.com"
                value={smtp.host}
                onChange={(e) => setSmtp({ host: e.currentTarget.value })}
                error={error('smtp.host')}
              />
              <Select
                label="Security"
                data={smtpSecurities}
                value={smtp.security}
                onChange={changeSecurity}
                allowDeselect={false}
                error={error('smtp.security')}
              />
              <NumberInput
                label="Port"
                min={1}
                max={65535}
                value={smtp.port}
                onChange={(v) => setSmtp({ port: Number(v) || 0 })}
                error={error('smtp.port')}
                maw={120}
              />
            </Group>
            <Group grow align="flex-start">
              <TextInput
                label="Username"
                description="Leave empty if the server needs no sign-in."
                value={smtp.username}
                onChange={(e) => setSmtp({ username: e.currentTarget.value })}
                error={error('smtp.username')}
                autoComplete="off"
              />
              <PasswordInput
                label="Password"
                description={
                  stored.smtp.passwordSet && !smtp.clearPassword
                    ? 'A password is stored. Leave empty to keep it.'
                    : 'Never shown again once saved.'
                }
                placeholder={stored.smtp.passwordSet && !smtp.clearPassword ? '••••••••' : undefined}
                value={smtp.password}
                onChange={(e) => setSmtp({ password: e.currentTarget.value, clearPassword: false })}
                error={error('smtp.password')}
                autoComplete="new-password"
              />
            </Group>
            {stored.smtp.passwordSet && (
              <Checkbox
                label="Remove the stored password"
                checked={smtp.clearPassword}
                onChange={(e) => setSmtp({ clearPassword: e.currentTarget.checked, password: '' })}
              />
            )}
            <TextInput
              label="From address"
              description="Or a name and an address: Roster Admin <roster@example.com>. Without a name, mail comes from “Roster”."
              placeholder="Roster Admin <roster@example.com>"
              value={smtp.from}
              onChange={(e) => setSmtp({ from: e.currentTarget.value })}
              error={error('smtp.from')}
            />
            <Divider />
            <Group align="flex-end">
              <TextInput
                label="Send a test e-mail to"
                value={testTo}
                onChange={(e) => setTestTo(e.currentTarget.value)}
                error={error('to')}
                style={{ flex: 1 }}
              />
              <Button
                variant="light"
                leftSection={<IconSend size={16} />}
                loading={test.isPending}
                onClick={() => test.mutate()}
              >
                Send test e-mail
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              Uses the values in this form, saved or not.
            </Text>
            {test.data && <TestResult result={test.data} />}
            {test.isError && !test.error.field && <Alert color="red">{errorMessage(test.error)}</Alert>}
            <OutgoingMail settings={stored} />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={4}>Invitations</Title>
            <Switch
              label="Members who are not administrators may invite"
              description="At their own role or lower, and within their own integrations. Owners and administrators always can."
              checked={form.invitationsOpen}
              onChange={(e) => setForm({ ...form, invitationsOpen: e.currentTarget.checked })}
            />
            <NumberInput
              label="Invitations expire after (days)"
              min={1}
              max={30}
              value={form.invitationDays}
              onChange={(v) => setForm({ ...form, invitationDays: Number(v) || 0 })}
              error={error('invitationDays')}
              maw={260}
            />
            <TextInput
              label="Public address"
              description="The address people open Roster at (e.g. https://roster.example.com, behind a reverse proxy). Links in mail open it; roster serve --public-url overrides it. Empty: serve mode's own address, and on the desktop a code only."
              placeholder="https://roster.example.com"
              value={form.publicUrl}
              onChange={(e) => setForm({ ...form, publicUrl: e.currentTarget.value })}
              error={error('publicUrl')}
              maw={520}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={4}>Sign-in</Title>
            <NumberInput
              label="Sign out after this many idle minutes"
              min={5}
              max={1440}
              value={form.idleMinutes}
              onChange={(v) => setForm({ ...form, idleMinutes: Number(v) || 0 })}
              error={error('idleMinutes')}
              maw={260}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={4}>Notifications & history</Title>
            <Text size="sm" c="dimmed">
              Members with notifications on get an e-mail when a workflow fails or a connection goes offline,
              and when it is back online.
            </Text>
            <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
              <NumberInput
                label="Failure summary every (minutes)"
                description="A workflow's first failure is mailed at once; further failures, in one summary per interval."
                min={1}
                max={1440}
                value={policy.digestMinutes}
                onChange={(v) => setPolicy({ digestMinutes: Number(v) || 0 })}
                error={error('policy.digestMinutes')}
              />
              <NumberInput
                label="Offline cooldown (minutes)"
                description="No new offline e-mail for a connection that goes offline again this soon after the last one. 0: always."
                min={0}
                max={1440}
                value={policy.cooldownMinutes}
                onChange={(v) => setPolicy({ cooldownMinutes: Number(v) || 0 })}
                error={error('policy.cooldownMinutes')}
              />
              <NumberInput
                label="Keep run history (days)"
                description="Older workflow runs are deleted once a day."
                min={1}
                max={3650}
                value={policy.retentionDays}
                onChange={(v) => setPolicy({ retentionDays: Number(v) || 0 })}
                error={error('policy.retentionDays')}
              />
              <NumberInput
                label="Give up on an e-mail after (days)"
                description="The outbox retries an e-mail it cannot send for this long, then marks it failed."
                min={1}
                max={30}
                value={policy.giveUpDays}
                onChange={(v) => setPolicy({ giveUpDays: Number(v) || 0 })}
                error={error('policy.giveUpDays')}
              />
            </SimpleGrid>
          </Stack>
        </Paper>

        <Group justify="flex-end">
          <Button variant="default" disabled={!changed} onClick={() => setForm(toInput(stored))}>
            Discard changes
          </Button>
          <Button type="submit" disabled={!changed} loading={save.isPending}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TestResult({ result }: { result: TestEmailResult }) {
  if (result.ok) {
    return (
      <Alert color="green" icon={<IconCheck size={18} />} title="Test e-mail sent">
        {result.message}
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<IconMailExclamation size={18} />} title={result.title || 'Sending failed'}>
      {result.message}
    </Alert>
  );
}

function OutgoingMail({ settings }: { settings: Settings }) {
  if (settings.mailQueued === 0 && settings.mailFailed === 0) return null;
  return (
    <Alert color={settings.mailFailed > 0 ? 'red' : 'yellow'} title="Outgoing mail">
      {settings.mailQueued > 0 && (
        <Text size="sm">{plural(settings.mailQueued, 'e-mail')} waiting to be sent.</Text>
      )}
      {settings.mailFailed > 0 && (
        <Text size="sm">
          {plural(settings.mailFailed, 'e-mail')} could not be delivered (refused by the server, or still
          failing after {plural(settings.policy.giveUpDays, 'day')} of retries). The Outbox page lists them.
        </Text>
      )}
      {settings.mailLastError && (
        <Text size="sm" c="dimmed">
          Last error: {settings.mailLastError}
        </Text>
      )}
    </Alert>
  );
}
