import { Body, Controller, Get, Header, HttpCode, Inject, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags, ApiResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { IsString, Length, Matches } from 'class-validator';
import { CurrentCaller, Public, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Post, Returns, schema, uuidParam } from '@onedoor/http';
import { IssueCard, RevokeCard } from '../application/issue-card/issue-card.command';
import { IssueCardHandler } from '../application/issue-card/issue-card.handler';
import { CredentialQueries } from '../application/queries/credentials.queries';
import { RevokeCardHandler } from '../application/revoke-card/revoke-card.handler';
import { OIDC_SETTINGS, type OidcSettings } from '../identity.config';
import { credentialView } from './views';
import { CARD_CHECK, CREDENTIAL, JWKS } from './schemas';

class RevocationDto {
  @ApiProperty({ example: 'Card lost' }) @IsString() @Length(1, 500) reason: string;
}

class VerificationDto {
  @ApiProperty({ description: 'The compact JWS read from the card or its QR code' })
  @IsString()
  @Length(20, 4_000)
  @Matches(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { message: 'credential must be a compact JWS' })
  credential: string;
}

const uuid = (what: string) => uuidParam('identity', what);

@ApiTags('civil-servant cards')
@Controller()
export class CredentialsController {
  constructor(
    private readonly issuing: IssueCardHandler,
    private readonly revoking: RevokeCardHandler,
    private readonly queries: CredentialQueries,
    @Inject(OIDC_SETTINGS) private readonly settings: OidcSettings,
  ) {}

  /** The public URL of /identity: configured, or this request's host (development). */
  private baseUrl(request: Request): string {
    if (this.settings.issuer) return this.settings.issuer;
    const host = this.settings.trustProxy
      ? (request.header('x-forwarded-host') ?? request.header('host'))
      : request.header('host');
    const proto = this.settings.trustProxy ? (request.header('x-forwarded-proto') ?? 'http') : 'http';
    return `${proto}://${host}/identity`;
  }

  @ApiBearerAuth()
  @Post('civil-servants/:personId/credentials')
  @Returns(CREDENTIAL, 201)
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({ summary: "Issue a card credential (compact JWS for a QR code); revokes the holder's previous card" })
  async issue(
    @CurrentCaller() caller: Caller,
    @Param('personId', uuid('person')) personId: string,
    @Req() request: Request,
  ) {
    const command = IssueCard.create({ caller, personId, baseUrl: this.baseUrl(request) });
    const { record, credential } = await this.issuing.execute(command);
    return { ...credentialView(record), credential };
  }

  @ApiBearerAuth()
  @Get('civil-servants/:personId/credentials')
  @Returns(schema.array(CREDENTIAL))
  @ApiOperation({ summary: "A civil servant's cards (HR of their ministry, or themself)" })
  async list(@CurrentCaller() caller: Caller, @Param('personId', uuid('person')) personId: string) {
    return (await this.queries.list(caller, personId)).map(credentialView);
  }

  @ApiBearerAuth()
  @Post('credentials/:credentialId/revocation')
  @Returns(CREDENTIAL)
  @HttpCode(200)
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({ summary: 'Revoke a card; the status list shows it at once' })
  async revoke(
    @CurrentCaller() caller: Caller,
    @Param('credentialId', uuid('credential')) id: string,
    @Body() body: RevocationDto,
  ) {
    return credentialView(
      await this.revoking.execute(RevokeCard.create({ caller, credentialId: id, reason: body.reason })),
    );
  }

  @Public()
  @Get('credentials/jwks.json')
  @Returns(JWKS)
  @ApiOperation({ summary: 'The keys that sign cards and status lists, for offline verifiers' })
  jwks() {
    return this.queries.publicKeys();
  }

  @Public()
  @Get('credentials/status-list')
  @ApiResponse({
    status: 200,
    description: 'The signed status list (a JWT)',
    content: { 'application/statuslist+jwt': { schema: { type: 'string' } } },
  })
  @Header('content-type', 'application/statuslist+jwt')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: 'The signed status list (IETF Token Status List, one bit per card: 1 = revoked)' })
  statusList(@Req() request: Request) {
    return this.queries.statusList(this.baseUrl(request));
  }

  @Public()
  @Post('credentials/verify')
  @Returns(CARD_CHECK)
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a card: valid, expired, revoked or invalid' })
  verify(@Body() body: VerificationDto, @Req() request: Request) {
    return this.queries.verify(body.credential, this.baseUrl(request));
  }
}
