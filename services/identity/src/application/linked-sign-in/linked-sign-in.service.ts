import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { ACR, bindingActive, consentProblem, WALLET_ALGORITHMS, walletClaimsProblem } from '../../domain';
import { LOGIN_POLICY, type LoginPolicy } from '../../identity.config';
import { AuthorizationRequests, LinkStore, SignInStore, WalletStore, type PendingAuthorization } from '../ports';

/** How long a link code (the counter's QR code) can be scanned, and how long the phone then has to finish. */
export const LINK_CODE_SECONDS = 180;
export const LINKED_SECONDS = 300;
/** Failed authentications before a linked sign-in ends. */
const MAX_FAILURES = 3;

export type LinkRefusal =
  | 'invalid_transaction_id'
  | 'invalid_transaction'
  | 'invalid_link_code'
  | 'invalid_identifier'
  | 'invalid_no_of_challenges'
  | 'auth_failed'
  | 'invalid_accepted_claim'
  | 'invalid_permitted_scope'
  | 'response_timeout'
  | 'unknown_error';

type Outcome<T> = { ok: true; value: T } | { ok: false; errorCode: LinkRefusal };
const refuse = <T>(errorCode: LinkRefusal): Outcome<T> => ({ ok: false, errorCode });
const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });

const hash = (linkCode: string) => createHash('sha256').update(linkCode).digest('base64url');

/**
 * Signing in at a counter with a phone (GovStack's linked authorization; spec/9-workflows.md). The counter's
 * authorization request (its transaction) gets a link code, shown as a QR code; the person's wallet app scans it
 * (link), proves who they are by signing with its bound key (authenticate), and says what it allows (consent); the
 * counter, which has been waiting (link status, then link auth code), gets an authorization code for its relying
 * party, once. The counter learns only that the code was scanned and the code itself; no session is left on the
 * counter's browser. Each step is a conditional statement (LinkStore), so races have one winner on any replica.
 */
@Injectable()
export class LinkedSignInService implements OnModuleInit, OnModuleDestroy {
  private purging?: NodeJS.Timeout;

  constructor(
    private readonly links: LinkStore,
    private readonly wallets: WalletStore,
    private readonly signIn: SignInStore,
    private readonly requests: AuthorizationRequests,
    @Inject(LOGIN_POLICY) private readonly policy: LoginPolicy,
  ) {}

  /** A link code for the counter's pending request (a new one replaces an unscanned one). */
  async linkCode(transactionId: string): Promise<Outcome<{ linkCode: string; expiresAt: Date }>> {
    const pending = await this.requests.pending(transactionId);
    if (!pending) return refuse('invalid_transaction_id');
    const linkCode = randomBytes(18).toString('base64url');
    const expiresAt = new Date(Math.min(Date.now() + LINK_CODE_SECONDS * 1000, pending.expiresAt.getTime()));
    const started = await this.links.start({
      transactionId,
      linkCodeHash: hash(linkCode),
      clientId: pending.clientId,
      expiresAt,
    });
    return started ? ok({ linkCode, expiresAt }) : refuse('invalid_transaction');
  }

  /** The counter's transaction when the link code is its own, and not ended. */
  private async counterLink(transactionId: string, linkCode: string) {
    const link = await this.links.byTransaction(transactionId);
    if (!link) return refuse<never>('invalid_transaction_id');
    if (link.linkCodeHash !== hash(linkCode)) return refuse<never>('invalid_link_code');
    return ok(link);
  }

  /** Waits (long polling) until the phone has scanned the code: LINKED, or response_timeout. */
  async linkStatus(transactionId: string, linkCode: string, waitMs: number): Promise<Outcome<{ linkedAt: Date }>> {
    return this.poll(waitMs, async () => {
      const found = await this.counterLink(transactionId, linkCode);
      if (!found.ok) return found;
      if (found.value.linkedAt) return ok({ linkedAt: found.value.linkedAt });
      return found.value.expiresAt <= new Date() ? refuse('invalid_link_code') : undefined;
    });
  }

  /** The phone scanned the code: the request it is for, as the person is asked to allow it. */
  async linkTransaction(linkCode: string): Promise<Outcome<PendingAuthorization & { linkTransactionId: string }>> {
    const linked = await this.links.link(hash(linkCode), randomUUID(), new Date(Date.now() + LINKED_SECONDS * 1000));
    if (!linked) return refuse('invalid_link_code');
    const pending = await this.requests.pending(linked.transactionId);
    if (!pending) return refuse('invalid_transaction');
    return ok({ ...pending, linkTransactionId: linked.linkTransactionId! });
  }

