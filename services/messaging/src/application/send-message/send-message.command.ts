import { IsBoolean, IsObject, IsOptional, IsString, IsUUID } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';
import type { Channel, Language } from '../../domain';

/** One message from a template, to a person the platform knows (their language and channel) or to an address. */
export class SendMessage extends Command {
  @IsObject() caller: Caller;
  @IsString() templateKey: string;
  @IsObject() variables: Record<string, unknown>;
  /** Essential messages (a sign-in code, a decision) go even to people who opted out of the others. */
  @IsBoolean() essential: boolean;
  @IsOptional() @IsUUID() personId?: string;
  @IsOptional() @IsObject() address?: { channel: Exclude<Channel, 'in_app'>; destination: string; language?: Language };
}
