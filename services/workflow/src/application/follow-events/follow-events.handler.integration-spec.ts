import { randomUUID } from 'node:crypto';
import { PermanentEventError } from '@onedoor/backbone';
import type { EventEnvelope, StartRequestedPayload } from '@onedoor/contracts';
import { WorkflowErrorCode as Code } from '../../domain';
import { consumed } from '../../events/event-failures';
import { admin, refusal, workflowTestBed } from '../../../test/use-case-harness';
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
  it('starts the requested process once per event, and dead-letters a request for a process that does not exist', async () => {
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
    await refusal(
      bed.uc.inTransaction((tx) => bed.follow.startRequested([lost], tx)),
      Code.DEFINITION_NOT_FOUND,
    );
    const error = await bed.uc
      .inTransaction((tx) => consumed(bed.follow.startRequested([lost], tx)))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentEventError);
    expect((error as Error).message).toContain('no process definition no-such-process');
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
