import { IsCalendarDate } from '@onedoor/application';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEmail,
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
import { E164, type PersonStatus, type Sex } from '../domain';

const LAO_SCRIPT = /[\u0E80-\u0EFF]/;
const LATIN_NAME = /^[\p{Script=Latin}\p{M}' .-]+$/u;

/** Lao numbers are written 020 5551 2345 or +856 20 5551 2345; both become +8562055512345. */
export function normalisePhone(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const compact = value.replace(/[\s().-]/g, '');
  return compact.startsWith('0') && !compact.startsWith('00') ? `+856${compact.slice(1)}` : compact.replace(/^00/, '+');
}

export class AddressDto {
  @ApiProperty({ example: '01', description: 'Province code (administrative areas)' })
  @Matches(/^\d{2}$/)
  provinceCode: string;

  @ApiProperty({ example: '0101' })
  @Matches(/^\d{4}$/)
  districtCode: string;

  @ApiPropertyOptional({ example: '0101012' })
  @IsOptional()
  @Matches(/^\d{7}$/)
  villageCode?: string;

  @ApiPropertyOptional({ example: 'House 12, Unit 3' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  line?: string;
}

export class EnrolPersonDto {
  @ApiProperty({ example: 'ສົມພອນ' })
  @IsString()
  @Length(1, 100)
  @Matches(LAO_SCRIPT, { message: 'givenNameLo must be written in Lao script' })
  givenNameLo: string;

  @ApiProperty({ example: 'ພົມມະວົງ' })
  @IsString()
  @Length(1, 100)
  @Matches(LAO_SCRIPT, { message: 'familyNameLo must be written in Lao script' })
  familyNameLo: string;

  @ApiPropertyOptional({ example: 'Somphone' })
  @IsOptional()
  @Length(1, 100)
  @Matches(LATIN_NAME, { message: 'givenNameEn must be written in Latin script' })
  givenNameEn?: string;

  @ApiPropertyOptional({ example: 'Phommavong' })
  @IsOptional()
  @Length(1, 100)
  @Matches(LATIN_NAME, { message: 'familyNameEn must be written in Latin script' })
  familyNameEn?: string;

  @ApiProperty({ example: '1988-04-13' })
  @IsCalendarDate()
  dateOfBirth: string;

  @ApiProperty({ enum: ['F', 'M', 'X'] })
  @IsIn(['F', 'M', 'X'])
  sex: Sex;

  @ApiProperty({ type: AddressDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;

  @ApiPropertyOptional({ example: '+8562055512345', description: 'E.164; 020… is read as a Lao number' })
  @IsOptional()
  @Transform(({ value }) => normalisePhone(value))
  @Matches(E164, { message: 'phone must be a phone number such as +8562055512345 or 020 5551 2345' })
  phone?: string;

  @ApiPropertyOptional({ example: 'somphone@example.la' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ enum: ['lo', 'en'], default: 'lo' })
  @IsOptional()
  @IsIn(['lo', 'en'])
  preferredLanguage?: 'lo' | 'en';

  @ApiPropertyOptional({ enum: ['sms', 'email'], description: 'Defaults to sms with a phone, else email' })
  @IsOptional()
  @IsIn(['sms', 'email'])
  preferredChannel?: 'sms' | 'email';

  @ApiPropertyOptional({
    type: [String],
    description:
      'Ids of records the enrolment was refused as likely duplicates of, which the officer checked and found to be other people',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  distinctFrom?: string[];
}

export class UpdatePersonDto {
  @ApiPropertyOptional({ example: 'ສົມພອນ' })
  @IsOptional()
  @Length(1, 100)
  @Matches(LAO_SCRIPT, { message: 'givenNameLo must be written in Lao script' })
  givenNameLo?: string;
  @ApiPropertyOptional({ example: 'ວົງສາ' })
  @IsOptional()
  @Length(1, 100)
  @Matches(LAO_SCRIPT, { message: 'familyNameLo must be written in Lao script' })
  familyNameLo?: string;
  @ApiPropertyOptional({ example: 'Somphone' })
  @IsOptional()
  @Length(1, 100)
  @Matches(LATIN_NAME, { message: 'givenNameEn must be written in Latin script' })
  givenNameEn?: string;
  @ApiPropertyOptional({ example: 'Vongsa' })
  @IsOptional()
  @Length(1, 100)
  @Matches(LATIN_NAME, { message: 'familyNameEn must be written in Latin script' })
  familyNameEn?: string;
  @ApiPropertyOptional({ enum: ['F', 'M', 'X'] }) @IsOptional() @IsIn(['F', 'M', 'X']) sex?: Sex;
  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
  @ApiPropertyOptional({ example: '+8562055512345', description: 'E.164, or a Lao number such as 020 5551 2345' })
  @IsOptional()
  @Transform(({ value }) => normalisePhone(value))
  @Matches(E164, { message: 'phone must be a phone number such as +8562055512345 or 020 5551 2345' })
  phone?: string;
  @ApiPropertyOptional({ example: 'somphone@example.la' }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ enum: ['lo', 'en'] }) @IsOptional() @IsIn(['lo', 'en']) preferredLanguage?: 'lo' | 'en';
  @ApiPropertyOptional({ enum: ['sms', 'email'] })
  @IsOptional()
  @IsIn(['sms', 'email'])
  preferredChannel?: 'sms' | 'email';
}

export class StatusChangeDto {
  @ApiProperty({ example: 'Duplicate of another record' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class PersonSearchQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of a name, in Lao (tone marks optional) or Latin script' })
  @IsOptional()
  @Length(2, 100)
  q?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{8,16}$/) uin?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => normalisePhone(value))
  @Matches(E164)
  phone?: string;

  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() dateOfBirth?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{4}$/) districtCode?: string;
  @ApiPropertyOptional({ enum: ['ACTIVE', 'DEACTIVATED'] })
  @IsOptional()
  @IsIn(['ACTIVE', 'DEACTIVATED'])
  status?: PersonStatus;
}

export class PersonView {
  @ApiProperty() id: string;
  @ApiProperty() uin: string;
  @ApiProperty() givenNameLo: string;
  @ApiProperty() familyNameLo: string;
  @ApiPropertyOptional() givenNameEn?: string;
  @ApiPropertyOptional() familyNameEn?: string;
  @ApiProperty() dateOfBirth: string;
  @ApiProperty() sex: Sex;
  @ApiProperty({ type: AddressDto }) address: AddressDto;
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional() email?: string;
  @ApiProperty() preferredLanguage: 'lo' | 'en';
  @ApiProperty() preferredChannel: 'sms' | 'email';
  @ApiProperty({ enum: ['ACTIVE', 'DEACTIVATED'] }) status: PersonStatus;
  @ApiPropertyOptional() statusReason?: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
}

export class PhoneChangeDto {
  @ApiProperty({ example: '+8562055598765', description: 'The new number; the code goes there by SMS' })
  @Matches(E164, { message: 'phone must be a phone number such as +8562055512345' })
  phone: string;
}

export class PhoneChangeConfirmationDto extends PhoneChangeDto {
  @ApiProperty({ description: 'From step 1' }) @IsUUID() challengeId: string;
  @ApiProperty({ example: '493021', description: 'The 6 digits the new number received' })
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits received' })
  code: string;
}
