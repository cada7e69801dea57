import { Get, HttpCode, HttpStatus, Param, Query, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Delete, Put, Returns, schema as s } from '@onedoor/http';
import { GrantsHandler } from '../application/grants/grants.handler';

const GRANT = s.object({ clientId: s.string(), room: s.string(), eventType: s.string(), grantedBy: s.string() });

/**
 * Which service clients may read which event types through the mediator, kept by the platform's operators:
 * `PUT /mediator/grants/{clientId}/{room}/{eventType}` (`*`: every type of the room), `DELETE` to revoke.
 */
@ApiTags('grants')
@ApiBearerAuth()
@Controller('grants')
@RequireRoles(ROLES.platformOperator)
export class GrantsController {
  constructor(private readonly grants: GrantsHandler) {}

  @Get()
  @ApiOperation({ summary: 'The grants, of one client (`?clientId=`) or of all' })
  @ApiQuery({ name: 'clientId', required: false })
  @Returns(s.array(GRANT))
  list(@Query('clientId') clientId?: string) {
    return this.grants.list(typeof clientId === 'string' ? clientId : undefined);
  }

  @Put(':clientId/:room/:eventType')
  @ApiOperation({ summary: 'Grant a client an event type of a room (`*`: all of them); granting again is harmless' })
  @Returns(GRANT)
  grant(
    @Param('clientId') clientId: string,
    @Param('room') room: string,
    @Param('eventType') eventType: string,
    @CurrentCaller() caller: Caller,
  ) {
    return this.grants.grant(clientId, room, eventType, caller.sub);
  }

  @Delete(':clientId/:room/:eventType')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke a grant: PULL stops at once, PUSH pauses' })
  async revoke(
    @Param('clientId') clientId: string,
    @Param('room') room: string,
    @Param('eventType') eventType: string,
  ) {
    await this.grants.revoke(clientId, room, eventType);
  }
}
