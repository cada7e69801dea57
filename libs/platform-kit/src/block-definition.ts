import type { Type } from '@nestjs/common';
import type { BlockName } from '@onedoor/contracts';

/** What a building block gives the platform: its NestJS module, its migrations, and how to present its API. */
export interface BlockDefinition {
  name: BlockName;
  title: string;
  description: string;
  module: Type<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

export const BLOCK_CONTEXT = Symbol('BLOCK_CONTEXT');
export const LOGGER = Symbol('LOGGER');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export interface BlockContext {
  name: BlockName;
  /** The block's PostgreSQL schema. */
  schema: string;
}
