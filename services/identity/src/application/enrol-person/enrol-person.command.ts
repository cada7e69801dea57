import { IsArray, IsDateString, IsIn, IsObject, IsOptional, IsString } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';
import type { AddressCodes } from '../ports';

/** A person to enrol in the register, by a registration officer. */
export class EnrolPerson extends Command {
  @IsObject() caller: Caller;
  @IsString() givenNameLo: string;
  @IsString() familyNameLo: string;
  @IsOptional() @IsString() givenNameEn?: string;
  @IsOptional() @IsString() familyNameEn?: string;
  @IsDateString() dateOfBirth: string;
  @IsIn(['F', 'M', 'X']) sex: 'F' | 'M' | 'X';
  @IsObject() address: AddressCodes & { districtCode: string; line?: string };
  @IsOptional() @IsString() phone?: string;
  @IsOptional() @IsString() email?: string;
  @IsOptional() @IsIn(['lo', 'en']) preferredLanguage?: 'lo' | 'en';
  @IsOptional() @IsIn(['sms', 'email']) preferredChannel?: 'sms' | 'email';
  /** People the officer checked and found to be others: not likely duplicates. */
  @IsOptional() @IsArray() distinctFrom?: string[];
}
