import { randomUUID } from 'node:crypto';
import { ApplicationStatusChanged } from '@onedoor/contracts';
import {
  citizen,
  registrationTestBed,
  serviceToApplyFor,
  type RegistrationUseCases,
} from '../../../test/use-case-harness';
import { ApplicationQueries } from '../queries/applications.queries';
import { FollowWorkflowHandler } from './follow-workflow.handler';

const bed = registrationTestBed(async (uc) => ({
  follow: new FollowWorkflowHandler(uc.applications),
  queries: new ApplicationQueries(uc.reads, uc.storage),
  ...(await serviceToApplyFor(uc)),
}));

const at = new Date().toISOString();
const inTransaction = (work: Parameters<RegistrationUseCases['inTransaction']>[0]) => bed.uc.inTransaction(work);

describe('following the workflow block', () => {
  it("moves an application's status and tells the other blocks; a decision is dated", async () => {
    const { fileId } = await bed.apply(citizen());
    const before = (await bed.uc.outbox()).length;
    await inTransaction((tx) =>
      bed.follow.statusChanged({ businessKey: fileId, status: 'APPROVED', comment: 'ok' } as never, tx),
    );
    const [row] = await bed.uc.sql<{ status: string; decided: boolean }>(
      `SELECT status, decided_at IS NOT NULL AS decided FROM registration.applications WHERE id = $1`,
      [fileId],
    );
    expect(row).toEqual({ status: 'APPROVED', decided: true });
    expect((await bed.uc.outbox()).slice(before)).toEqual([ApplicationStatusChanged.type]);
  });

  it('leaves a withdrawn application withdrawn, and ignores statuses it does not know and keys that are not ours', async () => {
    const { fileId } = await bed.apply(citizen());
    await bed.uc.sql(`UPDATE registration.applications SET status = 'WITHDRAWN' WHERE id = $1`, [fileId]);
    await inTransaction((tx) => bed.follow.statusChanged({ businessKey: fileId, status: 'APPROVED' } as never, tx));
    await inTransaction((tx) =>
      bed.follow.statusChanged({ businessKey: 'hotline-42', status: 'APPROVED' } as never, tx),
    );
    const { fileId: other } = await bed.apply(citizen());
    await inTransaction((tx) => bed.follow.statusChanged({ businessKey: other, status: 'ARCHIVED' } as never, tx));
    const rows = await bed.uc.sql(`SELECT status FROM registration.applications WHERE id = ANY($1) ORDER BY status`, [
      [fileId, other],
    ]);
    expect(rows).toEqual([{ status: 'PENDING' }, { status: 'WITHDRAWN' }]);
  });

  it("a task at an office moves the application there, and that office's officers then read it", async () => {
    const { fileId } = await bed.apply(citizen());
    const officer = { sub: 'officer-1', roles: ['registration.officer'], ministry: 'MOIC', unit: 'MOIC-01-LIC' };
    expect((await bed.queries.list(officer, {}, { offset: 0, limit: 50 })).items.map((a) => a.fileId)).not.toContain(
      fileId,
    );
    const task = {
      taskId: randomUUID(),
      businessKey: fileId,
      name: 'Check',
      unit: 'MOIC-01-LIC',
      role: 'registration.officer',
      at,
    };
    await inTransaction((tx) => bed.follow.task(task as never, 'open', tx));
    await inTransaction((tx) => bed.follow.task(task as never, 'open', tx)); // the same event again: no second task
    expect(await bed.uc.sql(`SELECT state, unit FROM registration.tasks WHERE application_id = $1`, [fileId])).toEqual([
      { state: 'open', unit: 'MOIC-01-LIC' },
    ]);
    expect((await bed.queries.get(officer, fileId)).office).toBe('MOIC-01-LIC');
    expect((await bed.queries.list(officer, {}, { offset: 0, limit: 50 })).items.map((a) => a.fileId)).toContain(
      fileId,
    );
  });
});
