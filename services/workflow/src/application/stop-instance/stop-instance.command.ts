import { IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

export class StopInstance extends Command {
  @IsUUID() instanceId: string;
  @IsObject() caller: Caller;
  @IsOptional() @IsString() @MaxLength(1_000) reason?: string;
}
