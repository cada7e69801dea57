import { IsObject, IsOptional, IsString } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';
import type { ServiceDefinition } from '../../domain';

/** A new service (version 1), or a new version of the service `existingCode`, by its ministry's administrator. */
export class PublishService extends Command {
  @IsObject() definition: ServiceDefinition;
  @IsObject() caller: Caller;
  @IsOptional() @IsString() existingCode?: string;
}
