import { IsArray, IsDateString, IsObject, IsOptional, IsUUID, Matches } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';
import type { PostingInput } from '../civil-servant-access';

/** An enrolled person becomes a civil servant, with an employee number and a first posting. */
export class RegisterCivilServant extends Command {
  @IsObject() caller: Caller;
  @IsUUID() personId: string;
  @Matches(/^[A-Z0-9-]{4,20}$/) employeeNumber: string;
  @IsObject() posting: PostingInput;
  @IsDateString() effectiveFrom: string;
  @IsOptional() @IsArray() roles?: string[];
}
