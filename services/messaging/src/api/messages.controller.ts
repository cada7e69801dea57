import { Body, Controller, Get, Headers, HttpCode, Param, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentCaller, Public, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Post, Returns, schema, uuidParam } from '@onedoor/http';
import { MessageQueries } from '../application/queries/messages.queries';
import { RecordReceipt } from '../application/record-receipt/record-receipt.command';
import { RecordReceiptHandler } from '../application/record-receipt/record-receipt.handler';
import { SendBatch } from '../application/send-batch/send-batch.command';
import { SendBatchHandler } from '../application/send-batch/send-batch.handler';
import { SendMessage } from '../application/send-message/send-message.command';
import { SendMessageHandler } from '../application/send-message/send-message.handler';
import { ReceiptDto, SendBatchDto, SendMessageDto } from './messages.dto';
import { ACCEPTED, BATCH_ACCEPTED, BATCH_STATUS, CALLBACK, MESSAGE } from './schemas';

const uuid = (what: string) => uuidParam('messaging', what);

@ApiTags('messages')
@ApiBearerAuth()
@Controller()
export class MessagesController {
  constructor(
    private readonly sending: SendMessageHandler,
    private readonly batches: SendBatchHandler,
    private readonly receipts: RecordReceiptHandler,
    private readonly queries: MessageQueries,
  ) {}

  @Post('messages')
  @Returns(ACCEPTED, 202)
  @HttpCode(202)
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: 'Send one message from a template to a person (their language and channel) or an address' })
  send(@CurrentCaller() caller: Caller, @Body() body: SendMessageDto) {
    return this.sending.execute(
      SendMessage.create({
        caller,
        templateKey: body.templateKey,
        variables: body.variables ?? {},
        essential: body.essential ?? false,
        personId: body.personId,
        address: body.address,
      }),
    );
  }

  @Post('messages/batch')
  @Returns(BATCH_ACCEPTED, 202)
  @HttpCode(202)
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: 'Send one template to up to 1,000 recipients; accepted whole or refused whole' })
  batch(@CurrentCaller() caller: Caller, @Body() body: SendBatchDto) {
    return this.batches.execute(
      SendBatch.create({ caller, templateKey: body.templateKey, essential: body.essential, items: body.items }),
    );
  }

  @Get('messages/:id')
  @Returns(MESSAGE)
  @ApiOperation({ summary: "A message's status and history (senders, operators, or its recipient)" })
  read(@CurrentCaller() caller: Caller, @Param('id', uuid('message')) id: string) {
    return this.queries.message(caller, id);
  }

  @Get('batches/:id/status')
  @Returns(BATCH_STATUS)
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiOperation({ summary: "Counts of a batch's messages by status (its sender's, and operators')" })
  batchStatus(@CurrentCaller() caller: Caller, @Param('id', uuid('batch')) id: string) {
    return this.queries.batchStatus(caller, id);
  }

  @Get('batches/:id/callbacks')
  @Returns(schema.array(CALLBACK))
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiOperation({ summary: "A batch's callbacks (GovStack's POST /callback/email), oldest first, at most 500" })
  callbacks(@CurrentCaller() caller: Caller, @Param('id', uuid('batch')) id: string) {
    return this.queries.callbacks(caller, id);
  }

  @Public()
  @Post('providers/:provider/receipts')
  @Returns(ACCEPTED)
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
    return this.receipts.execute(
      RecordReceipt.create({
        provider,
        rawBody: request.rawBody,
        signature,
        providerMessageId: body.providerMessageId,
        status: body.status,
        detail: body.detail,
      }),
    );
  }
}
