import { IsCalendarDate } from '@onedoor/application';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@onedoor/http';
import { SERVICE_TOPIC_CODES } from '../domain';

const CODE = /^[a-z][a-z0-9-]{1,99}$/;
const OFFICE = /^[A-Z0-9][A-Z0-9-]{1,49}$/;

export class TextDto {
  @ApiProperty({ example: 'ໃບອະນຸຍາດທຸລະກິດ' }) @IsString() @MinLength(1) @MaxLength(500) lo: string;
  @ApiProperty({ example: 'Business licence' }) @IsString() @MinLength(1) @MaxLength(500) en: string;
}

export class RequiredDocumentDto {
  @ApiProperty({ example: 'business-plan' }) @Matches(CODE) type: string;
  @ApiProperty({ type: TextDto }) @IsObject() @ValidateNested() @Type(() => TextDto) name: TextDto;
  @ApiProperty() @IsBoolean() required: boolean;
  @ApiProperty({ example: 5_000_000, description: 'Bytes, at most 20 MB' })
  @IsInt()
  @Min(1)
  @Max(20_000_000)
  maxBytes: number;
  @ApiProperty({ example: ['application/pdf', 'image/jpeg'] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/tiff'], { each: true })
  mediaTypes: string[];
}

export class EligibilityRuleDto {
  @ApiProperty({ example: "person.provinceCode == '01'", description: 'Jexl over form, person and today' })
  @IsString()
  @MaxLength(500)
  rule: string;
  @ApiProperty({ type: TextDto }) @IsObject() @ValidateNested() @Type(() => TextDto) message: TextDto;
}

export class EFormDto {
  @ApiProperty({ description: 'JSON Schema 2020-12 of the form data (at most 64 kB)' }) @IsObject() schema: Record<
    string,
    unknown
  >;
  @ApiPropertyOptional({ description: 'Rendering hints: order, widgets, labels' })
  @IsOptional()
  @IsObject()
  layout?: Record<string, unknown>;
}

export class ServiceDto {
  @ApiProperty({ example: 'business-licence' }) @Matches(CODE) code: string;
  @ApiProperty({ type: TextDto }) @IsObject() @ValidateNested() @Type(() => TextDto) name: TextDto;
  @ApiProperty({ type: TextDto }) @IsObject() @ValidateNested() @Type(() => TextDto) description: TextDto;
  @ApiProperty({ example: 'MOIC' }) @Matches(OFFICE) ministry: string;
  @ApiProperty({ example: 'MOIC-DERM' }) @Matches(OFFICE) unit: string;
  @ApiPropertyOptional({
    example: ['business'],
    description: 'What the service is about: codes of `GET /registration/service-topics`',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(SERVICE_TOPIC_CODES, { each: true })
  topics?: string[];
  @ApiProperty({ type: EFormDto }) @IsObject() @ValidateNested() @Type(() => EFormDto) eForm: EFormDto;
  @ApiPropertyOptional({ example: { fullName: 'person.displayName.lo', province: 'person.provinceCode' } })
  @IsOptional()
  @IsObject()
  prefill?: Record<string, string>;
  @ApiPropertyOptional({ type: [RequiredDocumentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RequiredDocumentDto)
  documents?: RequiredDocumentDto[];
  @ApiPropertyOptional({ type: [EligibilityRuleDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EligibilityRuleDto)
  eligibility?: EligibilityRuleDto[];
  @ApiPropertyOptional({ example: 150_000, description: 'Kip' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  fee?: number;
  @ApiProperty({ example: 'business-licence', description: "The workflow block's process key" })
  @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/)
  processKey: string;
  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(365) slaWorkingDays: number;
  @ApiPropertyOptional({
    example: 'licensing@moic.gov.la',
    description: "Where the ministry's administrators are told when an application to the service stalls",
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  alertEmail?: string;
}

export class FormDataDto {
  @ApiProperty({ example: { businessName: 'ຮ້ານ ສົມພອນ', capital: 50000000 } }) @IsObject() data: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The eForm (service version) the data was captured with' })
  @IsOptional()
  @IsUUID()
  eFormId?: string;
}

/** GovStack's applicationFileSubmit, plus a draft flag and the phone digits for tracking. */
export class SubmitApplicationDto {
  @ApiPropertyOptional({
    description: "The applicant (identity block's person id); a citizen applying online is themself",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  applicantId?: string;
  @ApiPropertyOptional({ example: 'Somphone General Store' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  applicationName?: string;
  @ApiProperty({ type: FormDataDto }) @ValidateNested() @Type(() => FormDataDto) formData: FormDataDto;
  @ApiPropertyOptional({ description: 'Save without submitting' }) @IsOptional() @IsBoolean() draft?: boolean;
  @ApiPropertyOptional({
    example: '+8562055512345',
    description: 'Its last four digits let the citizen track the application',
  })
  @IsOptional()
  @Matches(/^\+?[0-9]{6,15}$/)
  phone?: string;
  @ApiPropertyOptional() @IsOptional() @Allow() created?: string;
}

export class UpdateApplicationDto {
  @ApiProperty({ type: FormDataDto }) @IsObject() @ValidateNested() @Type(() => FormDataDto) formData: FormDataDto;
  @ApiPropertyOptional({ description: 'Submit (a draft) or resubmit (after SENDBACK) now' })
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}

export class WithdrawDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class RestartDto {
  @ApiPropertyOptional({ description: 'What was fixed, for the audit trail' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class PaymentDto {
  @ApiProperty({ example: 'BCEL-20261122-0042' }) @IsString() @MinLength(1) @MaxLength(100) reference: string;
  @ApiProperty({ example: 150_000 }) @IsInt() @Min(0) @Max(1_000_000_000_000) amount: number;
}

export class ServiceQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'MOIC' }) @IsOptional() @Matches(OFFICE) ministry?: string;
  @ApiPropertyOptional({ example: 'business', enum: SERVICE_TOPIC_CODES })
  @IsOptional()
  @IsIn(SERVICE_TOPIC_CODES)
  topic?: string;
}

export class ApplicationQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() serviceId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE) serviceCode?: string;
  @ApiPropertyOptional({ enum: ['DRAFT', 'PENDING', 'APPROVED', 'SENDBACK', 'REJECTED', 'WITHDRAWN'] })
  @IsOptional()
  @IsIn(['DRAFT', 'PENDING', 'APPROVED', 'SENDBACK', 'REJECTED', 'WITHDRAWN'])
  status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) applicantId?: string;
  @ApiPropertyOptional({ description: 'true: only the applications whose process could not run (to restart)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  stalled?: 'true' | 'false';
}

export class CompleteTaskDto {
  @ApiProperty({ example: { outcome: 'approve', comment: 'All documents present.' } }) @IsObject() data: Record<
    string,
    unknown
  >;
}

export class StatisticsQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsCalendarDate() to?: string;
}
