import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';
import type { Finding } from '../../domain';

/** The steps taken through this use case (publication comes with its own: publish-answer). */
export const CASE_STEPS = [
  'triage',
  'assign',
  'reject',
  'startVerification',
  'handBack',
  'requestInformation',
  'provideInformation',
  'recordFinding',
  'submitResponse',
  'returnResponse',
  'acceptResponse',
  'reopen',
  'appeal',
  'upholdFinding',
  'sendBackOnAppeal',
] as const;
export type TakenStep = (typeof CASE_STEPS)[number];

export class CorrectiveActionInput {
  @IsString() @Length(1, 2_000) description: string;
  @IsOptional() @IsString() @MaxLength(500) evidence?: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}/) completedAt?: string;
}

/** A step on a case, by the Office, the unit handling it, or its submitter (signed in, or with the case's PIN). */
export class TakeStep extends Command {
  @IsOptional() @IsObject() caller?: Caller;
  @IsString() number: string;
  @IsIn(CASE_STEPS) step: TakenStep;
  @IsOptional() @IsString() @MaxLength(2_000) reason?: string;
  /** For `assign`: the unit (an office code of the identity block's register) and its ministry. */
  @IsOptional() @Matches(/^[A-Z][A-Z0-9-]{1,31}$/) unit?: string;
  @IsOptional() @Matches(/^[A-Z][A-Z0-9-]{1,15}$/) ministry?: string;
  /** For `recordFinding`. */
  @IsOptional() @IsIn(['UNFOUNDED', 'FOUNDED', 'PARTLY_FOUNDED']) finding?: Finding;
  @IsOptional() @IsString() @MaxLength(5_000) explanation?: string;
  /** For `recordFinding` and `submitResponse` (with their evidence and completion). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CorrectiveActionInput)
  actions?: CorrectiveActionInput[];
  /** An anonymous submitter's PIN (`provideInformation`, `reopen`, `appeal`). */
  @IsOptional() @Matches(/^\d{6}$/) pin?: string;
  /** Where a PIN came from, for the guessing throttle. */
  @IsOptional() @IsString() @MaxLength(100) clientAddress?: string;
}
