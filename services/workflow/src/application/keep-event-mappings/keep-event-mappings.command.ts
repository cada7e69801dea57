import { IsIn, IsObject, IsOptional, IsString } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** What an event of another block does here: start a process, or deliver a message to the case's instances. */
export class SaveEventMapping extends Command {
  @IsString() id: string;
  @IsString() eventType: string;
  @IsIn(['start', 'message']) action: 'start' | 'message';
  @IsOptional() @IsString() processKey?: string;
  @IsOptional() @IsString() messageName?: string;
  /** Where the case's business key is in the payload. */
  @IsString() keyPath: string;
  @IsOptional() @IsObject() variables?: Record<string, string>;
  @IsOptional() @IsObject() when?: Record<string, string | number | boolean>;
  @IsObject() caller: Caller;
}
