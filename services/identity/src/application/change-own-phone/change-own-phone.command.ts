import { IsObject, IsString, IsUUID, Matches } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';
import { E164 } from '../../domain';

/** Step 1: a citizen gives a new phone number; a code goes to that number. */
export class RequestPhoneChange extends Command {
  @IsObject() caller: Caller;
  @Matches(E164, { message: 'phone must be a phone number such as +8562055512345' }) phone: string;
}

/** Step 2: the code that reached the new number proves it is theirs; the register keeps it. */
export class ConfirmPhoneChange extends Command {
  @IsObject() caller: Caller;
  @Matches(E164, { message: 'phone must be a phone number such as +8562055512345' }) phone: string;
  @IsUUID() challengeId: string;
  @IsString() @Matches(/^\d{6}$/, { message: 'code must be the 6 digits received' }) code: string;
}
