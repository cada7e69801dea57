import { IsEmail, IsObject, IsString, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** An email with the content given (GovStack's email API sends content, not templates). */
export class SendEmail extends Command {
  @IsObject() caller: Caller;
  @IsEmail() to: string;
  @IsString() @MaxLength(1_000) subject: string;
  @IsString() body: string;
}
