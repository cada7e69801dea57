import { webcrypto } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { JWK } from 'jose';
import { SigningKeyStore } from '../ports';
import { certificateMembers, serialNumber, x509 } from '../x509';

const SIGNING = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** How a public JWK is imported for a certificate: its algorithm family's WebCrypto parameters. */
function importParameters(jwk: JWK): webcrypto.EcKeyImportParams | webcrypto.RsaHashedImportParams {
  return jwk.kty === 'EC'
    ? { name: 'ECDSA', namedCurve: String(jwk.crv) }
    : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
}

/**
 * The key binder's certificates (GovStack's wallet binding answers one): an X.509 certificate over the wallet's
 * public key, naming the binding, signed with the block's credential key (the key civil servants' cards are
 * signed with, published at `/identity/credentials/jwks.json`). A wallet shows it to prove its key is bound.
 */
@Injectable()
export class BindingCertificates {
  constructor(private readonly keys: SigningKeyStore) {}

  async issue(
    bindingId: string,
    publicJwk: JWK,
    notAfter: Date,
  ): Promise<{ pem: string; thumbprint: string; issuerKid: string }> {
    await this.keys.ensureSigningKey('credential');
    const [signer] = (await this.keys.forProvider('credential')).keys;
    const signingKey = await webcrypto.subtle.importKey('jwk', signer as webcrypto.JsonWebKey, SIGNING, false, [
      'sign',
    ]);
    // WebCrypto refuses a JWK whose alg or use does not fit the import: the key material alone.
    const bare = Object.fromEntries(
      Object.entries(publicJwk).filter(([name]) => !['alg', 'use', 'key_ops'].includes(name)),
    );
    const publicKey = await webcrypto.subtle.importKey(
      'jwk',
      bare as webcrypto.JsonWebKey,
      importParameters(publicJwk),
      true,
      ['verify'],
    );
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: serialNumber(),
      subject: `CN=${bindingId}, O=OneDoor wallet binding`,
      issuer: `CN=OneDoor identity ${signer.kid}, O=OneDoor`,
      notBefore: new Date(Date.now() - 60_000),
      notAfter,
      signingAlgorithm: SIGNING,
      publicKey: publicKey as never,
      signingKey: signingKey as never,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      ],
    });
    const thumbprint = certificateMembers(certificate)['x5t#S256'];
    return { pem: certificate.toString('pem'), thumbprint, issuerKid: signer.kid! };
  }
}
