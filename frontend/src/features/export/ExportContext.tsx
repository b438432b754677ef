import { Button } from '@mantine/core';
import { IconFileExport } from '@tabler/icons-react';
import { createContext, lazy, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LazyDialog } from '../../components/LazyDialog';
import { onMenuCommand } from '../../api/events';
import { MenuCommand, type ExportView } from '../../api/models';

const ExportModal = lazy(() => import('./ExportModal').then((m) => ({ default: m.ExportModal })));

/** What the page on screen offers to export, and how it describes it. */
export interface PageExport {
  view: ExportView;
  /** e.g. "1,234 users with status Account errors, sorted by name". */
  description: string;
}

interface ExportContextValue {
  current: PageExport | null;
  register: (e: PageExport | null) => void;
  open: () => void;
}

const ExportContext = createContext<ExportContextValue | null>(null);

/**
 * Holds the export of the page on screen: each page registers its view
 * (useExportView); its Export… button and the desktop's File → Export…
 * open one dialog for it.
 */
export function ExportProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<PageExport | null>(null);
  const [opened, setOpened] = useState(false);
  const close = () => setOpened(false);
  const value = useMemo(() => ({ current, register: setCurrent, open: () => setOpened(true) }), [current]);
  useEffect(() => onMenuCommand((command) => command === MenuCommand.Export && setOpened(true)), []);
  return (
    <ExportContext.Provider value={value}>
      {children}
      <LazyDialog opened={opened} onClose={close}>
        <ExportModal opened={opened} onClose={close} page={current} />
      </LazyDialog>
    </ExportContext.Provider>
  );
}

/**
 * Registers what this page exports while it is on screen; null = nothing
 * yet. Outside an ExportProvider (a page rendered alone) it does nothing.
 */
export function useExportView(page: PageExport | null) {
  const register = useContext(ExportContext)?.register;
  // The view is a new object at each render: compare it by value.
  const key = JSON.stringify(page);
  useEffect(() => {
    if (!register) return;
    register(page);
    return () => register(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, register]);
}

/** The page header's "Export…" button (none outside an ExportProvider). */
export function ExportButton() {
  const ctx = useContext(ExportContext);
  if (!ctx) return null;
  const { current, open } = ctx;
  return (
    <Button variant="default" leftSection={<IconFileExport size={16} />} onClick={open} disabled={!current}>
      Export…
    </Button>
  );
}
