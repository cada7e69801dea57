import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { Command } from '@onedoor/application';

/** Which event notifies whom with which template: data, changed through the API. */
export class SaveRule extends Command {
  @IsString() id: string;
  @IsString() eventType: string;
  @IsString() templateKey: string;
  /** The payload property holding the person to notify. */
  @IsString() personField: string;
  @IsBoolean() essential: boolean;
  /** To every address the person has, not only their preferred channel (default: preferred only). */
  @IsOptional() @IsBoolean() everyChannel?: boolean;
  @IsBoolean() enabled: boolean;
}
