import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { t } from '../i18n/messages';
import { html } from '../pages/layout';
import { ErrorPage } from '../pages/public';
import { BlockProblem } from '../platform/blocks.client';
import { inOffice } from '../session/session';
import { FormExpired, SignInRequired } from './csrf';

/**
 * Whatever goes wrong, the citizen gets a page in their language: sign in when a page needs it (or the token
 * expired), 404 for what is not there or not theirs, 503 with Retry-After when a block is briefly away, never a
 * stack trace. The script's calls (JSON) get JSON.
 */
@Catch()
export class PageErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('citizen-web');

  catch(error: unknown, host: ArgumentsHost) {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const web = request.web;
    const lang = web?.lang ?? 'lo';
    const wantsJson = request.is('application/json') === 'application/json' || request.path.startsWith('/eform/');
    const signIn = (returnTo: string) =>
      `${inOffice(returnTo.split('?')[0]) ? '/office/signin' : '/signin'}?return=${encodeURIComponent(returnTo)}`;

    if (error instanceof SignInRequired || (error instanceof BlockProblem && error.status === 401)) {
      const returnTo = error instanceof SignInRequired ? error.returnTo : (web?.page.path ?? '/');
      if (wantsJson) return void response.status(401).json({ signIn: signIn(returnTo) });
      const home = web?.page.area === 'office' ? '/office' : '/applications';
      return void response.redirect(303, signIn(request.method === 'GET' ? returnTo : home));
    }
    let status = 500;
    let title = t(lang, 'failed');
    if (error instanceof FormExpired) {
      status = 403;
      title = t(lang, 'sessionExpired');
    } else if (error instanceof BlockProblem) {
      status = error.unavailable ? 503 : error.status === 404 || error.status === 403 ? 404 : 502;
      title = t(lang, error.unavailable ? 'unavailable' : status === 404 ? 'notFound' : 'failed');
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      title = t(lang, status === 404 ? 'notFound' : status < 500 ? 'badRequest' : 'failed');
    }
    if (status === 503) response.setHeader('retry-after', '5');
    if (status >= 500)
      this.logger.warn(`${request.method} ${request.path}: ${status} ${(error as Error)?.message ?? error}`);
    if (wantsJson) return void response.status(status).json({ errors: [{ field: '(form)', message: title }] });
    if (!web) return void response.status(status).type('text').send(title);
    response
      .status(status)
      .type('html')
      .send(html(<ErrorPage ctx={web.page} title={title} />));
  }
}
