import { Module } from '@nestjs/common';
import { providerSettingsFromEnv, providersFrom, type ProviderSettings } from './channels/providers';
import { AdminController } from './messages/admin.controller';
import { MessageComposer } from './messages/composer';
import { Dispatcher } from './messages/dispatcher';
import { EventNotifications } from './messages/event-notifications';
import { MessagesController } from './messages/messages.controller';
import { MessagesService } from './messages/messages.service';
import { CHANNEL_PROVIDERS, PROVIDER_SETTINGS } from './messages/tokens';

/**
 * The messaging building block: notifications to citizens and officers by SMS, email, webhook and in-app, in Lao and English.
 * Messages come from the API (templates, batches, GovStack's email API) and from other blocks' events (rules as
 * data); a dispatcher hands them to the channel's providers with retries, failover and fallback. The platform
 * adds health, metrics, API documents, diagnostics and the event backbone (see libs/platform-kit).
 */
@Module({
  controllers: [MessagesController, AdminController],
  providers: [
    { provide: PROVIDER_SETTINGS, useFactory: () => providerSettingsFromEnv() },
    {
      provide: CHANNEL_PROVIDERS,
      useFactory: (settings: ProviderSettings) => providersFrom(settings),
      inject: [PROVIDER_SETTINGS],
    },
    MessageComposer,
    Dispatcher,
    MessagesService,
    EventNotifications,
  ],
})
export class MessagingModule {}
