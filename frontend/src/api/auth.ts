import * as Auth from '../../wailsjs/go/app/Auth';
import { call } from './errors';
import type { AcceptInput, AuthState, InvitationInfo, Me, SetupInput } from './models';

export function getAuthState(): Promise<AuthState> {
  return call(() => Auth.State());
}

export function setupOwner(input: SetupInput): Promise<Me> {
  return call(() => Auth.Setup(input));
}

export function signIn(email: string, password: string): Promise<Me> {
  return call(() => Auth.SignIn(email, password));
}

export function signOut(): Promise<void> {
  return call(() => Auth.SignOut());
}

export function checkInvitation(email: string, code: string): Promise<InvitationInfo> {
  return call(() => Auth.CheckInvitation(email, code));
}

export function acceptInvitation(input: AcceptInput): Promise<Me> {
  return call(() => Auth.AcceptInvitation(input));
}

export function dismissInvitation(email: string, code: string): Promise<void> {
  return call(() => Auth.DismissInvitation(email, code));
}
