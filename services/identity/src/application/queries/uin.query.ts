import { Inject, Injectable } from '@nestjs/common';
import { IdentityError, IdentityErrorCode, uinRejection, type UinPolicy, type UinRejection } from '../../domain';
import { UIN_POLICY } from '../../identity.config';

const EXPLANATIONS: Record<Exclude<UinRejection, 'MALFORMED'>, string> = {
  CHECK_DIGIT: 'The check digit does not match: a digit is wrong or two digits are swapped.',
  LEADING_DIGIT: 'No UIN starts with 0 or 1.',
  SEQUENCE: 'No UIN contains three ascending or descending digits in a row.',
  REPEATED_DIGITS: 'No UIN contains the same digit three times in a row.',
  REPEATED_BLOCK: 'No UIN contains a block of digits repeated right after itself.',
  RESTRICTED: 'This number is reserved and never issued.',
};

/** Whether a number is a well-formed UIN (check digit and issuing rules); says nothing of whether it was issued. */
@Injectable()
export class UinValidityQuery {
  constructor(@Inject(UIN_POLICY) private readonly policy: UinPolicy) {}

  execute(uin: string): { uin: string; valid: true } {
    const rejection = uinRejection(uin, this.policy);
    if (rejection === 'MALFORMED') {
      throw new IdentityError(IdentityErrorCode.UIN_MALFORMED, `A UIN is exactly ${this.policy.length} digits.`);
    }
    if (rejection) throw new IdentityError(IdentityErrorCode[`UIN_${rejection}`], EXPLANATIONS[rejection]);
    return { uin, valid: true };
  }
}
