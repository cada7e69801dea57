import { Module } from '@nestjs/common';
import { TimerScheduler } from './deadlines/timer-scheduler';
import { EndpointCalls } from './instances/endpoint-calls';
import { InstanceEngine } from './instances/instance-engine';
import { InstancesController } from './instances/instances.controller';
import { ProcessesController } from './processes/processes.controller';
import { ProcessesService } from './processes/processes.service';
import { RoutingController } from './routing/routing.controller';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { EventTriggers } from './triggers/event-triggers';

/**
 * The workflow building block: BPMN processes that route applications and hotline cases between offices, with
 * human tasks, deadlines and escalation. bpmn-elements runs each step (engine/); instances, tasks and timers live
 * in PostgreSQL (instances/, tasks/, deadlines/); events start and move processes (triggers/); the routing
 * table, holiday calendar and event mappings are data (routing/). The platform adds health, metrics, API
 * documents, diagnostics and the event backbone (see libs/platform-kit).
 */
@Module({
  controllers: [ProcessesController, InstancesController, TasksController, RoutingController],
  providers: [EndpointCalls, InstanceEngine, ProcessesService, TasksService, TimerScheduler, EventTriggers],
})
export class WorkflowModule {}
