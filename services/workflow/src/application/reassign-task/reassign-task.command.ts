import { IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** A supervisor gives a task to another unit or officer. */
export class ReassignTask extends Command {
  @IsUUID() taskId: string;
  @IsObject() caller: Caller;
  @IsOptional() @IsString() unit?: string;
  @IsOptional() @IsString() assignee?: string;
  @IsOptional() @IsString() @MaxLength(2_000) comment?: string;
}
