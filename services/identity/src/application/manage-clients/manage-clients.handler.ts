import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IdentityError, IdentityErrorCode } from '../../domain';
import { OidcStore } from '../ports';

type Metadata = Record<string, unknown>;

/** The OpenID provider's own check of a client's metadata (redirect URIs, grant types, keys). */
export type ClientCheck = (metadata: Metadata) => Promise<void>;

export interface NewClient {
  clientId: string;
  clientName: string;
  relyingPartyId?: string;
  logoUri?: string;
  redirectUris: string[];
  userClaims?: string[];
  authContextRefs?: string[];
  publicKey?: Record<string, unknown>;
  grantTypes: string[];
  clientAuthMethods: string[];
  roles?: string[];
  /** The ministry (and province) a service client acts for: its tokens carry them, so its roles act inside them. */
  ministry?: string;
  province?: string;
  firstParty?: boolean;
  /**
   * Userinfo as GovStack answers it: a JWT signed by the provider, then encrypted to the client's public key (an EC
   * key: ECDH-ES; an RSA key: RSA-OAEP-256).
   */
  nestedUserinfo?: boolean;
}

export interface ClientChange {
  clientName?: string;
  status?: 'ACTIVE' | 'INACTIVE';
  logoUri?: string;
  redirectUris?: string[];
  userClaims?: string[];
  authContextRefs?: string[];
  grantTypes?: string[];
  /** How it authenticates at the token endpoint: private_key_jwt needs its public key, a secret its secret. */
  clientAuthMethods?: string[];
  roles?: string[];
  /** null: national again. */
  ministry?: string | null;
  province?: string | null;
}

/** A province without its ministry would read as a national client of one province: refused. */
function assertScope(ministry: unknown, province: unknown) {
  if (province && !ministry) {
    throw new IdentityError(
      IdentityErrorCode.INVALID_CLIENT_METADATA,
      'A client scoped to a province names its ministry.',
      [{ field: 'request.ministry', message: 'required with a province' }],
    );
  }
}

/**
 * GovStack's OIDC client management: relying parties (ministries' portals) and service clients (blocks and
 * integrators, client credentials). A generated client secret is shown once and kept sealed; with a public key
 * the client authenticates with private_key_jwt, as GovStack prefers.
 */
@Injectable()
export class ManageClientsHandler {
  constructor(private readonly store: OidcStore) {}

  async create(request: NewClient, check: ClientCheck): Promise<{ clientId: string; clientSecret?: string }> {
    if (await this.store.client(request.clientId)) {
      throw new IdentityError(IdentityErrorCode.DUPLICATE_CLIENT_ID, `A client ${request.clientId} exists.`);
    }
    const method = request.clientAuthMethods[0];
    if (method === 'private_key_jwt' && !request.publicKey) {
      throw new IdentityError(IdentityErrorCode.INVALID_PUBLIC_KEY, 'private_key_jwt needs the public key.', [
        { field: 'request.publicKey', message: 'required with private_key_jwt' },
      ]);
    }
    assertScope(request.ministry, request.province);
    const secret = method === 'client_secret_basic' ? randomBytes(32).toString('base64url') : undefined;
    const metadata: Metadata = {
      client_id: request.clientId,
      client_name: request.clientName,
      redirect_uris: request.redirectUris,
      grant_types: request.grantTypes,
      response_types: request.grantTypes.includes('authorization_code') ? ['code'] : [],
      token_endpoint_auth_method: method,
      ...(request.publicKey ? { jwks: { keys: [request.publicKey] } } : {}),
      ...(secret ? { client_secret: secret } : {}),
      ...(request.logoUri ? { logo_uri: request.logoUri } : {}),
      onedoor_roles: request.roles ?? [],
      ...(request.ministry && { onedoor_ministry: request.ministry }),
      ...(request.province && { onedoor_province: request.province }),
      onedoor_first_party: request.firstParty ?? false,
      onedoor_status: 'ACTIVE',
      ...(request.nestedUserinfo && request.publicKey
        ? {
            // GovStack's relying parties verify with the RSA keys and certificates its document describes.
            id_token_signed_response_alg: 'RS256',
            userinfo_signed_response_alg: 'RS256',
            userinfo_encrypted_response_alg: request.publicKey.kty === 'RSA' ? 'RSA-OAEP-256' : 'ECDH-ES',
            userinfo_encrypted_response_enc: 'A256GCM',
          }
        : {}),
      govstack: {
        relyingPartyId: request.relyingPartyId ?? request.clientId,
        userClaims: request.userClaims ?? [],
        authContextRefs: request.authContextRefs ?? [],
      },
    };
    await check(metadata);
    await this.store.saveClient(request.clientId, metadata);
    return { clientId: request.clientId, ...(secret ? { clientSecret: secret } : {}) };
  }

