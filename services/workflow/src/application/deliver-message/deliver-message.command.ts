import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** A message (a payment confirmed, a correction made) for the instances of a case waiting for it. */
export class DeliverMessage extends Command {
  @IsString() @MaxLength(200) name: string;
  @IsString() @MaxLength(200) correlationKey: string;
  @IsOptional() @IsObject() variables?: Record<string, unknown>;
  @IsString() actor: string;
  /** Who sends it: a ministry's starter moves its ministry's cases only. */
  @IsObject() caller: Caller;
}
