import 'reflect-metadata'; // @peculiar/x509's dependency injection reads decorators' metadata
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as never);

export { x509 };

/** A random positive serial number (RFC 5280: at most 20 octets). */
export const serialNumber = () => `01${randomBytes(15).toString('hex')}`;

/** How a certificate is named in a JWK (RFC 7517 4.7, 4.9): its DER in base64, and its SHA-256 thumbprint. */
export function certificateMembers(certificate: x509.X509Certificate): { x5c: string[]; 'x5t#S256': string } {
  const der = Buffer.from(certificate.rawData);
  return { x5c: [der.toString('base64')], 'x5t#S256': createHash('sha256').update(der).digest('base64url') };
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/**
 * A new RSA signing key (2048 bits, RS256) with a self-signed certificate over it: GovStack's relying parties
 * read the provider's keys in this shape (`x5c`, `x5t#S256`, `exp`).
 */
export async function rsaKeyWithCertificate(
  subject: string,
  notAfter: Date,
): Promise<{ privateJwk: webcrypto.JsonWebKey; publicJwk: webcrypto.JsonWebKey; certificate: x509.X509Certificate }> {
  const keys = await webcrypto.subtle.generateKey(
    { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  );
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: subject,
    notBefore: new Date(Date.now() - 60_000),
    notAfter,
    signingAlgorithm: RSA,
    keys: keys as never,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  return {
    privateJwk: await webcrypto.subtle.exportKey('jwk', keys.privateKey),
    publicJwk: await webcrypto.subtle.exportKey('jwk', keys.publicKey),
    certificate,
  };
}
