import { IsObject, IsString, IsUUID } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** An officer's decision on an application's task: `data.outcome` (approve, reject, sendback…), `data.comment`. */
export class CompleteTask extends Command {
  @IsUUID() taskId: string;
  @IsObject() caller: Caller;
  /** The officer's own bearer token: the workflow block checks their unit and role itself. */
  @IsString() authorization: string;
  @IsObject() data: Record<string, unknown>;
}
