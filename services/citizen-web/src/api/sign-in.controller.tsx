import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { serialize } from 'cookie';
import type { Request, Response } from 'express';
import { t } from '../i18n/messages';
import { html } from '../pages/layout';
import { ErrorPage } from '../pages/public';
import {
  CookieSealer,
  OFFICE_PATH,
  OFFICE_SESSION_COOKIE,
  safeReturnPath,
  SESSION_COOKIE,
  SIGN_IN_COOKIE,
  type Area,
  type SignInTransaction,
} from '../session/session';
import { IdentitySignIn } from '../session/sign-in';
import { CITIZEN_WEB_CONFIG, type CitizenWebConfig } from '../web.config';
import { checkCsrf } from './csrf';
import { CurrentWeb, FormBody, type Web } from './web-context';

const SIGN_IN_SECONDS = 600;

/**
 * Signing in at the identity block and out again; the session lives in one sealed, HttpOnly cookie: the citizen's
 * for the whole site, the officer's for /office only (a staff login's, checked when it is made).
 */
@Controller()
export class SignInController {
  constructor(
    private readonly signIn: IdentitySignIn,
    private readonly sealer: CookieSealer,
    @Inject(CITIZEN_WEB_CONFIG) private readonly config: CitizenWebConfig,
  ) {}

  private cookie(name: string, value: string, maxAge: number, path = '/') {
    return serialize(name, value, {
      path,
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies,
      maxAge,
    });
  }

  private async begin(web: Web, area: Area, returnTo: unknown, response: Response) {
    if (!this.signIn.enabled) {
      response.status(503).type('html');
      response.send(html(<ErrorPage ctx={web.page} title={t(web.lang, 'signInUnavailable')} />));
      return;
    }
    const { url, transaction } = await this.signIn.start(web.lang, safeReturnPath(returnTo, area));
    const kept: SignInTransaction = { ...transaction, area };
    response.append(
      'set-cookie',
      this.cookie(SIGN_IN_COOKIE, await this.sealer.seal('signin', kept, SIGN_IN_SECONDS), SIGN_IN_SECONDS),
    );
    response.redirect(303, url);
  }

  @Get('signin')
  start(@CurrentWeb() web: Web, @Query('return') returnTo: unknown, @Res() response: Response) {
    return this.begin(web, 'citizen', returnTo, response);
  }

  /** The officers' workspace: the same identity block and client; the session it makes is a staff login's only. */
  @Get('office/signin')
  startOffice(@CurrentWeb() web: Web, @Query('return') returnTo: unknown, @Res() response: Response) {
    return this.begin(web, 'office', returnTo, response);
  }

  @Get('signin/callback')
  async callback(@CurrentWeb() web: Web, @Req() request: Request, @Res() response: Response) {
    const transaction = await this.sealer.open<SignInTransaction>('signin', web.cookies[SIGN_IN_COOKIE]);
    const area = transaction?.area === 'office' ? 'office' : 'citizen';
    const again = area === 'office' ? '/office/signin' : '/signin';
    if (!transaction || typeof request.query.error === 'string') {
      // Expired, another browser's, or refused at the identity block: start again.
      response.redirect(303, `${again}?return=${encodeURIComponent(safeReturnPath(transaction?.returnTo, area))}`);
      return;
    }
    const session = await this.signIn.finish(new URL(request.originalUrl, this.config.publicUrl), transaction);
    const lifetime = Math.max(60, session.expiresAt - Math.floor(Date.now() / 1000));
    response.append('set-cookie', this.cookie(SIGN_IN_COOKIE, '', 0));
    if (area === 'office' && !session.staff) {
      // A citizen's login (or a staff account with no role left) does not open the workspace.
      response.status(403).type('html');
      response.send(html(<ErrorPage ctx={{ ...web.page, area }} title={t(web.lang, 'staffOnly')} />));
      return;
    }
    const [name, path] = area === 'office' ? [OFFICE_SESSION_COOKIE, OFFICE_PATH] : [SESSION_COOKIE, '/'];
    response.append(
      'set-cookie',
      this.cookie(name, await this.sealer.seal('session', session, lifetime), lifetime, path),
    );
    response.redirect(303, safeReturnPath(transaction.returnTo, area));
  }

  @Post('signout')
  @HttpCode(303)
  signOut(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    if (web.session) checkCsrf(web, body);
    response.append('set-cookie', this.cookie(SESSION_COOKIE, '', 0));
    response.redirect(303, '/');
  }

  @Post('office/signout')
  @HttpCode(303)
  signOutOffice(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    if (web.session) checkCsrf(web, body);
    response.append('set-cookie', this.cookie(OFFICE_SESSION_COOKIE, '', 0, OFFICE_PATH));
    response.redirect(303, OFFICE_PATH);
  }
}
