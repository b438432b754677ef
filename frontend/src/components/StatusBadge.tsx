import { Badge } from '@mantine/core';
import { ConnectionStatus, UserStatus } from '../api/models';
import { connectionStatuses, labelOf, userStatuses } from '../api/vocabulary';

export const USER_STATUS_COLOR: Record<UserStatus, string> = {
  [UserStatus.Connected]: 'green',
  [UserStatus.AccountErrors]: 'red',
  [UserStatus.Disabled]: 'gray',
  [UserStatus.NoIntegrations]: 'orange',
};

export function UserStatusBadge({ status }: { status: UserStatus }) {
  return (
    <Badge color={USER_STATUS_COLOR[status]} variant="light" tt="none">
      {labelOf(userStatuses, status)}
    </Badge>
  );
}

export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  return (
    <Badge color={status === ConnectionStatus.Error ? 'red' : 'green'} variant="light" tt="none">
      {labelOf(connectionStatuses, status)}
    </Badge>
  );
}
