import { Badge } from '@mantine/core';
import { ConnectionStatus, RunStatus, UserStatus } from '../api/models';
import { connectionStatuses, labelOf, runStatuses, userStatuses } from '../api/vocabulary';

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

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <Badge color={status === RunStatus.Failed ? 'red' : 'green'} variant="light" tt="none">
      {labelOf(runStatuses, status)}
    </Badge>
  );
}
