import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  backUpNow,
  getBackupStatus,
  listBackups,
  restoreBackup,
  updateBackupSettings,
} from '../../api/backups';
import type { ApiError } from '../../api/errors';
import type { Backup, BackupSettings, BackupStatus, RestoreResult } from '../../api/models';
import { notifyError } from '../../lib/notify';
import { queryKeys } from '../../queryKeys';

/**
 * How often the integrity check's result is asked again, besides every
 * roster:changed: the weekly check runs in the background.
 */
export const BACKUP_STATUS_POLL_MS = 5 * 60_000;

export function useBackupList() {
  return useQuery({ queryKey: queryKeys.backupList, queryFn: listBackups });
}

export function useBackupStatus() {
  return useQuery({
    queryKey: queryKeys.backupStatus,
    queryFn: getBackupStatus,
    refetchInterval: BACKUP_STATUS_POLL_MS,
  });
}

export function useBackUpNow() {
  const queryClient = useQueryClient();
  return useMutation<Backup, ApiError, void>({
    mutationFn: () => backUpNow(),
    onError: notifyError,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.backups });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit });
    },
  });
}

/** A restore changes everything: every query is fetched again (the session too). */
export function useRestoreBackup() {
  const queryClient = useQueryClient();
  return useMutation<RestoreResult, ApiError, string>({
    mutationFn: (name) => restoreBackup(name),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

export function useUpdateBackupSettings() {
  const queryClient = useQueryClient();
  return useMutation<BackupStatus, ApiError, BackupSettings>({
    mutationFn: (settings) => updateBackupSettings(settings),
    onSuccess: (status) => {
      queryClient.setQueryData(queryKeys.backupStatus, status);
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit });
    },
    onError: (err) => {
      if (!err.field) notifyError(err);
    },
  });
}
