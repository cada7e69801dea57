import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '@onedoor/application';
import { PageQuery } from '@onedoor/http';
import { CASE_KINDS, type CaseKind, type IdentityMode } from '../domain';

class CorrectiveActionDto {
  @ApiProperty({ example: 'Repair the water pipe in Ban Phonxay' }) @IsString() @Length(1, 2_000) description: string;
  @ApiPropertyOptional({ description: 'What shows it was done (a document, a reference)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  evidence?: string;
  @ApiPropertyOptional({ example: '2026-12-03' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}/) completedAt?: string;
}

export class PublicSummaryDto {
  @ApiProperty({ example: 'ນ້ຳປະປາບໍ່ໄຫຼ 3 ມື້ ຢູ່ບ້ານໂພນໄຊ' }) @IsString() @Length(5, 5_000) questionLo: string;
  @ApiProperty({ example: 'ທໍ່ນ້ຳໄດ້ຮັບການສ້ອມແປງແລ້ວ' }) @IsString() @Length(5, 10_000) answerLo: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5_000) questionEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) answerEn?: string;
}

export class SubmitCaseDto {
  @ApiProperty({ enum: CASE_KINDS }) @IsIn(CASE_KINDS) kind: CaseKind;
  @ApiProperty({ example: 'water-supply', description: 'A topic of the taxonomy (GET /feedback/topics)' })
  @Matches(/^[a-z][a-z0-9-]{1,49}$/)
  topic: string;
  @ApiProperty({ example: 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ຢູ່ບ້ານໂພນໄຊ' })
  @IsString()
  @Length(10, 5_000)
  description: string;
  @ApiProperty({
    enum: ['identified', 'confidential', 'anonymous'],
    description:
      'identified and confidential: signed in as yourself (confidential: the handling unit never learns who); anonymous: a case number and a PIN',
  })
  @IsIn(['identified', 'confidential', 'anonymous'])
  identity: IdentityMode;
  @ApiPropertyOptional({ example: '01' }) @IsOptional() @Matches(/^\d{2}$/) province?: string;
  @ApiPropertyOptional({ example: '0101', description: "A district of the province (the identity block's codes)" })
  @IsOptional()
  @Matches(/^\d{4}$/)
  district?: string;
  @ApiPropertyOptional({
    enum: ['lo', 'en'],
    description:
      'The language to be told in, when anonymous (Lao unless chosen; a signed-in person’s own preference wins)',
  })
  @IsOptional()
  @IsIn(['lo', 'en'])
  language?: 'lo' | 'en';
  @ApiPropertyOptional({
    example: '+8562055512345',
    description: 'anonymous: a phone number to be told of the case by SMS (never shown to the unit)',
  })
  @IsOptional()
  @Matches(/^\+?[0-9]{8,15}$/)
  contactPhone?: string;
  @ApiPropertyOptional({ description: 'anonymous: an e-mail address to be told at (never shown to the unit)' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;
  @ApiPropertyOptional({ example: '0101001', description: 'A village of the district' })
  @IsOptional()
  @Matches(/^\d{7}$/)
  village?: string;
}

export class TakeStepDto {
  @ApiPropertyOptional({ description: 'Why (required to reject)' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  reason?: string;
  @ApiPropertyOptional({ example: 'MOHA-VTE-D01', description: 'assign: the unit (an office code)' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9-]{1,31}$/)
  unit?: string;
  @ApiPropertyOptional({ example: 'MOHA', description: "assign: the unit's ministry" })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9-]{1,15}$/)
  ministry?: string;
  @ApiPropertyOptional({ enum: ['UNFOUNDED', 'FOUNDED', 'PARTLY_FOUNDED'], description: 'recordFinding' })
  @IsOptional()
  @IsIn(['UNFOUNDED', 'FOUNDED', 'PARTLY_FOUNDED'])
  finding?: 'UNFOUNDED' | 'FOUNDED' | 'PARTLY_FOUNDED';
  @ApiPropertyOptional({ description: 'recordFinding: why an unfounded case is unfounded' })
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  explanation?: string;
  @ApiPropertyOptional({ type: [CorrectiveActionDto], description: 'recordFinding, submitResponse' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CorrectiveActionDto)
  actions?: CorrectiveActionDto[];
  @ApiPropertyOptional({ type: PublicSummaryDto, description: 'publish: the summary as approved (else the draft)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PublicSummaryDto)
  summary?: PublicSummaryDto;
  @ApiPropertyOptional({ example: '1516-K7Q4-M9XH-5', description: 'merge: the master case this one joins' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  into?: string;
  @ApiPropertyOptional({ description: "provideInformation: an anonymous submitter's PIN" })
  @IsOptional()
  @Matches(/^\d{6}$/)
  pin?: string;
}

export class AnswersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Words in the question or answer, Lao or English' })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  q?: string;
  @ApiPropertyOptional({ example: 'water-supply' }) @IsOptional() @Matches(/^[a-z][a-z0-9-]{1,49}$/) topic?: string;
  @ApiPropertyOptional({ example: 'MPWT' }) @IsOptional() @Matches(/^[A-Z][A-Z0-9-]{1,15}$/) ministry?: string;
  @ApiPropertyOptional({ example: '01' }) @IsOptional() @Matches(/^\d{2}$/) province?: string;
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsCalendarDate() to?: string;
}

export class CaseListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'RECEIVED', description: 'Only cases in this state' })
  @IsOptional()
  @Matches(/^[A-Z_]{3,30}$/)
  state?: string;
}
