const ACTION_LABELS: Record<string, string> = {
  'user.disable': 'Disabled user',
  'user.enable': 'Enabled user',
  'connection.uninstall': 'Uninstalled integration',
  'workflow.disable': 'Disabled workflow',
  'workflow.enable': 'Enabled workflow',
  'demo.load': 'Loaded demo data',
  'team.owner_setup': 'Set up the owner',
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Failed sign-in',
  'auth.sign_out': 'Signed out',
  'member.invite': 'Invited member',
  'member.invitation_resend': 'Resent invitation',
  'member.invitation_code': 'Made a new invitation code',
  'member.invitation_revoke': 'Revoked invitation',
  'member.invitation_accept': 'Accepted invitation',
  'member.invitation_dismiss': 'Dismissed invitation',
  'member.role': 'Changed role',
  'member.enable': 'Enabled member',
  'member.disable': 'Disabled member',
  'member.notifications': 'Changed notifications',
  'member.remove': 'Removed member',
  'member.ownership_transfer': 'Transferred ownership',
  'settings.update': 'Changed settings',
  'settings.test_email': 'Sent a test e-mail',
};

/** A human label for an audit action; unknown actions fall back to a readable form of the key. */
export function actionLabel(action: string): string {
  if (ACTION_LABELS[action]) return ACTION_LABELS[action];
  const text = action.replace(/[._]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const TARGET_TYPES = ['user', 'connection', 'workflow', 'workspace', 'member', 'settings'] as const;

export function targetTypeLabel(type: string): string {
  return type.charAt(0).toUpperCase() + type.slice(1);
}

export interface Change {
  key: string;
  before: string;
  after: string;
}

const NONE = '(none)';

function show(value: unknown): string {
  if (value === undefined) return NONE;
  // Quote the empty string so "reason:  -> Left" does not read as a typo.
  return typeof value === 'string' && value !== '' ? value : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The keys whose values differ between an entry's before and after snapshots.
 * A null side counts as empty, so creations and deletions list every key.
 */
export function diffChanges(before: unknown, after: unknown): Change[] {
  const b = before ?? {};
  const a = after ?? {};
  if (!isRecord(b) || !isRecord(a)) {
    return JSON.stringify(b) === JSON.stringify(a)
      ? []
      : [{ key: 'value', before: show(before ?? undefined), after: show(after ?? undefined) }];
  }
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((key) => ({ key, before: show(b[key]), after: show(a[key]) }));
}
