import * as Account from '../../wailsjs/go/app/Account';
import { call } from './errors';
import type { ChangePasswordInput, Profile } from './models';

export function getProfile(): Promise<Profile> {
  return call(() => Account.Profile());
}

export function updateName(name: string): Promise<Profile> {
  return call(() => Account.UpdateName(name));
}

export function setOwnNotifications(on: boolean): Promise<Profile> {
  return call(() => Account.SetNotifications(on));
}

export function changePassword(input: ChangePasswordInput): Promise<void> {
  return call(() => Account.ChangePassword(input));
}

export function requestEmailChange(email: string): Promise<Profile> {
  return call(() => Account.RequestEmailChange(email));
}

export function confirmEmailChange(code: string): Promise<Profile> {
  return call(() => Account.ConfirmEmailChange(code));
}

export function cancelEmailChange(): Promise<Profile> {
  return call(() => Account.CancelEmailChange());
}
