import { Avatar } from '@mantine/core';
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { LazyTooltip } from './LazyTooltip';

describe('LazyTooltip', () => {
  it('sets its tooltip up on the first hover and shows it', async () => {
    const { user } = renderWithProviders(
      <LazyTooltip label="Salesforce (connection error)" openDelay={50}>
        <Avatar name="Salesforce" aria-label="Salesforce" />
      </LazyTooltip>,
    );
    expect(screen.queryByRole('tooltip')).toBeNull();
    await user.hover(screen.getByLabelText('Salesforce'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Salesforce (connection error)');
    await user.unhover(screen.getByLabelText('Salesforce'));
    await user.hover(screen.getByLabelText('Salesforce'));
    expect(await screen.findByRole('tooltip')).toBeInTheDocument();
  });

  it('shows nothing for a pointer that only passes over', async () => {
    const { user } = renderWithProviders(
      <LazyTooltip label="Slack" openDelay={60_000}>
        <Avatar name="Slack" aria-label="Slack" />
      </LazyTooltip>,
    );
    await user.hover(screen.getByLabelText('Slack'));
    await user.unhover(screen.getByLabelText('Slack'));
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('makes a label given as a function only once it shows', async () => {
    const label = vi.fn(() => '12 Mar 2026, 09:00:00 (3 days ago)');
    const { user } = renderWithProviders(
      <LazyTooltip label={label} openDelay={50}>
        <time aria-label="Created">12 Mar 2026</time>
      </LazyTooltip>,
    );
    expect(label).not.toHaveBeenCalled();
    await user.hover(screen.getByLabelText('Created'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent('12 Mar 2026, 09:00:00 (3 days ago)');
    expect(label).toHaveBeenCalled();
  });
});
