import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EventBackbone } from '@onedoor/backbone';
import {
  EVENT_CATALOGUE,
  WorkflowMessageRequested,
  WorkflowStartRequested,
  WorkflowStopRequested,
} from '@onedoor/contracts';
import { FollowEventsHandler } from '../application/follow-events/follow-events.handler';
import { StopInstanceHandler } from '../application/stop-instance/stop-instance.handler';
import { consumed } from './event-failures';

/** Blocks whose events may start processes or deliver messages, through event mappings. */
const TRIGGER_SOURCES = new Set(['identity', 'registration', 'feedback']);
const MAPPED = EVENT_CATALOGUE.filter((c) => TRIGGER_SOURCES.has(c.source));

/** What the workflow block consumes: the requests to start, move and stop processes, and every mappable event. */
export const WORKFLOW_CONSUMES = [WorkflowStartRequested, WorkflowMessageRequested, WorkflowStopRequested, ...MAPPED];

/** The events that start, move and stop processes, each passed with the consumer's transaction to its handler. */
@Injectable()
export class EventTriggersConsumer implements OnModuleInit {
  constructor(
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
    private readonly follow: FollowEventsHandler,
    private readonly stopping: StopInstanceHandler,
  ) {}

  onModuleInit() {
    this.backbone.onBatch(
      WorkflowStartRequested,
      (events, tx) =>
        consumed(
          this.follow.startRequested(
            events.map((e) => e.envelope),
            tx,
          ),
        ),
      'EventTriggers.startRequested',
    );
    this.backbone.on(
      WorkflowMessageRequested,
      ({ envelope }, tx) => consumed(this.follow.messageRequested(envelope, tx)),
      'EventTriggers.messageRequested',
    );
    this.backbone.on(
      WorkflowStopRequested,
      ({ data }, tx) => consumed(this.stopping.stopCase(data.businessKey, data.requestedBy, data.reason, tx)),
      'EventTriggers.stopRequested',
    );
    for (const contract of MAPPED) {
      this.backbone.onBatch(
        contract,
        (events, tx) =>
          consumed(
            this.follow.mapped(
              events.map((e) => e.envelope),
              tx,
            ),
          ),
        `EventTriggers.mapped(${contract.type})`,
      );
    }
  }
}
