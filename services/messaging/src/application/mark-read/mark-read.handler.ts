import { selfPersonId } from '@onedoor/contracts';
import { Injectable } from '@nestjs/common';
import { MessageStore } from '../ports';
import { MarkRead } from './mark-read.command';

/** Marks the message read, once; `changed` says whether this call did (a second call changes nothing). */
@Injectable()
export class MarkReadHandler {
  constructor(private readonly messages: MessageStore) {}

  async execute({ caller, messageId }: MarkRead): Promise<{ id: string; read: true; changed: boolean }> {
    const self = selfPersonId(caller);
    const changed = !!self && (await this.messages.markRead(self, messageId));
    return { id: messageId, read: true, changed };
  }
}
