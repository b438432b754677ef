import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { errorMessage } from '../api/errors';

export function notifySuccess(message: string) {
  notifications.show({ color: 'green', message, icon: <IconCheck size={18} /> });
}

export function notifyError(err: unknown) {
  notifications.show({
    color: 'red',
    title: 'That did not work',
    message: errorMessage(err),
    icon: <IconAlertTriangle size={18} />,
    autoClose: 8000,
  });
}
