import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { WalletBindingBound, WalletBindingRevoked } from '@onedoor/contracts';
import {
  IdentityError,
  IdentityErrorCode,
  WALLET_BINDING_DAYS,
  walletKeyProblem,
  type WalletBindingRecord,
} from '../../domain';
import { LOGIN_POLICY, type LoginPolicy } from '../../identity.config';
import { SignInStore, WalletStore, type WalletChanges } from '../ports';
import { OneTimeCodes } from '../sign-in/one-time-codes';
import { BindingCertificates } from './binding-certificates';

/** GovStack's wallet-binding refusals. */
export type BindingRefusal =
  | 'invalid_request'
  | 'unsupported_challenge_format'
  | 'invalid_public_key'
  | 'invalid_auth_challenge'
  | 'duplicate_public_key';

export interface BindWallet {
  /** The wallet: the service client asking. */
  partnerId: string;
  individualId: string;
  authFactorType: string;
  format: string;
  challengeList: { authFactorType: string; challenge: string; format: string }[];
  publicKey: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Bound = { binding: WalletBindingRecord; certificate: string };

/**
 * Binds a wallet app's public key to a person, after the one-time code sent to the person's own phone (or e-mail)
 * proves it is them; then the app signs them in by signing with that key (linked authorization's WLA factor).
 * A person has one binding per wallet: binding a new key in the same wallet (a new phone) replaces the earlier one;
 * binding the same key again renews it. A key is one person's: another person's key is refused. The person sees
 * and revokes their bindings. Every binding and its end is an event.
 */
@Injectable()
export class BindWalletHandler {
  constructor(
    private readonly wallets: WalletStore,
    private readonly signIn: SignInStore,
    private readonly codes: OneTimeCodes,
    private readonly certificates: BindingCertificates,
    @Inject(LOGIN_POLICY) private readonly policy: LoginPolicy,
  ) {}

  /**
   * Sends a binding code to the person holding this UIN. The answer is the same whether or not the UIN exists, so
   * a wallet cannot use it to find out who is enrolled.
   */
  async requestCode(uin: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
    return this.wallets.transaction(async (tx) => {
      const locked = await tx.lockedFor(`uin:${uin}`);
      if (locked) return { ok: false, retryAfterSeconds: locked };
      const person = await tx.activePersonByUin(uin);
      if (!person) return { ok: true };
      const issued = await this.codes.issue(tx, person, 'wallet-binding', randomUUID());
      return issued === 'TOO_MANY' ? { ok: false, retryAfterSeconds: 15 * 60 } : { ok: true };
    });
  }

