import { Body, Get, Headers, HttpCode, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { isEmail, isUUID } from 'class-validator';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Post, Returns, schema } from '@onedoor/http';
import { GovStackController } from '@onedoor/platform-kit';
import { MessageQueries } from '../application/queries/messages.queries';
import { MAX_EMAIL_ADDRESSES, SendEmail } from '../application/send-email/send-email.command';
import { SendEmailHandler } from '../application/send-email/send-email.handler';
import { MessagingError, MessagingErrorCode } from '../domain';
import { EMAIL_ACCEPTED } from '../api/schemas';
import { BatchEmail, CallbackContent, Email, type RecipientInfo } from './email.dto';
import { RecordEmailCallback } from '../application/record-email-callback/record-email-callback.command';
import { RecordEmailCallbackHandler } from '../application/record-email-callback/record-email-callback.handler';

const STATUSES = ['scheduled', 'processing', 'deferred', 'bounced', 'notSent', 'delivered'] as const;
type Status = (typeof STATUSES)[number];

const invalid = (field: string, message: string) =>
  new MessagingError(MessagingErrorCode.VALIDATION_FAILED, `${field}: ${message}`, [{ field, message }]);

/** A recipient's addresses: the address, then its CC and BCC copies (each may list several, comma-separated). */
function addressesOf(recipient: Partial<RecipientInfo> | undefined, field: string): string[] {
  const listed = [recipient?.email, recipient?.emailCC, recipient?.emailBCC]
    .flatMap((value) => (typeof value === 'string' ? value.split(/[,;]/) : []))
    .map((address) => address.trim())
    .filter(Boolean);
  if (typeof recipient?.email !== 'string' || !isEmail(recipient.email))
    throw invalid(`${field}.email`, 'an email address');
  const wrong = listed.find((address) => !isEmail(address));
  if (wrong) throw invalid(field, `${wrong} is not an email address`);
  return listed;
}

/** The recipients of a batch: base64 of a JSON array of `{recipientInfo}`. */
function batchRecipients(base64: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
  } catch {
    throw invalid('recipientInfo.batchEmailAsBase64', 'base64 of a JSON array');
  }
  if (!Array.isArray(parsed) || !parsed.length) {
    throw invalid('recipientInfo.batchEmailAsBase64', 'base64 of a JSON array of {"recipientInfo": {…}}, not empty');
  }
  const addresses = parsed.flatMap((item: { recipientInfo?: RecipientInfo } | null, index) =>
    addressesOf(item?.recipientInfo, `batchEmailAsBase64[${index}].recipientInfo`),
  );
  if (addresses.length > MAX_EMAIL_ADDRESSES) {
    throw invalid('recipientInfo.batchEmailAsBase64', `at most ${MAX_EMAIL_ADDRESSES} addresses in one batch`);
  }
  return addresses;
}

const accepted = (requestUid: string) => ({
  response: 'Request successfully accepted. Use "requestUid" to track its status.',
  requestUid,
});

/**
 * GovStack's messaging API (email): send one, send a batch, and the counts of a request by status, over the
 * block's own use cases. Invalid input is 405 "Invalid input", as the document says.
 */
@GovStackController({ invalidInputStatus: 405 })
export class GovStackEmailController {
  constructor(
    private readonly sending: SendEmailHandler,
    private readonly queries: MessageQueries,
    private readonly callbacks: RecordEmailCallbackHandler,
  ) {}

  @Post('send/email/single')
  @Returns(EMAIL_ACCEPTED)
  @HttpCode(200)
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiOperation({ summary: 'GovStack sendSingleEmail: one email, a copy to each CC and BCC address' })
  async single(@CurrentCaller() caller: Caller, @Body() body: Email) {
    const { requestUid } = await this.sending.execute(
      SendEmail.create({
        caller,
        to: addressesOf(body.recipientInfo, 'recipientInfo'),
        subject: body.emailContent.title,
        body: body.emailContent.content,
      }),
    );
    return accepted(requestUid);
  }

  @Post('send/email/batch')
  @Returns(EMAIL_ACCEPTED)
  @HttpCode(200)
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiOperation({ summary: 'GovStack sendBatchEmail: the same email to every recipient of the base64 list' })
  async batch(@CurrentCaller() caller: Caller, @Body() body: BatchEmail) {
    const { requestUid } = await this.sending.execute(
      SendEmail.create({
        caller,
        to: batchRecipients(body.recipientInfo.batchEmailAsBase64),
        subject: body.emailContent.title,
        body: body.emailContent.content,
      }),
    );
    return accepted(requestUid);
  }

  @Post('callback/email')
  @HttpCode(200)
  @Returns(schema.object({ response: schema.string(), callbackId: schema.uuid }))
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiHeader({ name: 'requestUid', required: true })
  @ApiOperation({
    summary:
      'GovStack callbackEmail: a reply or report for a request, kept for its sender (GET /messaging/batches/{id}/callbacks)',
  })
  async callback(
    @CurrentCaller() caller: Caller,
    @Body() body: CallbackContent,
    @Headers('requestuid') requestUid?: string,
  ) {
    if (!requestUid) throw invalid('requestUid', 'the header holds the id the send call answered');
    const kept = await this.callbacks.execute(
      RecordEmailCallback.create({ caller, requestUid, meta: body.meta, content: body.content }),
    );
    return { response: 'Callback accepted.', callbackId: kept.id };
  }

  @Get('status/email')
  @Returns(schema.object(Object.fromEntries(STATUSES.map((s) => [s, schema.integer])), [...STATUSES]))
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiHeader({ name: 'requestUid', required: true })
  @ApiQuery({ name: 'status', required: true, isArray: true, enum: STATUSES })
  @ApiOperation({ summary: 'GovStack getEmailStatus: the counts of the statuses asked for, for a request' })
  async status(
    @CurrentCaller() caller: Caller,
    @Headers('requestuid') requestUid?: string,
    @Query('status') status?: string | string[],
  ) {
    if (!requestUid) throw invalid('requestUid', 'the header holds the id the send call answered');
    const asked = (Array.isArray(status) ? status : status === undefined ? [] : [status]).flatMap((s) => s.split(','));
    if (!asked.length) throw invalid('status', `one or more of ${STATUSES.join(', ')}`);
    const unknown = asked.find((s) => !(STATUSES as readonly string[]).includes(s));
    if (unknown) throw invalid('status', `${unknown} is not one of ${STATUSES.join(', ')}`);
    if (!isUUID(requestUid)) throw new MessagingError(MessagingErrorCode.BATCH_NOT_FOUND, 'No request with this id.');
    const counts = await this.queries.batchStatus(caller, requestUid);
    return Object.fromEntries(asked.map((s) => [s, counts[s as Status]]));
  }
}
