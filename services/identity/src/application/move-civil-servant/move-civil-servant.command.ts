import { IsDateString, IsObject, IsString, IsUUID, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';
import type { PostingInput } from '../civil-servant-access';

/** A civil servant moves to another posting from a date, for a reason. */
export class MoveCivilServant extends Command {
  @IsObject() caller: Caller;
  @IsUUID() personId: string;
  @IsObject() to: PostingInput;
  @IsDateString() effectiveFrom: string;
  @IsString() @MaxLength(500) reason: string;
}
