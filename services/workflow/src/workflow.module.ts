import { Module } from '@nestjs/common';
import { InstancesController } from './api/instances.controller';
import { WORKFLOW_PROBLEMS } from './api/problems';
import { ProcessesController } from './api/processes.controller';
import { RoutingController } from './api/routing.controller';
import { TasksController } from './api/tasks.controller';
import { ClaimTaskHandler } from './application/claim-task/claim-task.handler';
import { CompleteTaskHandler } from './application/complete-task/complete-task.handler';
import { DeleteProcessHandler } from './application/delete-process/delete-process.handler';
import { DeliverMessageHandler } from './application/deliver-message/deliver-message.handler';
import { EngineCaches } from './application/engine/engine-caches';
import { InstanceEngine } from './application/engine/instance-engine';
import { StepEffects } from './application/engine/step-effects';
import { EscalateTaskHandler } from './application/escalate-task/escalate-task.handler';
import { TimerScheduler } from './application/fire-timers/timer-scheduler';
import { FollowEventsHandler } from './application/follow-events/follow-events.handler';
import { KeepEndpointsHandler } from './application/keep-endpoints/keep-endpoints.handler';
import { KeepEventMappingsHandler } from './application/keep-event-mappings/keep-event-mappings.handler';
import { KeepHolidaysHandler } from './application/keep-holidays/keep-holidays.handler';
import { KeepRoutingTableHandler } from './application/keep-routing-table/keep-routing-table.handler';
import { EndpointCaller, WorkflowStore } from './application/ports';
import { PublishProcessHandler } from './application/publish-process/publish-process.handler';
import { ShipProcesses } from './application/ship-processes/ship-processes';
import { InstanceQueries } from './application/queries/instances.queries';
import { ProcessQueries } from './application/queries/processes.queries';
import { RoutingQueries } from './application/queries/routing.queries';
import { TaskQueries } from './application/queries/tasks.queries';
import { ReassignTaskHandler } from './application/reassign-task/reassign-task.handler';
import { ReleaseTaskHandler } from './application/release-task/release-task.handler';
import { StartProcessHandler } from './application/start-process/start-process.handler';
import { StopInstanceHandler } from './application/stop-instance/stop-instance.handler';
import { EventTriggersConsumer } from './events/event-triggers.consumer';
import { EndpointCalls } from './gateways/endpoint-calls';
import { WorkflowRepository } from './persistence/workflow.repository';
import { WORKFLOW_CONFIG, workflowConfig } from './workflow.config';
import { GovStackProcessesController } from './govstack/processes.controller';

void WORKFLOW_PROBLEMS; // registered with the problem filter when this module loads

/** The engine and the block's use cases (application/). */
export const WORKFLOW_HANDLERS = [
  EngineCaches,
  StepEffects,
  InstanceEngine,
  PublishProcessHandler,
  DeleteProcessHandler,
  StartProcessHandler,
  StopInstanceHandler,
  DeliverMessageHandler,
  ClaimTaskHandler,
  ReleaseTaskHandler,
  CompleteTaskHandler,
  ReassignTaskHandler,
  EscalateTaskHandler,
  TimerScheduler,
  FollowEventsHandler,
  KeepEndpointsHandler,
  KeepRoutingTableHandler,
  KeepHolidaysHandler,
  KeepEventMappingsHandler,
  ProcessQueries,
  InstanceQueries,
  TaskQueries,
  RoutingQueries,
];

/** The block's persistence and gateways: what the handlers' ports are made of. */
export const WORKFLOW_INFRASTRUCTURE = [
  { provide: WORKFLOW_CONFIG, useFactory: () => workflowConfig() },
  { provide: WorkflowStore, useClass: WorkflowRepository },
  { provide: EndpointCaller, useClass: EndpointCalls },
];

/**
 * The workflow building block: BPMN processes that route applications and hotline cases between offices, with
 * human tasks, deadlines and escalation. domain/ holds the process runner (bpmn-elements) and the rules;
 * application/ the engine and one folder per use case; persistence/ the SQL; api/ and events/ the adapters
 * (docs/adr/0012-block-shape.md). The platform adds health, metrics, API documents and the event backbone.
 */
@Module({
  controllers: [
    ProcessesController,
    InstancesController,
    TasksController,
    RoutingController,
    // GovStack's workflow API (/workflow/govstack/...), over the same use cases: ADR 0017.
    GovStackProcessesController,
  ],
  providers: [...WORKFLOW_INFRASTRUCTURE, ...WORKFLOW_HANDLERS, EventTriggersConsumer, ShipProcesses],
})
export class WorkflowModule {}
