import * as Integrations from '../../wailsjs/go/app/Integrations';
import { call } from './errors';
import type { Integration } from './models';

export function listIntegrations(): Promise<Integration[]> {
  return call(() => Integrations.List());
}
