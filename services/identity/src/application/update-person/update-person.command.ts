import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';
import type { AddressCodes } from '../ports';

/** Corrections to a person's record; with `expectedVersion` (If-Match), only if nobody changed it since. */
export class UpdatePerson extends Command {
  @IsObject() caller: Caller;
  @IsUUID() personId: string;
  @IsOptional() @IsInt() @Min(0) @Max(2_147_483_647) expectedVersion?: number;
  @IsOptional() @IsString() givenNameLo?: string;
  @IsOptional() @IsString() familyNameLo?: string;
  @IsOptional() @IsString() givenNameEn?: string;
  @IsOptional() @IsString() familyNameEn?: string;
  @IsOptional() @IsIn(['F', 'M', 'X']) sex?: 'F' | 'M' | 'X';
  @IsOptional() @IsObject() address?: AddressCodes & { districtCode: string; line?: string };
  @IsOptional() @IsString() phone?: string;
  @IsOptional() @IsString() email?: string;
  @IsOptional() @IsIn(['lo', 'en']) preferredLanguage?: 'lo' | 'en';
  @IsOptional() @IsIn(['sms', 'email']) preferredChannel?: 'sms' | 'email';
}
