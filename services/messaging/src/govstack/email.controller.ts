import { Body, Controller, Get, Headers, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Post, Returns } from '@onedoor/http';
import { MessageQueries } from '../application/queries/messages.queries';
import { SendEmail } from '../application/send-email/send-email.command';
import { SendEmailHandler } from '../application/send-email/send-email.handler';
import { MessagingError, MessagingErrorCode } from '../domain';
import { GovStackEmailDto } from '../api/messages.dto';
import { BATCH_STATUS, EMAIL_ACCEPTED } from '../api/schemas';

/** GovStack's messaging API (email), over the block's own use cases. */
@ApiTags('GovStack')
@ApiBearerAuth()
@Controller()
export class GovStackEmailController {
  constructor(
    private readonly sending: SendEmailHandler,
    private readonly queries: MessageQueries,
  ) {}

  @Post('send/email/single')
  @Returns(EMAIL_ACCEPTED)
  @HttpCode(200)
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiOperation({ summary: 'GovStack: send one email with the given content' })
  async send(@CurrentCaller() caller: Caller, @Body() body: GovStackEmailDto) {
    const { requestUid } = await this.sending.execute(
      SendEmail.create({
        caller,
        to: body.recipientInfo?.email,
        subject: body.emailContent?.title,
        body: body.emailContent?.content,
      }),
    );
    return { response: 'Request successfully accepted. Use "requestUid" to track its status.', requestUid };
  }

  @Get('status/email')
  @Returns(BATCH_STATUS)
  @RequireRoles(ROLES.messagingSender, ROLES.platformOperator)
  @ApiHeader({ name: 'requestUid', required: true })
  @ApiOperation({ summary: 'GovStack: counts by status for a request' })
  status(@Headers('requestuid') requestUid?: string) {
    if (!requestUid || !/^[0-9a-f-]{36}$/i.test(requestUid)) {
      throw new MessagingError(
        MessagingErrorCode.MALFORMED_ID,
        'The requestUid header holds the id the send call answered.',
      );
    }
    return this.queries.batchStatus(requestUid);
  }
}
