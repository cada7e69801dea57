import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags, ApiResponse } from '@nestjs/swagger';
import { UinValidityQuery } from '../application/queries/uin.query';

class UinValidityResponse {
  @ApiProperty({ example: '2947508361' }) uin!: string;
  @ApiProperty({ example: true }) valid!: boolean;
}

@ApiTags('unique identification numbers')
@ApiBearerAuth()
@Controller('uins')
export class UinController {
  constructor(private readonly checking: UinValidityQuery) {}

  @Get(':uin/validity')
  @ApiResponse({ status: 200, description: 'Whether it is well formed', type: UinValidityResponse })
  @ApiOperation({
    summary:
      'Whether a number is a well-formed UIN (check digit and issuing rules); says nothing of whether it was issued',
  })
  validity(@Param('uin') uin: string): UinValidityResponse {
    return this.checking.execute(uin);
  }
}
