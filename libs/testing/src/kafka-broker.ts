import path from 'node:path';

export interface LocalKafkaBroker {
  start(options?: { fresh?: boolean }): Promise<string>;
  stop(options?: { signal?: NodeJS.Signals }): Promise<void>;
  status(): { running: boolean; pid?: number; bootstrap: string; log: string };
}

/**
 * The real single-node broker that `npm test` runs (deploy/kafka/broker.cjs), for tests that stop and restart it.
 */
export function localKafkaBroker(): LocalKafkaBroker {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.resolve(__dirname, '../../../deploy/kafka/broker.cjs')) as LocalKafkaBroker;
}
