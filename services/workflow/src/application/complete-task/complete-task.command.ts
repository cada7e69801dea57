import { IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** An officer's decision on a task: an outcome the task accepts, a comment, variables for the process. */
export class CompleteTask extends Command {
  @IsUUID() taskId: string;
  @IsObject() caller: Caller;
  @IsString() outcome: string;
  @IsOptional() @IsString() @MaxLength(2_000) comment?: string;
  @IsOptional() @IsObject() variables?: Record<string, unknown>;
}
