import * as Integrations from '../../wailsjs/go/app/Integrations';
import { call } from './errors';
import type { Integration, Ref } from './models';

export function listIntegrations(): Promise<Integration[]> {
  return call(() => Integrations.List());
}

/** An integration's workflows by name. */
export function listWorkflows(integrationId: number): Promise<Ref[]> {
  return call(() => Integrations.Workflows(integrationId));
}
