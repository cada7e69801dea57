import { Body, HttpCode, Inject, Req } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import type { Request } from 'express';
import { BlockError } from '@onedoor/application';
import { Public } from '@onedoor/auth';
import { Post, Returns, schema } from '@onedoor/http';
import { GovStackController } from '@onedoor/platform-kit';
import { LinkedSignInService } from '../application/linked-sign-in/linked-sign-in.service';
import { IdentityErrorCode, RateLimiter } from '../domain';
import { LOGIN_POLICY, type LoginPolicy } from '../identity.config';
import { answer, answerSchema, checkEnvelope, refusal, refused, type Envelope } from './envelope';

// GovStack's linked authorization (Identity-Provider.yaml, "Wallet - QR Code"; spec/9-workflows.md): the counter's
// UI calls link-code, link-status and link-auth-code with its transaction id; the wallet app calls link-transaction,
// authenticate and consent with the link code it scanned. Every answer is 200 with `response` or `errors`.

const id = () => Length(1, 200);

class LinkCodeRequest {
  @IsString() @id() transactionId: string;
}
class LinkStatusRequest extends LinkCodeRequest {
  @IsString() @id() linkCode: string;
}
class LinkAuthCodeRequest extends LinkCodeRequest {
  @IsString() @id() linkedCode: string;
}
class LinkTransactionRequest {
  @IsString() @id() linkCode: string;
}
class Challenge {
  @IsIn(['OTP', 'BIO', 'PIN', 'WLA']) authFactorType: string;
  @IsString() @Length(1, 16_384) challenge: string;
  @IsIn(['alpha-numeric', 'jwt', 'encoded-json', 'number']) format: string;
}
class AuthenticateRequest {
  @IsString() @id() linkedTransactionId: string;
  @IsString() @Length(1, 64) individualId: string;
  @IsArray() @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => Challenge) challengeList: Challenge[];
}
class ConsentRequest {
  @IsString() @id() linkedTransactionId: string;
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) acceptedClaims: string[] = [];
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) permittedAuthorizeScopes: string[] = [];
}

const envelope = <T extends object>(request: new () => T) => {
  class Checked {
    @IsString() requestTime: string;
    @IsObject() @ValidateNested() @Type(() => request) request: T;
  }
  return Checked as new () => Envelope<T>;
};
const LinkCode = envelope(LinkCodeRequest);
const LinkStatus = envelope(LinkStatusRequest);
const LinkAuthCode = envelope(LinkAuthCodeRequest);
const LinkTransaction = envelope(LinkTransactionRequest);
const Authenticate = envelope(AuthenticateRequest);
const Consent = envelope(ConsentRequest);

const BODY = { schema: { type: 'object', required: ['requestTime', 'request'] } };
const s = schema.string();
const LINK_CODE = answerSchema(schema.object({ transactionId: s, linkCode: s, expireDateTime: schema.dateTime }));
const LINK_STATUS = answerSchema(
  schema.object({ transactionId: s, linkStatus: schema.enum('LINKED'), linkedDateTime: schema.dateTime }),
);
const LINK_AUTH_CODE = answerSchema(schema.object({ code: s, redirectUri: s, state: s, nonce: s }, ['state', 'nonce']));
const LINK_TRANSACTION = answerSchema(
  schema.object(
    {
      linkTransactionId: s,
      clientName: s,
      logoUrl: s,
      authorizeScopes: schema.array(s),
      essentialClaims: schema.array(s),
      voluntaryClaims: schema.array(s),
      authFactors: schema.array(schema.array(schema.object({ type: s }))),
      configs: schema.object({}),
    },
    ['logoUrl'],
  ),
);
const LINKED = answerSchema(schema.object({ linkedTransactionId: s }));

/**
 * Signing in at a one-door counter (or kiosk, or district PC) by scanning its QR code with the phone the person is
 * known on: over the linked sign-in use case. The phone's wallet signs in with the key it bound (WLA).
 */
