import { Messages1764000000000 } from './1764000000000-messages.migration';
import { RegistrationNotifications1765200000000 } from './1765200000000-registration-notifications.migration';
import { MessagePartialIndexes1765500000000 } from './1765500000000-message-partial-indexes.migration';
import { ActivationCodeTemplates1766000000000 } from './1766000000000-activation-code-templates.migration';
import { ApplicationReceived1766300000000 } from './1766300000000-application-received.migration';
import { StatusReasonInMessages1766500000000 } from './1766500000000-status-reason-in-messages.migration';
import { PhoneChangeCodeTemplates1766800000000 } from './1766800000000-phone-change-code-templates.migration';
import { StalledAlertTemplates1767200000000 } from './1767200000000-stalled-alert-templates.migration';
import { HotlineReceived1767500000000 } from './1767500000000-hotline-received.migration';
import { HotlineNotices1768000000000 } from './1768000000000-hotline-notices.migration';
import { UnitNotices1768400000000 } from './1768400000000-unit-notices.migration';
import { EmailCallbacks1768700000000 } from './1768700000000-email-callbacks.migration';
import { WalletBindingCodeTemplates1768800000000 } from './1768800000000-wallet-binding-code-templates.migration';
import { MessageCorrelation1768900000000 } from './1768900000000-message-correlation.migration';
import { RulesToEveryChannel1769000000000 } from './1769000000000-rules-to-every-channel.migration';

/** The messaging block's own migrations, in order. The platform's tables (outbox, inbox, idempotency keys) come first. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MESSAGING_MIGRATIONS: Function[] = [
  Messages1764000000000,
  RegistrationNotifications1765200000000,
  MessagePartialIndexes1765500000000,
  ActivationCodeTemplates1766000000000,
  ApplicationReceived1766300000000,
  StatusReasonInMessages1766500000000,
  PhoneChangeCodeTemplates1766800000000,
  StalledAlertTemplates1767200000000,
  HotlineReceived1767500000000,
  HotlineNotices1768000000000,
  UnitNotices1768400000000,
  EmailCallbacks1768700000000,
  WalletBindingCodeTemplates1768800000000,
  MessageCorrelation1768900000000,
  RulesToEveryChannel1769000000000,
];
