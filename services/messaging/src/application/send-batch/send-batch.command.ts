import { IsArray, IsBoolean, IsObject, IsOptional, IsString } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';
import type { Channel, Language } from '../../domain';

export interface BatchItem {
  personId?: string;
  address?: { channel: Exclude<Channel, 'in_app'>; destination: string; language?: Language };
  variables?: Record<string, unknown>;
}

/** One template to many recipients: accepted whole or refused whole. */
export class SendBatch extends Command {
  @IsObject() caller: Caller;
  @IsString() templateKey: string;
  @IsOptional() @IsBoolean() essential?: boolean;
  @IsArray() items: BatchItem[];
}
