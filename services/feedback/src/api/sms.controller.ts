import { Body, Controller, Headers, HttpCode, Inject, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { IsString, Length, Matches } from 'class-validator';
import { bodySigned } from '@onedoor/application';
import { Public } from '@onedoor/auth';
import { Post, Returns, schema as s } from '@onedoor/http';
import { ReceiveSmsHandler } from '../application/receive-sms/receive-sms.handler';
import { FeedbackError, FeedbackErrorCode } from '../domain';
import { FEEDBACK_CONFIG, type FeedbackConfig } from '../feedback.config';

class InboundSmsDto {
  @ApiProperty({ example: 'gw-5f2c1a', description: "The gateway's id of the message (a retried delivery is one)" })
  @IsString()
  @Length(1, 200)
  messageId: string;
  @ApiProperty({ example: '+8562055512345' }) @Matches(/^\+?[0-9]{8,15}$/) from: string;
  @ApiProperty({ example: 'ຮ້ອງທຸກ ນ້ຳປະປາ #0101 ນ້ຳບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ' }) @IsString() @Length(1, 1_600) text: string;
}

/** Text messages to 1516, as the SMS gateway delivers them (signed): each answered with a reply to send back. */
@ApiTags('hotline cases')
@Controller('sms')
export class SmsController {
  constructor(
    private readonly receiving: ReceiveSmsHandler,
    @Inject(FEEDBACK_CONFIG) private readonly config: FeedbackConfig,
  ) {}

  @Public()
  @Post('inbound')
  @HttpCode(200)
  @ApiHeader({
    name: 'X-OneDoor-Signature',
    required: true,
    description: 'sha256=<hex HMAC of the body with FEEDBACK_SMS_SECRET>',
  })
  @ApiOperation({
    summary:
      'An SMS to 1516 (a case in a few words, STATUS number PIN, INFO number PIN text, HELP; Lao or Latin script): answers the reply the gateway sends back',
  })
  @Returns(s.object({ reply: s.string('the text to send back to the sender'), caseNumber: s.string() }, ['caseNumber']))
  receive(
    @Req() request: RawBodyRequest<Request>,
    @Headers('x-onedoor-signature') signature: string | undefined,
    @Body() body: InboundSmsDto,
  ) {
    if (!bodySigned(this.config.smsSecret, request.rawBody, signature)) {
      throw new FeedbackError(FeedbackErrorCode.BAD_SIGNATURE, 'The message is not signed with the gateway secret.');
    }
    return this.receiving.execute({
      messageId: body.messageId,
      from: body.from.replace(/^(?!\+)/, '+'),
      text: body.text,
    });
  }
}
