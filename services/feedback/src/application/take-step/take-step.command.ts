import { IsIn, IsObject, IsOptional, IsString, MaxLength, Matches } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** The Office's steps on a new case: triage it, route it to a unit, or reject it with a reason. */
export const OFFICE_INTAKE_STEPS = ['triage', 'assign', 'reject'] as const;
export type OfficeIntakeStep = (typeof OFFICE_INTAKE_STEPS)[number];

export class TakeStep extends Command {
  @IsObject() caller: Caller;
  @IsString() number: string;
  @IsIn(OFFICE_INTAKE_STEPS) step: OfficeIntakeStep;
  @IsOptional() @IsString() @MaxLength(2_000) reason?: string;
  /** For `assign`: the unit (an office code of the identity block's register) and its ministry. */
  @IsOptional() @Matches(/^[A-Z][A-Z0-9-]{1,31}$/) unit?: string;
  @IsOptional() @Matches(/^[A-Z][A-Z0-9-]{1,15}$/) ministry?: string;
}
