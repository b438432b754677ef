import { screen, waitFor } from '@testing-library/react';
import { lazy, Suspense, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { LazyDialog } from './LazyDialog';
import { LoadBoundary } from './LoadBoundary';

// What a browser says when a chunk the tab asks for is gone (Roster upgraded meanwhile).
const gone = () =>
  Promise.reject<{ default: () => null }>(
    new TypeError('Failed to fetch dynamically imported module: /assets/TeamPage-old.js'),
  );

describe('LoadBoundary', () => {
  it('says a page could not load, in its place, and offers a reload', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // React reports the caught error
    const Page = lazy(gone);
    renderWithProviders(
      <>
        <p>The navigation stays</p>
        <LoadBoundary what="page">
          <Suspense fallback={null}>
            <Page />
          </Suspense>
        </LoadBoundary>
      </>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This page could not be shown');
    expect(alert).toHaveTextContent('/assets/TeamPage-old.js');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
    expect(screen.getByText('The navigation stays')).toBeInTheDocument();
  });

  it('says so in a dialog for a dialog, whose Close closes the dialog, and again on reopening', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Dialog = lazy(gone);
    const onClose = vi.fn();
    // The dialog's owner, as a page holds it: closing must reach its state.
    function Owner() {
      const [opened, setOpened] = useState(true);
      return (
        <>
          <button onClick={() => setOpened(true)}>Import</button>
          <LazyDialog
            opened={opened}
            onClose={() => {
              onClose();
              setOpened(false);
            }}
          >
            <Dialog />
          </LazyDialog>
        </>
      );
    }
    const { user } = renderWithProviders(<Owner />);
    const dialog = await screen.findByRole('dialog', { name: 'This dialog could not be shown' });
    expect(dialog).toHaveTextContent('reloading gets the new version');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('dialog', { name: 'This dialog could not be shown' })).toBeInTheDocument();
  });

  it('tries a dialog again when it opens again: what it failed on may have changed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    let broken = true; // what the dialog shows, until it is mended
    function Flaky() {
      if (broken) throw new Error('Cannot read the user');
      return <p>The user</p>;
    }
    function Owner() {
      const [opened, setOpened] = useState(true);
      return (
        <>
          <button onClick={() => setOpened(true)}>Open</button>
          <LazyDialog opened={opened} onClose={() => setOpened(false)}>
            {opened && <Flaky />}
          </LazyDialog>
        </>
      );
    }
    const { user } = renderWithProviders(<Owner />);
    expect(await screen.findByRole('dialog', { name: 'This dialog could not be shown' })).toHaveTextContent(
      'Cannot read the user',
    );
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    broken = false;
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(await screen.findByText('The user')).toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'This dialog could not be shown' })).toBeNull();
  });
});
