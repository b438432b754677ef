import { render, type RenderOptions } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import type { Me } from '../api/models';
import { MeProvider } from '../hooks/useMe';
import { Providers } from '../Providers';
import { createQueryClient } from '../queryClient';
import { makeMe } from './fixtures';

interface Options extends Omit<RenderOptions, 'wrapper'> {
  /** The signed-in member (an owner by default). */
  me?: Me;
}

export function renderWithProviders(ui: ReactElement, { me = makeMe(), ...options }: Options = {}) {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false, staleTime: Infinity } });
  const user = userEvent.setup();
  const result = render(
    <Providers client={client} env="test">
      <MeProvider value={me}>{ui}</MeProvider>
    </Providers>,
    options,
  );
  return { ...result, client, user };
}
