import { UserStatus, type UserDetail } from '../../api/models';

const REENABLE_FIRST = 'Re-enable the user first';
const NO_PERMISSION = 'You do not have permission to change users';

/** Why change controls for this user are disabled, or null when they are usable. */
export function lockReason(user: UserDetail, canManage: boolean): string | null {
  if (!canManage) return NO_PERMISSION;
  if (user.status === UserStatus.Disabled) return REENABLE_FIRST;
  return null;
}
