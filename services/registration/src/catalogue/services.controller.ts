import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, IsNull } from 'typeorm';
import { CurrentCaller, Public, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { page, PageQuery, Post } from '@onedoor/http';
import { PublicService } from '../registration.entities';
import { ServiceDto } from '../registration.dto';
import { CatalogueService, serviceView } from './catalogue.service';
import { knownPerson, prefilled, unmetRules } from './form-rules';

const eFormView = (service: PublicService) => ({
  eFormId: service.id,
  name: service.code,
  description: service.description.en,
  version: String(service.version),
  latest: service.retiredAt === null,
  schema: service.formSchema,
  layout: service.formLayout,
  prefill: Object.keys(service.prefill),
});

@ApiTags('services')
@ApiBearerAuth()
@Controller()
export class ServicesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueService,
  ) {}

  @Public()
  @Get('services')
  @ApiOperation({ summary: 'The service catalogue (GovStack): current versions, in Lao and English; ?ministry=' })
  async list(@Query() query: PageQuery, @Query('ministry') ministry?: string) {
    const [items, total] = await this.dataSource.getRepository(PublicService).findAndCount({
      where: { retiredAt: IsNull(), ...(ministry ? { ministry } : {}) },
      order: { code: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return page(items.map(serviceView), total, query);
  }

  @Post('services')
  @RequireRoles(ROLES.registrationAdmin)
  @ApiOperation({ summary: "Publish a service (a ministry's administrator, for their ministry)" })
  async publish(@Body() body: ServiceDto, @CurrentCaller() caller: Caller) {
    return serviceView(await this.catalogue.publish(body, caller));
  }

  @Public()
  @Get('services/:serviceId')
  @ApiOperation({ summary: 'A service (GovStack): a version by id, or the current version by code' })
  async get(@Param('serviceId') serviceId: string) {
    return serviceView(await this.catalogue.find(this.dataSource.manager, serviceId, true));
  }

  @Put('services/:code')
  @RequireRoles(ROLES.registrationAdmin)
  @ApiOperation({ summary: 'A new version of a service; applications keep the version they were submitted under' })
  async update(@Param('code') code: string, @Body() body: ServiceDto, @CurrentCaller() caller: Caller) {
    return serviceView(await this.catalogue.publish(body, caller, code));
  }

  @Delete('services/:code')
  @RequireRoles(ROLES.registrationAdmin)
  @ApiOperation({ summary: 'Retire a service: no new applications; open ones go on' })
  async retire(@Param('code') code: string, @CurrentCaller() caller: Caller) {
    await this.catalogue.retire(code, caller);
    return { retired: code };
  }

  @Public()
  @Get('services/:serviceId/eForms')
  @ApiOperation({ summary: "The service's eForms (GovStack): every version's" })
  async eForms(@Param('serviceId') serviceId: string) {
    const service = await this.catalogue.find(this.dataSource.manager, serviceId, true);
    const versions = await this.dataSource
      .getRepository(PublicService)
      .find({ where: { code: service.code }, order: { version: 'DESC' } });
    return versions.map((version) => ({ ...eFormView(version), schema: undefined, layout: undefined }));
  }

  @Public()
  @Get('eForms/:eFormId')
  @ApiOperation({ summary: 'An eForm (GovStack): JSON Schema 2020-12 and layout hints' })
  async eForm(@Param('eFormId') eFormId: string) {
    return eFormView(await this.catalogue.find(this.dataSource.manager, eFormId, true));
  }

  @Get('services/:serviceId/prefill')
  @RequireRoles(ROLES.citizen, ROLES.registrationClerk)
  @ApiOperation({
    summary: 'Once only: the form values the government already holds, and whether the applicant may apply',
  })
  async prefill(
    @Param('serviceId') serviceId: string,
    @CurrentCaller() caller: Caller,
    @Query('applicantId') applicantId?: string,
  ) {
    const service = await this.catalogue.find(this.dataSource.manager, serviceId);
    const personId = caller.roles.includes(ROLES.registrationClerk) && applicantId ? applicantId : caller.sub;
    const person = await knownPerson(this.dataSource.manager, personId);
    const values = prefilled(service, person);
    // Rules about the form wait for the form; the others are decided now.
    const unmet = unmetRules(
      service.eligibility.filter((r) => !/\bform\b/.test(r.rule)),
      {
        form: values,
        person: person ?? {},
        today: new Date().toISOString().slice(0, 10),
      },
    );
    return { eFormId: service.id, data: values, eligible: unmet.length === 0, reasons: unmet };
  }
}
