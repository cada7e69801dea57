import { Controller, Get, HttpStatus, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@onedoor/http';
import { UIN_POLICY } from './uin.tokens';
import { uinRejection, type UinPolicy, type UinRejection } from './uin-policy';

class UinValidityResponse {
  @ApiProperty({ example: '2947508361' }) uin!: string;
  @ApiProperty({ example: true }) valid!: boolean;
}

const EXPLANATIONS: Record<Exclude<UinRejection, 'MALFORMED'>, string> = {
  CHECK_DIGIT: 'The check digit does not match: a digit is wrong or two digits are swapped.',
  LEADING_DIGIT: 'No UIN starts with 0 or 1.',
  SEQUENCE: 'No UIN contains three ascending or descending digits in a row.',
  REPEATED_DIGITS: 'No UIN contains the same digit three times in a row.',
  REPEATED_BLOCK: 'No UIN contains a block of digits repeated right after itself.',
  RESTRICTED: 'This number is reserved and never issued.',
};

@ApiTags('unique identification numbers')
@ApiBearerAuth()
@Controller('uins')
export class UinController {
  constructor(@Inject(UIN_POLICY) private readonly policy: UinPolicy) {}

  @Get(':uin/validity')
  @ApiOperation({
    summary:
      'Whether a number is a well-formed UIN (check digit and issuing rules); says nothing of whether it was issued',
  })
  validity(@Param('uin') uin: string): UinValidityResponse {
    const rejection = uinRejection(uin, this.policy);
    if (rejection === 'MALFORMED') {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'IDENTITY.UIN_MALFORMED',
        `A UIN is exactly ${this.policy.length} digits.`,
      );
    }
    if (rejection) {
      throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, `IDENTITY.UIN_${rejection}`, EXPLANATIONS[rejection]);
    }
    return { uin, valid: true };
  }
}
