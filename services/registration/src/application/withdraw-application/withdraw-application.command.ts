import { IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

export class WithdrawApplication extends Command {
  @IsUUID() applicationId: string;
  @IsObject() caller: Caller;
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}
