import { timingSafeEqual } from 'node:crypto';
import type { Session } from '../session/session';
import type { Web } from './web-context';

/** The page needs a signed-in citizen: the filter sends the browser to sign in, then back to `returnTo`. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('sign in required');
  }
}

/** A signed-in form came without the session's token (another site's page, or an expired page). */
export class FormExpired extends Error {
  constructor() {
    super('form token missing or wrong');
  }
}

/** The signed-in citizen's session, or a redirect to sign in and come back to `returnTo`. */
export function requireSession(web: Web, returnTo = web.page.path): Session {
  if (!web.session) throw new SignInRequired(returnTo);
  return web.session;
}

/** The form carries the session's token (`csrf`): else FormExpired. */
export function checkCsrf(web: Web, body: Record<string, unknown> | undefined): void {
  const sent = typeof body?.csrf === 'string' ? Buffer.from(body.csrf) : Buffer.alloc(0);
  const expected = Buffer.from(web.session?.csrf ?? '');
  if (!expected.length || sent.length !== expected.length || !timingSafeEqual(sent, expected)) throw new FormExpired();
}
