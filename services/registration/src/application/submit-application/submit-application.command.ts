import { ArrayMaxSize, IsArray, IsBoolean, IsObject, IsOptional, IsString } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';
import type { IdempotencyClaim } from '@onedoor/http';

/** A new application (or a draft) for a service version, by the applicant or by a counter for them. */
export class SubmitApplication extends Command {
  @IsString() serviceId: string;
  @IsObject() caller: Caller;
  /** Whom a counter clerk applies for; a citizen applies for themself. */
  @IsOptional() @IsString() applicantId?: string;
  @IsOptional() @IsString() applicationName?: string;
  @IsOptional() @IsString() phone?: string;
  @IsObject() formData: { data: Record<string, unknown>; eFormId?: string };
  @IsOptional() @IsBoolean() draft?: boolean;
  /** Documents the applicant uploaded before (UploadDocument), to become the application's documents with it. */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) uploads?: string[];
  /** The request's Idempotency-Key: written with the application, so a retry gets the first answer. */
  @IsOptional() @IsObject() idempotency?: IdempotencyClaim;
}
