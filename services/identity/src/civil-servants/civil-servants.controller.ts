import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Public, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { uuidParam, Post } from '@onedoor/http';
import {
  ActivateAccountDto,
  CivilServantQuery,
  CivilServantStatusDto,
  MoveCivilServantDto,
  RegisterCivilServantDto,
  RolesDto,
} from './civil-servant.dto';
import { CivilServantsService } from './civil-servants.service';

const uuid = uuidParam('identity', 'person');

@ApiTags('civil servants')
@ApiBearerAuth()
@Controller('civil-servants')
export class CivilServantsController {
  constructor(private readonly civilServants: CivilServantsService) {}

  @Post()
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({ summary: 'Register an enrolled person as a civil servant with a first posting (HR, own ministry)' })
  register(@CurrentCaller() caller: Caller, @Body() body: RegisterCivilServantDto) {
    return this.civilServants.register(caller, body);
  }

  @Get()
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({ summary: 'List civil servants (HR sees their own ministry)' })
  list(@CurrentCaller() caller: Caller, @Query() query: CivilServantQuery) {
    return this.civilServants.list(caller, query);
  }

  @Get(':personId')
  @ApiOperation({ summary: 'A civil servant: HR of their ministry, or themself' })
  read(@CurrentCaller() caller: Caller, @Param('personId', uuid) personId: string) {
    return this.civilServants.read(caller, personId);
  }

  @Get(':personId/assignments')
  @ApiOperation({ summary: 'Assignment history, the current posting first' })
  history(@CurrentCaller() caller: Caller, @Param('personId', uuid) personId: string) {
    return this.civilServants.history(caller, personId);
  }

  @Post(':personId/moves')
  @HttpCode(200)
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({
    summary: 'Move to another ministry, department, province, position or grade (publishes civil-servant.assigned)',
  })
  move(@CurrentCaller() caller: Caller, @Param('personId', uuid) personId: string, @Body() body: MoveCivilServantDto) {
    return this.civilServants.move(caller, personId, body);
  }

  @Put(':personId/status')
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({ summary: 'Suspend, retire or reinstate (only ACTIVE civil servants log in)' })
  status(
    @CurrentCaller() caller: Caller,
    @Param('personId', uuid) personId: string,
    @Body() body: CivilServantStatusDto,
  ) {
    return this.civilServants.setStatus(caller, personId, body);
  }

  @Put(':personId/roles')
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({ summary: 'Platform roles carried in their tokens from the next login' })
  roles(@CurrentCaller() caller: Caller, @Param('personId', uuid) personId: string, @Body() body: RolesDto) {
    return this.civilServants.setRoles(caller, personId, body.roles);
  }

  @Post(':personId/activation-code')
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({ summary: 'A one-time code (7 days) with which the civil servant sets password and authenticator' })
  activationCode(@CurrentCaller() caller: Caller, @Param('personId', uuid) personId: string) {
    return this.civilServants.issueActivationCode(caller, personId);
  }

  @Public()
  @Post('activation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a password with the activation code; answers the authenticator seed once' })
  activate(@Body() body: ActivateAccountDto) {
    return this.civilServants.activate(body);
  }
}
