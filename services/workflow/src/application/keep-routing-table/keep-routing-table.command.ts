import { IsObject, IsOptional, IsString } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** A rule of the routing table: (category, province, district) → the responsible unit. */
export class SaveRoutingRule extends Command {
  @IsString() id: string;
  @IsString() category: string;
  @IsOptional() @IsString() province?: string;
  @IsOptional() @IsString() district?: string;
  @IsString() unit: string;
  @IsObject() caller: Caller;
}
