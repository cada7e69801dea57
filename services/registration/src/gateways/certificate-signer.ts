import { Inject, Injectable } from '@nestjs/common';
import { calculateJwkThumbprint, CompactSign, compactVerify, importJWK, type JWK, type KeyLike } from 'jose';
import { CERTIFICATE_TYPE, type CertificateClaims } from '../domain';
import { CertificateSigner } from '../application/ports';
import { REGISTRATION_CONFIG, type RegistrationConfig } from '../registration.config';

/**
 * Certificates as compact JWS (ES256, typ onedoor-certificate+jwt), small enough for a QR code, signed with
 * REGISTRATION_CERTIFICATE_KEY; its public half is the JWKS an offline verifier downloads once.
 */
@Injectable()
export class JoseCertificateSigner extends CertificateSigner {
  private keys?: Promise<{ kid: string; privateKey: KeyLike | Uint8Array; publicKey: KeyLike | Uint8Array; jwk: JWK }>;

  constructor(@Inject(REGISTRATION_CONFIG) private readonly config: RegistrationConfig) {
    super();
  }

  private load() {
    return (this.keys ??= (async () => {
      const privateJwk = this.config.certificateKey() as JWK;
      const { d: _d, ...publicJwk } = privateJwk;
      void _d;
      const kid = await calculateJwkThumbprint(publicJwk as JWK);
      return {
        kid,
        privateKey: await importJWK(privateJwk, 'ES256'),
        publicKey: await importJWK(publicJwk as JWK, 'ES256'),
        jwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' } as JWK,
      };
    })());
  }

  async sign(claims: CertificateClaims): Promise<string> {
    const { kid, privateKey } = await this.load();
    return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'ES256', kid, typ: CERTIFICATE_TYPE })
      .sign(privateKey);
  }

  async publicKeys() {
    return { keys: [(await this.load()).jwk as unknown as Record<string, unknown>] };
  }

  async verify(credential: string): Promise<CertificateClaims | 'invalid'> {
    const { publicKey } = await this.load();
    try {
      const { payload, protectedHeader } = await compactVerify(credential, publicKey, { algorithms: ['ES256'] });
      if (protectedHeader.typ !== CERTIFICATE_TYPE) return 'invalid';
      return JSON.parse(new TextDecoder().decode(payload)) as CertificateClaims;
    } catch {
      return 'invalid';
    }
  }
}
