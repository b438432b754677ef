import * as BackupsAPI from '../../wailsjs/go/app/Backups';
import { backups } from '../../wailsjs/go/models';
import { call } from './errors';
import type { Backup, BackupSettings, BackupStatus, RestoreResult } from './models';

/** The backups in the folder beside the database, newest first. */
export function listBackups(): Promise<Backup[]> {
  return call(() => BackupsAPI.List());
}

export function backUpNow(): Promise<Backup> {
  return call(() => BackupsAPI.BackUpNow());
}

/** Restores the backup called name (a name from the list, never a path). */
export function restoreBackup(name: string): Promise<RestoreResult> {
  return call(() => BackupsAPI.Restore(name));
}

/** The automatic-backup settings, the newest automatic backup and the last integrity check. */
export function getBackupStatus(): Promise<BackupStatus> {
  return call(() => BackupsAPI.Status());
}

export function updateBackupSettings(settings: BackupSettings): Promise<BackupStatus> {
  return call(() => BackupsAPI.UpdateSettings(backups.Settings.createFrom(settings)));
}
