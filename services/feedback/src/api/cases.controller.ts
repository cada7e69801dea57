import { Body, Controller, Get, HttpCode, HttpStatus, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Public, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { page, Post, Put, Returns, schema } from '@onedoor/http';
import { MergeCasesHandler } from '../application/merge-cases/merge-cases.handler';
import { PublishAnswer } from '../application/publish-answer/publish-answer.command';
import { PublishAnswerHandler } from '../application/publish-answer/publish-answer.handler';
import { CaseQueries } from '../application/queries/cases.queries';
import { SubmitCase } from '../application/submit-case/submit-case.command';
import { SubmitCaseHandler } from '../application/submit-case/submit-case.handler';
import { CASE_STEPS, TakeStep, type TakenStep } from '../application/take-step/take-step.command';
import { TakeStepHandler } from '../application/take-step/take-step.handler';
import { FeedbackError, FeedbackErrorCode, seesSubmitter } from '../domain';
import { AnswersQuery, CaseListQuery, PublicSummaryDto, SubmitCaseDto, TakeStepDto } from './feedback.dto';
import { ANSWER, CASE, DRAFTED, DUPLICATE, RECEIVED, TOPIC } from './schemas';
import { answerView, caseView, duplicateView } from './views';

const PUBLICATION_STEPS = ['publish', 'withholdPublication', 'close'] as const;

/** The government hotline's cases: submitted by anyone, followed by number and PIN, triaged and routed by the Office. */
@ApiTags('hotline cases')
@Controller()
export class CasesController {
  constructor(
    private readonly submitting: SubmitCaseHandler,
    private readonly stepping: TakeStepHandler,
    private readonly queries: CaseQueries,
    private readonly publishing: PublishAnswerHandler,
    private readonly merging: MergeCasesHandler,
  ) {}

  @Public()
  @Get('topics')
  @ApiOperation({ summary: 'The topics a case may be about, in Lao and English' })
  @Returns(schema.array(TOPIC))
  topics() {
    return this.queries.topics();
  }

  @Public()
  @Post('cases')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Submit a comment, suggestion, complaint, question or compliment (signed in, or anonymously with a PIN)',
  })
  @Returns(RECEIVED, 201)
  async submit(@Body() body: SubmitCaseDto, @Req() request: Request, @CurrentCaller() caller?: Caller) {
    const { record, pin } = await this.submitting.execute(
      SubmitCase.create({ ...body, caller, channel: 'web', clientAddress: request.ip }),
    );
    return { ...caseView(record, true), ...(pin && { pin }) };
  }

  @Public()
  @Get('answers')
  @ApiOperation({
    summary:
      "Published answers, for the government's website: by words (Lao or English), topic, ministry, province, dates",
  })
  @Returns(schema.page(ANSWER, { totalAtLeast: schema.boolean }))
  async answers(@Query() query: AnswersQuery) {
    const [items, total, more] = await this.queries.answers(query, query);
    return { ...page(items.map(answerView), total, query), ...(more && { totalAtLeast: true }) };
  }

  @Put('cases/:number/summary')
  @ApiBearerAuth()
  @RequireRoles(ROLES.feedbackOffice, ROLES.feedbackHandler)
  @ApiOperation({
    summary: "Draft a case's public summary (its unit, or the Office): answers the personal data found, to redact",
  })
  @Returns(DRAFTED)
  async draft(@Param('number') number: string, @Body() body: PublicSummaryDto, @CurrentCaller() caller: Caller) {
    const { record, personalData } = await this.publishing.execute(
      PublishAnswer.create({ caller, number: number.toUpperCase(), step: 'draftSummary', summary: body }),
    );
    return { summary: record.summary, personalData };
  }

  @Public()
  @Get('cases/:number')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'A case by its number: its submitter (signed in, or `?pin=`), the Office, or the unit handling it',
  })
  @Returns(CASE)
  async get(
    @Param('number') number: string,
    @Req() request: Request,
    @CurrentCaller() caller?: Caller,
    @Query('pin') pin?: string,
  ) {
    if (pin !== undefined && !(typeof pin === 'string' && /^\d{6}$/.test(pin))) {
      throw new FeedbackError(FeedbackErrorCode.VALIDATION_FAILED, 'pin: the 6 digits given with the case number', [
        { field: 'pin', message: '6 digits' },
      ]);
    }
    const { record, history, showSubmitter, master, merged, attachments } = await this.queries.get(
      caller,
      number,
      pin,
      request.ip,
    );
    return caseView(record, showSubmitter, history, { master, merged, attachments });
  }

  @Get('cases/:number/duplicates')
  @ApiBearerAuth()
  @RequireRoles(ROLES.feedbackOffice)
  @ApiOperation({
    summary:
      "A case's likely duplicates, for triage: open cases of the same topic and place within 14 days, in similar words (Lao compared without tone marks)",
  })
  @Returns(schema.array(DUPLICATE))
  async duplicates(@Param('number') number: string, @CurrentCaller() caller: Caller) {
    return (await this.merging.duplicates(caller, number.toUpperCase())).map(duplicateView);
  }

  @Get('cases')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "The Office's cases, a unit's (the cases assigned to it, never who submitted a confidential one), or a signed-in person's own",
  })
  @Returns(schema.page(CASE))
  async list(@Query() query: CaseListQuery, @CurrentCaller() caller: Caller) {
    const [items, total] = await this.queries.list(caller, query.state ? [query.state] : undefined, query);
    return page(
      items.map((record) => caseView(record, seesSubmitter(caller, record))),
      total,
      query,
    );
  }

  @Public()
  @Post('cases/:number/:step')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'A step on a case, by whoever takes it: the Office (triage, assign, reject, merge `into` a master case, returnResponse, acceptResponse), the unit handling it (startVerification, handBack, requestInformation, recordFinding, submitResponse), its submitter (provideInformation: signed in, or with `pin`)',
  })
  @Returns(CASE)
  async step(
    @Param('number') number: string,
    @Param('step') step: string,
    @Body() body: TakeStepDto,
    @Req() request: Request,
    @CurrentCaller() caller?: Caller,
  ) {
    if (PUBLICATION_STEPS.includes(step as never) && caller) {
      const { record } = await this.publishing.execute(
        PublishAnswer.create({
          caller,
          number: number.toUpperCase(),
          step: step as (typeof PUBLICATION_STEPS)[number],
          summary: body.summary,
          reason: body.reason,
        }),
      );
      return caseView(record, caller.roles.includes(ROLES.feedbackOffice) || record.identity === 'identified');
    }
    if (step === 'merge' && caller) {
      const record = await this.merging.merge(caller, number.toUpperCase(), body.into?.toUpperCase(), body.reason);
      return caseView(record, true);
    }
    if (!(CASE_STEPS as readonly string[]).includes(step)) {
      throw new FeedbackError(
        FeedbackErrorCode.CASE_NOT_FOUND,
        `No step ${step}: ${[...CASE_STEPS, 'merge', ...PUBLICATION_STEPS].join(', ')}.`,
      );
    }
    const record = await this.stepping.execute(
      TakeStep.create({
        caller,
        number: number.toUpperCase(),
        step: step as TakenStep,
        ...body,
        clientAddress: request.ip,
      }),
    );
    return caseView(
      record,
      !!caller && (caller.roles.includes(ROLES.feedbackOffice) || record.identity === 'identified'),
    );
  }
}
