import { IsCalendarDate } from '@onedoor/application';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@onedoor/http';
import type { CivilServantStatus, PostingLevel } from '../domain';

/** Roles an HR officer may grant. Platform operator is granted by configuration, never through this API. */
const ROLES_DESCRIPTION =
  "Roles in their tokens, held within their posting's scope: registration.admin, registration.clerk, registration.officer, " +
  'identity.registrar, identity.hr, identity.auditor, workflow.supervisor, messaging.sender, the roles processes give ' +
  'their tasks (registration.reviewer)… workflow.admin and workflow.starter act for the ministry only. Never citizen or platform.operator (422).';

export class PostingDto {
  @ApiProperty({ example: 'MOHA' }) @Matches(/^[A-Z][A-Z0-9-]{1,15}$/) ministryCode: string;
  @ApiPropertyOptional({ example: 'MOHA-DPA' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9-]{1,31}$/)
  departmentCode?: string;
  @ApiProperty({ example: '01', description: 'For a central posting, the province of the headquarters' })
  @Matches(/^\d{2}$/)
  provinceCode: string;
  @ApiProperty({ enum: ['central', 'province', 'district'], description: 'Central staff act nationally' })
  @IsIn(['central', 'province', 'district'])
  level: PostingLevel;
  @ApiProperty({ example: 'Officer' }) @IsString() @Length(1, 200) position: string;
  @ApiProperty({ example: '3-2' }) @IsString() @Length(1, 20) grade: string;
}

export class RegisterCivilServantDto {
  @ApiProperty({ description: 'The enrolled person' }) @IsUUID() personId: string;
  @ApiProperty({ example: 'MOHA-004512' }) @Matches(/^[A-Z0-9-]{4,20}$/) employeeNumber: string;
  @ApiProperty({ type: PostingDto }) @IsObject() @ValidateNested() @Type(() => PostingDto) posting: PostingDto;
  @ApiProperty({ example: '2026-12-01' }) @IsCalendarDate() effectiveFrom: string;
  @ApiPropertyOptional({ type: [String], description: ROLES_DESCRIPTION, example: ['registration.officer'] })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  roles?: string[];
}

export class MoveCivilServantDto {
  @ApiProperty({ type: PostingDto }) @IsObject() @ValidateNested() @Type(() => PostingDto) to: PostingDto;
  @ApiProperty({ example: '2026-12-01' }) @IsCalendarDate() effectiveFrom: string;
  @ApiProperty({ example: 'Transfer to the provincial office' }) @IsString() @Length(1, 500) reason: string;
}

export class CivilServantStatusDto {
  @ApiProperty({ enum: ['ACTIVE', 'SUSPENDED', 'RETIRED', 'LEFT'] })
  @IsIn(['ACTIVE', 'SUSPENDED', 'RETIRED', 'LEFT'])
  status: CivilServantStatus;
  @ApiProperty() @IsString() @Length(1, 500) reason: string;
}

export class RolesDto {
  @ApiProperty({ type: [String], description: ROLES_DESCRIPTION, example: ['registration.officer'] })
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  roles: string[];
}

export class ActivationProofDto {
  @ApiProperty({ example: 'MOHA-004512' }) @Matches(/^[A-Z0-9-]{4,20}$/) employeeNumber: string;
  @ApiProperty({ description: 'The code HR handed over' })
  @Matches(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
  activationCode: string;
}

export class ActivateAccountDto extends ActivationProofDto {
  @ApiProperty({ format: 'uuid', description: 'From `POST /civil-servants/activation/proof`' })
  @IsUUID()
  challengeId: string;
  @ApiProperty({ example: '482913', description: "The code sent to the person's own phone or e-mail" })
  @Matches(/^\d{6}$/)
  code: string;
  @ApiProperty({ description: 'At least 12 characters, not only letters or digits' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class CivilServantQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z][A-Z0-9-]{1,15}$/) ministryCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{2}$/) provinceCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsIn(['ACTIVE', 'SUSPENDED', 'RETIRED', 'LEFT']) status?: CivilServantStatus;
}
