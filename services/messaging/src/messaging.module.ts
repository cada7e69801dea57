import { Module } from '@nestjs/common';
import { messagingSealingKey, Unsealer } from '@onedoor/backbone';
import { AdminController } from './api/admin.controller';
import { MessagesController } from './api/messages.controller';
import { PeopleController } from './api/people.controller';
import { MESSAGING_PROBLEMS } from './api/problems';
import { CHANNEL_PROVIDERS } from './application/channel-provider';
import { Dispatcher } from './application/dispatch-messages/dispatcher';
import { MarkReadHandler } from './application/mark-read/mark-read.handler';
import { MessageComposer } from './application/message-composer';
import { NotifyFromEventsHandler } from './application/notify-from-events/notify-from-events.handler';
import { DispatchQueue, MessageStore } from './application/ports';
import { MessageQueries } from './application/queries/messages.queries';
import { RecordReceiptHandler } from './application/record-receipt/record-receipt.handler';
import { SaveRuleHandler } from './application/save-rule/save-rule.handler';
import { SaveTemplateHandler } from './application/save-template/save-template.handler';
import { SendBatchHandler } from './application/send-batch/send-batch.handler';
import { SendEmailHandler } from './application/send-email/send-email.handler';
import { RecordEmailCallbackHandler } from './application/record-email-callback/record-email-callback.handler';
import { SendMessageHandler } from './application/send-message/send-message.handler';
import { SetPreferencesHandler } from './application/set-preferences/set-preferences.handler';
import { EventNotificationsConsumer } from './events/event-notifications.consumer';
import { providersFrom } from './gateways/channels/providers';
import { GovStackEmailController } from './govstack/email.controller';
import { MESSAGING_CONFIG, messagingConfig, type MessagingConfig } from './messaging.config';
import { DispatchQueueRepository } from './persistence/dispatch-queue.repository';
import { MessagesRepository } from './persistence/messages.repository';

void MESSAGING_PROBLEMS; // registered with the problem filter when this module loads

/** The block's use cases (application/). */
export const MESSAGING_HANDLERS = [
  MessageComposer,
  Dispatcher,
  SendMessageHandler,
  SendBatchHandler,
  SendEmailHandler,
  RecordEmailCallbackHandler,
  RecordReceiptHandler,
  SaveTemplateHandler,
  SaveRuleHandler,
  SetPreferencesHandler,
  MarkReadHandler,
  NotifyFromEventsHandler,
  MessageQueries,
];

/** The block's persistence and channel providers: what the handlers' ports are made of. */
export const MESSAGING_INFRASTRUCTURE = [
  { provide: MESSAGING_CONFIG, useFactory: () => messagingConfig() },
  {
    provide: CHANNEL_PROVIDERS,
    useFactory: (config: MessagingConfig) => providersFrom(config),
    inject: [MESSAGING_CONFIG],
  },
  { provide: MessageStore, useClass: MessagesRepository },
  { provide: DispatchQueue, useClass: DispatchQueueRepository },
  { provide: Unsealer, useFactory: () => Unsealer.forKey(messagingSealingKey()) },
];

/**
 * The messaging building block: notifications to citizens and officers by SMS, email, webhook and in-app, in Lao
 * and English. Messages come from the API (templates, batches, GovStack's email API) and from other blocks'
 * events (rules as data); a dispatcher hands them to the channel's providers with retries, failover and
 * fallback. In the block shape of docs/adr/0012-block-shape.md.
 */
@Module({
  controllers: [MessagesController, AdminController, PeopleController, GovStackEmailController],
  providers: [...MESSAGING_INFRASTRUCTURE, ...MESSAGING_HANDLERS, EventNotificationsConsumer],
})
export class MessagingModule {}
