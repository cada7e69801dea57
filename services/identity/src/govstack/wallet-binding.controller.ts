import { Body, HttpCode } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { BlockError } from '@onedoor/application';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Post, Returns, schema } from '@onedoor/http';
import { GovStackController } from '@onedoor/platform-kit';
import { BindWalletHandler } from '../application/bind-wallet/bind-wallet.handler';
import { IdentityErrorCode } from '../domain';
import { answer, answerSchema, checkEnvelope, refusal, refused, type Envelope } from './envelope';

class Challenge {
  @IsIn(['OTP', 'BIO', 'PIN', 'WLA']) authFactorType: string;
  @IsString() @Length(1, 100) challenge: string;
  @IsString() @Length(1, 50) format: string;
}
class BindingRequest {
  @IsString() @Length(1, 64) individualId: string;
  @IsString() @Length(1, 20) authFactorType: string;
  @IsString() @Length(1, 50) format: string;
  @IsArray() @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => Challenge) challengeList: Challenge[];
  @IsObject() publicKey: Record<string, unknown>;
}
class BindingEnvelope {
  @IsString() requestTime: string;
  @IsObject() @ValidateNested() @Type(() => BindingRequest) request: BindingRequest;
}
class CodeRequest {
  @IsString() @Length(1, 64) individualId: string;
}
class CodeEnvelope {
  @IsString() requestTime: string;
  @IsObject() @ValidateNested() @Type(() => CodeRequest) request: CodeRequest;
}

const BODY = { schema: { type: 'object', required: ['requestTime', 'request'] } };
const BOUND = answerSchema(
  schema.object({ walletUserId: schema.string(), certificate: schema.string(), expireDateTime: schema.dateTime }),
);

/** The document's code for a field at fault. */
const codeFor = (field: string | undefined) => {
  if (field?.startsWith('request.publicKey')) return 'invalid_public_key';
  if (field?.startsWith('request.challengeList')) return 'invalid_auth_challenge';
  return 'invalid_request';
};

/**
 * GovStack's wallet binding, for a wallet app's backend (a service client with the `identity.wallet` role; the
 * wallet is the client the token was issued to): a code to the person's own phone first (`binding-otp`, as
 * GovStack's reference implementation names it), then the binding of the app's key with that code.
 */
@GovStackController()
@RequireRoles(ROLES.identityWallet)
export class GovStackWalletBindingController {
  constructor(private readonly wallets: BindWalletHandler) {}

  @Post('binding-otp')
  @HttpCode(200)
  @Returns(answerSchema(schema.object({})))
  @ApiBody(BODY)
  @ApiOperation({
    summary: "Wallet binding, step 1: a one-time code to the person's own phone (or e-mail)",
    description: 'The answer is the same whether or not the UIN is enrolled.',
  })
  async bindingCode(@Body() body: unknown) {
    const input = await checkEnvelope(CodeEnvelope as new () => Envelope<CodeRequest>, body, codeFor);
    if ('errors' in input) return refused(input.errors);
    if (!/^\d{8,16}$/.test(input.request.individualId)) return refusal('invalid_request', 'individualId: a UIN');
    const sent = await this.wallets.requestCode(input.request.individualId);
    if (!sent.ok) {
      throw new BlockError(IdentityErrorCode.TOO_MANY_CODES, 'Too many codes or attempts for this person.', undefined, {
        retryAfterSeconds: sent.retryAfterSeconds,
      });
    }
    return answer({});
  }

  @Post('wallet-binding')
  @HttpCode(200)
  @Returns(BOUND)
  @ApiBody(BODY)
  @ApiOperation({
    summary: "Wallet binding, step 2: bind the app's public key (WLA, jwt) with the code the person received",
    description:
      'Answers the binding id (walletUserId) and an X.509 certificate over the key, signed with the block’s credential key. A new key in the same wallet replaces the person’s earlier one.',
  })
  async bind(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const input = await checkEnvelope(BindingEnvelope as new () => Envelope<BindingRequest>, body, codeFor);
    if ('errors' in input) return refused(input.errors);
    const outcome = await this.wallets.bind({ partnerId: caller.clientId ?? caller.sub, ...input.request });
    if (!outcome.ok) return refusal(outcome.errorCode, MESSAGES[outcome.errorCode]);
    const { binding, certificate } = outcome.bound;
    return answer({ walletUserId: binding.id, certificate, expireDateTime: binding.expiresAt.toISOString() });
  }
}

const MESSAGES: Record<string, string> = {
  invalid_request: 'authFactorType must be WLA.',
  unsupported_challenge_format: 'The WLA factor signs JWTs: format must be jwt.',
  invalid_public_key: 'An EC P-256 or RSA (2048 bits or more) public key in JWK format.',
  invalid_auth_challenge: 'One OTP challenge: the code the person received (binding-otp).',
  duplicate_public_key: 'This key is bound to another person.',
};
