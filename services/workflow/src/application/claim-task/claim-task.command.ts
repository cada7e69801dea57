import { IsObject, IsUUID } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** An officer takes a task from their unit's queue (and, with release, puts it back). */
export class ClaimTask extends Command {
  @IsUUID() taskId: string;
  @IsObject() caller: Caller;
}
