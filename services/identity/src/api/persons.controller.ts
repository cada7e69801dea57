import { Body, Controller, Get, Headers, HttpCode, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { type Page, page, PageQuery, Patch, Post, Put, Returns, schema, uuidParam } from '@onedoor/http';
import { ConfirmPhoneChange, RequestPhoneChange } from '../application/change-own-phone/change-own-phone.command';
import { ChangeOwnPhoneHandler } from '../application/change-own-phone/change-own-phone.handler';
import { ChangePersonStatus } from '../application/change-person-status/change-person-status.command';
import { ChangePersonStatusHandler } from '../application/change-person-status/change-person-status.handler';
import { EnrolPerson } from '../application/enrol-person/enrol-person.command';
import { EnrolPersonHandler } from '../application/enrol-person/enrol-person.handler';
import { PersonQueries } from '../application/queries/persons.queries';
import { UpdatePerson } from '../application/update-person/update-person.command';
import { UpdatePersonHandler } from '../application/update-person/update-person.handler';
import { IdentityError, IdentityErrorCode } from '../domain';
import {
  EnrolPersonDto,
  PersonSearchQuery,
  PersonView,
  PhoneChangeConfirmationDto,
  PhoneChangeDto,
  StatusChangeDto,
  UpdatePersonDto,
} from './person.dto';
import { personView } from './views';
import { ACCESS_ENTRY, CODE_SENT, PERSON } from './schemas';

const uuid = uuidParam('identity', 'person');

function versionFrom(ifMatch?: string): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!match)
    throw new IdentityError(IdentityErrorCode.BAD_IF_MATCH, 'If-Match holds the record version, such as "3".');
  return Number(match[1]);
}

@ApiTags('persons')
@ApiBearerAuth()
@Controller('persons')
export class PersonsController {
  constructor(
    private readonly enrolling: EnrolPersonHandler,
    private readonly updating: UpdatePersonHandler,
    private readonly statuses: ChangePersonStatusHandler,
    private readonly queries: PersonQueries,
    private readonly phones: ChangeOwnPhoneHandler,
  ) {}

  @Post()
  @RequireRoles(ROLES.identityRegistrar)
  @ApiOperation({ summary: 'Enrol a person and issue their UIN (registration officers, within their province)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key enrols once' })
  @Returns(PERSON, 201)
  @ApiResponse({ status: 409, description: 'IDENTITY.LIKELY_DUPLICATE, with the candidates' })
  async enrol(@CurrentCaller() caller: Caller, @Body() body: EnrolPersonDto): Promise<PersonView> {
    return personView(await this.enrolling.execute(EnrolPerson.create({ caller, ...body })));
  }

  @Get()
  @Returns(schema.page(PERSON))
  @RequireRoles(ROLES.identityRegistrar)
  @ApiOperation({ summary: 'Search people by name (Lao tone marks optional), UIN, phone, birth date or district' })
  async search(@CurrentCaller() caller: Caller, @Query() query: PersonSearchQuery): Promise<Page<PersonView>> {
    const [people, total] = await this.queries.search(caller, query, query);
    return page(people.map(personView), total, query);
  }

  @Get('me')
  @Returns(PERSON)
  @RequireRoles(ROLES.citizen)
  @ApiOperation({ summary: "The logged-in person's own record" })
  async me(@CurrentCaller() caller: Caller): Promise<PersonView> {
    return personView(await this.queries.me(caller));
  }

  @Post('me/phone')
  @Returns(CODE_SENT, 202)
  @HttpCode(202)
  @RequireRoles(ROLES.citizen)
  @ApiOperation({
    summary: 'Change my phone number, step 1 of 2: a one-time code goes by SMS to the new number',
    description: 'Answers the challenge to confirm with; the number is not changed until the code comes back.',
  })
  requestPhoneChange(@CurrentCaller() caller: Caller, @Body() body: PhoneChangeDto) {
    return this.phones.request(RequestPhoneChange.create({ caller, phone: body.phone }));
  }

  @Put('me/phone')
  @RequireRoles(ROLES.citizen)
  @ApiOperation({
    summary: 'Change my phone number, step 2 of 2: the code the new number received; the register keeps it',
  })
  @Returns(PERSON)
  async confirmPhoneChange(@CurrentCaller() caller: Caller, @Body() body: PhoneChangeConfirmationDto) {
    return personView(await this.phones.confirm(ConfirmPhoneChange.create({ caller, ...body })));
  }

  @Get(':id')
  @Returns(PERSON)
  @ApiOperation({ summary: "A person's record (audited): officers in scope, or the person themself" })
  async read(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string): Promise<PersonView> {
    return personView(await this.queries.read(caller, id));
  }

  @Patch(':id')
  @Returns(PERSON)
  @RequireRoles(ROLES.identityRegistrar)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version read; 412 if it changed since' })
  @ApiOperation({ summary: 'Correct or update a record; publishes person.updated with the changed fields' })
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Body() body: UpdatePersonDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<PersonView> {
    const command = UpdatePerson.create({ caller, personId: id, expectedVersion: versionFrom(ifMatch), ...body });
    return personView(await this.updating.execute(command));
  }

  @Post(':id/deactivate')
  @Returns(PERSON)
  @HttpCode(200)
  @RequireRoles(ROLES.identityRegistrar)
  @ApiOperation({ summary: 'Deactivate a person (logical deletion: the record stays, login stops)' })
  async deactivate(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() body: StatusChangeDto) {
    const command = ChangePersonStatus.create({ caller, personId: id, to: 'DEACTIVATED', reason: body.reason });
    return personView(await this.statuses.execute(command));
  }

  @Post(':id/reactivate')
  @Returns(PERSON)
  @HttpCode(200)
  @RequireRoles(ROLES.identityRegistrar)
  @ApiOperation({ summary: 'Reactivate a deactivated person' })
  async reactivate(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() body: StatusChangeDto) {
    const command = ChangePersonStatus.create({ caller, personId: id, to: 'ACTIVE', reason: body.reason });
    return personView(await this.statuses.execute(command));
  }

  @Get(':id/access-log')
  @Returns(schema.page(ACCESS_ENTRY))
  @ApiOperation({ summary: 'Who read or changed this record (auditors, and the person themself)' })
  async accessLog(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Query() query: PageQuery) {
    const [items, total] = await this.queries.accessLog(caller, id, query);
    return page(items, total, query);
  }
}