  async update(
    clientId: string,
    change: ClientChange,
    check: ClientCheck,
  ): Promise<{ clientId: string; status: unknown }> {
    const existing = await this.store.client(clientId);
    if (!existing) throw new IdentityError(IdentityErrorCode.UNKNOWN_CLIENT, `No client ${clientId}.`);
    const govstack = (existing.govstack ?? {}) as Metadata;
    const metadata: Metadata = {
      ...existing,
      ...(change.clientName ? { client_name: change.clientName } : {}),
      ...(change.logoUri ? { logo_uri: change.logoUri } : {}),
      ...(change.redirectUris ? { redirect_uris: change.redirectUris } : {}),
      ...(change.grantTypes
        ? {
            grant_types: change.grantTypes,
            response_types: change.grantTypes.includes('authorization_code') ? ['code'] : [],
          }
        : {}),
      ...(change.roles ? { onedoor_roles: change.roles } : {}),
      ...(change.ministry !== undefined && { onedoor_ministry: change.ministry ?? undefined }),
      ...(change.province !== undefined && { onedoor_province: change.province ?? undefined }),
      ...(change.status ? { onedoor_status: change.status } : {}),
      govstack: {
        ...govstack,
        ...(change.userClaims ? { userClaims: change.userClaims } : {}),
        ...(change.authContextRefs ? { authContextRefs: change.authContextRefs } : {}),
      },
    };
    const method = change.clientAuthMethods?.[0];
    if (method && method !== existing.token_endpoint_auth_method) {
      if (method === 'private_key_jwt' && !existing.jwks) {
        throw new IdentityError(
          IdentityErrorCode.INVALID_PUBLIC_KEY,
          'private_key_jwt needs the public key it was registered with.',
          [{ field: 'request.clientAuthMethods', message: 'the client has no public key: register a new client' }],
        );
      }
      if (method === 'client_secret_basic' && !existing.client_secret) {
        throw new IdentityError(
          IdentityErrorCode.INVALID_CLIENT_METADATA,
          'A client registered without a secret gets none later.',
          [{ field: 'request.clientAuthMethods', message: 'the client has no secret: register a new client' }],
        );
      }
      metadata.token_endpoint_auth_method = method;
    }
    for (const key of ['onedoor_ministry', 'onedoor_province']) if (metadata[key] === undefined) delete metadata[key];
    assertScope(metadata.onedoor_ministry, metadata.onedoor_province);
    const { client_secret: sealed, ...checkable } = metadata;
    await check(sealed ? { ...checkable, client_secret: 'x'.repeat(43) } : checkable);
    await this.store.replaceClient(clientId, metadata);
    return { clientId, status: metadata.onedoor_status };
  }

  /** A client's registration, never its secret. */
  async read(clientId: string): Promise<Metadata> {
    const existing = await this.store.client(clientId);
    if (!existing) throw new IdentityError(IdentityErrorCode.UNKNOWN_CLIENT, `No client ${clientId}.`);
    const { client_secret: _secret, ...visible } = existing;
    void _secret;
    return visible;
  }
}
