import type { ApplicationRecord } from './application';
import type { ServiceVersion, Text } from './service';

/** Who issues certificates: a name, not an address (a request's Host header never goes into a credential). */
export const CERTIFICATE_ISSUER = 'urn:onedoor:registration';

/** The JWS type of a certificate: what a verifier checks before it reads the claims. */
export const CERTIFICATE_TYPE = 'onedoor-certificate+jwt';

/**
 * What an approved application's certificate says. Short claim names keep its QR code small; an offline verifier
 * needs only the registration block's public key (its JWKS) to trust them.
 */
export interface CertificateClaims {
  iss: string;
  /** The applicant. */
  sub: string;
  /** The application: one certificate per approved application. */
  jti: string;
  /** The decision (seconds since 1970). */
  iat: number;
  /** The service: code, version and name. */
  svc: string;
  ver: number;
  ttl: Text;
  /** The ministry that granted it, and the tracking code the holder knows it by. */
  min: string;
  trk: string;
  /** The holder's name, as the identity register holds it (when the registration block knows it). */
  hld?: Text | { lo: string };
  /** What the application was for (the business's name, …), when the applicant gave one. */
  nam?: string;
}

/** The certificate's claims, from the application as decided and its service version. */
export function certificateClaims(
  application: ApplicationRecord,
  service: Pick<ServiceVersion, 'code' | 'version' | 'name'>,
  holder: Record<string, unknown> | undefined,
): CertificateClaims {
  const name = holder?.displayName as { lo?: string; en?: string } | undefined;
  return {
    iss: CERTIFICATE_ISSUER,
    sub: application.applicantId,
    jti: application.id,
    iat: Math.floor((application.decidedAt ?? application.updatedAt).getTime() / 1000),
    svc: service.code,
    ver: service.version,
    ttl: service.name,
    min: application.ministry,
    trk: application.trackingCode,
    ...(name?.lo && { hld: name.en ? { lo: name.lo, en: name.en } : { lo: name.lo } }),
    ...(application.applicationName && { nam: application.applicationName }),
  };
}

/** The certificate in words, in Lao and English, for the page or paper it is printed on. */
export function certificateText(claims: CertificateClaims): Text {
  const date = new Date(claims.iat * 1000).toISOString().slice(0, 10);
  const holderLo = claims.hld ? ` ອອກໃຫ້ ${claims.hld.lo}` : '';
  const holderEn = claims.hld ? ` granted to ${'en' in claims.hld ? claims.hld.en : claims.hld.lo}` : '';
  const forWhat = claims.nam ? ` (${claims.nam})` : '';
  return {
    lo: `${claims.ttl.lo}${forWhat}${holderLo}. ອະນຸມັດໂດຍ ${claims.min} ວັນທີ ${date}. ເລກຕິດຕາມ ${claims.trk}.`,
    en: `${claims.ttl.en}${forWhat}${holderEn}. Approved by ${claims.min} on ${date}. Tracking code ${claims.trk}.`,
  };
}
