import { IsArray, IsIn, IsObject, IsOptional, IsUUID } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** A civil servant's status (suspended, retired, left) or platform roles, set by HR. */
export class ChangeCivilServant extends Command {
  @IsObject() caller: Caller;
  @IsUUID() personId: string;
  @IsOptional() @IsIn(['ACTIVE', 'SUSPENDED', 'RETIRED', 'LEFT']) status?: 'ACTIVE' | 'SUSPENDED' | 'RETIRED' | 'LEFT';
  @IsOptional() @IsArray() roles?: string[];
}
