import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** A BPMN 2.0 document to publish as a new process, or as a new version of `expectedKey`'s. */
export class PublishProcess extends Command {
  @IsObject() caller: Caller;
  /** The document (checked by the handler: a BPMN process the engine can run). */
  @IsOptional() @IsString() bpmn?: string;
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  @IsOptional() @IsString() @MaxLength(2_000) description?: string;
  @IsOptional() @IsIn(['None', 'Private', 'Public']) type?: string;
  @IsOptional() @IsString() expectedKey?: string;
}
