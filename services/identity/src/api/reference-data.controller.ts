import { Body, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Public, RequireRoles, ROLES } from '@onedoor/auth';
import { Put, Returns, schema } from '@onedoor/http';
import { KeepReferenceDataHandler } from '../application/keep-reference-data/keep-reference-data.handler';
import type {
  AdminAreaLevel,
  AdminAreaRecord as AdminArea,
  OrganisationKind,
  OrganisationRecord as Organisation,
} from '../domain';
import { ADMIN_AREA, ORGANISATION } from './schemas';

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
  @ApiProperty({ enum: ['province', 'district', 'village'] })
  @IsIn(['province', 'district', 'village'])
  level: AdminAreaLevel;
  @ApiPropertyOptional({ example: '01', description: 'The province of a district, the district of a village' })
  @IsOptional()
  @Matches(/^\d{2,4}$/)
  parentCode?: string;
  @ApiProperty({ example: 'ນະຄອນຫຼວງວຽງຈັນ' }) @IsString() @Length(1, 200) nameLo: string;
  @ApiProperty({ example: 'Vientiane Capital' }) @IsString() @Length(1, 200) nameEn: string;
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
  @ApiProperty({ enum: ['ministry', 'department'], description: 'An office is a department of its ministry' })
  @IsIn(['ministry', 'department'])
  kind: OrganisationKind;
  @ApiPropertyOptional({ example: 'MOIC', description: "A department's ministry" })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9-]{1,15}$/)
  parentCode?: string;
  @ApiProperty({ example: 'ກະຊວງອຸດສາຫະກຳ ແລະ ການຄ້າ' }) @IsString() @Length(1, 200) nameLo: string;
  @ApiProperty({ example: 'Ministry of Industry and Commerce' }) @IsString() @Length(1, 200) nameEn: string;
}

/** The administrative codes and organisations every address and posting is checked against: data, not code. */
@ApiTags('reference data')
@Controller()
export class ReferenceDataController {
  constructor(private readonly referenceData: KeepReferenceDataHandler) {}

  @Public()
  @Get('admin-areas')
  @Returns(schema.array(ADMIN_AREA))
  @ApiOperation({ summary: 'Provinces, districts and villages, by level or parent' })
  areas(@Query() query: AreaQuery): Promise<AdminArea[]> {
    return this.referenceData.areas({ level: query.level, parentCode: query.parent });
  }

  @ApiBearerAuth()
  @RequireRoles(ROLES.platformOperator)
  @Put('admin-areas/:code')
  @Returns(ADMIN_AREA)
  @ApiOperation({ summary: 'Add or rename an administrative area (platform operators)' })
  async saveArea(@Param('code') code: string, @Body() body: AreaBody): Promise<AdminArea> {
    return this.referenceData.saveArea({
      code,
      level: body.level,
      parentCode: body.parentCode ?? null,
      nameLo: body.nameLo,
      nameEn: body.nameEn,
    });
  }

  @Public()
  @Get('organisations')
  @Returns(schema.array(ORGANISATION))
  @ApiOperation({ summary: 'Ministries and departments' })
  organisations(@Query() query: OrganisationQuery): Promise<Organisation[]> {
    return this.referenceData.organisations({ kind: query.kind, parentCode: query.parent });
  }

  @ApiBearerAuth()
  @RequireRoles(ROLES.platformOperator)
  @Put('organisations/:code')
  @Returns(ORGANISATION)
  @ApiOperation({ summary: 'Add or rename a ministry or department (platform operators)' })
  async saveOrganisation(@Param('code') code: string, @Body() body: OrganisationBody): Promise<Organisation> {
    return this.referenceData.saveOrganisation({
      code,
      kind: body.kind,
      parentCode: body.parentCode ?? null,
      nameLo: body.nameLo,
      nameEn: body.nameEn,
    });
  }
}
