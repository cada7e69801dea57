import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { parse as parseCookies, serialize } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import { isLang, type Lang } from '../i18n/messages';
import type { PageContext } from '../pages/layout';
import { CookieSealer, inOffice, OFFICE_SESSION_COOKIE, SESSION_COOKIE, type Session } from '../session/session';

export const LANG_COOKIE = 'onedoor_lang';

/** What the app knows of a request before a controller runs: the citizen's language, their session, the page. */
export interface Web {
  lang: Lang;
  session?: Session;
  cookies: Record<string, string | undefined>;
  page: PageContext;
  /** The citizen's address (behind the app's own proxies: the one they name), passed on to the blocks. */
  clientAddress?: string;
}

declare module 'express' {
  interface Request {
    web?: Web;
  }
}

/** The language: `?lang=` (kept in a cookie), else the cookie, else the browser's if English, else Lao. */
function language(request: Request, cookies: Record<string, string | undefined>): { lang: Lang; chosen: boolean } {
  const asked = request.query.lang;
  if (isLang(asked)) return { lang: asked, chosen: true };
  if (isLang(cookies[LANG_COOKIE])) return { lang: cookies[LANG_COOKIE] as Lang, chosen: false };
  const accepted = request.acceptsLanguages('lo', 'en');
  return { lang: accepted === 'en' ? 'en' : 'lo', chosen: false };
}

/** Builds `request.web` for every request (an Express middleware: it runs before guards and controllers). */
export function webContext(sealer: CookieSealer, asset: (name: string) => string, secure: boolean) {
  return async (request: Request, response: Response, next: NextFunction) => {
    try {
      const cookies = parseCookies(request.headers.cookie ?? '');
      const { lang, chosen } = language(request, cookies);
      if (chosen) {
        response.append(
          'set-cookie',
          serialize(LANG_COOKIE, lang, { path: '/', maxAge: 365 * 86_400, sameSite: 'lax', secure }),
        );
      }
      const url = new URL(request.originalUrl, 'http://app');
      // The workspace's pages read the officer's session, the citizen's pages the citizen's: never the other.
      const area = inOffice(url.pathname) ? 'office' : 'citizen';
      const cookie = cookies[area === 'office' ? OFFICE_SESSION_COOKIE : SESSION_COOKIE];
      const session = await sealer.open<Session>('session', cookie);
      const live =
        session && session.expiresAt > Date.now() / 1000 + 30 && (area === 'citizen' || session.staff)
          ? session
          : undefined;
      url.searchParams.delete('lang');
      request.web = {
        lang,
        session: live,
        cookies,
        clientAddress: request.ip,
        page: {
          lang,
          path: `${url.pathname}${url.search}`,
          signedIn: !!live,
          csrf: live?.csrf,
          asset,
          area,
          roles: live?.staff?.roles,
        },
      };
      response.setHeader('content-language', lang);
      response.setHeader('vary', 'Cookie, Accept-Language');
      // An officer's pages hold people's cases and applications: never kept by a browser, a proxy or the worker.
      if (area === 'office') response.setHeader('cache-control', 'private, no-store');
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The request's Web context in a controller. */
/**
 * A posted form's fields: the parsed body when it is an object, else none. A form sent as `text/plain` or
 * `multipart/form-data`, or JSON that is not an object, leaves Express's body unset or not a record; the page then
 * answers "these fields are missing" (4xx), never a fault.
 */
export const FormBody = createParamDecorator((_: unknown, context: ExecutionContext): Record<string, unknown> => {
  const body: unknown = context.switchToHttp().getRequest<Request>().body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
});

export const CurrentWeb = createParamDecorator((_: unknown, context: ExecutionContext): Web => {
  const request = context.switchToHttp().getRequest<Request>();
  return request.web!;
});
