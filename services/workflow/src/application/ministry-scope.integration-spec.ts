import type { Caller } from '@onedoor/contracts';
import { WorkflowErrorCode as Code } from '../domain';
import { admin, refusal, workflowTestBed } from '../../test/use-case-harness';
import { DeleteProcessHandler } from './delete-process/delete-process.handler';
import { DeliverMessage } from './deliver-message/deliver-message.command';
import { DeliverMessageHandler } from './deliver-message/deliver-message.handler';
import { SaveEndpoint } from './keep-endpoints/keep-endpoints.command';
import { KeepEndpointsHandler } from './keep-endpoints/keep-endpoints.handler';
import { SaveEventMapping } from './keep-event-mappings/keep-event-mappings.command';
import { KeepEventMappingsHandler } from './keep-event-mappings/keep-event-mappings.handler';
import { KeepHolidaysHandler } from './keep-holidays/keep-holidays.handler';
import { SaveRoutingRule } from './keep-routing-table/keep-routing-table.command';
import { KeepRoutingTableHandler } from './keep-routing-table/keep-routing-table.handler';
import { PublishProcess } from './publish-process/publish-process.command';
import { PublishProcessHandler } from './publish-process/publish-process.handler';
import { InstanceQueries } from './queries/instances.queries';
import { ProcessQueries } from './queries/processes.queries';
import { TaskQueries } from './queries/tasks.queries';
import { StartProcess } from './start-process/start-process.command';
import { StartProcessHandler } from './start-process/start-process.handler';
import { StopInstance } from './stop-instance/stop-instance.command';
import { StopInstanceHandler } from './stop-instance/stop-instance.handler';

/** A ministry's workflow administrators and starters: a civil servant's staff account, or a client registered for it. */
const moicAdmin: Caller = { sub: 'moic-admin', roles: ['workflow.admin'], ministry: 'MOIC', unit: 'MOIC-DERM' };
const mohAdmin: Caller = { sub: 'moh-admin', roles: ['workflow.admin'], ministry: 'MOH', unit: 'MOH-DHR' };
const moicStarter: Caller = { sub: 'moic-portal', roles: ['workflow.starter'], ministry: 'MOIC', clientId: 'moic' };
const vteStarter: Caller = { ...moicStarter, sub: 'moic-vte', province: '01' };

