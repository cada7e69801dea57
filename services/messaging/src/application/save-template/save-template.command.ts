import { IsOptional, IsString } from 'class-validator';
import { Command } from '@onedoor/application';

/** A template's text for a key, channel and language: an ICU message (variables, plural and select forms). */
export class SaveTemplate extends Command {
  @IsString() key: string;
  @IsString() channel: string;
  @IsString() language: string;
  @IsOptional() @IsString() subject?: string;
  @IsString() body: string;
}
