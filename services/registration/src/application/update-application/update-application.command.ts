import { IsBoolean, IsObject, IsOptional, IsUUID } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** Corrections to a draft or an application sent back, submitted when `submit` is true. */
export class UpdateApplication extends Command {
  @IsUUID() applicationId: string;
  @IsObject() caller: Caller;
  @IsObject() formData: { data: Record<string, unknown> };
  @IsOptional() @IsBoolean() submit?: boolean;
}
