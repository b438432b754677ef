import { List, PasswordInput, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { passwordPolicy } from '../../api/vocabulary';

const kinds = passwordPolicy.kinds.map((k) => new RegExp(k.pattern, 'u'));

/** Go's password policy (domain.Passwords), checked as you type with the very same patterns. */
export function passwordRules(password: string): { label: string; ok: boolean }[] {
  const mixed = kinds.filter((re) => re.test(password)).length;
  return [
    { label: passwordPolicy.lengthRule, ok: [...password].length >= passwordPolicy.minLength },
    { label: passwordPolicy.kindsRule, ok: mixed >= passwordPolicy.minKinds },
  ];
}

export function passwordOk(password: string): boolean {
  return passwordRules(password).every((r) => r.ok);
}

export function PasswordRules({ password }: { password: string }) {
  return (
    <List spacing={2} size="sm" aria-label="Password rules">
      {passwordRules(password).map((r) => (
        <List.Item
          key={r.label}
          c={r.ok ? 'teal' : 'dimmed'}
          icon={
            <ThemeIcon size={16} radius="xl" color={r.ok ? 'teal' : 'gray'} variant="light">
              {r.ok ? <IconCheck size={12} aria-label="met" /> : <IconX size={12} aria-label="not met" />}
            </ThemeIcon>
          }
        >
          {r.label}
        </List.Item>
      ))}
    </List>
  );
}

interface NewPasswordProps {
  label: string;
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  /** The backend's message for the password field, if it refused it. */
  error?: string;
}

/** A new password: typed twice, with the strength rules checked as you type. */
export function NewPassword({ label, password, confirm, onPassword, onConfirm, error }: NewPasswordProps) {
  return (
    <>
      <PasswordInput
        label={label}
        required
        value={password}
        onChange={(e) => onPassword(e.currentTarget.value)}
        error={error}
      />
      <PasswordRules password={password} />
      <PasswordInput
        label="Repeat the password"
        required
        value={confirm}
        onChange={(e) => onConfirm(e.currentTarget.value)}
        error={confirm !== '' && confirm !== password ? 'The passwords differ.' : undefined}
      />
    </>
  );
}

/** Whether a new password meets the rules and was typed the same twice. */
export function newPasswordReady(password: string, confirm: string): boolean {
  return passwordOk(password) && confirm === password;
}
