import { IsObject, IsString } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** A service takes no new applications from now on; open ones go on. */
export class RetireService extends Command {
  @IsString() code: string;
  @IsObject() caller: Caller;
}
