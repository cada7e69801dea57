import { randomUUID } from 'node:crypto';
import { Controller, Get, Header, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { checkCsrf, requireSession } from '../api/csrf';
import { formText, inputText } from '../api/input';
import { seeOther, sendPage } from '../api/reply';
import { CurrentWeb, FormBody, type Web } from '../api/web-context';
import { html } from '../pages/layout';
import { refusal } from '../platform/blocks.client';
import { Portal } from '../platform/portal';
import type { Session } from '../session/session';
import { stringify } from 'csv-stringify/sync';
import { pick } from '../i18n/messages';
import { applicationStatus } from '../pages/status';
import { CASE_STEPS, Desk, type CaseStep, type PublicSummary } from './desk';
import { REPORT_DIMENSIONS, ReportsPage, StatisticsPage } from './figures-pages';
import { areaName, definitionOf, loadOf, periodOf, serviceFormOf, statisticsRows } from './office-input';
import { ProcessesPage } from './processes-pages';
import { EMPTY_SERVICE, formOf, ServiceEditor, ServicesPage } from './services-pages';
import { ot, type OfficeKey } from './office-messages';
import {
  CASE_FILTERS,
  CallsPage,
  CasePage,
  CasesPage,
  OfficeHome,
  stepsFor,
  TaskPage,
  TasksPage,
  type Outcome,
} from './office-pages';

const TASK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CASE_NUMBER = /^1516(-[0-9A-Z]{4}){2}-[0-9A-Z*~$=]$/;
const PHONE = /^\+?[0-9]{8,15}$/;
/** Documents a browser shows itself; anything else is downloaded. */
const PREVIEWED = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'];
const NOTICES: OfficeKey[] = ['done', 'claimed'];
const SUPERVISOR = 'workflow.supervisor';
const SERVICE_CODE = /^[a-z][a-z0-9-]{1,49}$/;
/** CSV with a header row and a byte-order mark (spreadsheets then read Lao as UTF-8). */
function sendCsv(response: Response, name: string, rows: Record<string, unknown>[]) {
  const columns = ['table', 'key', 'count', 'averageDays', 'withinTarget', 'pastTarget'];
  response.setHeader('content-disposition', `attachment; filename="${name}.csv"`);
  response.type('text/csv; charset=utf-8').send(`\uFEFF${stringify(rows, { header: true, columns })}`);
}

/** A signed-in officer (a staff login): else to the workspace's sign-in, and back. */
function officer(web: Web): Session & { staff: NonNullable<Session['staff']> } {
  const session = requireSession(web);
  return session as Session & { staff: NonNullable<Session['staff']> };
}

/** A signed-in officer's form: their session, once the form carries its token (else FormExpired). */
function postedBy(web: Web, body: Record<string, unknown>) {
  const session = officer(web);
  checkCsrf(web, body);
  return session;
}

/** The form's key: a second press of the same form is the same step (the blocks keep Idempotency-Keys a day). */
const keyOf = (body: Record<string, unknown>) => {
  const key = formText(body, 'key', 100);
  return /^[0-9a-f-]{36}(-[A-Za-z0-9*~$=-]{1,60})?$/.test(key) ? key : randomUUID();
};

const noticeOf = (value: unknown): Outcome | undefined =>
  NOTICES.includes(value as OfficeKey) ? { notice: value as OfficeKey } : undefined;

/** The block's refusal in words for the page (its field problems, else its detail). */
const refused = (error: unknown): Outcome => {
  const problem = refusal(error);
  const fields = problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return { error: fields || problem.detail };
};

/**
 * The officers' workspace (under /office): the one-door offices' queue and decisions, the hotline's triage,
 * verification, review and publication, and the 1516 operators' console. Every call carries the officer's own
 * token: what they see and may do is what the blocks allow their unit and roles, by id as well as in lists.
 */
@Controller('office')
export class OfficeController {
  constructor(
    private readonly desk: Desk,
    private readonly portal: Portal,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  home(@CurrentWeb() web: Web) {
    const { staff } = officer(web);
    return html(<OfficeHome ctx={web.page} unit={staff.unit} ministry={staff.ministry} />);
  }

  // -- one-door offices: the queue of tasks on applications

  @Get('tasks')
  @Header('content-type', 'text/html; charset=utf-8')
  async tasks(@CurrentWeb() web: Web, @Query('notice') notice: unknown) {
    const session = officer(web);
    const supervisor = session.staff.roles.includes(SUPERVISOR);
    const [tasks, unitTasks] = await Promise.all([
      this.desk.tasks(session.accessToken),
      supervisor ? this.desk.unitTasks(session.accessToken) : Promise.resolve(undefined),
    ]);
    return html(
      <TasksPage
        ctx={web.page}
        tasks={tasks}
        subject={session.subject}
        outcome={noticeOf(notice)}
        load={unitTasks && loadOf(unitTasks)}
      />,
    );
  }

  @Get('tasks/:id')
  @Header('content-type', 'text/html; charset=utf-8')
  async task(@CurrentWeb() web: Web, @Param('id') id: string, @Query('notice') notice: unknown) {
    return this.taskPage(web, id, noticeOf(notice));
  }

  private async taskPage(web: Web, id: string, outcome?: Outcome) {
    const session = officer(web);
    if (!TASK_ID.test(id)) throw new NotFoundException();
    const { task, flow } = await this.desk.task(session.accessToken, id);
    const application = await this.desk.application(session.accessToken, task.fileId ?? '');
    const eForm = await this.portal.eForm(task.eFormId ?? application.formData.eFormId);
    const holders = session.staff.roles.includes(SUPERVISOR)
      ? [...new Set((await this.desk.unitTasks(session.accessToken)).flatMap((t) => (t.assignee ? [t.assignee] : [])))]
      : undefined;
    return html(
      <TaskPage
        ctx={web.page}
        task={task}
        flow={flow}
        application={application}
        eForm={eForm}
        subject={session.subject}
        submitKey={randomUUID()}
        outcome={outcome}
        holders={holders}
      />,
    );
  }

  /** A supervisor gives the task to an officer of the unit, back to the queue, or to another unit. */
  @Post('tasks/:id/reassign')
  async reassign(
    @CurrentWeb() web: Web,
    @Param('id') id: string,
    @FormBody() body: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const session = postedBy(web, body);
    if (!TASK_ID.test(id)) throw new NotFoundException();
    const unit = formText(body, 'unit', 32).toUpperCase();
    const assignee = formText(body, 'assignee', 200);
    const comment = formText(body, 'comment', 500);
    try {
      await this.desk.reassign(
        session.accessToken,
        id,
        // Neither an officer nor another unit: back to the unit's own queue, held by no one.
        { ...(unit || !assignee ? { unit: unit || session.staff.unit } : { assignee }), ...(comment && { comment }) },
        keyOf(body),
      );
    } catch (error) {
      return sendPage(response, 422, await this.taskPage(web, id, refused(error)));
    }
    seeOther(response, '/office/tasks?notice=done');
  }

  @Post('tasks/:id/claim')
  async claim(
    @CurrentWeb() web: Web,
    @Param('id') id: string,
    @FormBody() body: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const session = postedBy(web, body);
    if (!TASK_ID.test(id)) throw new NotFoundException();
    try {
      await this.desk.claim(session.accessToken, id, keyOf(body));
    } catch (error) {
      return sendPage(response, 409, await this.taskPage(web, id, refused(error)));
    }
    seeOther(response, `/office/tasks/${id}?notice=claimed`);
  }

  @Post('tasks/:id/decide')
  async decide(
    @CurrentWeb() web: Web,
    @Param('id') id: string,
    @FormBody() body: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const session = postedBy(web, body);
    if (!TASK_ID.test(id)) throw new NotFoundException();
    const outcome = formText(body, 'outcome', 40);
    const comment = inputText(body.comment, 1_000) || undefined;
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(outcome))
      return sendPage(response, 422, await this.taskPage(web, id, { error: ot(web.lang, 'outcome') }));
    if ((outcome === 'sendback' || outcome === 'reject') && !comment)
      return sendPage(response, 422, await this.taskPage(web, id, { error: ot(web.lang, 'reasonRequired') }));
    try {
      await this.desk.complete(session.accessToken, id, outcome, comment, keyOf(body));
    } catch (error) {
      return sendPage(response, 422, await this.taskPage(web, id, refused(error)));
    }
    seeOther(response, '/office/tasks?notice=done');
  }

  /** A document of an application the officer may read, shown in the browser (PDF, images), sandboxed. */
  @Get('documents/:id')
  async document(@CurrentWeb() web: Web, @Param('id') id: string, @Res() response: Response) {
    const session = officer(web);
    if (!TASK_ID.test(id)) throw new NotFoundException();
    const { data, mediaType } = await this.desk.document(session.accessToken, id);
    const type = mediaType.split(';')[0].trim().toLowerCase();
    response.setHeader(
      'content-security-policy',
      "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    );
    response.setHeader('cache-control', 'private, no-store');
    response.setHeader('content-disposition', PREVIEWED.includes(type) ? 'inline' : 'attachment');
    response.type(PREVIEWED.includes(type) ? type : 'application/octet-stream').send(data);
  }

  // -- the hotline: triage, verification, review and publication

  @Get('cases')
  @Header('content-type', 'text/html; charset=utf-8')
  async cases(@CurrentWeb() web: Web, @Query('state') state: unknown, @Query('notice') notice: unknown) {
    const session = officer(web);
    const chosen = CASE_FILTERS.find((value) => value === state);
    const [found, topics] = await Promise.all([this.desk.cases(session.accessToken, chosen), this.portal.topics()]);
    return html(
      <CasesPage
        ctx={web.page}
        cases={found.items}
        total={found.total}
        state={chosen}
        topics={topics}
        outcome={noticeOf(notice)}
      />,
    );
  }

  @Get('cases/:number')
  @Header('content-type', 'text/html; charset=utf-8')
  async case(@CurrentWeb() web: Web, @Param('number') number: string, @Query('notice') notice: unknown) {
    return this.casePage(web, number, { outcome: noticeOf(notice) });
  }

  private async casePage(
    web: Web,
    number: string,
    extra: {
      outcome?: Outcome;
      summary?: PublicSummary;
      personalData?: Awaited<ReturnType<Desk['draftSummary']>>['personalData'];
    } = {},
  ) {
    const session = officer(web);
    const upper = number.toUpperCase();
    if (!CASE_NUMBER.test(upper)) throw new NotFoundException();
    const found = await this.desk.case(session.accessToken, upper);
    const steps = stepsFor(found.state, session.staff.roles);
    const [topics, duplicates, units, ministries] = await Promise.all([
      this.portal.topics(),
      steps.includes('triage') || steps.includes('assign')
        ? this.desk.duplicates(session.accessToken, upper)
        : Promise.resolve(undefined),
      steps.includes('assign') ? this.desk.units() : Promise.resolve([]),
      steps.includes('assign') ? this.portal.ministries() : Promise.resolve([]),
    ]);
    return html(
      <CasePage
        ctx={web.page}
        found={found}
        topics={topics}
        duplicates={duplicates}
        units={units}
        ministries={ministries}
        submitKey={randomUUID()}
        {...extra}
      />,
    );
  }

  @Post('cases/:number/step')
  async step(
    @CurrentWeb() web: Web,
    @Param('number') number: string,
    @FormBody() body: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const session = postedBy(web, body);
    const upper = number.toUpperCase();
    const step = formText(body, 'step', 40) as CaseStep;
    if (!CASE_NUMBER.test(upper) || !CASE_STEPS.includes(step)) throw new NotFoundException();
    let input: Record<string, unknown>;
    if (step === 'recordFinding' || step === 'submitResponse') {
      input = await this.findingOf(session.accessToken, upper, step, body);
    } else {
      const [ministry, unit] = formText(body, 'unit', 80).split('/');
      input = {
        ...(formText(body, 'reason', 2_000) && { reason: formText(body, 'reason', 2_000) }),
        ...(step === 'assign' && { ministry, unit }),
        ...(step === 'merge' && { into: formText(body, 'into', 20).toUpperCase() }),
      };
    }
    try {
      await this.desk.step(session.accessToken, upper, step, input, keyOf(body));
    } catch (error) {
      return sendPage(response, 422, await this.casePage(web, upper, { outcome: refused(error) }));
    }
    // After a merge, the case lives on in its master; after routing, the Office's work is the queue.
    seeOther(
      response,
      step === 'merge' || step === 'assign'
        ? '/office/cases?notice=done'
        : `/office/cases/${encodeURIComponent(upper)}?notice=done`,
    );
  }

  /** The finding and corrective actions: as recorded now, or (submitting the response) as the case holds them. */
  private async findingOf(token: string, number: string, step: CaseStep, body: Record<string, unknown>) {
    if (step === 'submitResponse') {
      const found = await this.desk.case(token, number);
      return { finding: found.finding, explanation: found.explanation, actions: found.actions };
    }
    const description = formText(body, 'action', 2_000);
    const completedAt = formText(body, 'completedAt', 10);
    const evidence = formText(body, 'evidence', 500);
    return {
      finding: formText(body, 'finding', 20),
      ...(formText(body, 'explanation', 2_000) && { explanation: formText(body, 'explanation', 2_000) }),
      ...(description && {
        actions: [
          {
            description,
            ...(evidence && { evidence }),
            ...(/^\d{4}-\d{2}-\d{2}$/.test(completedAt) && { completedAt }),
          },
        ],
      }),
    };
  }

  /** The public summary: checked for personal data (the draft kept, what was found marked), or published as written. */
  @Post('cases/:number/summary')
  async summary(
    @CurrentWeb() web: Web,
    @Param('number') number: string,
    @FormBody() body: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const session = postedBy(web, body);
    const upper = number.toUpperCase();
    if (!CASE_NUMBER.test(upper)) throw new NotFoundException();
    const summary: PublicSummary = {
      questionLo: formText(body, 'questionLo', 4_000),
      answerLo: formText(body, 'answerLo', 4_000),
      ...(formText(body, 'questionEn', 4_000) && { questionEn: formText(body, 'questionEn', 4_000) }),
      ...(formText(body, 'answerEn', 4_000) && { answerEn: formText(body, 'answerEn', 4_000) }),
    };
    try {
      const checked = await this.desk.draftSummary(session.accessToken, upper, summary);
      if (formText(body, 'then', 10) !== 'publish' || checked.personalData.length) {
        return sendPage(
          response,
          checked.personalData.length && formText(body, 'then', 10) === 'publish' ? 422 : 200,
          await this.casePage(web, upper, { summary, personalData: checked.personalData }),
        );
      }
      await this.desk.step(session.accessToken, upper, 'publish', { summary }, keyOf(body));
    } catch (error) {
      return sendPage(response, 422, await this.casePage(web, upper, { summary, outcome: refused(error) }));
    }
    seeOther(response, `/office/cases/${encodeURIComponent(upper)}?notice=done`);
  }

  // -- figures: the one-door offices' statistics, the hotline's reports (charts, and CSV for a spreadsheet)

  @Get('statistics')
  async statistics(@CurrentWeb() web: Web, @Query() query: Record<string, unknown>, @Res() response: Response) {
    const session = officer(web);
    const period = periodOf(query);
    const figures = await this.desk.applicationStatistics(session.accessToken, period);
    if (query.format === 'csv') return sendCsv(response, 'applications-statistics', statisticsRows(figures));
    const [catalogue, provinces] = await Promise.all([this.portal.services(), this.portal.provinces()]);
    const names = (table: string, key: string) => {
      if (table === 'byService') return pick(web.lang, catalogue.find((s) => s.code === key)?.names) || key;
      if (table === 'byProvince') return areaName(web.lang, provinces, key);
      if (table === 'byStatus') return applicationStatus(web.lang, key as never);
      return key;
    };
    sendPage(response, 200, html(<StatisticsPage ctx={web.page} figures={figures} period={period} names={names} />));
  }

  @Get('reports')
  async reports(@CurrentWeb() web: Web, @Query() query: Record<string, unknown>, @Res() response: Response) {
    const session = officer(web);
    const period = periodOf(query);
    const by = REPORT_DIMENSIONS.find((dimension) => dimension === query.by) ?? 'topic';
    if (query.format === 'csv') {
      const { data } = await this.desk.caseReportCsv(session.accessToken, by, period);
      response.setHeader('content-disposition', `attachment; filename="hotline-cases-by-${by}.csv"`);
      return void response.type('text/csv; charset=utf-8').send(data);
    }
    const [rows, topics, ministries, provinces] = await Promise.all([
      this.desk.caseReport(session.accessToken, by, period),
      this.portal.topics(),
      this.portal.ministries(),
      this.portal.provinces(),
    ]);
    const name = (key: string | null) => {
      if (key === null) return ot(web.lang, 'notGiven');
      const named = by === 'topic' ? topics : by === 'ministry' ? ministries : by === 'province' ? provinces : [];
      return areaName(web.lang, named, key);
    };
    sendPage(response, 200, html(<ReportsPage ctx={web.page} by={by} rows={rows} period={period} name={name} />));
  }

  // -- a ministry's administrator: its services, each version's eForm with a live preview

  @Get('services')
  @Header('content-type', 'text/html; charset=utf-8')
  async services(@CurrentWeb() web: Web, @Query('notice') notice: unknown) {
    const { staff } = officer(web);
    const services = (await this.portal.services()).filter((service) => service.ministry === staff.ministry);
    return html(<ServicesPage ctx={web.page} services={services} outcome={noticeOf(notice)} />);
  }

  @Get('services/new')
  @Header('content-type', 'text/html; charset=utf-8')
  async newService(@CurrentWeb() web: Web) {
    const { staff } = officer(web);
    return html(
      <ServiceEditor
        ctx={web.page}
        form={{ ...EMPTY_SERVICE, unit: staff.unit ?? '' }}
        topics={await this.portal.serviceTopics()}
        submitKey={randomUUID()}
      />,
    );
  }

  @Get('services/:code')
  @Header('content-type', 'text/html; charset=utf-8')
  async editService(@CurrentWeb() web: Web, @Param('code') code: string) {
    const session = officer(web);
    if (!SERVICE_CODE.test(code)) throw new NotFoundException();
    const definition = await this.desk.serviceDefinition(session.accessToken, code);
    return html(
      <ServiceEditor
        ctx={web.page}
        form={formOf(definition)}
        existing={code}
        topics={await this.portal.serviceTopics()}
        submitKey={randomUUID()}
      />,
    );
  }

  @Post('services')
  publishNew(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    return this.publish(web, body, undefined, response);
  }

  @Post('services/:code')
  publishVersion(
    @CurrentWeb() web: Web,
    @Param('code') code: string,
    @FormBody() body: Record<string, unknown>,
    @Res() response: Response,
  ) {
    if (!SERVICE_CODE.test(code)) throw new NotFoundException();
    return this.publish(web, body, code, response);
  }

  private async publish(web: Web, body: Record<string, unknown>, existing: string | undefined, response: Response) {
    const session = postedBy(web, body);
    const form = serviceFormOf(body, existing);
    const { definition, errors } = definitionOf(form, session.staff.ministry ?? '', web.lang);
    const again = async (status: number, outcome?: Outcome) =>
      sendPage(
        response,
        status,
        html(
          <ServiceEditor
            ctx={web.page}
            form={form}
            existing={existing}
            topics={await this.portal.serviceTopics()}
            submitKey={keyOf(body)}
            outcome={outcome}
            errors={errors}
          />,
        ),
      );
    if (!definition) return again(422);
    try {
      await this.desk.publishService(session.accessToken, definition, existing, keyOf(body));
    } catch (error) {
      return again(422, refused(error));
    }
    seeOther(response, '/office/services?notice=done');
  }

  // -- a ministry's workflow administrator: processes and the routing table

  @Get('processes')
  @Header('content-type', 'text/html; charset=utf-8')
  async processes(@CurrentWeb() web: Web, @Query('notice') notice: unknown) {
    return this.processesPage(web, { outcome: noticeOf(notice) });
  }

  private async processesPage(web: Web, extra: { outcome?: Outcome; bpmn?: string } = {}) {
    const session = officer(web);
    const [processes, rules, units, provinces] = await Promise.all([
      this.desk.processes(session.accessToken),
      this.desk.routingRules(session.accessToken),
      this.desk.units(),
      this.portal.provinces(),
    ]);
    // The ministry's own units, and the rows of the routing table that send work to them.
    const ours = units.filter((unit) => unit.parentCode === session.staff.ministry);
    const codes = new Set(ours.map((unit) => unit.code));
    return html(
      <ProcessesPage
        ctx={web.page}
        processes={processes}
        rules={rules.filter((rule) => codes.has(rule.unit))}
        units={ours}
        provinces={provinces}
        submitKey={randomUUID()}
        {...extra}
      />,
    );
  }

  @Post('processes')
  async publishProcess(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    const session = postedBy(web, body);
    const bpmn = inputText(body.bpmn, 1_000_000) ?? '';
    // The document's process id: a key the ministry has already is a new version of it.
    const id = /<(?:\w+:)?process\b[^>]*\bid="([^"]+)"/.exec(bpmn)?.[1];
    try {
      const known = id ? (await this.desk.processes(session.accessToken)).some((process) => process.key === id) : false;
      await this.desk.publishProcess(session.accessToken, bpmn, known ? id : undefined, keyOf(body));
    } catch (error) {
      return sendPage(response, 422, await this.processesPage(web, { outcome: refused(error), bpmn }));
    }
    seeOther(response, '/office/processes?notice=done');
  }

  @Post('routing-rules')
  async saveRule(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    const session = postedBy(web, body);
    const rule = {
      id: formText(body, 'id', 100),
      category: formText(body, 'category', 100),
      unit: formText(body, 'unit', 32),
      ...(formText(body, 'province', 20) && { province: formText(body, 'province', 20) }),
      ...(formText(body, 'district', 20) && { district: formText(body, 'district', 20) }),
    };
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(rule.id))
      return sendPage(response, 422, await this.processesPage(web, { outcome: { error: ot(web.lang, 'ruleId') } }));
    try {
      await this.desk.saveRoutingRule(session.accessToken, rule, keyOf(body));
    } catch (error) {
      return sendPage(response, 422, await this.processesPage(web, { outcome: refused(error) }));
    }
    seeOther(response, '/office/processes?notice=done');
  }

  @Post('routing-rules/delete')
  async deleteRule(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    const session = postedBy(web, body);
    const id = formText(body, 'id', 100);
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(id)) throw new NotFoundException();
    try {
      await this.desk.deleteRoutingRule(session.accessToken, id, keyOf(body));
    } catch (error) {
      return sendPage(response, 422, await this.processesPage(web, { outcome: refused(error) }));
    }
    seeOther(response, '/office/processes?notice=done');
  }

  // -- the 1516 operators' console

  @Get('calls')
  @Header('content-type', 'text/html; charset=utf-8')
  async calls(@CurrentWeb() web: Web, @Query('phone') phone: unknown) {
    const session = officer(web);
    const number = inputText(phone, 20)?.replace(/[\s-]/g, '');
    const earlier =
      number && PHONE.test(number) ? await this.desk.earlierCases(session.accessToken, number, web.lang) : undefined;
    return this.callsPage(web, { phone: number, earlier });
  }

  private async callsPage(web: Web, extra: Partial<Parameters<typeof CallsPage>[0]>) {
    const [topics, provinces] = await Promise.all([this.portal.topics(), this.portal.provinces()]);
    return html(<CallsPage ctx={web.page} topics={topics} provinces={provinces} submitKey={randomUUID()} {...extra} />);
  }

  @Post('calls')
  async recordCall(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    const session = postedBy(web, body);
    const callerPhone = formText(body, 'callerPhone', 20).replace(/[\s-]/g, '');
    const call = {
      callerPhone,
      consent: body.consent === 'yes',
      kind: formText(body, 'kind', 20) || 'complaint',
      topic: formText(body, 'topic', 50),
      description: formText(body, 'description'),
      language: body.language === 'en' ? 'en' : 'lo',
      ...(formText(body, 'province', 2) && { province: formText(body, 'province', 2) }),
      ...(formText(body, 'district', 4) && { district: formText(body, 'district', 4) }),
      ...(formText(body, 'village', 7) && { village: formText(body, 'village', 7) }),
    };
    try {
      const recorded = await this.desk.recordCall(session.accessToken, call, keyOf(body));
      return sendPage(
        response,
        201,
        await this.callsPage(web, { recorded: { number: recorded.caseNumber, pin: recorded.pin } }),
      );
    } catch (error) {
      return sendPage(response, 422, await this.callsPage(web, { phone: callerPhone, outcome: refused(error) }));
    }
  }
}
