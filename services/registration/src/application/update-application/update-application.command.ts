import { ArrayMaxSize, IsArray, IsBoolean, IsObject, IsOptional, IsString, IsUUID } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** Corrections to a draft or an application sent back, submitted when `submit` is true. */
export class UpdateApplication extends Command {
  @IsUUID() applicationId: string;
  @IsObject() caller: Caller;
  @IsObject() formData: { data: Record<string, unknown> };
  @IsOptional() @IsBoolean() submit?: boolean;
  /** Documents the applicant uploaded before (UploadDocument), to become the application's documents now. */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) uploads?: string[];
}
