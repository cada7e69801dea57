import { IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** Starts a stalled application's process again, once what stopped it (a process, a routing rule) is fixed. */
export class RestartApplication extends Command {
  @IsUUID() applicationId: string;
  @IsObject() caller: Caller;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
}
