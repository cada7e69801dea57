import { IsInt, IsObject, IsString, IsUUID, Max, Min, MinLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** A payment system (or the counter that took cash) confirms an application's fee. */
export class RecordPayment extends Command {
  @IsUUID() applicationId: string;
  @IsObject() caller: Caller;
  @IsString() @MinLength(1) reference: string;
  @IsInt() @Min(0) @Max(1_000_000_000_000) amount: number;
}
