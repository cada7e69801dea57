import { Body, Controller, Get, HttpCode, HttpStatus, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, PickType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { RequireRoles, ROLES } from '@onedoor/auth';
import { Post, Returns, schema as s } from '@onedoor/http';
import { RecordCallHandler } from '../application/record-call/record-call.handler';
import { statusText } from '../domain';
import { SubmitCaseDto } from './feedback.dto';
import { RECEIVED } from './schemas';
import { caseView } from './views';

const PHONE = /^\+?[0-9]{8,15}$/;

class CallDto extends PickType(SubmitCaseDto, [
  'kind',
  'topic',
  'description',
  'province',
  'district',
  'village',
  'language',
] as const) {
  @ApiProperty({ example: '+8562055512345', description: 'The number the caller rang from' })
  @Matches(PHONE)
  callerPhone: string;
  @ApiProperty({
    description: 'The caller agreed to be contacted at it (kept for their next calls); false: nothing kept',
  })
  @IsBoolean()
  consent: boolean;
}

class EarlierCasesQuery {
  @ApiProperty({ example: '+8562055512345' }) @Matches(PHONE) phone: string;
  @ApiPropertyOptional({ enum: ['lo', 'en'] }) @IsOptional() @IsIn(['lo', 'en']) lang?: 'lo' | 'en';
}

/** The 1516 operators' console: a call recorded in one step, the caller's earlier cases found by their number. */
@ApiTags('hotline cases')
@ApiBearerAuth()
@Controller('calls')
@RequireRoles(ROLES.feedbackOperator)
export class CallsController {
  constructor(private readonly calls: RecordCallHandler) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'Record a call as an anonymous case: its number and PIN, to read back to the caller; with consent, their phone is kept to tell them (never shown to a unit)',
  })
  @Returns(RECEIVED, 201)
  async record(@Body() body: CallDto) {
    const { record, pin } = await this.calls.record(body);
    return { ...caseView(record, false), ...(pin && { pin }) };
  }

  @Get('earlier-cases')
  @ApiOperation({ summary: "A caller's earlier cases, by the number they call from (those kept with their consent)" })
  @Returns(
    s.array(
      s.object({
        caseNumber: s.string(),
        kind: s.string(),
        topic: s.string(),
        state: s.string(),
        status: s.string('the state as the caller is told it'),
        receivedAt: s.dateTime,
      }),
    ),
  )
  async earlier(@Query() query: EarlierCasesQuery) {
    return (await this.calls.earlierCases(query.phone)).map((record) => ({
      caseNumber: record.number,
      kind: record.kind,
      topic: record.topic,
      state: record.state,
      status: statusText(record.state, query.lang ?? 'lo'),
      receivedAt: record.createdAt,
    }));
  }
}
