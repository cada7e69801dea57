import { IsString, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';

/** A civil servant sets their password with the activation code HR gave them. */
export class ActivateAccount extends Command {
  @IsString() employeeNumber: string;
  @IsString() activationCode: string;
  @IsString() @MaxLength(200) password: string;
}