@GovStackController()
@Public()
export class GovStackLinkedAuthorizationController {
  /** Wallet calls per client address: enough for people at one counter, not for guessing. */
  private readonly perAddress = new RateLimiter(60, 60_000);

  constructor(
    private readonly linked: LinkedSignInService,
    @Inject(LOGIN_POLICY) private readonly policy: LoginPolicy,
  ) {}

  private waitMs() {
    return this.policy.linkPollSeconds * 1000;
  }

  private limited(http: Request) {
    const wait = this.perAddress.hit(http.ip ?? 'unknown');
    if (wait) {
      throw new BlockError(IdentityErrorCode.TOO_MANY_CODES, 'Too many requests from this address.', undefined, {
        retryAfterSeconds: wait,
      });
    }
  }

  @Post('linked-authorization/link-code')
  @HttpCode(200)
  @Returns(LINK_CODE)
  @ApiBody(BODY)
  @ApiOperation({ summary: "GovStack link code: a code for the counter's QR code (valid 3 minutes)" })
  async linkCode(@Body() body: unknown) {
    const input = await checkEnvelope(LinkCode, body, (f) =>
      f === 'request.transactionId' ? 'invalid_transaction_id' : 'invalid_request',
    );
    if ('errors' in input) return refused(input.errors);
    const { transactionId } = input.request;
    const outcome = await this.linked.linkCode(transactionId);
    if (!outcome.ok) return refusal(outcome.errorCode, 'No sign-in is waiting under this transaction id.');
    return answer({
      transactionId,
      linkCode: outcome.value.linkCode,
      expireDateTime: outcome.value.expiresAt.toISOString(),
    });
  }

  @Post('linked-authorization/link-status')
  @HttpCode(200)
  @Returns(LINK_STATUS)
  @ApiBody(BODY)
  @ApiOperation({ summary: 'GovStack link status: waits until a phone has scanned the code (long polling)' })
  async linkStatus(@Body() body: unknown) {
    const input = await checkEnvelope(LinkStatus, body, (f) => codeOf(f, 'invalid_request'));
    if ('errors' in input) return refused(input.errors);
    const { transactionId, linkCode } = input.request;
    const outcome = await this.linked.linkStatus(transactionId, linkCode, this.waitMs());
    if (!outcome.ok) return refusal(outcome.errorCode, MESSAGES[outcome.errorCode] ?? outcome.errorCode);
    return answer({ transactionId, linkStatus: 'LINKED', linkedDateTime: outcome.value.linkedAt.toISOString() });
  }

  @Post('linked-authorization/link-auth-code')
  @HttpCode(200)
  @Returns(LINK_AUTH_CODE)
  @ApiBody(BODY)
  @ApiOperation({
    summary: "GovStack link auth code: waits for the person's consent, then the authorization code, once",
  })
  async linkAuthCode(@Body() body: unknown) {
    const input = await checkEnvelope(LinkAuthCode, body, (f) => codeOf(f, 'invalid_request'));
    if ('errors' in input) return refused(input.errors);
    const { transactionId, linkedCode } = input.request;
    const outcome = await this.linked.linkAuthCode(transactionId, linkedCode, this.waitMs());
    if (!outcome.ok) return refusal(outcome.errorCode, MESSAGES[outcome.errorCode] ?? outcome.errorCode);
    const { code, redirectUri, state, nonce } = outcome.value;
    return answer({ code, redirectUri, ...(state !== undefined && { state }), ...(nonce !== undefined && { nonce }) });
  }

