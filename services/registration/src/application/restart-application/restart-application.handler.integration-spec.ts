import {
  ApplicationRestarted,
  ApplicationStalled,
  WorkflowStartRequested,
  type ProcessPublishedPayload,
} from '@onedoor/contracts';
import { RegistrationErrorCode as Code } from '../../domain';
import {
  citizen,
  definition,
  ministryAdmin,
  refusal,
  registrationTestBed,
  serviceToApplyFor,
} from '../../../test/use-case-harness';
import { FollowWorkflowHandler } from '../follow-workflow/follow-workflow.handler';
import { PublishService } from '../publish-service/publish-service.command';
import { PublishServiceHandler } from '../publish-service/publish-service.handler';
import { ApplicationQueries } from '../queries/applications.queries';
import { RestartApplication } from './restart-application.command';
import { RestartApplicationHandler } from './restart-application.handler';

const bed = registrationTestBed(async (uc) => ({
  follow: new FollowWorkflowHandler(uc.applications),
  publishing: new PublishServiceHandler(uc.catalogue),
  restarting: new RestartApplicationHandler(uc.applications),
  queries: new ApplicationQueries(uc.reads, uc.storage),
  ...(await serviceToApplyFor(uc)),
}));

const at = () => new Date().toISOString();
const announce = (process: Partial<ProcessPublishedPayload> & { processKey: string }) =>
  bed.uc.inTransaction((tx) =>
    bed.follow.processPublished({ version: 1, name: 'A process', roles: [], at: at(), ...process }, tx),
  );
const publish = (processKey: string, ministry = 'MOIC') =>
  bed.publishing.execute(
    PublishService.create({ definition: definition({ processKey, ministry }), caller: ministryAdmin(ministry) }),
  );
const startFailed = (businessKey: string, processKey = 'permit') =>
  bed.uc.inTransaction((tx) =>
    bed.follow.startFailed(
      {
        processKey,
        businessKey,
        requestedBy: 'registration',
        code: 'WORKFLOW.DEFINITION_NOT_FOUND',
        reason: `No process definition ${processKey}.`,
        at: at(),
      },
      tx,
    ),
  );
const restart = (applicationId: string, caller = ministryAdmin()) =>
  bed.restarting.execute(RestartApplication.create({ applicationId, caller, note: 'process published' }));

