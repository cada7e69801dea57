import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
import { TEMPLATE_KEY } from '../domain';

export const MAX_BATCH = 1_000;

export class AddressDto {
  @ApiProperty({ enum: ['sms', 'email', 'webhook'] })
  @IsIn(['sms', 'email', 'webhook'])
  channel: 'sms' | 'email' | 'webhook';
  @ApiProperty({
    example: '+8562055512345',
    description: 'E.164 phone for sms, an address for email, a URL for webhook',
  })
  @IsString()
  @MaxLength(2_000)
  destination: string;
  @ApiPropertyOptional({ enum: ['lo', 'en'] }) @IsOptional() @IsIn(['lo', 'en']) language?: 'lo' | 'en';
}

export class RecipientDto {
  @ApiPropertyOptional({ description: 'A person known to the identity block' })
  @IsOptional()
  @IsUUID()
  personId?: string;
  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
}

export class SendMessageDto extends RecipientDto {
  @ApiProperty({ example: 'registration.status-changed' }) @Matches(TEMPLATE_KEY) templateKey: string;
  @ApiPropertyOptional({ example: { code: 'K7Q-2M4', days: 3 } }) @IsOptional() @IsObject() variables?: Record<
    string,
    unknown
  >;
  @ApiPropertyOptional({ description: 'Essential messages go even to people who opted out of others' })
  @IsOptional()
  @IsBoolean()
  essential?: boolean;
}

export class BatchItemDto extends RecipientDto {
  @IsOptional() @IsObject() variables?: Record<string, unknown>;
}

export class SendBatchDto {
  @ApiProperty() @Matches(TEMPLATE_KEY) templateKey: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() essential?: boolean;
  @ApiProperty({ type: [BatchItemDto], maxItems: MAX_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH)
  @ValidateNested({ each: true })
  @Type(() => BatchItemDto)
  items: BatchItemDto[];
}

export class ReceiptDto {
  @ApiProperty() @IsString() @Length(1, 200) providerMessageId: string;
  @ApiProperty({ enum: ['delivered', 'failed'] }) @IsIn(['delivered', 'failed']) status: 'delivered' | 'failed';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) detail?: string;
}

export class TemplateDto {
  @ApiPropertyOptional({ description: 'Email subject (ICU message)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  subject?: string;
  @ApiProperty({ description: 'ICU message: {variable}, {n, plural, one {…} other {…}}' })
  @IsString()
  @Length(1, 5_000)
  body: string;
}

export class RuleDto {
  @ApiProperty({ example: 'la.gov.onedoor.identity.person.enrolled.v1' })
  @Matches(/^la\.gov\.onedoor\.[a-z0-9.-]+\.v\d+$/)
  eventType: string;
  @ApiProperty() @Matches(TEMPLATE_KEY) templateKey: string;
  @ApiProperty({ example: 'personId' }) @Matches(/^[A-Za-z][A-Za-z0-9_]*$/) personField: string;
  @ApiProperty() @IsBoolean() essential: boolean;
  @ApiPropertyOptional({
    description: 'To every address the person has (SMS and e-mail), not only their preferred channel (default false)',
  })
  @IsOptional()
  @IsBoolean()
  everyChannel?: boolean;
  @ApiProperty() @IsBoolean() enabled: boolean;
}

/** The shape `GET /preferences/me` answers: what it reads can be sent back, changed in part or whole. */
export class PreferencesDto {
  @ApiPropertyOptional({ description: 'Opt out of non-essential messages (codes and decisions still come)' })
  @IsOptional()
  @IsBoolean()
  optedOut?: boolean;
  @ApiPropertyOptional({
    enum: ['sms', 'email'],
    description: 'How notifications reach you (its address must be known)',
  })
  @IsOptional()
  @IsIn(['sms', 'email'])
  preferredChannel?: 'sms' | 'email';
  @ApiPropertyOptional({ enum: ['lo', 'en'] })
  @IsOptional()
  @IsIn(['lo', 'en'])
  preferredLanguage?: 'lo' | 'en';
}
