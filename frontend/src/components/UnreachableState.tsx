import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconLock, IconQuestionMark } from '@tabler/icons-react';
import { normaliseError } from '../api/errors';
import { ErrorCode } from '../api/models';

interface UnreachableStateProps {
  /** What Go answered when asked for the subject. */
  error: unknown;
  /** The subject in words, e.g. "user". */
  noun: string;
  /** What the way back does, e.g. "Back to the list". */
  backLabel?: string;
  onBack?: () => void;
}

/**
 * What a link (pasted, bookmarked, or from Back) shows when it names
 * something Go would not return: gone, or beyond the member's role.
 */
export function UnreachableState({ error, noun, backLabel, onBack }: UnreachableStateProps) {
  const err = normaliseError(error);
  const title =
    err.code === ErrorCode.NotFound
      ? `This ${noun} was not found`
      : err.code === ErrorCode.Forbidden
        ? `You are not allowed to see this ${noun}`
        : `Could not load this ${noun}`;
  const icon = err.code === ErrorCode.Forbidden ? <IconLock size={18} /> : <IconQuestionMark size={18} />;
  return (
    <Alert color={err.code === ErrorCode.NotFound ? 'orange' : 'red'} icon={icon} title={title}>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{err.message}</Text>
        {onBack && backLabel && (
          <Button size="xs" variant="default" onClick={onBack}>
            {backLabel}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
