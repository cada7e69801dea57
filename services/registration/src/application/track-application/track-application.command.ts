import { IsOptional, IsString } from 'class-validator';
import { Command } from '@onedoor/application';

/** Following an application without a login: its tracking code and the last four digits of the phone given. */
export class TrackApplication extends Command {
  @IsString() code: string;
  @IsOptional() @IsString() phone?: string;
  /** The client's address: wrong guesses are counted per address as well as per code. */
  @IsString() clientAddress: string;
}