describe('nothing stranded: a service names a process that runs, and an application whose process could not run', () => {
  it('a service is refused unless the workflow block runs its process for the ministry', async () => {
    const unknown = await refusal(publish('no-such-process'), Code.UNKNOWN_PROCESS);
    expect(unknown.errors).toEqual([expect.objectContaining({ field: 'processKey' })]);
    await announce({ processKey: 'moh-permit', ministry: 'MOH' });
    await refusal(publish('moh-permit'), Code.UNKNOWN_PROCESS);
    expect((await publish('moh-permit', 'MOH')).processKey).toBe('moh-permit');
    await announce({ processKey: 'shared-permit' });
    expect((await publish('shared-permit')).processKey).toBe('shared-permit');
    await bed.uc.inTransaction((tx) => bed.follow.processRetired({ processKey: 'shared-permit', at: at() }, tx));
    await refusal(publish('shared-permit'), Code.UNKNOWN_PROCESS);
    // Published again (a later version): usable again; a late, older announcement changes nothing.
    await announce({ processKey: 'shared-permit', version: 3 });
    await announce({ processKey: 'shared-permit', version: 2, ministry: 'MOH' });
    expect((await publish('shared-permit')).processKey).toBe('shared-permit');
  });

  it('shows the application stalled, tells integrators, lists it for its ministry; a restart starts its process again', async () => {
    const applicant = citizen();
    const { fileId } = await bed.apply(applicant);
    const before = (await bed.uc.outbox()).length;
    await startFailed(fileId);
    expect((await bed.uc.outbox()).slice(before)).toEqual([ApplicationStalled.type]);
    const seen = await bed.queries.get(applicant, fileId);
    expect(seen.stalled).toEqual({ since: expect.any(Date), reason: expect.stringContaining('No process definition') });
    const page = { offset: 0, limit: 100 };
    const stalled = await bed.queries.list(ministryAdmin(), { stalled: true }, page);
    expect(stalled.items.map((a) => a.fileId)).toContain(fileId);
    expect(
      (await bed.queries.list(ministryAdmin(), { stalled: false }, page)).items.map((a) => a.fileId),
    ).not.toContain(fileId);
    expect(await bed.uc.reads.stalledByMinistry()).toEqual([{ key: 'MOIC', count: 1 }]);

    // Another ministry's administrator does not see it; the applicant reads it but does not restart it.
    await refusal(restart(fileId, ministryAdmin('MOH')), Code.APPLICATION_NOT_FOUND);
    await refusal(restart(fileId, applicant), Code.FORBIDDEN);
    const mark = (await bed.uc.outbox()).length;
    const restarted = await restart(fileId);
    expect([restarted.stalledAt, restarted.stalledReason]).toEqual([null, null]);
    expect((await bed.uc.outbox()).slice(mark)).toEqual([ApplicationRestarted.type, WorkflowStartRequested.type]);
    const [history] = await bed.uc.sql(
      `SELECT action, note FROM registration.application_history WHERE application_id = $1 ORDER BY id DESC LIMIT 1`,
      [fileId],
    );
    expect(history).toEqual({ action: 'restarted', note: 'process published' });
    await refusal(restart(fileId), Code.NOT_STALLED);
    expect(await bed.uc.reads.stalledByMinistry()).toEqual([]);
  });

  it('a process that failed on its way (no routing rule) stalls the application; a restart waits for the process', async () => {
    const { fileId } = await bed.apply(citizen());
    await bed.uc.inTransaction((tx) =>
      bed.follow.stopped(
        {
          instanceId: '0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19',
          processRef: 'permit:1',
          businessKey: fileId,
          state: 'failed',
          reason: 'route: no routing rule for category permit',
          at: at(),
        },
        tx,
      ),
    );
    const [row] = await bed.uc.sql<{ stalled_reason: string }>(
      `SELECT stalled_reason FROM registration.applications WHERE id = $1`,
      [fileId],
    );
    expect(row.stalled_reason).toBe('route: no routing rule for category permit');
    // Retired meanwhile: the restart says so instead of stalling it again.
    await bed.uc.inTransaction((tx) => bed.follow.processRetired({ processKey: 'permit', at: at() }, tx));
    await refusal(restart(fileId), Code.UNKNOWN_PROCESS);
    await announce({ processKey: 'permit', version: 2 });
    expect((await restart(fileId)).stalledAt).toBeNull();
  });

  it("tells the service's ministry at the address it gave (application.stalled carries it)", async () => {
    const alerted = await serviceToApplyFor(bed.uc, { alertEmail: 'licensing@moic.gov.la' });
    const { fileId } = await alerted.apply(citizen());
    await startFailed(fileId);
    const [event] = await bed.uc.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM registration.outbox WHERE event_type = $1 AND payload->>'applicationId' = $2`,
      [ApplicationStalled.type, fileId],
    );
    expect(event.payload).toMatchObject({ alertEmail: 'licensing@moic.gov.la', reason: expect.any(String) });
  });

  it('a withdrawn or decided application is not stalled by a late failure', async () => {
    const { fileId } = await bed.apply(citizen());
    await bed.uc.sql(`UPDATE registration.applications SET status = 'WITHDRAWN' WHERE id = $1`, [fileId]);
    await startFailed(fileId);
    const [row] = await bed.uc.sql(`SELECT stalled_at FROM registration.applications WHERE id = $1`, [fileId]);
    expect(row).toEqual({ stalled_at: null });
  });
});