  @Post('linked-authorization/link-transaction')
  @HttpCode(200)
  @Returns(LINK_TRANSACTION)
  @ApiBody(BODY)
  @ApiOperation({ summary: 'GovStack link transaction: the phone scanned the code; what the relying party asks for' })
  async linkTransaction(@Body() body: unknown, @Req() http: Request) {
    this.limited(http);
    const input = await checkEnvelope(LinkTransaction, body, (f) => codeOf(f, 'invalid_request'));
    if ('errors' in input) return refused(input.errors);
    const outcome = await this.linked.linkTransaction(input.request.linkCode);
    if (!outcome.ok) return refusal(outcome.errorCode, MESSAGES[outcome.errorCode] ?? outcome.errorCode);
    const pending = outcome.value;
    return answer({
      linkTransactionId: pending.linkTransactionId,
      clientName: pending.clientName,
      ...(pending.logoUri && { logoUrl: pending.logoUri }),
      authorizeScopes: pending.scopes,
      essentialClaims: pending.essentialClaims,
      voluntaryClaims: pending.voluntaryClaims,
      // The phone signs in with the key it bound (wallet local authentication).
      authFactors: [[{ type: 'Wallet' }]],
      configs: {},
    });
  }

  @Post('linked-authorization/authenticate')
  @HttpCode(200)
  @Returns(LINKED)
  @ApiBody(BODY)
  @ApiOperation({
    summary: 'GovStack linked authenticate: the phone proves the person with its bound key (WLA, a JWT)',
  })
  async authenticate(@Body() body: unknown, @Req() http: Request) {
    this.limited(http);
    const input = await checkEnvelope(Authenticate, body, (f) =>
      codeOf(f, f?.startsWith('request.challengeList') ? 'invalid_no_of_challenges' : 'invalid_request'),
    );
    if ('errors' in input) return refused(input.errors);
    const { linkedTransactionId, individualId, challengeList } = input.request;
    const outcome = await this.linked.authenticate(linkedTransactionId, individualId, challengeList);
    if (!outcome.ok) return refusal(outcome.errorCode, MESSAGES[outcome.errorCode] ?? outcome.errorCode);
    return answer({ linkedTransactionId });
  }

  @Post('linked-authorization/consent')
  @HttpCode(200)
  @Returns(LINKED)
  @ApiBody(BODY)
  @ApiOperation({ summary: 'GovStack linked consent: the claims and scopes the person allows' })
  async consent(@Body() body: unknown, @Req() http: Request) {
    this.limited(http);
    const input = await checkEnvelope(Consent, body, (f) =>
      codeOf(
        f,
        f?.startsWith('request.acceptedClaims')
          ? 'invalid_accepted_claim'
          : f?.startsWith('request.permittedAuthorizeScopes')
            ? 'invalid_permitted_scope'
            : 'invalid_request',
      ),
    );
    if ('errors' in input) return refused(input.errors);
    const { linkedTransactionId, acceptedClaims, permittedAuthorizeScopes } = input.request;
    const outcome = await this.linked.consent(linkedTransactionId, acceptedClaims, permittedAuthorizeScopes);
    if (!outcome.ok) return refusal(outcome.errorCode, MESSAGES[outcome.errorCode] ?? outcome.errorCode);
    return answer({ linkedTransactionId });
  }
}

/** The code for a field at fault: the transaction ids' own, or the operation's. */
function codeOf(field: string | undefined, otherwise: string): string {
  if (field === 'request.transactionId' || field === 'request.linkedTransactionId') return 'invalid_transaction_id';
  if (field === 'request.linkCode' || field === 'request.linkedCode') return 'invalid_link_code';
  if (field === 'request.individualId') return 'invalid_identifier';
  return otherwise;
}

const MESSAGES: Partial<Record<string, string>> = {
  invalid_transaction_id: 'No sign-in is known under this id.',
  invalid_transaction: 'This sign-in has ended, or is not at this step.',
  invalid_link_code: 'This link code is not valid (expired, used, or not this sign-in’s).',
  invalid_identifier: 'The individualId is not a UIN.',
  invalid_no_of_challenges: 'One challenge is expected: WLA, a JWT signed with the bound key.',
  auth_failed: 'The person could not be authenticated.',
  invalid_accepted_claim: 'A claim the relying party did not ask for was accepted.',
  invalid_permitted_scope: 'A scope the relying party did not ask for was permitted.',
  response_timeout: 'Nothing yet: ask again.',
};
