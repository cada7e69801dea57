import { IsIn, IsObject, IsString, IsUUID, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** Deactivation (the register's logical deletion) or reactivation, with the reason. */
export class ChangePersonStatus extends Command {
  @IsObject() caller: Caller;
  @IsUUID() personId: string;
  @IsIn(['ACTIVE', 'DEACTIVATED']) to: 'ACTIVE' | 'DEACTIVATED';
  @IsString() @MaxLength(500) reason: string;
}
