import { randomUUID } from 'node:crypto';
import { PermanentEventError } from '@onedoor/backbone';
import { WorkflowStartFailed, type EventEnvelope, type StartRequestedPayload } from '@onedoor/contracts';
import { WorkflowError, WorkflowErrorCode as Code } from '../../domain';
import { consumed } from '../../events/event-failures';
import { admin, workflowTestBed } from '../../../test/use-case-harness';
import { SaveEventMapping } from '../keep-event-mappings/keep-event-mappings.command';
import { KeepEventMappingsHandler } from '../keep-event-mappings/keep-event-mappings.handler';
import { FollowEventsHandler } from './follow-events.handler';

const bed = workflowTestBed(async (uc) => {
  await uc.publish('business-licence.bpmn');
  return { follow: new FollowEventsHandler(uc.store, uc.engine), mappings: new KeepEventMappingsHandler(uc.store) };
});

const envelope = <T>(type: string, data: T, source = 'registration') =>
  ({ id: randomUUID(), type, source, time: new Date().toISOString(), data }) as unknown as EventEnvelope<T>;

describe("other blocks' events", () => {
  it('starts the requested process once per event, and tells the case when the process does not exist', async () => {
    const request = envelope<StartRequestedPayload>('la.gov.onedoor.workflow.start.requested.v1', {
      processKey: 'business-licence',
      businessKey: 'APP-1',
      requestedBy: 'registration',
      variables: { category: 'business-licence', province: 'VTE' },
    });
    await bed.uc.inTransaction((tx) => bed.follow.startRequested([request], tx));
    await bed.uc.inTransaction((tx) => bed.follow.startRequested([request], tx));
    expect(await bed.uc.sql(`SELECT state FROM workflow.instances WHERE business_key = 'APP-1'`)).toEqual([
      { state: 'running' },
    ]);
    const lost = envelope<StartRequestedPayload>('la.gov.onedoor.workflow.start.requested.v1', {
      processKey: 'no-such-process',
      businessKey: 'APP-2',
      requestedBy: 'registration',
    });
    // Handled (no retry would find the process), and told: the block that asked shows it and asks again later.
    await bed.uc.inTransaction((tx) => bed.follow.startRequested([lost], tx));
    const [failed] = await bed.uc.sql<{ payload: Record<string, unknown>; causation_id: string }>(
      `SELECT payload, headers->>'ce_causationid' AS causation_id FROM workflow.outbox WHERE event_type = $1`,
      [WorkflowStartFailed.type],
    );
    expect(failed.payload).toMatchObject({
      processKey: 'no-such-process',
      businessKey: 'APP-2',
      requestedBy: 'registration',
      code: Code.DEFINITION_NOT_FOUND,
    });
    expect(failed.causation_id).toBe(lost.id);
    expect(await bed.uc.sql(`SELECT 1 FROM workflow.instances WHERE business_key = 'APP-2'`)).toEqual([]);
    // What can never succeed still goes to dead letters, with its reason.
    const error = await consumed(
      Promise.reject(new WorkflowError(Code.VARIABLES_TOO_LARGE, 'Variables are limited to 64 kB of JSON.')),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentEventError);
    expect((error as Error).message).toBe('variables are limited to 64 kB of JSON (WORKFLOW.VARIABLES_TOO_LARGE)');
  });

  it('does what an event mapping says for the events it matches', async () => {
    await bed.mappings.save(
      SaveEventMapping.create({
        id: 'hotline-case',
        eventType: 'la.gov.onedoor.feedback.case.received.v1',
        action: 'start',
        processKey: 'business-licence',
        keyPath: 'caseId',
        variables: { category: 'kind', province: 'province' },
        when: { kind: 'business-licence' },
        caller: admin,
      }),
    );
    const events = [
      envelope(
        'la.gov.onedoor.feedback.case.received.v1',
        { caseId: 'H-1', kind: 'business-licence', province: 'VTE' },
        'feedback',
      ),
      envelope(
        'la.gov.onedoor.feedback.case.received.v1',
        { caseId: 'H-2', kind: 'comment', province: 'VTE' },
        'feedback',
      ),
    ];
    await bed.uc.inTransaction((tx) => bed.follow.mapped(events, tx));
    expect(
      await bed.uc.sql(`SELECT business_key, started_by FROM workflow.instances WHERE business_key LIKE 'H-%'`),
    ).toEqual([{ business_key: 'H-1', started_by: 'feedback' }]);
  });
});
