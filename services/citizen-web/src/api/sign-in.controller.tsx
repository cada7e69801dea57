import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { serialize } from 'cookie';
import type { Request, Response } from 'express';
import { t } from '../i18n/messages';
import { html } from '../pages/layout';
import { ErrorPage } from '../pages/public';
import {
  CookieSealer,
  safeReturnPath,
  SESSION_COOKIE,
  SIGN_IN_COOKIE,
  type SignInTransaction,
} from '../session/session';
import { IdentitySignIn } from '../session/sign-in';
import { CITIZEN_WEB_CONFIG, type CitizenWebConfig } from '../web.config';
import { checkCsrf } from './csrf';
import { CurrentWeb, FormBody, type Web } from './web-context';

const SIGN_IN_SECONDS = 600;

/** Signing in at the identity block and out again; the session lives in one sealed, HttpOnly cookie. */
@Controller()
export class SignInController {
  constructor(
    private readonly signIn: IdentitySignIn,
    private readonly sealer: CookieSealer,
    @Inject(CITIZEN_WEB_CONFIG) private readonly config: CitizenWebConfig,
  ) {}

  private cookie(name: string, value: string, maxAge: number) {
    return serialize(name, value, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies,
      maxAge,
    });
  }

  @Get('signin')
  async start(@CurrentWeb() web: Web, @Query('return') returnTo: unknown, @Res() response: Response) {
    if (!this.signIn.enabled) {
      response.status(503).type('html');
      response.send(html(<ErrorPage ctx={web.page} title={t(web.lang, 'signInUnavailable')} />));
      return;
    }
    const { url, transaction } = await this.signIn.start(web.lang, safeReturnPath(returnTo));
    response.append(
      'set-cookie',
      this.cookie(SIGN_IN_COOKIE, await this.sealer.seal('signin', transaction, SIGN_IN_SECONDS), SIGN_IN_SECONDS),
    );
    response.redirect(303, url);
  }

  @Get('signin/callback')
  async callback(@CurrentWeb() web: Web, @Req() request: Request, @Res() response: Response) {
    const transaction = await this.sealer.open<SignInTransaction>('signin', web.cookies[SIGN_IN_COOKIE]);
    if (!transaction || typeof request.query.error === 'string') {
      // Expired, another browser's, or refused at the identity block: start again.
      response.redirect(303, `/signin?return=${encodeURIComponent(safeReturnPath(transaction?.returnTo))}`);
      return;
    }
    const session = await this.signIn.finish(new URL(request.originalUrl, this.config.publicUrl), transaction);
    const lifetime = Math.max(60, session.expiresAt - Math.floor(Date.now() / 1000));
    response.append('set-cookie', this.cookie(SIGN_IN_COOKIE, '', 0));
    response.append(
      'set-cookie',
      this.cookie(SESSION_COOKIE, await this.sealer.seal('session', session, lifetime), lifetime),
    );
    response.redirect(303, safeReturnPath(transaction.returnTo));
  }

  @Post('signout')
  @HttpCode(303)
  signOut(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    if (web.session) checkCsrf(web, body);
    response.append('set-cookie', this.cookie(SESSION_COOKIE, '', 0));
    response.redirect(303, '/');
  }
}
