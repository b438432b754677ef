import * as SettingsAPI from '../../wailsjs/go/app/Settings';
import { team } from '../../wailsjs/go/models';
import { call } from './errors';
import type { Settings, SettingsInput, SmtpInput, TestEmailResult } from './models';

export function getSettings(): Promise<Settings> {
  return call(() => SettingsAPI.Get());
}

export function updateSettings(input: SettingsInput): Promise<Settings> {
  return call(() => SettingsAPI.Update(team.SettingsInput.createFrom(input)));
}

export function sendTestEmail(smtp: SmtpInput, to: string): Promise<TestEmailResult> {
  return call(() => SettingsAPI.SendTestEmail(team.TestEmailInput.createFrom({ smtp, to })));
}
