import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';

/** Starts an instance of a process (its latest version, or the version named by id). */
export class StartProcess extends Command {
  /** A definition id (that version) or a process key (its latest version). */
  @IsString() processId: string;
  /** What starts it: the same key never starts a second instance. */
  @IsString() @MaxLength(600) startKey: string;
  @IsOptional() @IsString() @MaxLength(200) businessKey?: string;
  @IsObject() variables: Record<string, unknown>;
  @IsString() startedBy: string;
}
