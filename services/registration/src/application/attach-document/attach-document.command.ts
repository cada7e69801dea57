import { IsObject, IsString, IsUUID } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** A document's bytes for an application, as one of its service's document types. */
export class AttachDocument extends Command {
  @IsUUID() applicationId: string;
  @IsObject() caller: Caller;
  @IsString() type: string;
  /** The file's bytes (checked by the handler: a Buffer that is not empty). */
  @IsObject() bytes: Buffer;
}
