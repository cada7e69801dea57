import { IsBoolean, IsObject } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** A person opts out of (or back into) non-essential messages. Language and channel are the identity block's. */
export class SetPreferences extends Command {
  @IsObject() caller: Caller;
  @IsBoolean() optedOut: boolean;
}
