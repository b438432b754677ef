import * as System from '../../wailsjs/go/app/System';
import { call } from './errors';
import type { Info } from './models';

export function getInfo(): Promise<Info> {
  return call(() => System.Info());
}

export function loadDemoData(): Promise<Info> {
  return call(() => System.LoadDemoData());
}
