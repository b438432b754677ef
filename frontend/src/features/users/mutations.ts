import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../../api/errors';
import type { Integration, UserDetail, WorkflowState } from '../../api/models';
import { disableUser, enableUser, setWorkflowEnabled, uninstallIntegration } from '../../api/users';
import { notifyError, notifySuccess } from '../../lib/notify';
import { queryKeys } from '../../queryKeys';

interface Options<V> {
  mutationFn: (vars: V) => Promise<UserDetail>;
  successMessage: (user: UserDetail, vars: V) => string;
  /** Input fields whose errors the caller shows next to the field instead of as a toast. */
  inlineFields?: string[];
}

/** Every user mutation returns the fresh UserDetail; caches and toasts are handled alike. */
function useUserMutation<V>({ mutationFn, successMessage, inlineFields = [] }: Options<V>) {
  const queryClient = useQueryClient();
  return useMutation<UserDetail, ApiError, V>({
    mutationFn,
    onSuccess: (user, vars) => {
      queryClient.setQueryData(queryKeys.user(user.id), user);
      void queryClient.invalidateQueries({ queryKey: queryKeys.userLists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.userCounts });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit });
      notifySuccess(successMessage(user, vars));
    },
    onError: (err) => {
      if (err.field && inlineFields.includes(err.field)) return;
      notifyError(err);
    },
  });
}

export function useDisableUser() {
  return useUserMutation({
    mutationFn: ({ userId, reason }: { userId: number; reason: string }) => disableUser(userId, reason),
    successMessage: (user) => `${user.name} disabled`,
    inlineFields: ['reason'],
  });
}

export function useEnableUser() {
  return useUserMutation({
    mutationFn: (userId: number) => enableUser(userId),
    successMessage: (user) => `${user.name} enabled`,
  });
}

export function useUninstallIntegration() {
  return useUserMutation({
    mutationFn: ({ userId, integration }: { userId: number; integration: Integration }) =>
      uninstallIntegration(userId, integration.id),
    successMessage: (user, { integration }) => `${integration.name} uninstalled for ${user.name}`,
  });
}

export function useSetWorkflowEnabled() {
  return useUserMutation({
    mutationFn: ({
      userId,
      workflow,
      enabled,
    }: {
      userId: number;
      workflow: WorkflowState;
      enabled: boolean;
    }) => setWorkflowEnabled(userId, workflow.id, enabled),
    successMessage: (user, { workflow, enabled }) =>
      `${workflow.name} ${enabled ? 'enabled' : 'disabled'} for ${user.name}`,
  });
}
