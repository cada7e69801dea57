import { Body, Controller, Get, HttpCode, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { type IdempotencyClaim, IdempotencyClaimOf, page, Post, Put, Returns, schema, uuidParam } from '@onedoor/http';
import { applicationView } from '../application/application.view';
import { ApplicationQueries } from '../application/queries/applications.queries';
import { RecordPayment } from '../application/record-payment/record-payment.command';
import { RecordPaymentHandler } from '../application/record-payment/record-payment.handler';
import { SubmitApplication } from '../application/submit-application/submit-application.command';
import { SubmitApplicationHandler } from '../application/submit-application/submit-application.handler';
import { UpdateApplication } from '../application/update-application/update-application.command';
import { UpdateApplicationHandler } from '../application/update-application/update-application.handler';
import { RestartApplication } from '../application/restart-application/restart-application.command';
import { RestartApplicationHandler } from '../application/restart-application/restart-application.handler';
import { WithdrawApplication } from '../application/withdraw-application/withdraw-application.command';
import { WithdrawApplicationHandler } from '../application/withdraw-application/withdraw-application.handler';
import {
  ApplicationQuery,
  PaymentDto,
  SubmitApplicationDto,
  RestartDto,
  UpdateApplicationDto,
  WithdrawDto,
} from './registration.dto';
import { APPLICATION, APPLICATION_DETAIL } from './schemas';

const applicationId = uuidParam('REGISTRATION', 'application');

@ApiTags('applications')
@ApiBearerAuth()
@Controller()
export class ApplicationsController {
  constructor(
    private readonly submitting: SubmitApplicationHandler,
    private readonly updating: UpdateApplicationHandler,
    private readonly withdrawing: WithdrawApplicationHandler,
    private readonly paying: RecordPaymentHandler,
    private readonly restarting: RestartApplicationHandler,
    private readonly queries: ApplicationQueries,
  ) {}

  @Post('services/:serviceId/applications', { writesIdempotencyKey: true })
  @Returns(APPLICATION)
  @HttpCode(HttpStatus.OK)
  @RequireRoles(ROLES.citizen, ROLES.registrationClerk)
  @ApiOperation({ summary: 'Submit (or save as a draft) an application (GovStack); send an Idempotency-Key' })
  submit(
    @Param('serviceId') serviceId: string,
    @Body() body: SubmitApplicationDto,
    @CurrentCaller() caller: Caller,
    @IdempotencyClaimOf() claim?: IdempotencyClaim,
  ) {
    return this.submitting.execute(
      SubmitApplication.create({
        serviceId,
        caller,
        applicantId: body.applicantId,
        applicationName: body.applicationName,
        phone: body.phone,
        formData: body.formData,
        draft: body.draft,
        idempotency: claim,
      }),
    );
  }

  @Get('applications')
  @Returns(schema.page(APPLICATION))
  @ApiOperation({ summary: 'Applications the caller may see (GovStack): their own, or those routed to their office' })
  async list(@Query() query: ApplicationQuery, @CurrentCaller() caller: Caller) {
    const stalled = query.stalled === undefined ? undefined : query.stalled === 'true';
    const { items, total } = await this.queries.list(caller, { ...query, stalled }, query);
    return page(items, total, query);
  }

  @Get('applications/:id')
  @Returns(APPLICATION_DETAIL)
  @ApiOperation({
    summary: 'An application (GovStack): form, documents, fee, history, the office it is at and its tasks',
  })
  get(@Param('id', applicationId) id: string, @CurrentCaller() caller: Caller) {
    return this.queries.get(caller, id);
  }

  @Put('applications/:id')
  @Returns(APPLICATION)
  @ApiOperation({
    summary: 'Correct a draft or an application sent back (GovStack update); `submit: true` (re)submits it',
  })
  async update(
    @Param('id', applicationId) id: string,
    @Body() body: UpdateApplicationDto,
    @CurrentCaller() caller: Caller,
  ) {
    const command = UpdateApplication.create({
      applicationId: id,
      caller,
      formData: body.formData,
      submit: body.submit,
    });
    return applicationView(await this.updating.execute(command));
  }

  @Post('applications/:id/withdraw')
  @Returns(APPLICATION)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Withdraw an application before a decision; its process stops' })
  async withdraw(@Param('id', applicationId) id: string, @Body() body: WithdrawDto, @CurrentCaller() caller: Caller) {
    const command = WithdrawApplication.create({ applicationId: id, caller, reason: body.reason });
    return applicationView(await this.withdrawing.execute(command));
  }

  @Post('applications/:id/restart')
  @Returns(APPLICATION)
  @HttpCode(HttpStatus.OK)
  @RequireRoles(ROLES.registrationAdmin, ROLES.platformOperator)
  @ApiOperation({
    summary:
      "Start a stalled application's process again, once its cause is fixed (the ministry's administrator, operators)",
  })
  async restart(@Param('id', applicationId) id: string, @Body() body: RestartDto, @CurrentCaller() caller: Caller) {
    const command = RestartApplication.create({ applicationId: id, caller, note: body.note });
    return applicationView(await this.restarting.execute(command));
  }

  @Post('applications/:id/payments')
  @Returns(APPLICATION)
  @HttpCode(HttpStatus.OK)
  @RequireRoles(ROLES.registrationPayments, ROLES.registrationClerk)
  @ApiOperation({ summary: 'Confirm the fee was paid (a payment system, or the counter that took cash)' })
  async pay(@Param('id', applicationId) id: string, @Body() body: PaymentDto, @CurrentCaller() caller: Caller) {
    const command = RecordPayment.create({ applicationId: id, caller, reference: body.reference, amount: body.amount });
    return applicationView(await this.paying.execute(command));
  }
}
