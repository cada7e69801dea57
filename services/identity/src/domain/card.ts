import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { decodeStatusList, isRevoked } from './status-list';

export const CARD_TYPE = 'onedoor-card+jwt';
export const STATUS_LIST_TYPE = 'statuslist+jwt';

/** What a civil-servant card says; short claim names keep the QR code small. */
export interface CardClaims {
  iss: string;
  sub: string;
  jti: string;
  iat: number;
  exp: number;
  /** Name in Lao, and in Latin script when known. */
  name: { lo: string; en?: string };
  emp: string;
  org: string;
  dep?: string;
  prv: string;
  pos: string;
  grd: string;
  status: { status_list: { idx: number; uri: string } };
}

export type CardStatus = 'valid' | 'expired' | 'revoked' | 'invalid';

export interface CardVerdict {
  status: CardStatus;
  reason?: string;
  card?: CardClaims;
}

/**
 * Verifies a card as an offline verifier does: the signature against the published card keys, the validity
 * period, and (when the verifier has one) the revocation bit in the last status list it downloaded.
 */
export async function verifyCard(
  jws: string,
  keys: JSONWebKeySet,
  statusList?: Uint8Array,
  now = Date.now(),
): Promise<CardVerdict> {
  let claims: CardClaims;
  try {
    const header = decodeProtectedHeader(jws);
    if (header.typ !== CARD_TYPE) return { status: 'invalid', reason: `not a OneDoor card (typ ${header.typ})` };
    const { payload } = await compactVerify(jws, createLocalJWKSet(keys), { algorithms: ['ES256'] });
    claims = JSON.parse(new TextDecoder().decode(payload)) as CardClaims;
  } catch (error) {
    return { status: 'invalid', reason: (error as Error).message };
  }
  if (claims.exp * 1000 <= now) return { status: 'expired', card: claims };
  if (statusList && isRevoked(statusList, claims.status.status_list.idx)) return { status: 'revoked', card: claims };
  return { status: 'valid', card: claims };
}

/** The bits of a status-list token, after checking its signature. */
export async function readStatusList(token: string, keys: JSONWebKeySet): Promise<Uint8Array> {
  if (decodeProtectedHeader(token).typ !== STATUS_LIST_TYPE) throw new Error('not a status list token');
  const { payload } = await compactVerify(token, createLocalJWKSet(keys), { algorithms: ['ES256'] });
  const { status_list } = JSON.parse(new TextDecoder().decode(payload)) as {
    status_list: { bits: number; lst: string };
  };
  if (status_list.bits !== 1) throw new Error('only 1-bit status lists are used');
  return decodeStatusList(status_list.lst);
}
