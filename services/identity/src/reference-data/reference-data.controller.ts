import { Body, Controller, Get, HttpStatus, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Public, RequireRoles, ROLES } from '@onedoor/auth';
import { ProblemException } from '@onedoor/http';
import { ReferenceData, type FieldError } from './reference-data.service';
import type { AdminArea, AdminAreaLevel, Organisation, OrganisationKind } from './reference-data.entities';

class AreaQuery {
  @ApiPropertyOptional({ enum: ['province', 'district', 'village'] })
  @IsOptional()
  @IsIn(['province', 'district', 'village'])
  level?: AdminAreaLevel;

  @ApiPropertyOptional({ example: '01' })
  @IsOptional()
  @Matches(/^\d{2,4}$/)
  parent?: string;
}

class AreaBody {
  @IsIn(['province', 'district', 'village']) level: AdminAreaLevel;
  @IsOptional() @Matches(/^\d{2,4}$/) parentCode?: string;
  @IsString() @Length(1, 200) nameLo: string;
  @IsString() @Length(1, 200) nameEn: string;
}

class OrganisationQuery {
  @ApiPropertyOptional({ enum: ['ministry', 'department'] })
  @IsOptional()
  @IsIn(['ministry', 'department'])
  kind?: OrganisationKind;

  @ApiPropertyOptional({ example: 'MOH' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9-]{1,31}$/)
  parent?: string;
}

class OrganisationBody {
  @IsIn(['ministry', 'department']) kind: OrganisationKind;
  @IsOptional() @Matches(/^[A-Z][A-Z0-9-]{1,15}$/) parentCode?: string;
  @IsString() @Length(1, 200) nameLo: string;
  @IsString() @Length(1, 200) nameEn: string;
}

function rejectIfAny(errors: FieldError[]) {
  if (errors.length) {
    throw new ProblemException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'IDENTITY.INVALID_REFERENCE_DATA',
      errors.map((e) => e.message).join('; '),
      errors,
    );
  }
}

/** The administrative codes and organisations every address and posting is checked against: data, not code. */
@ApiTags('reference data')
@Controller()
export class ReferenceDataController {
  constructor(private readonly referenceData: ReferenceData) {}

  @Public()
  @Get('admin-areas')
  @ApiOperation({ summary: 'Provinces, districts and villages, by level or parent' })
  areas(@Query() query: AreaQuery): Promise<AdminArea[]> {
    return this.referenceData.areas({ level: query.level, parentCode: query.parent });
  }

  @ApiBearerAuth()
  @RequireRoles(ROLES.platformOperator)
  @Put('admin-areas/:code')
  @ApiOperation({ summary: 'Add or rename an administrative area (platform operators)' })
  async saveArea(@Param('code') code: string, @Body() body: AreaBody): Promise<AdminArea> {
    const area = {
      code,
      level: body.level,
      parentCode: body.parentCode ?? null,
      nameLo: body.nameLo.normalize('NFC'),
      nameEn: body.nameEn,
    };
    rejectIfAny(await this.referenceData.saveArea(area));
    return area;
  }

  @Public()
  @Get('organisations')
  @ApiOperation({ summary: 'Ministries and departments' })
  organisations(@Query() query: OrganisationQuery): Promise<Organisation[]> {
    return this.referenceData.organisations({ kind: query.kind, parentCode: query.parent });
  }

  @ApiBearerAuth()
  @RequireRoles(ROLES.platformOperator)
  @Put('organisations/:code')
  @ApiOperation({ summary: 'Add or rename a ministry or department (platform operators)' })
  async saveOrganisation(@Param('code') code: string, @Body() body: OrganisationBody): Promise<Organisation> {
    if (!/^[A-Z][A-Z0-9-]{1,31}$/.test(code)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'IDENTITY.INVALID_REFERENCE_DATA',
        'An organisation code is 2 to 32 capital letters, digits or "-".',
      );
    }
    const organisation = {
      code,
      kind: body.kind,
      parentCode: body.parentCode ?? null,
      nameLo: body.nameLo.normalize('NFC'),
      nameEn: body.nameEn,
    };
    rejectIfAny(await this.referenceData.saveOrganisation(organisation));
    return organisation;
  }
}
