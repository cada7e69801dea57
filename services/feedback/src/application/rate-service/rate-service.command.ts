import { IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** An applicant's rating of the one-door service they received: 1 to 5, with a comment if they wish. */
export class RateService extends Command {
  @IsObject() caller: Caller;
  @IsUUID() applicationId: string;
  @IsInt() @Min(1) @Max(5) score: number;
  @IsOptional() @IsString() @MaxLength(2_000) comment?: string;
}
