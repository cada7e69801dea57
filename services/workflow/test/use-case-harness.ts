import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Caller } from '@onedoor/contracts';
import { memoryLogger, testBed, useCaseDatabase } from '@onedoor/testing';
import { EngineCaches } from '../src/application/engine/engine-caches';
import { InstanceEngine } from '../src/application/engine/instance-engine';
import { StepEffects } from '../src/application/engine/step-effects';
import { EscalateTaskHandler } from '../src/application/escalate-task/escalate-task.handler';
import { TimerScheduler } from '../src/application/fire-timers/timer-scheduler';
import { KeepRoutingTableHandler } from '../src/application/keep-routing-table/keep-routing-table.handler';
import { SaveRoutingRule } from '../src/application/keep-routing-table/keep-routing-table.command';
import { PublishProcess } from '../src/application/publish-process/publish-process.command';
import { PublishProcessHandler } from '../src/application/publish-process/publish-process.handler';
import { StartProcess } from '../src/application/start-process/start-process.command';
import { StartProcessHandler } from '../src/application/start-process/start-process.handler';
import { EndpointCalls } from '../src/gateways/endpoint-calls';
import { WORKFLOW_MIGRATIONS } from '../src/persistence/migrations';
import { WORKFLOW_ENTITIES } from '../src/persistence/workflow.entities';
import { WorkflowRepository } from '../src/persistence/workflow.repository';
import { workflowConfig } from '../src/workflow.config';

export { refusal } from '@onedoor/testing';

export const example = (name: string) => readFileSync(join(__dirname, '../examples', name), 'utf8');

export const admin: Caller = { sub: 'workflow-admin', roles: ['workflow.admin'] };
export const reviewer = (sub = 'khamla', unit = 'MOIC-VTE'): Caller => ({
  sub,
  roles: ['registration.reviewer'],
  unit,
});

/** The workflow block's engine and repository on a scratch database of their own (see useCaseDatabase). */
export async function workflowUseCases() {
  const uc = await useCaseDatabase('workflow', { entities: WORKFLOW_ENTITIES, migrations: WORKFLOW_MIGRATIONS });
  const config = workflowConfig({});
  const store = new WorkflowRepository(uc.dataSource, uc.backbone);
  const caches = new EngineCaches();
  const engine = new InstanceEngine(caches, new EndpointCalls(config), new StepEffects(caches));
  const published = new Set<string>();
  return {
    ...uc,
    store,
    caches,
    engine,
    timers: () => new TimerScheduler(store, engine, new EscalateTaskHandler(caches), config, memoryLogger().logger),
    /** Publishes an example process once, and routes `business-licence` cases of VTE to MOIC-VTE. */
    async publish(file: string) {
      if (published.has(file)) return;
      published.add(file);
      await new PublishProcessHandler(store).execute(PublishProcess.create({ caller: admin, bpmn: example(file) }));
      await new KeepRoutingTableHandler(store, caches)
        .save(
          SaveRoutingRule.create({
            id: 'licence-vte',
            category: 'business-licence',
            province: 'VTE',
            unit: 'MOIC-VTE',
            caller: admin,
          }),
        )
        .catch(() => undefined);
    },
    /** Starts an instance of a published process for a new case. */
    start(processId: string, variables: Record<string, unknown> = {}, startKey = `test:${Math.random()}`) {
      return new StartProcessHandler(store, engine).execute(
        StartProcess.create({
          processId,
          startKey,
          businessKey: `CASE-${startKey}`,
          variables: { category: 'business-licence', province: 'VTE', ...variables },
          startedBy: 'registration',
          caller: admin,
        }),
      );
    },
  };
}

export type WorkflowUseCases = Awaited<ReturnType<typeof workflowUseCases>>;

/** A test file's workflow use cases (see testBed). */
export const workflowTestBed = <T extends object>(make: (uc: WorkflowUseCases) => Promise<T> | T) =>
  testBed(workflowUseCases, make);
