import { IsObject, IsOptional, IsString, Matches } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** A document uploaded before its application: linked later, by the same person, when they submit. */
export class UploadDocument extends Command {
  @IsObject() caller: Caller;
  /** The file's bytes (checked by the handler: a Buffer that is not empty). */
  @IsObject() bytes: Buffer;
  /** The service's document type it is meant as, when the uploader says. */
  @IsOptional() @IsString() @Matches(/^[a-z][a-z0-9-]{1,99}$/) type?: string;
}
