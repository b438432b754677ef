import { Badge } from '@mantine/core';
import type { ConnectionStatus, UserStatus } from '../api/types';

export const USER_STATUS_LABEL: Record<UserStatus, string> = {
  connected: 'Connected',
  account_errors: 'Account Errors',
  disabled: 'Disabled',
  no_integrations: 'No integrations',
};

export const USER_STATUS_COLOR: Record<UserStatus, string> = {
  connected: 'green',
  account_errors: 'red',
  disabled: 'gray',
  no_integrations: 'orange',
};

export function UserStatusBadge({ status }: { status: UserStatus }) {
  return (
    <Badge color={USER_STATUS_COLOR[status]} variant="light" tt="none">
      {USER_STATUS_LABEL[status]}
    </Badge>
  );
}

export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  return (
    <Badge color={status === 'error' ? 'red' : 'green'} variant="light" tt="none">
      {status === 'error' ? 'Error' : 'Connected'}
    </Badge>
  );
}
