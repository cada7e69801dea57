import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CompactSign, importJWK, type JSONWebKeySet } from 'jose';
import { SigningKeyStore } from './ports';

/**
 * Signs cards and status lists with the current credential key, made when the block starts: the key set an offline
 * verifier downloads exists before the first card, and no request (a refused one least of all) writes it.
 */
@Injectable()
export class CardSigner implements OnModuleInit {
  constructor(private readonly keys: SigningKeyStore) {}

  async onModuleInit(): Promise<void> {
    await this.keys.ensureSigningKey('credential');
  }

  /** The current key's id, and a signer with that key. */
  async current(): Promise<{ kid: string; sign(payload: object, typ: string): Promise<string> }> {
    await this.keys.ensureSigningKey('credential');
    const { keys } = await this.keys.forProvider('credential');
    const jwk = keys[0];
    const key = await importJWK(jwk, 'ES256');
    return {
      kid: jwk.kid!,
      sign: (payload, typ) =>
        new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
          .setProtectedHeader({ alg: 'ES256', kid: jwk.kid!, typ })
          .sign(key),
    };
  }

  async publicKeys(): Promise<JSONWebKeySet> {
    await this.keys.ensureSigningKey('credential');
    return { keys: await this.keys.publicKeys('credential') };
  }
}
