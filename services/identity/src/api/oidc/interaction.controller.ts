import { Controller, Get, HttpCode, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@onedoor/auth';
import { LOGGER } from '@onedoor/platform-kit';
import type { Logger } from '@onedoor/observability';
import { Post } from '@onedoor/http';
import { toString as qrSvg } from 'qrcode';
import { codePage, consentPage, loginPage, phonePage, t, type Language } from './interaction-pages';
import { LinkedSignInService } from '../../application/linked-sign-in/linked-sign-in.service';
import { LOGIN_POLICY, type LoginPolicy } from '../../identity.config';
import { SignInService, type LoginOutcome } from '../../application/sign-in/sign-in.service';
import { ACR, RateLimiter } from '../../domain';
import { OidcProviderService } from './oidc-provider.service';

type Details = Awaited<ReturnType<Awaited<ReturnType<OidcProviderService['provider']>>['interactionDetails']>>;

const language = (query?: string, details?: Details): Language => {
  if (query === 'en' || query === 'lo') return query;
  const requested = String(details?.params.ui_locales ?? '').split(' ')[0];
  return requested.startsWith('en') ? 'en' : 'lo';
};

/**
 * The provider's interactions: the sign-in pages (citizen: UIN and a one-time code; civil servant: employee
 * number, password and authenticator code) and consent for third-party apps. First-party government apps
 * skip consent. Attempts are limited per client address here and per account in the login service.
 */
@ApiExcludeController()
@Public()
@Controller('interaction/:uid')
export class InteractionController {
  private readonly perAddress = new RateLimiter(30, 60_000);

  constructor(
    private readonly oidc: OidcProviderService,
    private readonly login: SignInService,
    private readonly linked: LinkedSignInService,
    @Inject(LOGIN_POLICY) private readonly policy: LoginPolicy,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private async details(request: Request, response: Response): Promise<Details | undefined> {
    try {
      return await (await this.oidc.provider()).interactionDetails(request, response);
    } catch {
      response
        .status(400)
        .type('html')
        .send(
          '<!doctype html><html lang="en"><title>Expired</title><p>This sign-in has expired. Go back to the application and start again.</p></html>',
        );
      return undefined;
    }
  }

  private async finish(request: Request, response: Response, result: Record<string, unknown>) {
    await (
      await this.oidc.provider()
    ).interactionFinished(request, response, result, { mergeWithLastSubmission: false });
  }

  private throttled(request: Request, response: Response, lang: Language, uid: string): boolean {
    const wait = this.perAddress.hit(request.ip ?? 'unknown');
    if (!wait) return false;
    response
      .status(429)
      .set('retry-after', String(wait))
      .type('html')
      .send(loginPage(lang, uid, t(lang, 'locked', { minutes: Math.ceil(wait / 60) })));
    return true;
  }

  /** The interaction behind a sign-in form, past the per-address limit; undefined when an answer went already. */
  private async formStep(uid: string, lang: string | undefined, request: Request, response: Response) {
    const details = await this.details(request, response);
    if (!details) return undefined;
    const ui = language(lang, details);
    return this.throttled(request, response, ui, uid) ? undefined : ui;
  }

  /** Shows the form again after a refused attempt, with the status and Retry-After it calls for. */
  private refuse(
    response: Response,
    outcome: Exclude<LoginOutcome, { ok: true }>,
    ui: Language,
    page: (message: string) => string,
  ) {
    const refusal = this.refusal(outcome, ui);
    if (refusal.retryAfter) response.set('retry-after', String(refusal.retryAfter));
    return response.status(refusal.status).type('html').send(page(refusal.message));
  }

  private refusal(
    outcome: Exclude<LoginOutcome, { ok: true }>,
    lang: Language,
  ): { status: number; message: string; retryAfter?: number } {
    if (outcome.reason === 'INVALID') return { status: 401, message: t(lang, 'invalid') };
    return {
      status: 429,
      message: t(lang, 'locked', { minutes: Math.ceil((outcome.retryAfterSeconds ?? 60) / 60) }),
      retryAfter: outcome.retryAfterSeconds,
    };
  }

  @Get()
  async show(
    @Param('uid') uid: string,
    @Query('lang') lang: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const details = await this.details(request, response);
    if (!details) return;
    const ui = language(lang, details);
    if (details.prompt.name === 'login') return response.type('html').send(loginPage(ui, uid));
    const provider = await this.oidc.provider();
    const client = await provider.Client.find(String(details.params.client_id));
    if ((client as never as { onedoor_first_party?: boolean } | undefined)?.onedoor_first_party) {
      return this.consent(uid, lang, request, response, { decision: 'allow' });
    }
    const scopes = String(details.params.scope ?? 'openid').split(' ');
    return response
      .type('html')
      .send(consentPage(ui, uid, client?.clientName ?? String(details.params.client_id), scopes));
  }

  @Post('citizen')
  @HttpCode(200)
  async citizen(
    @Param('uid') uid: string,
    @Query('lang') lang: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const ui = await this.formStep(uid, lang, request, response);
    if (!ui) return;
    const uin = String(request.body?.uin ?? '').replace(/\s/g, '');
    if (!/^\d{8,16}$/.test(uin))
      return response
        .status(400)
        .type('html')
        .send(loginPage(ui, uid, t(ui, 'invalid'), uin));
    const result = await this.login.requestCode(uin);
    if ('challengeId' in result) return response.type('html').send(codePage(ui, uid, uin, result.challengeId));
    return this.refuse(response, result as Exclude<LoginOutcome, { ok: true }>, ui, (message) =>
      loginPage(ui, uid, message, uin),
    );
  }

  @Post('citizen/code')
  @HttpCode(200)
  async citizenCode(
    @Param('uid') uid: string,
    @Query('lang') lang: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const ui = await this.formStep(uid, lang, request, response);
    if (!ui) return;
    const { uin = '', challengeId = '', code = '' } = (request.body ?? {}) as Record<string, string>;
    const wellFormed = /^\d{8,16}$/.test(uin) && /^[0-9a-f-]{36}$/.test(challengeId) && /^\d{6}$/.test(code);
    const outcome: LoginOutcome = wellFormed
      ? await this.login.verifyCode(uin, challengeId, code)
      : { ok: false, reason: 'INVALID' };
    if (outcome.ok) {
      this.logger.info({ event: 'login', method: 'otp' }, 'citizen signed in');
      return this.finish(request, response, {
        login: { accountId: outcome.accountId, acr: ACR.oneTimeCode, amr: ['otp'] },
      });
    }
    return this.refuse(response, outcome, ui, (message) => codePage(ui, uid, uin, challengeId, message));
  }

  @Post('civil-servant')
  @HttpCode(200)
  async civilServant(
    @Param('uid') uid: string,
    @Query('lang') lang: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const ui = await this.formStep(uid, lang, request, response);
    if (!ui) return;
    const { employeeNumber = '', password = '', totp = '' } = (request.body ?? {}) as Record<string, string>;
    const wellFormed =
      /^[A-Z0-9-]{4,20}$/.test(employeeNumber) && password.length > 0 && password.length <= 200 && /^\d{6}$/.test(totp);
    const outcome: LoginOutcome = wellFormed
      ? await this.login.verifyCivilServant(employeeNumber, password, totp)
      : { ok: false, reason: 'INVALID' };
    if (outcome.ok) {
      this.logger.info({ event: 'login', method: 'mfa' }, 'civil servant signed in');
      return this.finish(request, response, {
        login: { accountId: outcome.accountId, acr: ACR.multiFactor, amr: ['pwd', 'otp'] },
      });
    }
    return this.refuse(response, outcome, ui, (message) => loginPage(ui, uid, message));
  }

  /**
   * Signing in with the phone (linked authorization): a link code for this sign-in, shown as a QR code. The deep
   * link names the code and the issuer, so the person's wallet app knows whom to ask.
   */
  @Get('phone')
  async phone(
    @Param('uid') uid: string,
    @Query('lang') lang: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const details = await this.details(request, response);
    if (!details) return;
    const ui = language(lang, details);
    const link = await this.linked.linkCode(uid);
    if (!link.ok)
      return response
        .status(409)
        .type('html')
        .send(phonePage(ui, uid, undefined, t(ui, 'phoneEnded')));
    return response.type('html').send(phonePage(ui, uid, await this.qr(link.value.linkCode)));
  }

  private async qr(code: string) {
    const issuer = (await this.oidc.provider()).issuer;
    const deepLink = `onedoor://linked-authorization?linkCode=${code}&issuer=${encodeURIComponent(issuer)}`;
    return { code, qrSvg: await qrSvg(deepLink, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 240 }) };
  }

  /** The person has approved on the phone: the counter's browser goes on to the relying party with its code. */
  @Post('phone')
  @HttpCode(200)
  async phoneApproved(
    @Param('uid') uid: string,
    @Query('lang') lang: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const ui = await this.formStep(uid, lang, request, response);
    if (!ui) return;
    const linkCode = String((request.body as { linkCode?: unknown } | undefined)?.linkCode ?? '').slice(0, 200);
    const outcome = await this.linked.linkAuthCode(uid, linkCode, this.policy.linkPollSeconds * 1000);
    if (outcome.ok) {
      this.logger.info({ event: 'login', method: 'wallet' }, 'citizen signed in at a counter with their phone');
      const target = new URL(outcome.value.redirectUri);
      target.searchParams.set('code', outcome.value.code);
      if (outcome.value.state !== undefined) target.searchParams.set('state', outcome.value.state);
      target.searchParams.set('iss', outcome.value.issuer);
      return response.redirect(303, target.href);
    }
    if (outcome.errorCode === 'response_timeout') {
      const waiting = phonePage(ui, uid, await this.qr(linkCode), t(ui, 'phoneWaiting'));
      return response.status(202).type('html').send(waiting);
    }
    return response
      .status(409)
      .type('html')
      .send(phonePage(ui, uid, undefined, t(ui, 'phoneEnded')));
  }

  @Post('consent')
  @HttpCode(200)
  async consent(
    @Param('uid') uid: string,
    @Query('lang') _lang: string | undefined,
    @Req() request: Request & { body?: { decision?: string } },
    @Res() response: Response,
    decided?: { decision: string },
  ) {
    const details = await this.details(request, response);
    if (!details) return;
    if ((decided ?? request.body)?.decision !== 'allow') {
      return this.finish(request, response, {
        error: 'access_denied',
        error_description: 'The person did not allow access.',
      });
    }
    const provider = await this.oidc.provider();
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
    const missing = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant!.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant!.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
      grant!.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant!.save();
    return this.finish(request, response, { consent: { grantId } });
  }
}
