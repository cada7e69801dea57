import { Body, Controller, Get, HttpCode, HttpStatus, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentCaller, hasRole, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { IdempotencyClaimOf, page, Post, ProblemException, uuidParam, type IdempotencyClaim } from '@onedoor/http';
import { Application, ApplicationDocument, ApplicationHistory, ApplicationTask } from '../registration.entities';
import {
  ApplicationQuery,
  PaymentDto,
  SubmitApplicationDto,
  UpdateApplicationDto,
  WithdrawDto,
} from '../registration.dto';
import { applicationView } from './application-view';
import { ApplicationsService, canRead } from './applications.service';

const applicationId = uuidParam('REGISTRATION', 'application');

@ApiTags('applications')
@ApiBearerAuth()
@Controller()
export class ApplicationsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
  ) {}

  @Post('services/:serviceId/applications', { writesIdempotencyKey: true })
  @HttpCode(HttpStatus.OK)
  @RequireRoles(ROLES.citizen, ROLES.registrationClerk)
  @ApiOperation({ summary: 'Submit (or save as a draft) an application (GovStack); send an Idempotency-Key' })
  async submit(
    @Param('serviceId') serviceId: string,
    @Body() body: SubmitApplicationDto,
    @CurrentCaller() caller: Caller,
    @IdempotencyClaimOf() claim?: IdempotencyClaim,
  ) {
    return this.applications.submit(serviceId, body, caller, claim);
  }

  @Get('applications')
  @ApiOperation({ summary: 'Applications the caller may see (GovStack): their own, or those routed to their office' })
  async list(@Query() query: ApplicationQuery, @CurrentCaller() caller: Caller) {
    const qb = this.dataSource.getRepository(Application).createQueryBuilder('a');
    if (hasRole(caller, ROLES.platformOperator)) {
      // every application
    } else if (hasRole(caller, ROLES.registrationOfficer, ROLES.registrationAdmin)) {
      if (caller.ministry) qb.andWhere('a.ministry = :ministry', { ministry: caller.ministry });
      if (caller.province) qb.andWhere('a.province = :province', { province: caller.province });
      if (caller.unit) {
        qb.andWhere(
          '(a.unit = :unit OR EXISTS (SELECT 1 FROM registration.tasks t WHERE t.application_id = a.id AND t.unit = :unit))',
          { unit: caller.unit },
        );
      }
    } else if (hasRole(caller, ROLES.registrationClerk)) {
      qb.andWhere('a.created_by = :me', { me: caller.sub });
    } else {
      qb.andWhere('a.applicant_id = :me', { me: caller.sub });
    }
    if (query.serviceId) qb.andWhere('a.service_id = :serviceId', { serviceId: query.serviceId });
    if (query.serviceCode) qb.andWhere('a.service_code = :serviceCode', { serviceCode: query.serviceCode });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.applicantId) qb.andWhere('a.applicant_id = :applicantId', { applicantId: query.applicantId });
    const [items, total] = await qb
      .orderBy('a.created_at', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return page(items.map(applicationView), total, query);
  }

  @Get('applications/:id')
  @ApiOperation({
    summary: 'An application (GovStack): form, documents, fee, history, the office it is at and its tasks',
  })
  async get(@Param('id', applicationId) id: string, @CurrentCaller() caller: Caller) {
    const application = await this.dataSource.getRepository(Application).findOneBy({ id });
    const routed = application ? await this.applications.routedUnits(this.dataSource.manager, id) : [];
    if (!application || !canRead(caller, application, routed)) {
      throw new ProblemException(HttpStatus.NOT_FOUND, 'REGISTRATION.APPLICATION_NOT_FOUND', `No application ${id}.`);
    }
    const [history, documents, tasks] = await Promise.all([
      this.dataSource
        .getRepository(ApplicationHistory)
        .find({ where: { applicationId: id }, order: { id: 'ASC' }, take: 500 }),
      this.dataSource
        .getRepository(ApplicationDocument)
        .find({ where: { applicationId: id }, order: { uploadedAt: 'ASC' } }),
      this.dataSource
        .getRepository(ApplicationTask)
        .find({ where: { applicationId: id }, order: { createdAt: 'ASC' } }),
    ]);
    return {
      ...applicationView(application),
      documents: documents.map((d) => ({
        id: d.id,
        type: d.type,
        mediaType: d.mediaType,
        sizeBytes: d.sizeBytes,
        sha256: d.sha256,
        uploadedAt: d.uploadedAt,
      })),
      history: history.map((h) => ({
        at: h.at,
        action: h.action,
        status: h.status,
        office: h.unit ?? undefined,
        actor: h.actor,
        note: h.note ?? undefined,
      })),
      tasks: tasks.map((t) => ({
        taskId: t.id,
        name: t.name,
        office: t.unit,
        state: t.state,
        outcome: t.outcome ?? undefined,
        dueAt: t.dueAt ?? undefined,
      })),
    };
  }

  @Put('applications/:id')
  @ApiOperation({
    summary: 'Correct a draft or an application sent back (GovStack update); `submit: true` (re)submits it',
  })
  async update(
    @Param('id', applicationId) id: string,
    @Body() body: UpdateApplicationDto,
    @CurrentCaller() caller: Caller,
  ) {
    return applicationView(await this.applications.update(id, body, caller));
  }

  @Post('applications/:id/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Withdraw an application before a decision; its process stops' })
  async withdraw(@Param('id', applicationId) id: string, @Body() body: WithdrawDto, @CurrentCaller() caller: Caller) {
    return applicationView(await this.applications.withdraw(id, caller, body.reason));
  }

  @Post('applications/:id/payments')
  @HttpCode(HttpStatus.OK)
  @RequireRoles(ROLES.registrationPayments, ROLES.registrationClerk)
  @ApiOperation({ summary: 'Confirm the fee was paid (a payment system, or the counter that took cash)' })
  async pay(@Param('id', applicationId) id: string, @Body() body: PaymentDto, @CurrentCaller() caller: Caller) {
    return applicationView(await this.applications.pay(id, caller, body.reference, body.amount));
  }
}