  async bind(input: BindWallet): Promise<{ ok: true; bound: Bound } | { ok: false; errorCode: BindingRefusal }> {
    if (input.authFactorType !== 'WLA') return { ok: false, errorCode: 'invalid_request' };
    if (input.format !== 'jwt') return { ok: false, errorCode: 'unsupported_challenge_format' };
    if (walletKeyProblem(input.publicKey)) return { ok: false, errorCode: 'invalid_public_key' };
    const otp = input.challengeList.filter((c) => c.authFactorType === 'OTP');
    if (input.challengeList.length !== 1 || otp.length !== 1 || !/^\d{6}$/.test(otp[0].challenge)) {
      return { ok: false, errorCode: 'invalid_auth_challenge' };
    }
    const jwk = input.publicKey as unknown as JWK;
    const keyThumbprint = await calculateJwkThumbprint(jwk, 'sha256');
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + WALLET_BINDING_DAYS * 86_400_000);
    const certificate = await this.certificates.issue(id, jwk, expiresAt);
    const account = `uin:${input.individualId}`;
    const outcome = await this.wallets.transaction(async (tx) => {
      if (await tx.lockedFor(account)) return 'invalid_auth_challenge' as const;
      const person = await tx.activePersonByUin(input.individualId);
      const challengeId = person && (await tx.latestChallengeId(person.id, 'wallet-binding'));
      const personId =
        challengeId && (await this.codes.check(tx, challengeId, otp[0].challenge, 'wallet-binding', async () => true));
      if (!personId) return 'FAILED' as const;
      const holder = await tx.activeBindingByKey(keyThumbprint);
      if (holder && holder.personId !== personId) return 'duplicate_public_key' as const;
      const binding: WalletBindingRecord = {
        id,
        personId,
        partnerId: input.partnerId,
        authFactorType: 'WLA',
        keyThumbprint,
        publicJwk: { ...jwk },
        certificate: certificate.pem,
        certificateThumbprint: certificate.thumbprint,
        createdAt: new Date(),
        expiresAt,
        revokedAt: null,
        revokedReason: null,
      };
      const replaced = await this.replace(tx, personId, input.partnerId, holder);
      await tx.addBinding(binding);
      await tx.publish(WalletBindingBound, {
        bindingId: id,
        personId,
        partnerId: input.partnerId,
        authFactorType: 'WLA',
        keyThumbprint,
        expiresAt: expiresAt.toISOString(),
        replaces: replaced[0] ?? null,
      });
      return { binding, certificate: certificate.pem };
    });
    if (outcome === 'FAILED') {
      await this.signIn.fail(account, this.policy.maxFailures, this.policy.lockoutMinutes);
      return { ok: false, errorCode: 'invalid_auth_challenge' };
    }
    if (typeof outcome === 'string') return { ok: false, errorCode: outcome };
    await this.signIn.succeed(account);
    return { ok: true, bound: outcome };
  }

  /** Ends the person's earlier bindings in this wallet, and this key's own (rebinding renews it). */
  private async replace(
    tx: WalletChanges,
    personId: string,
    partnerId: string,
    sameKey: WalletBindingRecord | null,
  ): Promise<string[]> {
    const earlier = await tx.activeBindingsOf(personId, partnerId);
    if (sameKey && !earlier.some((b) => b.id === sameKey.id)) earlier.push(sameKey);
    const now = new Date();
    const ended: string[] = [];
    for (const old of earlier) {
      if (!(await tx.revokeBinding(old.id, 'replaced', now))) continue;
      ended.push(old.id);
      await tx.publish(WalletBindingRevoked, {
        bindingId: old.id,
        personId,
        partnerId: old.partnerId,
        reason: 'replaced',
        revokedAt: now.toISOString(),
      });
    }
    return ended;
  }

  /** The person's bindings, newest first (a subject that is not a person's id has none). */
  async list(personId: string): Promise<WalletBindingRecord[]> {
    return UUID.test(personId) ? this.wallets.bindingsOf(personId) : [];
  }

  /** The person revokes one of their bindings: the wallet no longer signs them in. */
  async revoke(personId: string, bindingId: string): Promise<WalletBindingRecord> {
    const binding = UUID.test(personId) ? await this.wallets.binding(bindingId) : null;
    // Another person's binding is as unknown as one that does not exist.
    if (!binding || binding.personId !== personId) {
      throw new IdentityError(IdentityErrorCode.WALLET_BINDING_NOT_FOUND, 'No such wallet binding of yours.');
    }
    const now = new Date();
    const revoked = await this.wallets.transaction(async (tx) => {
      if (!(await tx.revokeBinding(bindingId, 'revoked-by-person', now))) return false;
      await tx.publish(WalletBindingRevoked, {
        bindingId,
        personId,
        partnerId: binding.partnerId,
        reason: 'revoked-by-person',
        revokedAt: now.toISOString(),
      });
      return true;
    });
    if (!revoked) {
      throw new IdentityError(
        IdentityErrorCode.WALLET_BINDING_ALREADY_REVOKED,
        'This wallet binding has ended already.',
      );
    }
    return { ...binding, revokedAt: now, revokedReason: 'revoked-by-person' };
  }
}
