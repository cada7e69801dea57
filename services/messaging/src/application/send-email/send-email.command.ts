import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsObject, IsString, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** The most addresses one request sends to (a batch's recipients with their copies). */
export const MAX_EMAIL_ADDRESSES = 1_000;

/**
 * An email with the content given, to one or many addresses (GovStack's email API sends content, not templates).
 * Each address gets its own copy: a copy to a CC or BCC address shows no other recipient.
 */
export class SendEmail extends Command {
  @IsObject() caller: Caller;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EMAIL_ADDRESSES)
  @IsEmail({}, { each: true })
  @MaxLength(254, { each: true })
  to: string[];
  @IsString() @MaxLength(1_000) subject: string;
  @IsString() @MaxLength(100_000) body: string;
}
