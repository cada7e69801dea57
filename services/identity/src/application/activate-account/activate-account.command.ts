import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';

/** The civil servant asks for a code on their own phone or e-mail, with the activation code HR handed them. */
export class RequestActivationProof extends Command {
  @IsString() employeeNumber: string;
  @IsString() activationCode: string;
}

/**
 * A civil servant sets their password with the activation code HR gave them and the code sent to their own phone or
 * e-mail: HR's code proves the appointment, the person's code proves it is them (ADR 0013).
 */
export class ActivateAccount extends Command {
  @IsString() employeeNumber: string;
  @IsString() activationCode: string;
  @IsUUID() challengeId: string;
  @Matches(/^\d{6}$/) code: string;
  @IsString() @MaxLength(200) password: string;
}
