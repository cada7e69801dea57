import { Body, Controller, Get, Param, Req } from '@nestjs/common';
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { Request } from 'express';
import { RequireRoles, ROLES } from '@onedoor/auth';
import { ROLE_NAME } from '@onedoor/contracts';
import { Post, Put, Returns, schema } from '@onedoor/http';
import { ManageClientsHandler } from '../../application/manage-clients/manage-clients.handler';
import { OidcProviderService } from './oidc-provider.service';
import { CLIENT_CREATED, CLIENT_UPDATED } from '../schemas';

const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
const AUTH_METHODS = ['private_key_jwt', 'client_secret_basic', 'none'] as const;
const MINISTRY_CODE = /^[A-Z][A-Z0-9-]{1,15}$/;
const PROVINCE_CODE = /^\d{2}$/;

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
  @ApiPropertyOptional({
    description:
      "The ministry the client acts for: its tokens carry it, and scoped roles act inside it (a ministry's administrator client)",
    example: 'MOIC',
  })
  @IsOptional()
  @Matches(MINISTRY_CODE)
  ministry?: string;
  @ApiPropertyOptional({ description: 'With a ministry: the province the client acts for', example: '01' })
  @IsOptional()
  @Matches(PROVINCE_CODE)
  province?: string;
  @ApiPropertyOptional({ description: 'A government app of OneDoor itself: no consent screen' })
  @IsOptional()
  @IsBoolean()
  firstParty?: boolean;
}

class ClientEnvelope {
  @ApiPropertyOptional() @IsOptional() @IsString() requestTime?: string;
  @ApiProperty({ type: ClientRequest }) @IsObject() @ValidateNested() @Type(() => ClientRequest) request: ClientRequest;
}

class ClientUpdate {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 256) clientName?: string;
  @ApiPropertyOptional({
    enum: ['ACTIVE', 'INACTIVE', 'active', 'inactive'],
    description: 'INACTIVE: the client gets no more tokens (GovStack writes it in lower case)',
  })
  @IsOptional()
  @IsIn(['ACTIVE', 'INACTIVE', 'active', 'inactive'])
  status?: 'ACTIVE' | 'INACTIVE' | 'active' | 'inactive';
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_tld: false }) logoUri?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { each: true })
  redirectUris?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) userClaims?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  authContextRefs?: string[];
  @ApiPropertyOptional({ enum: GRANT_TYPES, isArray: true })
  @IsOptional()
  @ArrayMinSize(1)
  @IsIn(GRANT_TYPES, { each: true })
  grantTypes?: string[];
  @ApiPropertyOptional({ enum: AUTH_METHODS, isArray: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(1)
  @IsIn(AUTH_METHODS, { each: true })
  clientAuthMethods?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(ROLE_NAME, { each: true })
  roles?: string[];
  /** The scope the client acts for; null makes it national again. */
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The ministry it acts for; null: national' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(MINISTRY_CODE)
  ministry?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'With a ministry: its province; null: none' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(PROVINCE_CODE)
  province?: string | null;
}

class ClientUpdateEnvelope {
  @ApiPropertyOptional() @IsOptional() @IsString() requestTime?: string;
  @ApiProperty({ type: ClientUpdate }) @IsObject() @ValidateNested() @Type(() => ClientUpdate) request: ClientUpdate;
}

/**
 * GovStack's OIDC client management (platform operators only), over the manage-clients use case. The provider
 * library itself checks each client's metadata (checked()).
 */
@ApiTags('OIDC client management')
@ApiBearerAuth()
@RequireRoles(ROLES.platformOperator)
@Controller('client-mgmt/oidc-client')
export class ClientsController {
  constructor(
    private readonly oidc: OidcProviderService,
    private readonly clients: ManageClientsHandler,
  ) {}

  @Post()
  @Returns(CLIENT_CREATED, 201)
  @ApiOperation({ summary: 'Register an OIDC client (GovStack client management)' })
  async create(@Body() body: ClientEnvelope, @Req() http: Request) {
    const response = await this.clients.create(body.request, this.oidc.clientCheck(http));
    return { responseTime: new Date().toISOString(), response, errors: [] };
  }

  @Put(':clientId')
  @Returns(CLIENT_UPDATED)
  @ApiOperation({ summary: 'Update an OIDC client, or deactivate it (status INACTIVE)' })
  async update(@Param('clientId') clientId: string, @Body() body: ClientUpdateEnvelope, @Req() http: Request) {
    const { status, ...change } = body.request;
    const response = await this.clients.update(
      clientId,
      { ...change, ...(status && { status: status.toUpperCase() as 'ACTIVE' | 'INACTIVE' }) },
      this.oidc.clientCheck(http),
    );
    return { responseTime: new Date().toISOString(), response, errors: [] };
  }

  @Get(':clientId')
  @Returns(schema.record)
  @ApiOperation({ summary: "A client's registration (never its secret)" })
  read(@Param('clientId') clientId: string) {
    return this.clients.read(clientId);
  }
}
