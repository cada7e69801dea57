import { IsObject, IsUUID } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** A person has read one of their in-app messages. */
export class MarkRead extends Command {
  @IsObject() caller: Caller;
  @IsUUID() messageId: string;
}
