import { render, screen } from '@testing-library/react';
import { lazy } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { LazyDialog } from './LazyDialog';

describe('LazyDialog', () => {
  it('loads its dialog when it first opens, then keeps it mounted', async () => {
    const load = vi.fn(() =>
      Promise.resolve({ default: ({ opened }: { opened: boolean }) => <p>{opened ? 'open' : 'closed'}</p> }),
    );
    const Dialog = lazy(load);
    const ui = (opened: boolean) => (
      <LazyDialog opened={opened} onClose={() => {}}>
        <Dialog opened={opened} />
      </LazyDialog>
    );
    const { rerender } = render(ui(false));
    expect(load).not.toHaveBeenCalled();
    rerender(ui(true));
    expect(await screen.findByText('open')).toBeInTheDocument();
    rerender(ui(false));
    expect(screen.getByText('closed')).toBeInTheDocument(); // there to play its closing transition
    expect(load).toHaveBeenCalledTimes(1);
  });
});
