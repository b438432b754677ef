import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConnectionStatus, type UserIntegration } from '../api/models';
import { renderWithProviders } from '../test/render';
import { IntegrationChips } from './IntegrationChips';

const integration = (
  id: number,
  name: string,
  short: string,
  status = ConnectionStatus.Connected,
): UserIntegration => ({
  id,
  key: name.toLowerCase(),
  name,
  short,
  status,
});

const six = [
  integration(1, 'Salesforce', 'SA'),
  integration(2, 'Slack', 'SL'),
  integration(3, 'Shopify', 'SH'),
  integration(4, 'Sage', 'SG'),
  integration(5, 'SharePoint', 'SP', ConnectionStatus.Error),
  integration(6, 'Stripe', 'ST'),
];

describe('IntegrationChips', () => {
  it("shows each integration's own code, never two alike, named in full on hover", async () => {
    const { user } = renderWithProviders(<IntegrationChips integrations={six.slice(0, 4)} />);
    const codes = ['Salesforce', 'Slack', 'Shopify', 'Sage'].map((n) => screen.getByLabelText(n).textContent);
    expect(codes).toEqual(['SA', 'SL', 'SH', 'SG']);
    expect(screen.queryByRole('tooltip')).toBeNull(); // set up lazily
    await user.hover(screen.getByLabelText('Slack'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Slack');
  });

  it('marks a failing connection, in its name and with a red dot', () => {
    renderWithProviders(
      <IntegrationChips
        integrations={[integration(1, 'Slack', 'SL'), integration(2, 'Stripe', 'ST', ConnectionStatus.Error)]}
      />,
    );
    expect(screen.getByRole('img', { name: 'Stripe (connection error)' })).toHaveAttribute('data-failing');
    expect(screen.getByRole('img', { name: 'Slack' })).not.toHaveAttribute('data-failing');
  });

  it('lists the rest behind +N on hover', async () => {
    const { user } = renderWithProviders(<IntegrationChips integrations={six} />);
    const more = screen.getByLabelText('2 more: SharePoint (connection error), Stripe');
    expect(more).toHaveTextContent('+2');
    await user.hover(more);
    const tooltip = await screen.findByRole('tooltip');
    expect(within(tooltip).getByText('SharePoint (connection error)')).toBeInTheDocument();
    expect(within(tooltip).getByText('Stripe')).toBeInTheDocument();
  });

  it('lets the keyboard reach +N and shows the rest on focus', async () => {
    const { user } = renderWithProviders(<IntegrationChips integrations={six} />);
    await user.tab();
    const more = () => screen.getByLabelText('2 more: SharePoint (connection error), Stripe');
    await waitFor(() => expect(more()).toHaveFocus());
    const tooltip = await screen.findByRole('tooltip');
    expect(within(tooltip).getByText('Stripe')).toBeInTheDocument();
    await user.tab();
    expect(more()).not.toHaveFocus();
  });
});
