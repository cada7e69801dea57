import { Body, HttpCode, Param, Req } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsString,
  IsUrl,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { Request } from 'express';
import { BlockError } from '@onedoor/application';
import { RequireRoles, ROLES } from '@onedoor/auth';
import { Post, Put, Returns, schema } from '@onedoor/http';
import { GovStackController } from '@onedoor/platform-kit';
import { OidcProviderService } from '../api/oidc/oidc-provider.service';
import { checkEnvelope, fieldName, type Envelope } from './envelope';
import { ManageClientsHandler } from '../application/manage-clients/manage-clients.handler';
import { IdentityErrorCode } from '../domain';

// GovStack's client management (Identity-Provider.yaml): every answer is 200 with `response` or `errors`
// [{errorCode, errorMessage}] in the document's codes; only the caller's token is refused with 401 or 403.

const ACRS = [
  'idbb:acr:static-code',
  'idbb:acr:generated-code',
  'idbb:acr:linked-wallet',
  'idbb:acr:biometrics',
  'idbb:acr:biometrics-generated-code',
  'idbb:acr:linked-wallet-static-code',
];
const CLAIMS = [
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'preferred_username',
  'nickname',
  'gender',
  'birthdate',
  'email',
  'email_verified',
  'phone_number',
  'phone_number_verified',
  'picture',
  'address',
  'locale',
  'zoneinfo',
];
const URL = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

class ClientFields {
  @IsString() @Length(1, 256) clientName: string;
  @IsUrl(URL) @Length(1, 1024) logoUri: string;
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsUrl(URL, { each: true }) redirectUris: string[];
  @IsArray() @ArrayMinSize(1) @IsIn(ACRS, { each: true }) authContextRefs: string[];
  @IsArray() @ArrayMinSize(1) @IsIn(CLAIMS, { each: true }) userClaims: string[];
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(['authorization_code'], { each: true }) grantTypes: string[];
  @IsArray() @ArrayMinSize(1) @IsIn(['private_key_jwt'], { each: true }) clientAuthMethods: string[];
}

class NewClientRequest extends ClientFields {
  @Matches(/^[A-Za-z0-9._-]{1,50}$/) clientId: string;
  @IsString() @Length(1, 50) relyingPartyId: string;
  @IsObject() publicKey: Record<string, unknown>;
}

class ClientUpdateRequest extends ClientFields {
  @IsIn(['active', 'inactive']) status: 'active' | 'inactive';
}

class NewClientEnvelope {
  @IsString() requestTime: string;
  @IsObject() @ValidateNested() @Type(() => NewClientRequest) request: NewClientRequest;
}
class ClientUpdateEnvelope {
  @IsString() requestTime: string;
  @IsObject() @ValidateNested() @Type(() => ClientUpdateRequest) request: ClientUpdateRequest;
}

type Operation = 'create' | 'update';

/** The document's error code for a field at fault, as each operation names them. */
const FIELD_CODES: Record<string, string> = {
  clientId: 'invalid_client_id',
  clientName: 'invalid_client_name',
  relyingPartyId: 'invalid_rp_id',
  logoUri: 'invalid_uri',
  redirectUris: 'invalid_redirect_uri',
  authContextRefs: 'invalid_acr',
  userClaims: 'invalid_claim',
  grantTypes: 'invalid_grant_type',
  clientAuthMethods: 'invalid_client_auth',
  publicKey: 'invalid_public_key',
};
const UPDATE_CODES = new Set([
  'invalid_client_id',
  'invalid_client_name',
  'invalid_claim',
  'invalid_acr',
  'invalid_uri',
  'invalid_redirect_uri',
  'invalid_grant_type',
  'invalid_client_auth',
  'invalid_request',
]);
const BLOCK_CODES: Partial<Record<string, string>> = {
  [IdentityErrorCode.DUPLICATE_CLIENT_ID]: 'duplicate_client_id',
  [IdentityErrorCode.INVALID_PUBLIC_KEY]: 'invalid_public_key',
  [IdentityErrorCode.INVALID_REDIRECT_URI]: 'invalid_redirect_uri',
  [IdentityErrorCode.UNKNOWN_CLIENT]: 'invalid_client_id',
};

/** A code the operation names: the field's, or the operation's general one. */
function codeFor(operation: Operation, field: string | undefined): string {
  const general = operation === 'create' ? 'invalid_input' : 'invalid_request';
  const code = field ? FIELD_CODES[fieldName(field)!] : undefined;
  if (!code) return field === 'requestTime' ? 'invalid_request' : general;
  return operation === 'update' && !UPDATE_CODES.has(code) ? general : code;
}

/**
 * A public JWK OneDoor can verify the client's assertions with and encrypt its userinfo to: EC P-256/384/521, or
 * RSA of at least 2048 bits (an Ed25519 key signs but cannot be encrypted to).
 */