/** A process that waits for a payment: a message the starters may try to deliver. */
const waitingProcess = (key: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="${key}-defs"
                  targetNamespace="https://onedoor.gov.la/processes">
  <bpmn:message id="paid" name="${key}.paid" />
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="paid" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const bed = workflowTestBed((uc) => ({
  publishing: new PublishProcessHandler(uc.store),
  deleting: new DeleteProcessHandler(uc.store),
  processes: new ProcessQueries(uc.store),
  starting: new StartProcessHandler(uc.store, uc.engine),
  instances: new InstanceQueries(uc.store),
  tasks: new TaskQueries(uc.store),
  stopping: new StopInstanceHandler(uc.store, uc.engine),
  delivering: new DeliverMessageHandler(uc.store, uc.engine),
  rules: new KeepRoutingTableHandler(uc.store, uc.caches),
  holidays: new KeepHolidaysHandler(uc.store, uc.caches),
  endpoints: new KeepEndpointsHandler(uc.store, { forget: () => undefined } as never),
  mappings: new KeepEventMappingsHandler(uc.store),
}));

const publish = (caller: Caller, key: string, expectedKey?: string) =>
  bed.publishing.execute(PublishProcess.create({ caller, bpmn: waitingProcess(key), expectedKey }));
const start = (caller: Caller, processId: string, variables: Record<string, unknown> = {}) =>
  bed.starting.execute(
    StartProcess.create({
      processId,
      startKey: `test:${Math.random()}`,
      businessKey: `CASE-${Math.random()}`,
      variables,
      startedBy: caller.sub,
      caller,
    }),
  );
const rule = (caller: Caller, id: string, category: string, province = '') =>
  bed.rules.save(SaveRoutingRule.create({ id, category, province, unit: 'UNIT', caller }));

describe("a ministry's workflow administrators and starters act inside their ministry", () => {
  it("publish, version, read, list and retire their ministry's processes, and not another's", async () => {
    const moh = await publish(mohAdmin, 'moh-permit');
    expect(moh.ministry).toBe('MOH');
    expect((await publish(mohAdmin, 'moh-permit', 'moh-permit')).ministry).toBe('MOH');
    const national = await publish(admin, 'national-permit');
    expect(national.ministry).toBeNull();

    await refusal(publish(moicAdmin, 'moh-permit', 'moh-permit'), Code.DEFINITION_NOT_FOUND);
    await refusal(publish(moicAdmin, 'national-permit', 'national-permit'), Code.DEFINITION_NOT_FOUND);
    await refusal(bed.deleting.execute('moh-permit', moicAdmin), Code.DEFINITION_NOT_FOUND);
    await refusal(bed.processes.get(moicAdmin, 'moh-permit'), Code.DEFINITION_NOT_FOUND);
    await refusal(bed.processes.get(moicAdmin, moh.id), Code.DEFINITION_NOT_FOUND);
    // A national process is shared: read by every ministry, changed by national administrators only.
    expect((await bed.processes.get(moicAdmin, 'national-permit')).key).toBe('national-permit');
    const [seen] = await bed.processes.list(moicAdmin, { limit: 100, offset: 0 }, false);
    expect(seen.map((d) => d.key)).toContain('national-permit');
    expect(seen.map((d) => d.key)).not.toContain('moh-permit');
    const [all] = await bed.processes.list(admin, { limit: 100, offset: 0 }, true);
    expect(all.map((d) => d.key)).toEqual(expect.arrayContaining(['moh-permit', 'national-permit']));

    await bed.deleting.execute('moh-permit', mohAdmin);
    await refusal(bed.processes.get(mohAdmin, 'moh-permit', false), Code.DEFINITION_NOT_FOUND);
  });

  it("start their ministry's cases only, see and stop those, and move no other's", async () => {
    await publish(mohAdmin, 'moh-licence');
    await publish(moicAdmin, 'moic-licence');
    await publish(admin, 'shared-licence');

    await refusal(start(moicStarter, 'moh-licence'), Code.DEFINITION_NOT_FOUND);
    const refused = await refusal(start(moicStarter, 'shared-licence', { ministry: 'MOH' }), Code.OUT_OF_SCOPE);
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'variables.ministry' })]);
    await refusal(start(vteStarter, 'moic-licence', { province: '06' }), Code.OUT_OF_SCOPE);
    // A scoped starter's case is its ministry's (and province's), named or not.
    const ours = await start(moicStarter, 'shared-licence');
    expect(ours.variables).toMatchObject({ ministry: 'MOIC' });
    const inVte = await start(vteStarter, 'moic-licence', { ministry: 'MOIC' });
    expect(inVte.variables).toMatchObject({ ministry: 'MOIC', province: '01' });
    const theirs = await start(admin, 'moh-licence', { ministry: 'MOH' });

    const page = { limit: 100, offset: 0 };
    const listed = async (caller: Caller) => (await bed.instances.list(caller, {}, page))[0].map((i) => i.id);
    expect(await listed(moicStarter)).toEqual(expect.arrayContaining([ours.id, inVte.id]));
    expect(await listed(moicStarter)).not.toContain(theirs.id);
    expect(await listed(vteStarter)).toEqual([inVte.id]);
    expect(await listed(admin)).toEqual(expect.arrayContaining([ours.id, inVte.id, theirs.id]));
    expect((await bed.instances.get(moicAdmin, ours.id)).instance.id).toBe(ours.id);
    await refusal(bed.instances.get(moicStarter, theirs.id), Code.INSTANCE_NOT_FOUND);
    await refusal(bed.instances.get(vteStarter, ours.id), Code.INSTANCE_NOT_FOUND);

    await refusal(
      bed.stopping.execute(StopInstance.create({ instanceId: theirs.id, caller: moicStarter })),
      Code.INSTANCE_NOT_FOUND,
    );
    const deliver = (caller: Caller, key: string, correlationKey: string) =>
      bed.delivering.execute(DeliverMessage.create({ name: `${key}.paid`, correlationKey, actor: caller.sub, caller }));
    await refusal(deliver(moicStarter, 'moh-licence', theirs.businessKey!), Code.NO_WAITING_INSTANCE);
    expect(await bed.uc.sql(`SELECT state FROM workflow.instances WHERE id = $1`, [theirs.id])).toEqual([
      { state: 'running' },
    ]);
    expect((await deliver(moicStarter, 'moic-licence', inVte.businessKey!)).delivered).toEqual([inVte.id]);
    const stopped = await bed.stopping.execute(StopInstance.create({ instanceId: ours.id, caller: moicStarter }));
    expect(stopped.state).toBe('stopped');
  });

  it("oversee their ministry's tasks only: in the queue and by id", async () => {
    await bed.uc.publish('business-licence.bpmn');
    const health = await bed.uc.start('business-licence', { ministry: 'MOH' });
    const [task] = await bed.uc.sql<{ id: string }>(`SELECT id FROM workflow.tasks WHERE instance_id = $1`, [
      health.id,
    ]);
    const queued = async (caller: Caller) =>
      (await bed.tasks.queue(caller, {}, { limit: 100, offset: 0 }))[0].map((t) => t.id);
    expect(await queued(mohAdmin)).toContain(task.id);
    expect(await queued(admin)).toContain(task.id);
    expect(await queued(moicAdmin)).not.toContain(task.id);
    expect((await bed.tasks.get(mohAdmin, task.id)).id).toBe(task.id);
    await refusal(bed.tasks.get(moicAdmin, task.id), Code.TASK_NOT_FOUND);
  });

  it("keep their ministry's routing categories; the shared calendar, endpoints and mappings are national", async () => {
    expect((await rule(moicAdmin, 'moic-vte', 'moic-trade', '01')).ministry).toBe('MOIC');
    expect((await rule(moicAdmin, 'moic-lpb', 'moic-trade', '06')).ministry).toBe('MOIC');
    // Another ministry adds no rule to the category, changes none of its rules, removes none.
    const taken = await refusal(rule(mohAdmin, 'moh-vte', 'moic-trade', '02'), Code.OUT_OF_SCOPE);
    expect(taken.errors).toEqual([expect.objectContaining({ field: 'category' })]);
    await refusal(rule(mohAdmin, 'moic-vte', 'moh-clinics', '01'), Code.OUT_OF_SCOPE);
    await refusal(bed.rules.delete('moic-vte', mohAdmin), Code.OUT_OF_SCOPE);
    // A national category stays national, even when a ministry's administrator would add to it.
    expect((await rule(admin, 'country', 'national-cat')).ministry).toBeNull();
    await refusal(rule(moicAdmin, 'national-06', 'national-cat', '06'), Code.OUT_OF_SCOPE);
    expect((await rule(admin, 'moic-vte', 'moic-trade', '01')).ministry).toBe('MOIC');
    await bed.rules.delete('moic-lpb', moicAdmin);

    await refusal(bed.holidays.save('2027-04-14', 'Pi Mai', moicAdmin), Code.OUT_OF_SCOPE);
    await refusal(bed.holidays.delete('2027-04-14', moicAdmin), Code.OUT_OF_SCOPE);
    await refusal(
      bed.endpoints.save(
        SaveEndpoint.create({ name: 'moic-registry', url: 'http://127.0.0.1:9/x', auth: 'none', caller: moicAdmin }),
      ),
      Code.OUT_OF_SCOPE,
    );
    await refusal(
      bed.mappings.save(
        SaveEventMapping.create({
          id: 'moic-start',
          eventType: 'registration.application.submitted',
          action: 'start',
          processKey: 'moic-licence',
          keyPath: 'applicationId',
          caller: moicStarter,
        }),
      ),
      Code.OUT_OF_SCOPE,
    );
    expect(await bed.holidays.save('2027-04-14', 'Pi Mai', admin)).toEqual({ date: '2027-04-14', name: 'Pi Mai' });
  });
});
