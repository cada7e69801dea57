import { Injectable } from '@nestjs/common';
import { selfPersonId } from '@onedoor/contracts';
import { MessagingError, MessagingErrorCode } from '../../domain';
import { MessageStore } from '../ports';
import { SetPreferences } from './set-preferences.command';

/** Saves a person's choices; a channel needs its address (SMS a phone, e-mail an address) in their record. */
@Injectable()
export class SetPreferencesHandler {
  constructor(private readonly messages: MessageStore) {}

  async execute({ caller, optedOut, preferredChannel, preferredLanguage }: SetPreferences): Promise<void> {
    const self = selfPersonId(caller);
    const recipient = self && (await this.messages.recipient(self));
    if (!self || !recipient) {
      throw new MessagingError(MessagingErrorCode.RECIPIENT_NOT_FOUND, 'Messaging has no record of you yet.');
    }
    if ((preferredChannel === 'sms' && !recipient.phone) || (preferredChannel === 'email' && !recipient.email)) {
      throw new MessagingError(
        MessagingErrorCode.NO_ADDRESS,
        `Your record has no ${preferredChannel === 'sms' ? 'phone number' : 'e-mail address'}: add one at a registration office first.`,
        [
          {
            field: 'preferredChannel',
            message: `no ${preferredChannel === 'sms' ? 'phone number' : 'e-mail address'} known`,
          },
        ],
      );
    }
    await this.messages.setPreferences(self, {
      ...(optedOut !== undefined && { optedOut }),
      ...(preferredChannel && { preferredChannel }),
      ...(preferredLanguage && { preferredLanguage }),
    });
  }
}
