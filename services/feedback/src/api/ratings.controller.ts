import { Body, Controller, HttpCode, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Post, Returns, schema as s } from '@onedoor/http';
import { RateService } from '../application/rate-service/rate-service.command';
import { RateServiceHandler } from '../application/rate-service/rate-service.handler';

class RatingDto {
  @ApiProperty({ format: 'uuid', description: 'The decided application (its fileId)' }) @IsUUID() applicationId: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) score: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2_000) comment?: string;
}

/** One-door services rated by their applicants, once each application is decided. */
@ApiTags('service ratings')
@ApiBearerAuth()
@Controller('ratings')
export class RatingsController {
  constructor(private readonly rating: RateServiceHandler) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @RequireRoles(ROLES.citizen)
  @ApiOperation({
    summary:
      'Rate the service of a decided application of yours, 1 to 5, once; a low score answers with a complaint to open in one step',
  })
  @Returns(
    s.object(
      {
        applicationId: s.uuid,
        score: s.integer,
        complaint: s.object({ kind: s.enum('complaint'), topic: s.string(), description: s.string() }),
      },
      ['complaint'],
    ),
    201,
  )
  rate(@Body() body: RatingDto, @CurrentCaller() caller: Caller) {
    return this.rating.execute(RateService.create({ caller, ...body }));
  }
}
