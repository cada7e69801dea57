import { IsBoolean, IsIn, IsObject, IsOptional } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/**
 * A person's own choices about their messages: opted out of non-essential ones or not, and the channel and language
 * notifications reach them in. The identity block's record of the person changes them too (the latest change wins).
 */
export class SetPreferences extends Command {
  @IsObject() caller: Caller;
  @IsOptional() @IsBoolean() optedOut?: boolean;
  @IsOptional() @IsIn(['sms', 'email']) preferredChannel?: 'sms' | 'email';
  @IsOptional() @IsIn(['lo', 'en']) preferredLanguage?: 'lo' | 'en';
}
