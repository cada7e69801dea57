import { Body, Controller, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Public, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { page, Post, Put, Returns, schema, uuidParam } from '@onedoor/http';
import {
  ActivateAccountDto,
  ActivationProofDto,
  CivilServantQuery,
  CivilServantStatusDto,
  MoveCivilServantDto,
  RegisterCivilServantDto,
  RolesDto,
} from './civil-servant.dto';
import { ACTIVATED, ACTIVATION_CODE, ASSIGNMENT, CIVIL_SERVANT, CODE_SENT } from './schemas';

const uuid = uuidParam('identity', 'person');
import { ActivateAccount, RequestActivationProof } from '../application/activate-account/activate-account.command';
import { ActivateAccountHandler } from '../application/activate-account/activate-account.handler';
import { ChangeCivilServant } from '../application/change-civil-servant/change-civil-servant.command';
import { ChangeCivilServantHandler } from '../application/change-civil-servant/change-civil-servant.handler';
import { IssueActivationCodeHandler } from '../application/issue-activation-code/issue-activation-code.handler';
import { MoveCivilServant } from '../application/move-civil-servant/move-civil-servant.command';
import { MoveCivilServantHandler } from '../application/move-civil-servant/move-civil-servant.handler';
import { CivilServantQueries } from '../application/queries/civil-servants.queries';
import { RegisterCivilServant } from '../application/register-civil-servant/register-civil-servant.command';
import { RegisterCivilServantHandler } from '../application/register-civil-servant/register-civil-servant.handler';
import { civilServantView } from './views';

@ApiTags('civil servants')
@ApiBearerAuth()
@Controller('civil-servants')
export class CivilServantsController {
  constructor(
    private readonly registering: RegisterCivilServantHandler,
    private readonly moving: MoveCivilServantHandler,
    private readonly changing: ChangeCivilServantHandler,
    private readonly activationCodes: IssueActivationCodeHandler,
    private readonly activating: ActivateAccountHandler,
    private readonly queries: CivilServantQueries,
  ) {}

  @Post()
  @Returns(CIVIL_SERVANT, 201)
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({ summary: 'Register an enrolled person as a civil servant with a first posting (HR, own ministry)' })
  async register(@CurrentCaller() caller: Caller, @Body() body: RegisterCivilServantDto) {
    return civilServantView(await this.registering.execute(RegisterCivilServant.create({ caller, ...body })));
  }

  @Get()
  @Returns(schema.page(CIVIL_SERVANT))
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({ summary: 'List civil servants (HR sees their own ministry)' })
  async list(@CurrentCaller() caller: Caller, @Query() query: CivilServantQuery) {
    const filter = { ministryCode: query.ministryCode, provinceCode: query.provinceCode, status: query.status };
    const [items, total] = await this.queries.list(caller, filter, query);
    return page(items.map(civilServantView), total, query);
  }

  @Get(':personId')
  @Returns(CIVIL_SERVANT)
  @ApiOperation({ summary: 'A civil servant: HR of their ministry, or themself' })
  async read(@CurrentCaller() caller: Caller, @Param('personId', uuid) personId: string) {
    return civilServantView(await this.queries.read(caller, personId));
  }

  @Get(':personId/assignments')
  @Returns(schema.array(ASSIGNMENT))
  @ApiOperation({ summary: 'Assignment history, the current posting first' })
  history(@CurrentCaller() caller: Caller, @Param('personId', uuid) personId: string) {
    return this.queries.history(caller, personId);
  }

  @Post(':personId/moves')
  @Returns(CIVIL_SERVANT)
  @HttpCode(200)
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({
    summary: 'Move to another ministry, department, province, position or grade (publishes civil-servant.assigned)',
  })
  async move(
    @CurrentCaller() caller: Caller,
    @Param('personId', uuid) personId: string,
    @Body() body: MoveCivilServantDto,
  ) {
    return civilServantView(await this.moving.execute(MoveCivilServant.create({ caller, personId, ...body })));
  }

  @Put(':personId/status')
  @Returns(CIVIL_SERVANT)
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({ summary: 'Suspend, retire or reinstate (only ACTIVE civil servants log in)' })
  async status(
    @CurrentCaller() caller: Caller,
    @Param('personId', uuid) personId: string,
    @Body() body: CivilServantStatusDto,
  ) {
    const command = ChangeCivilServant.create({ caller, personId, status: body.status });
    return civilServantView(await this.changing.execute(command));
  }

  @Put(':personId/roles')
  @Returns(CIVIL_SERVANT)
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({ summary: 'Platform roles carried in their tokens from the next login' })
  async roles(@CurrentCaller() caller: Caller, @Param('personId', uuid) personId: string, @Body() body: RolesDto) {
    const command = ChangeCivilServant.create({ caller, personId, roles: body.roles });
    return civilServantView(await this.changing.execute(command));
  }

  @Post(':personId/activation-code')
  @Returns(ACTIVATION_CODE, 201)
  @RequireRoles(ROLES.identityHumanResources)
  @ApiOperation({ summary: 'A one-time code (7 days) with which the civil servant sets password and authenticator' })
  activationCode(@CurrentCaller() caller: Caller, @Param('personId', uuid) personId: string) {
    return this.activationCodes.execute({ caller, personId });
  }

  @Public()
  @Post('activation/proof')
  @Returns(CODE_SENT)
  @HttpCode(200)
  @ApiOperation({
    summary: "With HR's activation code: a one-time code to the person's own phone or e-mail (step 1 of 2)",
    description:
      'Activation takes two proofs: the code HR handed over, and a code sent to the phone or e-mail the register ' +
      'holds for the person, so no one but the person can activate a login in their name. Answers the channel used.',
  })
  activationProof(@Body() body: ActivationProofDto) {
    return this.activating.requestProof(RequestActivationProof.create({ ...body }));
  }

  @Public()
  @Post('activation')
  @Returns(ACTIVATED)
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Set a password with HR's activation code and the person's one-time code; answers the authenticator seed once",
  })
  activate(@Body() body: ActivateAccountDto) {
    return this.activating.execute(ActivateAccount.create({ ...body }));
  }
}
