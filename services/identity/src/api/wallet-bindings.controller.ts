import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Delete, Returns, schema, uuidParam } from '@onedoor/http';
import { BindWalletHandler } from '../application/bind-wallet/bind-wallet.handler';
import type { WalletBindingRecord } from '../domain';

const uuid = uuidParam('identity', 'wallet binding');

const BINDING = schema.object({
  id: schema.uuid,
  wallet: schema.string(),
  authFactorType: schema.enum('WLA'),
  keyThumbprint: schema.string(),
  boundAt: schema.dateTime,
  expiresAt: schema.dateTime,
  revokedAt: schema.nullable(schema.dateTime),
  revokedReason: schema.nullable(schema.enum('revoked-by-person', 'replaced')),
  active: schema.boolean,
});

const view = (b: WalletBindingRecord) => ({
  id: b.id,
  wallet: b.partnerId,
  authFactorType: b.authFactorType,
  keyThumbprint: b.keyThumbprint,
  boundAt: b.createdAt.toISOString(),
  expiresAt: b.expiresAt.toISOString(),
  revokedAt: b.revokedAt?.toISOString() ?? null,
  revokedReason: b.revokedReason,
  active: !b.revokedAt && b.expiresAt > new Date(),
});

/** A person's own wallet bindings: the phone apps that can sign them in, and ending one. */
@ApiTags('Wallet bindings')
@Controller('persons/me/wallet-bindings')
@RequireRoles(ROLES.citizen)
export class WalletBindingsController {
  constructor(private readonly wallets: BindWalletHandler) {}

  @Get()
  @Returns(schema.array(BINDING))
  @ApiOperation({ summary: 'My wallet bindings, newest first (ended ones too)' })
  async list(@CurrentCaller() caller: Caller) {
    return (await this.wallets.list(caller.sub)).map(view);
  }

  @Delete(':id')
  @Returns(BINDING)
  @ApiOperation({ summary: 'Revoke one of my wallet bindings: that app no longer signs me in' })
  async revoke(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return view(await this.wallets.revoke(caller.sub, id));
  }
}
