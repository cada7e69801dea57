import { Get, Headers, Param, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '@onedoor/auth';
import { Returns, schema as s } from '@onedoor/http';
import { GovStackController } from '@onedoor/platform-kit';
import { DirectoryHandler } from '../application/directory/directory.handler';
import { MediatorError, MediatorErrorCode as Code } from '../domain';
import { requireGovStackClient } from './govstack-client';
import { RoomParams } from './pubsub.dto';

const PROVIDER = 'r1/:instanceId/:memberClass/:memberCode/:applicationCode';

const ID = s.object(
  {
    objectType: s.enum('MEMBER', 'APPLICATION', 'SERVICE'),
    instanceId: s.string(),
    memberClass: s.string(),
    memberCode: s.string(),
    applicationCode: s.string(),
  },
  ['memberClass', 'memberCode', 'applicationCode'],
);
const CLIENTS = s.object({ member: s.array(s.object({ name: s.string(), id: ID })) });
const SERVICES = s.object({
  member: s.array(
    s.object({
      objectType: s.string(),
      serviceType: s.string(),
      instanceId: s.string(),
      memberClass: s.string(),
      memberCode: s.string(),
      applicationCode: s.string(),
      serviceCode: s.string(),
      serviceVersion: s.string(),
      endpointList: s.object({ member: s.array(s.object({ method: s.string(), path: s.string() })) }),
    }),
  ),
});

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

/**
 * GovStack's information-mediator directory services (GovStack_IM_Directory_Services_API.yaml): the platform, its
 * blocks and the clients granted its events; each block's REST services and endpoints, those a caller may call,
 * and each service's OpenAPI document.
 */
@GovStackController()
export class DirectoryController {
  constructor(private readonly directory: DirectoryHandler) {}

  @Get('listClients')
  @ApiOperation({ summary: 'GovStack listClients: the platform (a member), its blocks and the clients of its events' })
  @ApiQuery({ name: 'instanceId', required: false })
  @Returns(CLIENTS)
  clients(@Query('instanceId') instanceId?: string) {
    return this.directory.clients(text(instanceId));
  }

  @Get(`${PROVIDER}/listMethods`)
  @ApiHeader({ name: 'X-GovStack-Client', required: true, example: 'LA/GOV/MOF/tax-system' })
  @ApiOperation({
    summary: "GovStack listMethods: a block's REST services (OneDoor's API, its GovStack face) and endpoints",
  })
  @ApiQuery({ name: 'serviceId', required: false })
  @Returns(SERVICES)
  methods(
    @Param() path: RoomParams,
    @Query('serviceId') serviceId?: string,
    @Headers('x-govstack-client') from?: string,
  ) {
    requireGovStackClient(from);
    return this.directory.methods(path.applicationCode, text(serviceId));
  }

  @Get(`${PROVIDER}/allowedMethods`)
  @ApiHeader({ name: 'X-GovStack-Client', required: true, example: 'LA/GOV/MOF/tax-system' })
  @ApiOperation({
    summary: "GovStack allowedMethods: the endpoints your roles open (what each shows you is the block's rule)",
  })
  @ApiQuery({ name: 'serviceId', required: false })
  @Returns(SERVICES)
  allowed(
    @Param() path: RoomParams,
    @CurrentCaller() caller: Caller,
    @Query('serviceId') serviceId?: string,
    @Headers('x-govstack-client') from?: string,
  ) {
    requireGovStackClient(from);
    return this.directory.methods(path.applicationCode, text(serviceId), caller);
  }

  @Get(`${PROVIDER}/getOpenAPI`)
  @ApiHeader({ name: 'X-GovStack-Client', required: true, example: 'LA/GOV/MOF/tax-system' })
  @ApiOperation({ summary: 'GovStack getOpenAPI: the OpenAPI document of one REST service (`serviceCode`)' })
  @ApiQuery({ name: 'serviceCode', required: true })
  @Returns(s.record)
  openApi(
    @Param() path: RoomParams,
    @Query('serviceCode') serviceCode?: string,
    @Headers('x-govstack-client') from?: string,
  ) {
    requireGovStackClient(from);
    const code = text(serviceCode);
    if (!code) {
      throw new MediatorError(Code.VALIDATION_FAILED, 'serviceCode names the REST service.', [
        { field: 'serviceCode', message: `such as ${path.applicationCode}` },
      ]);
    }
    return this.directory.openApi(path.applicationCode, code);
  }
}
