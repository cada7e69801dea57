import type { INestApplication, Type } from '@nestjs/common';
import type { Express } from 'express';
import type { BlockName, EventContract } from '@onedoor/contracts';

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
  /**
   * The events the block handles besides the diagnostics probe every block answers: listed as `receive`
   * operations in the AsyncAPI document; a test checks a running block handles exactly these.
   */
  consumes: readonly EventContract[];
  /**
   * Handlers that serve raw HTTP ahead of NestJS routing and body parsing (the identity block's OpenID
   * provider). A handler that serves a request sets `response.locals.route` for the access log and metrics.
   */
  mount?: (app: INestApplication, server: Express) => void;
}

export const BLOCK_CONTEXT = Symbol('BLOCK_CONTEXT');
export const LOGGER = Symbol('LOGGER');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export interface BlockContext {
  name: BlockName;
  /** The block's PostgreSQL schema. */
  schema: string;
}
