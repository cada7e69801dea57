import { ROLES } from '@onedoor/contracts';
import { admin, workflowTestBed } from '../../../test/use-case-harness';
import { PublishProcess } from '../publish-process/publish-process.command';
import { PublishProcessHandler } from '../publish-process/publish-process.handler';
import { HOTLINE_CASE_BPMN } from './hotline-case';
import { ShipProcesses } from './ship-processes';

const bed = workflowTestBed((uc) => ({
  shipping: new ShipProcesses(uc.store, new PublishProcessHandler(uc.store)),
  publishing: new PublishProcessHandler(uc.store),
}));

const versions = () =>
  bed.uc.sql(
    `SELECT version, created_by, bpmn = $1 AS shipped FROM workflow.definitions WHERE key = 'hotline-case' ORDER BY version`,
    [HOTLINE_CASE_BPMN],
  );

describe('the processes OneDoor ships', () => {
  it("publishes this release's hotline-case over OneDoor's earlier one, once, and keeps an administrator's", async () => {
    // An earlier release's version: the same process without its escalation chain.
    const earlier = HOTLINE_CASE_BPMN.replace(
      / onedoor:escalateTo="[^"]*" onedoor:escalateEveryWorkingDays="\d+"/g,
      '',
    );
    expect(earlier).not.toBe(HOTLINE_CASE_BPMN);
    await bed.publishing.execute(
      PublishProcess.create({ caller: { sub: 'onedoor', roles: [ROLES.workflowAdmin] }, bpmn: earlier }),
    );
    await bed.shipping.onApplicationBootstrap();
    await bed.shipping.onApplicationBootstrap();
    expect(await versions()).toEqual([
      { version: 1, created_by: 'onedoor', shipped: false },
      { version: 2, created_by: 'onedoor', shipped: true },
    ]);
    // An administrator's version is theirs: a later start leaves it the latest.
    await bed.publishing.execute(PublishProcess.create({ caller: admin, bpmn: earlier, expectedKey: 'hotline-case' }));
    await bed.shipping.onApplicationBootstrap();
    expect((await versions()).map((v) => [v.version, v.created_by])).toEqual([
      [1, 'onedoor'],
      [2, 'onedoor'],
      [3, admin.sub],
    ]);
  });
});

const fresh = workflowTestBed((uc) => ({
  replicas: [1, 2, 3].map(() => new ShipProcesses(uc.store, new PublishProcessHandler(uc.store))),
}));

describe('the processes OneDoor ships, on replicas starting together', () => {
  it('start side by side on a new database: one version, its mappings once, no replica fails', async () => {
    await Promise.all(fresh.replicas.map((replica) => replica.onApplicationBootstrap()));
    expect(
      await fresh.uc.sql(`SELECT version, created_by FROM workflow.definitions WHERE key = 'hotline-case'`),
    ).toEqual([{ version: 1, created_by: 'onedoor' }]);
  });
});
