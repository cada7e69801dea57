import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** Starts an instance of a process (its latest version, or the version named by id). */
export class StartProcess extends Command {
  /** A definition id (that version) or a process key (its latest version). */
  @IsString() processId: string;
  /** What starts it: the same key never starts a second instance. */
  @IsString() @MaxLength(600) startKey: string;
  @IsOptional() @IsString() @MaxLength(200) businessKey?: string;
  @IsObject() variables: Record<string, unknown>;
  @IsString() startedBy: string;
  /** Who asks: a ministry's starter starts its ministry's or national processes, for its ministry's cases. */
  @IsObject() caller: Caller;
}
