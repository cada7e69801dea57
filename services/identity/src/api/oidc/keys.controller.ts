import { Controller, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles, ROLES } from '@onedoor/auth';
import { Post, Returns } from '@onedoor/http';
import { RotateSigningKeysHandler } from '../../application/rotate-signing-keys/rotate-signing-keys.handler';
import { OidcProviderService } from './oidc-provider.service';
import { KEYS_ROTATED } from '../schemas';

@ApiTags('signing keys')
@ApiBearerAuth()
@RequireRoles(ROLES.platformOperator)
@Controller('keys')
export class KeysController {
  constructor(
    private readonly rotating: RotateSigningKeysHandler,
    private readonly oidc: OidcProviderService,
  ) {}

  @Post('rotation')
  @Returns(KEYS_ROTATED)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Rotate the token signing key now; the previous key stays published for 24 hours (other replicas follow within 30 s)',
  })
  async rotate() {
    const result = await this.rotating.execute();
    await this.oidc.provider(undefined, true).catch(() => undefined);
    return result;
  }
}
