import { List, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';

/** The strength rules the backend enforces (domain.Password), checked as you type. */
export function passwordRules(password: string): { label: string; ok: boolean }[] {
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((re) =>
    re.test(password),
  ).length;
  return [
    { label: 'At least 10 characters', ok: [...password].length >= 10 },
    { label: 'Mixes two kinds: lower case, upper case, digits, symbols', ok: classes >= 2 },
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