  /**
   * The phone proves the person: one WLA challenge, a JWT signed by the key bound to them (ES256, RS256 or PS256),
   * naming their UIN (`sub`) and this sign-in (`aud`), fresh. Failures count against the person's account (the same
   * lockout as signing in) and end the sign-in after three.
   */
  async authenticate(
    linkTransactionId: string,
    individualId: string,
    challenges: { authFactorType: string; challenge: string; format: string }[],
  ): Promise<Outcome<{ linkTransactionId: string }>> {
    const link = await this.links.byLinkTransaction(linkTransactionId);
    if (!link) return refuse('invalid_transaction_id');
    if (link.authenticatedAt || link.expiresAt <= new Date()) return refuse('invalid_transaction');
    if (!/^\d{8,16}$/.test(individualId)) return refuse('invalid_identifier');
    if (challenges.length !== 1) return refuse('invalid_no_of_challenges');
    const [challenge] = challenges;
    if (challenge.authFactorType !== 'WLA' || challenge.format !== 'jwt') return refuse('auth_failed');
    const account = `uin:${individualId}`;
    if (await this.signIn.reads().lockedFor(account)) return refuse('auth_failed');
    const proven = await this.verify(individualId, linkTransactionId, challenge.challenge);
    if (!proven) {
      await this.links.failed(linkTransactionId, MAX_FAILURES);
      await this.signIn.fail(account, this.policy.maxFailures, this.policy.lockoutMinutes);
      return refuse('auth_failed');
    }
    if (!(await this.links.authenticated(linkTransactionId, proven.personId, proven.bindingId))) {
      return refuse('invalid_transaction');
    }
    await this.signIn.succeed(account);
    return ok({ linkTransactionId });
  }

  /** The person and binding a wallet JWT proves, or undefined. */
  private async verify(individualId: string, linkTransactionId: string, jwt: string) {
    const person = await this.signIn.reads().activePersonByUin(individualId);
    if (!person) return undefined;
    let header: { alg?: string; kid?: string; 'x5t#S256'?: string };
    try {
      header = decodeProtectedHeader(jwt) as typeof header;
    } catch {
      return undefined;
    }
    const alg = header.alg as (typeof WALLET_ALGORITHMS)[number];
    if (!WALLET_ALGORITHMS.includes(alg)) return undefined;
    const bindings = (await this.wallets.activeBindingsOf(person.id)).filter(
      (b) =>
        bindingActive(b) &&
        (b.id === header.kid || b.certificateThumbprint === header['x5t#S256']) &&
        (b.publicJwk.kty === 'EC') === (alg === 'ES256'),
    );
    for (const binding of bindings) {
      try {
        const key = await importJWK(binding.publicJwk as unknown as JWK, alg);
        const { payload } = await jwtVerify(jwt, key, { algorithms: [alg] });
        if (!walletClaimsProblem(payload, { individualId, linkTransactionId })) {
          return { personId: person.id, bindingId: binding.id };
        }
      } catch {
        // not this binding's signature
      }
    }
    return undefined;
  }

  /** What the person allows: among what was asked; the counter's code carries only these. */
  async consent(
    linkTransactionId: string,
    acceptedClaims: string[],
    permittedScopes: string[],
  ): Promise<Outcome<{ linkTransactionId: string }>> {
    const link = await this.links.byLinkTransaction(linkTransactionId);
    if (!link) return refuse('invalid_transaction_id');
    if (!link.authenticatedAt || link.consentedAt || link.expiresAt <= new Date()) return refuse('invalid_transaction');
    const pending = await this.requests.pending(link.transactionId);
    if (!pending) return refuse('invalid_transaction');
    const problem = consentProblem(
      { claims: [...pending.essentialClaims, ...pending.voluntaryClaims], scopes: pending.scopes },
      { acceptedClaims, permittedScopes },
    );
    if (problem) return refuse(problem);
    const consented = await this.links.consented(
      linkTransactionId,
      [...new Set(acceptedClaims)],
      [...new Set(permittedScopes)],
    );
    return consented ? ok({ linkTransactionId }) : refuse('invalid_transaction');
  }

  /** Waits (long polling) for the person's consent, then answers the authorization code: once. */
  async linkAuthCode(
    transactionId: string,
    linkCode: string,
    waitMs: number,
  ): Promise<Outcome<{ code: string; redirectUri: string; state?: string; nonce?: string; issuer: string }>> {
    return this.poll(waitMs, async () => {
      const found = await this.counterLink(transactionId, linkCode);
      if (!found.ok) return found;
      const link = found.value;
      const ended = link.expiresAt <= new Date();
      // Not scanned yet: wait on, until the code expires.
      if (!link.linkedAt) return ended ? refuse('invalid_link_code') : undefined;
      if (link.codeIssuedAt || ended) return refuse('invalid_transaction');
      if (!link.consentedAt) return undefined;
      const taken = await this.links.takeCode(transactionId);
      if (!taken) return refuse('invalid_transaction');
      const issued = await this.requests.issueCode(transactionId, {
        accountId: taken.personId!,
        acr: ACR.wallet,
        amr: ['wla'],
        acceptedClaims: taken.acceptedClaims ?? [],
        permittedScopes: taken.permittedScopes ?? [],
      });
      return issued ? ok(issued) : refuse('invalid_transaction');
    });
  }

  /** Asks `step` every half second until it answers or `waitMs` has passed (then response_timeout). */
  private async poll<T>(waitMs: number, step: () => Promise<Outcome<T> | undefined>): Promise<Outcome<T>> {
    const until = Date.now() + waitMs;
    for (;;) {
      const answer = await step();
      if (answer) return answer;
      if (Date.now() >= until) return refuse('response_timeout');
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, Math.max(0, until - Date.now()))));
    }
  }

  onModuleInit() {
    // Ended sign-ins are kept an hour (for the counter's last poll and the logs), then deleted.
    this.purging = setInterval(
      () => void this.links.purgeExpired(new Date(Date.now() - 3600_000)).catch(() => undefined),
      10 * 60_000,
    ).unref();
  }

  onModuleDestroy() {
    clearInterval(this.purging);
  }
}