function publicKeyProblem(jwk: Record<string, unknown>): string | undefined {
  if ('d' in jwk || 'p' in jwk || 'k' in jwk) return 'a public key only: no private or symmetric parts';
  if (jwk.use !== undefined) return 'a key for both signatures and encryption: no `use`';
  if (jwk.kty === 'EC' && ['P-256', 'P-384', 'P-521'].includes(String(jwk.crv)) && jwk.x && jwk.y) return undefined;
  if (jwk.kty === 'RSA' && typeof jwk.n === 'string' && jwk.e && Buffer.from(jwk.n, 'base64url').length >= 256) {
    return undefined;
  }
  return 'an EC (P-256, P-384, P-521) or RSA (2048 bits or more) public key in JWK format';
}

/** The envelope checked as the document says, with the public key's own check. */
function checked<T extends object>(operation: Operation, type: new () => Envelope<T>, body: unknown) {
  return checkEnvelope(
    type,
    body,
    (field) => codeFor(operation, field),
    (request) => {
      const key = (request as { publicKey?: Record<string, unknown> }).publicKey;
      const problem = operation === 'create' && key && typeof key === 'object' ? publicKeyProblem(key) : undefined;
      return problem ? [{ field: 'request.publicKey', message: problem }] : [];
    },
  );
}

const ANSWER = schema.object(
  {
    responseTime: schema.dateTime,
    response: schema.object({ clientId: schema.string() }),
    errors: schema.array(schema.object({ errorCode: schema.string(), errorMessage: schema.string() })),
  },
  ['response'],
);

/**
 * GovStack's OIDC client management for relying parties (platform operators), over the manage-clients use case:
 * the document's fields and values only (authorization code, private_key_jwt with the client's public key), and
 * its answers. OneDoor's own client management (`/identity/client-mgmt/oidc-client`) also registers service
 * clients, secrets, roles and scope.
 */
@GovStackController()
@RequireRoles(ROLES.platformOperator)
export class GovStackClientsController {
  constructor(
    private readonly oidc: OidcProviderService,
    private readonly clients: ManageClientsHandler,
  ) {}

  /** The document's answer: 200 with the response, or with the errors in its codes. */
  private async answer(operation: Operation, work: () => Promise<{ clientId: string }>) {
    const responseTime = new Date().toISOString();
    try {
      const { clientId } = await work();
      return { responseTime, response: { clientId }, errors: [] };
    } catch (error) {
      if (!(error instanceof BlockError) || error.code === IdentityErrorCode.FORBIDDEN) throw error;
      const mapped = BLOCK_CODES[error.code];
      const errorCode =
        mapped && (operation === 'create' || UPDATE_CODES.has(mapped))
          ? mapped
          : codeFor(operation, error.errors?.[0]?.field);
      return { responseTime, errors: [{ errorCode, errorMessage: error.message }] };
    }
  }

  @Post('client-mgmt/oidc-client')
  @HttpCode(200)
  @Returns(ANSWER)
  @ApiBody({ schema: { type: 'object', required: ['requestTime', 'request'] } })
  @ApiOperation({ summary: 'GovStack post-client: register a relying party (authorization code, private_key_jwt)' })
  async create(@Body() body: Record<string, unknown>, @Req() http: Request) {
    const input = await checked('create', NewClientEnvelope, body);
    if ('errors' in input) return { responseTime: new Date().toISOString(), errors: input.errors };
    const { request } = input;
    return this.answer('create', () =>
      this.clients.create(
        {
          clientId: request.clientId,
          clientName: request.clientName,
          relyingPartyId: request.relyingPartyId,
          logoUri: request.logoUri,
          redirectUris: request.redirectUris,
          userClaims: request.userClaims,
          authContextRefs: request.authContextRefs,
          publicKey: request.publicKey,
          grantTypes: request.grantTypes,
          clientAuthMethods: request.clientAuthMethods,
          nestedUserinfo: true,
        },
        this.oidc.clientCheck(http),
      ),
    );
  }

  @Put('client-mgmt/oidc-client/:clientId')
  @Returns(ANSWER)
  @ApiBody({ schema: { type: 'object', required: ['requestTime', 'request'] } })
  @ApiOperation({ summary: 'GovStack put-oidc-client-client_id: update a relying party, or make it inactive' })
  async update(@Param('clientId') clientId: string, @Body() body: Record<string, unknown>, @Req() http: Request) {
    const input = await checked('update', ClientUpdateEnvelope, body);
    if ('errors' in input) return { responseTime: new Date().toISOString(), errors: input.errors };
    const { request } = input;
    return this.answer('update', () =>
      this.clients.update(
        clientId,
        {
          clientName: request.clientName,
          status: request.status === 'active' ? 'ACTIVE' : 'INACTIVE',
          logoUri: request.logoUri,
          redirectUris: request.redirectUris,
          userClaims: request.userClaims,
          authContextRefs: request.authContextRefs,
          grantTypes: request.grantTypes,
          clientAuthMethods: request.clientAuthMethods,
        },
        this.oidc.clientCheck(http),
      ),
    );
  }
}
