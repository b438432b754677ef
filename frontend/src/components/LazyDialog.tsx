import { Suspense, useState, type ReactNode } from 'react';
import { LoadBoundary } from './LoadBoundary';

/**
 * Renders a dialog whose code is loaded lazily (React.lazy) from the first
 * time it opens, and keeps it mounted after, so it closes with its
 * transition. Most launches open none of the app's dialogs: their code stays
 * out of what the first screen loads and compiles. A dialog that fails to
 * load says so (LoadBoundary).
 */
export function LazyDialog({
  opened,
  onClose,
  children,
}: {
  opened: boolean;
  /** What the dialog's own close does: closing the failure's message closes the dialog. */
  onClose: () => void;
  children: ReactNode;
}) {
  const [seen, setSeen] = useState(opened);
  if (opened && !seen) setSeen(true);
  if (!seen) return null;
  return (
    <LoadBoundary what="dialog" opened={opened} onClose={onClose}>
      <Suspense fallback={null}>{children}</Suspense>
    </LoadBoundary>
  );
}
