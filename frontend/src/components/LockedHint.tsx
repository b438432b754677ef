import { Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Explains why a control is disabled. Disabled elements fire no pointer events,
 * so the tooltip hangs off a wrapper.
 */
export function LockedHint({ reason, children }: { reason: string | null; children: ReactNode }) {
  if (!reason) return children;
  return (
    <Tooltip label={reason}>
      <span style={{ display: 'inline-flex' }}>{children}</span>
    </Tooltip>
  );
}
