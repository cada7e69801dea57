import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentCaller, Public, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { ProblemException, uuidParam, Post } from '@onedoor/http';
import { GovStackEmailDto, ReceiptDto, SendBatchDto, SendMessageDto } from './messages.dto';
import { MessagesService } from './messages.service';

const uuid = (what: string) => uuidParam('messaging', what);

@ApiTags('messages')
@ApiBearerAuth()
@Controller()
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post('messages')
  @HttpCode(202)
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: 'Send one message from a template to a person (their language and channel) or an address' })
  send(@CurrentCaller() caller: Caller, @Body() body: SendMessageDto) {
    return this.messages.send(caller, {
      templateKey: body.templateKey,
      variables: body.variables ?? {},
      essential: body.essential ?? false,
      personId: body.personId,
      address: body.address,
    });
  }

  @Post('messages/batch')
  @HttpCode(202)
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: 'Send one template to up to 1,000 recipients; accepted whole or refused whole' })
  batch(@CurrentCaller() caller: Caller, @Body() body: SendBatchDto) {
    return this.messages.sendBatch(caller, body);
  }

  @Get('messages/:id')
  @ApiOperation({ summary: "A message's status and history (senders, operators, or its recipient)" })
  read(@CurrentCaller() caller: Caller, @Param('id', uuid('message')) id: string) {
    return this.messages.read(caller, id);
  }

  @Get('batches/:id/status')
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiOperation({ summary: "Counts of a batch's messages by status" })
  batchStatus(@Param('id', uuid('batch')) id: string) {
    return this.messages.batchStatus(id);
  }

  @Post('send/email/single')
  @HttpCode(200)
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiOperation({ summary: 'GovStack: send one email with the given content' })
  async govstackEmail(@CurrentCaller() caller: Caller, @Body() body: GovStackEmailDto) {
    const { requestUid } = await this.messages.sendLiteralEmail(
      caller,
      body.recipientInfo.email,
      body.emailContent.title,
      body.emailContent.content,
    );
    return { response: 'Request successfully accepted. Use "requestUid" to track its status.', requestUid };
  }

  @Get('status/email')
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiHeader({ name: 'requestUid', required: true })
  @ApiOperation({ summary: 'GovStack: counts by status for a request' })
  govstackStatus(@Headers('requestuid') requestUid?: string) {
    if (!requestUid || !/^[0-9a-f-]{36}$/i.test(requestUid)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'MESSAGING.MALFORMED_ID',
        'The requestUid header holds the id the send call answered.',
      );
    }
    return this.messages.batchStatus(requestUid);
  }

  @Public()
  @Post('providers/:provider/receipts')
  @HttpCode(200)
  @ApiHeader({
    name: 'X-OneDoor-Signature',
    required: true,
    description: 'sha256=<hex HMAC of the body with the receipt secret>',
  })
  @ApiOperation({ summary: 'A provider reports delivery (signed): Sent becomes Delivered or Errored' })
  receipt(
    @Param('provider') provider: string,
    @Req() request: RawBodyRequest<Request>,
    @Headers('x-onedoor-signature') signature: string | undefined,
    @Body() body: ReceiptDto,
  ) {
    return this.messages.receipt(provider, request.rawBody, signature, body);
  }
}
