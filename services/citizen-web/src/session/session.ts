import { randomBytes } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';

/** A signed-in citizen, as the app keeps them between pages: in an encrypted, HttpOnly cookie, nowhere else. */
export interface Session {
  /** The access token for the blocks' APIs. */
  accessToken: string;
  /** When it stops being accepted (epoch seconds). */
  expiresAt: number;
  /** Who (the token's subject). */
  subject: string;
  /** Sent back by every form of a signed-in page: a page of another site cannot post in the citizen's name. */
  csrf: string;
  /** A civil servant's staff login (employee number, password, authenticator): what their token says they are. */
  staff?: Staff;
}

/** A civil servant as their access token describes them: roles and where they act. */
export interface Staff {
  roles: string[];
  ministry?: string;
  province?: string;
  unit?: string;
}

/** Where a session belongs: the citizen's pages, or the officers' workspace under /office (its own cookie). */
export type Area = 'citizen' | 'office';

/** A sign-in under way: what the callback checks (PKCE verifier, state) and where the citizen was going. */
export interface SignInTransaction {
  verifier: string;
  state: string;
  returnTo: string;
  /** The workspace's sign-in (a staff login is required there). */
  area?: Area;
}

export const SESSION_COOKIE = 'onedoor_session';
export const SIGN_IN_COOKIE = 'onedoor_signin';
/** The officers' workspace's session: sent only to /office, never to the citizen's pages. */
export const OFFICE_SESSION_COOKIE = 'onedoor_office';
export const OFFICE_PATH = '/office';

/** A path of the officers' workspace. */
export const inOffice = (path: string) => path === OFFICE_PATH || path.startsWith(`${OFFICE_PATH}/`);

/** Seals and opens the app's cookies (AES-256-GCM under CITIZEN_WEB_SESSION_KEY): unreadable and unforgeable. */
export class CookieSealer {
  constructor(private readonly key: Uint8Array) {}

  async seal(kind: string, value: object, lifetimeSeconds: number): Promise<string> {
    return new EncryptJWT({ ...value, kind })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds)
      .encrypt(this.key);
  }

  /** The value, or undefined when the cookie is missing, expired, of another kind or not sealed with this key. */
  async open<T>(kind: string, cookie: string | undefined): Promise<T | undefined> {
    if (!cookie) return undefined;
    try {
      const { payload } = await jwtDecrypt(cookie, this.key, { contentEncryptionAlgorithms: ['A256GCM'] });
      return payload.kind === kind ? (payload as unknown as T) : undefined;
    } catch {
      return undefined;
    }
  }
}

export const newCsrfToken = () => randomBytes(18).toString('base64url');

/** A same-site path to return to after signing in (never another origin). */
export function safeReturnPath(value: unknown, area: Area = 'citizen'): string {
  const path = typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : undefined;
  if (area === 'office') return path && inOffice(path.split('?')[0]) ? path : OFFICE_PATH;
  return path ?? '/applications';
}
