import { Body, Controller, Get, HttpStatus, Inject, Param, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { RequireRoles, ROLES } from '@onedoor/auth';
import { ProblemException, Post } from '@onedoor/http';
import { OidcRecord } from './oidc.entities';
import { OidcProviderService } from './oidc-provider.service';
import { forgetClient, postgresAdapterFactory } from './postgres-adapter';
import { SecretBox } from '../secrets/secret-box';

const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
const AUTH_METHODS = ['private_key_jwt', 'client_secret_basic', 'none'] as const;
const ROLE_NAME = /^[a-z]+\.[a-z-]+$/;

class ClientRequest {
  @ApiProperty({ example: 'moh-health-portal' }) @Matches(/^[A-Za-z0-9._-]{1,50}$/) clientId: string;
  @ApiProperty({ example: 'Ministry of Health portal' }) @IsString() @Length(1, 256) clientName: string;
  @ApiPropertyOptional({ description: 'GovStack: relying party id; defaults to the client id' })
  @IsOptional()
  @Length(1, 50)
  relyingPartyId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_tld: false }) logoUri?: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { each: true })
  redirectUris: string[];
  @ApiPropertyOptional({ description: 'GovStack: claims the client may ask for; released by scope' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  userClaims?: string[];
  @ApiPropertyOptional({ description: 'GovStack: accepted authentication context classes' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  authContextRefs?: string[];
  @ApiPropertyOptional({ description: "The client's public JWK, for private_key_jwt" })
  @IsOptional()
  @IsObject()
  publicKey?: Record<string, unknown>;
  @ApiProperty({ enum: GRANT_TYPES, isArray: true })
  @ArrayMinSize(1)
  @IsIn(GRANT_TYPES, { each: true })
  grantTypes: string[];
  @ApiProperty({ enum: AUTH_METHODS, isArray: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(1)
  @IsIn(AUTH_METHODS, { each: true })
  clientAuthMethods: string[];
  @ApiPropertyOptional({ description: 'Roles its service tokens carry (client credentials), such as messaging.sender' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(ROLE_NAME, { each: true })
  roles?: string[];
  @ApiPropertyOptional({ description: 'A government app of OneDoor itself: no consent screen' })
  @IsOptional()
  @IsBoolean()
  firstParty?: boolean;
}

class ClientEnvelope {
  @ApiPropertyOptional() @IsOptional() @IsString() requestTime?: string;
  @ApiProperty({ type: ClientRequest }) @ValidateNested() @Type(() => ClientRequest) request: ClientRequest;
}

class ClientUpdate {
  @IsOptional() @IsString() @Length(1, 256) clientName?: string;
  @IsOptional() @IsIn(['ACTIVE', 'INACTIVE']) status?: 'ACTIVE' | 'INACTIVE';
  @IsOptional() @IsUrl({ require_tld: false }) logoUri?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { each: true })
  redirectUris?: string[];
  @IsOptional() @IsArray() @IsString({ each: true }) userClaims?: string[];
  @IsOptional() @IsArray() @IsString({ each: true }) authContextRefs?: string[];
  @IsOptional() @ArrayMinSize(1) @IsIn(GRANT_TYPES, { each: true }) grantTypes?: string[];
  @IsOptional() @ArrayMaxSize(20) @Matches(ROLE_NAME, { each: true }) roles?: string[];
}

class ClientUpdateEnvelope {
  @IsOptional() @IsString() requestTime?: string;
  @ValidateNested() @Type(() => ClientUpdate) request: ClientUpdate;
}

type Metadata = Record<string, unknown>;

/**
 * GovStack's OIDC client management: relying parties (ministries' portals) and service clients (blocks and
 * integrators, client credentials). Platform operators only. A generated client secret is shown once and kept
 * sealed; with a public key the client authenticates with private_key_jwt, as GovStack prefers.
 */
@ApiTags('OIDC client management')
@ApiBearerAuth()
@RequireRoles(ROLES.platformOperator)
@Controller('client-mgmt/oidc-client')
export class ClientsController {
  private readonly store: { upsert(id: string, payload: Metadata): Promise<void> };

  constructor(
    private readonly oidc: OidcProviderService,
    private readonly dataSource: DataSource,
    @Inject(SecretBox) secrets: SecretBox,
  ) {
    this.store = new (postgresAdapterFactory(dataSource, secrets))('Client');
  }

  private async stored(clientId: string): Promise<Metadata | undefined> {
    const row = await this.dataSource.getRepository(OidcRecord).findOneBy({ model: 'Client', id: clientId });
    return row?.payload;
  }

  /** Checked by the provider itself; the first call may be the one that starts it (issuer from the request). */
  private async validated(metadata: Metadata, request: Request): Promise<void> {
    const provider = await this.oidc.provider(this.oidc.issuerOf(request));
    try {
      await (provider.Client as unknown as { validate(m: Metadata): Promise<void> }).validate(metadata);
    } catch (error) {
      const { error: code, error_description: description } = error as { error?: string; error_description?: string };
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        code === 'invalid_redirect_uri' ? 'IDENTITY.INVALID_REDIRECT_URI' : 'IDENTITY.INVALID_CLIENT_METADATA',
        description ?? String(error),
      );
    }
  }

  @Post()
  @ApiOperation({ summary: 'Register an OIDC client (GovStack client management)' })
  async create(@Body() body: ClientEnvelope, @Req() http: Request) {
    const request = body.request;
    if (await this.stored(request.clientId)) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'IDENTITY.DUPLICATE_CLIENT_ID',
        `A client ${request.clientId} exists.`,
      );
    }
    const method = request.clientAuthMethods[0];
    if (method === 'private_key_jwt' && !request.publicKey) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IDENTITY.INVALID_PUBLIC_KEY',
        'private_key_jwt needs the public key.',
        [{ field: 'request.publicKey', message: 'required with private_key_jwt' }],
      );
    }
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
      onedoor_first_party: request.firstParty ?? false,
      onedoor_status: 'ACTIVE',
      govstack: {
        relyingPartyId: request.relyingPartyId ?? request.clientId,
        userClaims: request.userClaims ?? [],
        authContextRefs: request.authContextRefs ?? [],
      },
    };
    await this.validated(metadata, http);
    await this.store.upsert(request.clientId, metadata);
    return {
      responseTime: new Date().toISOString(),
      response: { clientId: request.clientId, ...(secret ? { clientSecret: secret } : {}) },
      errors: [],
    };
  }

  @Put(':clientId')
  @ApiOperation({ summary: 'Update an OIDC client, or deactivate it (status INACTIVE)' })
  async update(@Param('clientId') clientId: string, @Body() body: ClientUpdateEnvelope, @Req() http: Request) {
    const existing = await this.stored(clientId);
    if (!existing)
      throw new ProblemException(HttpStatus.NOT_FOUND, 'IDENTITY.UNKNOWN_CLIENT', `No client ${clientId}.`);
    const change = body.request;
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
      ...(change.status ? { onedoor_status: change.status } : {}),
      govstack: {
        ...govstack,
        ...(change.userClaims ? { userClaims: change.userClaims } : {}),
        ...(change.authContextRefs ? { authContextRefs: change.authContextRefs } : {}),
      },
    };
    const { client_secret: sealed, ...checkable } = metadata;
    await this.validated(sealed ? { ...checkable, client_secret: 'x'.repeat(43) } : checkable, http);
    await this.dataSource
      .getRepository(OidcRecord)
      .update({ model: 'Client', id: clientId }, { payload: metadata as never });
    forgetClient(clientId);
    return {
      responseTime: new Date().toISOString(),
      response: { clientId, status: metadata.onedoor_status },
      errors: [],
    };
  }

  @Get(':clientId')
  @ApiOperation({ summary: "A client's registration (never its secret)" })
  async read(@Param('clientId') clientId: string) {
    const existing = await this.stored(clientId);
    if (!existing)
      throw new ProblemException(HttpStatus.NOT_FOUND, 'IDENTITY.UNKNOWN_CLIENT', `No client ${clientId}.`);
    const { client_secret: _secret, ...visible } = existing;
    void _secret;
    return visible;
  }
}
