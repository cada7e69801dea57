import { selfPersonId } from '@onedoor/contracts';
import { Injectable } from '@nestjs/common';
import { MessagingError, MessagingErrorCode } from '../../domain';
import { MessageStore } from '../ports';
import { SetPreferences } from './set-preferences.command';

@Injectable()
export class SetPreferencesHandler {
  constructor(private readonly messages: MessageStore) {}

  async execute({ caller, optedOut }: SetPreferences): Promise<void> {
    const self = selfPersonId(caller);
    if (!self || !(await this.messages.setOptedOut(self, optedOut))) {
      throw new MessagingError(MessagingErrorCode.RECIPIENT_NOT_FOUND, 'Messaging has no record of you yet.');
    }
  }
}
