import { vi } from 'vitest';
import { listAudit, listAuditActors } from '../api/audit';
import { getAuthState } from '../api/auth';
import { getBackupStatus } from '../api/backups';
import { onRosterChanged } from '../api/events';
import { listIntegrations } from '../api/integrations';
import type { Me } from '../api/models';
import { getOutboxHealth, listOutbox } from '../api/outbox';
import { listRuns } from '../api/runs';
import { getInfo } from '../api/system';
import { listMembers } from '../api/team';
import { getCounts, getUser, listUsers } from '../api/users';
import {
  makeBackupStatus,
  makeCounts,
  makeHealth,
  makeInfo,
  makeMe,
  makePage,
  makeRunPage,
  makeUserDetail,
  makeUserRow,
} from './fixtures';

/**
 * Answers every call the whole app makes, for a signed-in member, with one
 * user, no runs, no audit entries and no mail; a test changes what it looks
 * at. The test file mocks the modules (vi.mock is hoisted per file): auth,
 * system, users, integrations, audit, events, runs, outbox, backups, team.
 */
export function stubAppCalls(me: Me = makeMe()) {
  vi.mocked(getAuthState).mockResolvedValue({ needsSetup: false, signedIn: true, me, notice: '' });
  vi.mocked(getInfo).mockResolvedValue(makeInfo());
  vi.mocked(getCounts).mockResolvedValue(makeCounts());
  vi.mocked(listIntegrations).mockResolvedValue([]);
  vi.mocked(listUsers).mockResolvedValue(makePage([makeUserRow()]));
  vi.mocked(getUser).mockResolvedValue(makeUserDetail());
  vi.mocked(listAudit).mockResolvedValue({ entries: [], nextCursor: '' });
  vi.mocked(listAuditActors).mockResolvedValue([]);
  vi.mocked(listMembers).mockResolvedValue([]);
  vi.mocked(onRosterChanged).mockReturnValue(() => {});
  vi.mocked(listRuns).mockResolvedValue(makeRunPage([]));
  vi.mocked(getOutboxHealth).mockResolvedValue(makeHealth());
  vi.mocked(listOutbox).mockResolvedValue({ mails: [], nextCursor: '' });
  vi.mocked(getBackupStatus).mockResolvedValue(makeBackupStatus());
}
