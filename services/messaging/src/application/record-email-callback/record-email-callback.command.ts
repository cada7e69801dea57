import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** The most a callback's content may hold, decoded. */
export const MAX_CALLBACK_BYTES = 512_000;

/** A callback for an email request: a reply, a report, as the sending system arranged it (base64 content). */
export class RecordEmailCallback extends Command {
  @IsObject() caller: Caller;
  @IsString() requestUid: string;
  @IsOptional() @IsString() @MaxLength(1_000) meta?: string;
  /** Base64; checked and decoded by the handler. */
  @IsString() @MaxLength(Math.ceil((MAX_CALLBACK_BYTES * 4) / 3) + 4) content: string;
}
