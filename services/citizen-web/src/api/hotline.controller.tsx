import { randomUUID } from 'node:crypto';
import { Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { t } from '../i18n/messages';
import { CaseReceivedPage, ComplainPage, FollowCasePage } from '../pages/hotline';
import { html } from '../pages/layout';
import { refusal } from '../platform/blocks.client';
import { Portal, type CaseReader } from '../platform/portal';
import { complaintErrors, type ComplaintForm } from './complaint-form';
import { checkCsrf, requireSession } from './csrf';
import { sendPage } from './reply';
import { formText } from './input';
import { CurrentWeb, FormBody, type Web } from './web-context';

const field = formText;

/** The hotline for citizens: complain, suggest or comment (anonymously with a PIN), follow the case, answer, appeal. */
@Controller()
export class HotlineController {
  constructor(private readonly portal: Portal) {}

  @Get('complain')
  @Header('content-type', 'text/html; charset=utf-8')
  async form(@CurrentWeb() web: Web) {
    const [topics, provinces] = await Promise.all([this.portal.topics(), this.portal.provinces()]);
    return html(
      <ComplainPage
        ctx={web.page}
        topics={topics}
        provinces={provinces}
        form={{}}
        errors={{}}
        submissionKey={randomUUID()}
      />,
    );
  }

  @Post('complain')
  async submit(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    const [topics, provinces] = await Promise.all([this.portal.topics(), this.portal.provinces()]);
    const form: ComplaintForm = {
      kind: field(body, 'kind', 20),
      topic: field(body, 'topic', 50),
      description: field(body, 'description'),
      identity: web.session ? field(body, 'identity', 20) || 'anonymous' : 'anonymous',
      province: field(body, 'province', 2),
      district: field(body, 'district', 4),
      contactPhone: field(body, 'contactPhone', 20).replace(/[\s-]/g, ''),
    };
    const key = /^[0-9a-f-]{36}$/.test(field(body, 'key', 36)) ? field(body, 'key', 36) : randomUUID();
    if (web.session && form.identity !== 'anonymous') checkCsrf(web, body);
    let errors = complaintErrors(
      web.lang,
      form,
      topics.map((topic) => topic.code),
      provinces.map((province) => province.code),
    );
    if (!Object.keys(errors).length) {
      try {
        const received = await this.portal.submitCase(
          form.identity === 'anonymous' ? undefined : web.session?.accessToken,
          {
            kind: form.kind,
            topic: form.topic,
            description: form.description,
            identity: form.identity,
            language: web.lang,
            ...(form.province && { province: form.province }),
            ...(form.district && { district: form.district }),
            ...(form.contactPhone && { contactPhone: form.contactPhone }),
          },
          key,
          web.clientAddress,
        );
        response.setHeader('cache-control', 'no-store');
        return sendPage(
          response,
          201,
          html(<CaseReceivedPage ctx={web.page} number={received.caseNumber} pin={received.pin} />),
        );
      } catch (caught) {
        const error = refusal(caught);
        if (error.status === 429) {
          response.setHeader('retry-after', '3600');
          return sendPage(
            response,
            429,
            html(
              <ComplainPage
                provinces={provinces}
                ctx={web.page}
                topics={topics}
                form={form}
                errors={{ description: t(web.lang, 'tooMany') }}
                submissionKey={key}
              />,
            ),
          );
        }
        errors = Object.fromEntries(
          (error.errors.length ? error.errors : [{ field: 'description', message: error.detail }]).map((e) => [
            e.field.split('.')[0],
            e.message,
          ]),
        );
      }
    }
    sendPage(
      response,
      422,
      html(
        <ComplainPage
          ctx={web.page}
          provinces={provinces}
          topics={topics}
          form={form}
          errors={errors}
          submissionKey={key}
        />,
      ),
    );
  }

  /** Follow a case: signed in, the citizen's own cases listed; an anonymous one by its number and PIN. */
  @Get('cases')
  @Header('content-type', 'text/html; charset=utf-8')
  async follow(@CurrentWeb() web: Web, @Query('number') number?: unknown) {
    const mine = web.session
      ? {
          cases: (await this.portal.myCases(web.session.accessToken)).items,
          topics: await this.portal.topics(),
        }
      : undefined;
    return html(
      <FollowCasePage
        ctx={web.page}
        number={typeof number === 'string' ? number.slice(0, 40) : undefined}
        mine={mine}
      />,
    );
  }

  /** The case by number and PIN: posted, so the PIN stays out of addresses, history and logs. */
  @Post('cases')
  @Header('cache-control', 'no-store')
  async show(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    const number = field(body, 'number', 40).toUpperCase();
    const pin = field(body, 'pin', 6);
    const found = await this.portal.followCase(number, { pin }, web.clientAddress);
    sendPage(
      response,
      found ? 200 : 404,
      html(
        <FollowCasePage ctx={web.page} number={number} pin={found ? pin : undefined} found={found} notFound={!found} />,
      ),
    );
  }

  /** The signed-in citizen's own case (identified or confidential): no PIN. */
  @Get('cases/:number')
  @Header('cache-control', 'no-store')
  async mine(@CurrentWeb() web: Web, @Param('number') raw: string, @Res() response: Response) {
    const session = requireSession(web);
    const number = raw.slice(0, 40).toUpperCase();
    const found = await this.portal.followCase(number, { token: session.accessToken }, web.clientAddress);
    sendPage(
      response,
      found ? 200 : 404,
      html(<FollowCasePage ctx={web.page} number={number} found={found} notFound={!found} />),
    );
  }

  @Post('cases/information')
  @Header('cache-control', 'no-store')
  information(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    return this.step(web, body, response, 'provideInformation');
  }

  @Post('cases/appeal')
  @Header('cache-control', 'no-store')
  appeal(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    return this.step(web, body, response, 'appeal');
  }

  /** Answer the unit's question, or appeal: by the case's PIN, or signed in as its submitter (with the form token). */
  private async step(
    web: Web,
    body: Record<string, unknown>,
    response: Response,
    step: 'provideInformation' | 'appeal',
  ) {
    const number = field(body, 'number', 40).toUpperCase();
    const pin = field(body, 'pin', 6) || undefined;
    const reason = field(body, 'reason', 2_000);
    let reader: CaseReader;
    if (pin) reader = { pin };
    else {
      const session = requireSession(web, `/cases/${encodeURIComponent(number)}`);
      checkCsrf(web, body);
      reader = { token: session.accessToken };
    }
    const found = await this.portal.followCase(number, reader, web.clientAddress);
    if (!found) return sendPage(response, 404, html(<FollowCasePage ctx={web.page} number={number} notFound />));
    if (!reason) {
      return sendPage(
        response,
        422,
        html(
          <FollowCasePage ctx={web.page} number={number} pin={pin} found={found} error={t(web.lang, 'errorReason')} />,
        ),
      );
    }
    try {
      const updated = await this.portal.caseStep(number, step, reader, reason, web.clientAddress);
      const again = (await this.portal.followCase(number, reader, web.clientAddress)) ?? updated;
      sendPage(
        response,
        200,
        html(
          <FollowCasePage
            ctx={web.page}
            number={number}
            pin={pin}
            found={again}
            done={step === 'appeal' ? 'appealSent' : 'informationSent'}
          />,
        ),
      );
    } catch (error) {
      const refused = refusal(error);
      sendPage(
        response,
        refused.status === 404 ? 404 : 422,
        html(<FollowCasePage ctx={web.page} number={number} pin={pin} found={found} error={refused.detail} />),
      );
    }
  }
}
