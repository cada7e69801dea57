import { readSetting } from '@onedoor/config';

/** The information mediator's settings, typed and checked (libs/config validates every value at start-up). */
export interface MediatorConfig {
  /** Days the received events are kept: how far back a subscription may replay. */
  retentionDays: number;
  /** PUSH delivery loops per replica. */
  pushWorkers: number;
}

export const MEDIATOR_CONFIG = Symbol('MEDIATOR_CONFIG');

export function mediatorConfig(env: NodeJS.ProcessEnv = process.env): MediatorConfig {
  return {
    retentionDays: readSetting('MEDIATOR_RETENTION_DAYS', env),
    pushWorkers: readSetting('MEDIATOR_PUSH_WORKERS', env),
  };
}
