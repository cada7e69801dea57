import { Body, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Public, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Delete, page, Post, Put, Returns, schema } from '@onedoor/http';
import { PublishService } from '../application/publish-service/publish-service.command';
import { PublishServiceHandler } from '../application/publish-service/publish-service.handler';
import { CatalogueQueries } from '../application/queries/catalogue.queries';
import { RetireService } from '../application/retire-service/retire-service.command';
import { RetireServiceHandler } from '../application/retire-service/retire-service.handler';
import { ServiceDto, ServiceQuery } from './registration.dto';
import { definitionView, eFormView, serviceView } from './service-views';
import { EFORM, PREFILL, SERVICE, SERVICE_DEFINITION, SERVICE_TOPIC } from './schemas';

@ApiTags('services')
@ApiBearerAuth()
@Controller()
export class ServicesController {
  constructor(
    private readonly publishing: PublishServiceHandler,
    private readonly retiring: RetireServiceHandler,
    private readonly catalogue: CatalogueQueries,
  ) {}

  @Public()
  @Get('services')
  @Returns(schema.page(SERVICE))
  @ApiOperation({
    summary: 'The service catalogue (GovStack): current versions, in Lao and English; by `ministry` and `topic`',
  })
  async list(@Query() query: ServiceQuery) {
    const [items, total] = await this.catalogue.current(query, { ministry: query.ministry, topic: query.topic });
    return page(items.map(serviceView), total, query);
  }

  @Public()
  @Get('service-topics')
  @Returns(schema.array(SERVICE_TOPIC))
  @ApiOperation({ summary: "What services are about (the catalogue's life events), in Lao and English" })
  topics() {
    return this.catalogue.topics();
  }

  @Post('services')
  @Returns(SERVICE, 201)
  @RequireRoles(ROLES.registrationAdmin)
  @ApiOperation({ summary: "Publish a service (a ministry's administrator, for their ministry)" })
  async publish(@Body() body: ServiceDto, @CurrentCaller() caller: Caller) {
    return serviceView(await this.publishing.execute(PublishService.create({ definition: body, caller })));
  }

  @Public()
  @Get('services/:serviceId')
  @Returns(SERVICE)
  @ApiOperation({ summary: 'A service (GovStack): a version by id, or the current version by code' })
  async get(@Param('serviceId') serviceId: string) {
    return serviceView(await this.catalogue.service(serviceId));
  }

  @Get('services/:serviceId/definition')
  @Returns(SERVICE_DEFINITION)
  @RequireRoles(ROLES.registrationAdmin, ROLES.platformOperator)
  @ApiParam({ name: 'serviceId', description: "The service's code" })
  @ApiOperation({
    summary:
      "The current version's definition as written (prefill sources, eligibility rules), for its ministry's administrators to write the next version",
  })
  async definition(@Param('serviceId') code: string, @CurrentCaller() caller: Caller) {
    return definitionView(await this.catalogue.definition(caller, code));
  }

  @Put('services/:serviceId')
  @Returns(SERVICE)
  @RequireRoles(ROLES.registrationAdmin)
  @ApiParam({ name: 'serviceId', description: "The service's code (a new version of the current service)" })
  @ApiOperation({ summary: 'A new version of a service; applications keep the version they were submitted under' })
  async update(@Param('serviceId') code: string, @Body() body: ServiceDto, @CurrentCaller() caller: Caller) {
    const command = PublishService.create({ definition: body, caller, existingCode: code });
    return serviceView(await this.publishing.execute(command));
  }

  @Delete('services/:serviceId')
  @Returns(schema.object({ retired: schema.string() }))
  @RequireRoles(ROLES.registrationAdmin)
  @ApiParam({ name: 'serviceId', description: "The service's code" })
  @ApiOperation({ summary: 'Retire a service: no new applications; open ones go on' })
  async retire(@Param('serviceId') code: string, @CurrentCaller() caller: Caller) {
    await this.retiring.execute(RetireService.create({ code, caller }));
    return { retired: code };
  }

  @Public()
  @Get('services/:serviceId/eForms')
  @Returns(schema.array(EFORM))
  @ApiOperation({ summary: "The service's eForms (GovStack): every version's" })
  async eForms(@Param('serviceId') serviceId: string) {
    const versions = await this.catalogue.versions(serviceId);
    return versions.map((version) => ({ ...eFormView(version), schema: undefined, layout: undefined }));
  }

  @Public()
  @Get('eForms/:eFormId')
  @Returns(EFORM)
  @ApiOperation({ summary: 'An eForm (GovStack): JSON Schema 2020-12 and layout hints' })
  async eForm(@Param('eFormId') eFormId: string) {
    return eFormView(await this.catalogue.service(eFormId));
  }

  @Get('services/:serviceId/prefill')
  @Returns(PREFILL)
  @RequireRoles(ROLES.citizen, ROLES.registrationClerk)
  @ApiOperation({
    summary: 'Once only: the form values the government already holds, and whether the applicant may apply',
  })
  prefill(
    @Param('serviceId') serviceId: string,
    @CurrentCaller() caller: Caller,
    @Query('applicantId') applicantId?: string,
  ) {
    return this.catalogue.prefill(serviceId, caller, applicantId);
  }
}
