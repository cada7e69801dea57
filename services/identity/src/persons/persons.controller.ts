import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { PageQuery, ProblemException, uuidParam, type Page, Post } from '@onedoor/http';
import { EnrolPersonDto, PersonSearchQuery, PersonView, StatusChangeDto, UpdatePersonDto } from './person.dto';
import type { PersonAccess } from './person.entities';
import { PersonsService } from './persons.service';

const uuid = uuidParam('identity', 'person');

function versionFrom(ifMatch?: string): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!match)
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'IDENTITY.BAD_IF_MATCH',
      'If-Match holds the record version, such as "3".',
    );
  return Number(match[1]);
}

@ApiTags('persons')
@ApiBearerAuth()
@Controller('persons')
export class PersonsController {
  constructor(private readonly persons: PersonsService) {}

  @Post()
  @RequireRoles(ROLES.identityRegistrar)
  @ApiOperation({ summary: 'Enrol a person and issue their UIN (registration officers, within their province)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key enrols once' })
  @ApiResponse({ status: 201, type: PersonView })
  @ApiResponse({ status: 409, description: 'IDENTITY.LIKELY_DUPLICATE, with the candidates' })
  enrol(@CurrentCaller() caller: Caller, @Body() body: EnrolPersonDto): Promise<PersonView> {
    return this.persons.enrol(caller, body);
  }

  @Get()
  @RequireRoles(ROLES.identityRegistrar)
  @ApiOperation({ summary: 'Search people by name (Lao tone marks optional), UIN, phone, birth date or district' })
  search(@CurrentCaller() caller: Caller, @Query() query: PersonSearchQuery): Promise<Page<PersonView>> {
    return this.persons.search(caller, query);
  }

  @Get('me')
  @RequireRoles(ROLES.citizen)
  @ApiOperation({ summary: "The logged-in person's own record" })
  me(@CurrentCaller() caller: Caller): Promise<PersonView> {
    return this.persons.read(caller, caller.sub);
  }

  @Get(':id')
  @ApiOperation({ summary: "A person's record (audited): officers in scope, or the person themself" })
  read(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string): Promise<PersonView> {
    return this.persons.read(caller, id);
  }

  @Patch(':id')
  @RequireRoles(ROLES.identityRegistrar)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version read; 412 if it changed since' })
  @ApiOperation({ summary: 'Correct or update a record; publishes person.updated with the changed fields' })
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Body() body: UpdatePersonDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<PersonView> {
    return this.persons.update(caller, id, body, versionFrom(ifMatch));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequireRoles(ROLES.identityRegistrar)
  @ApiOperation({ summary: 'Deactivate a person (logical deletion: the record stays, login stops)' })
  deactivate(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() body: StatusChangeDto) {
    return this.persons.changeStatus(caller, id, 'DEACTIVATED', body.reason);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @RequireRoles(ROLES.identityRegistrar)
  @ApiOperation({ summary: 'Reactivate a deactivated person' })
  reactivate(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() body: StatusChangeDto) {
    return this.persons.changeStatus(caller, id, 'ACTIVE', body.reason);
  }

  @Get(':id/access-log')
  @ApiOperation({ summary: 'Who read or changed this record (auditors, and the person themself)' })
  accessLog(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<PersonAccess>> {
    return this.persons.accessLog(caller, id, query);
  }
}
