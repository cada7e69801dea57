import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@onedoor/observability';

export { createScratchDatabase, type ScratchDatabase } from '@onedoor/persistence';

/**
 * The Kafka bootstrap servers of the real broker started by `npm test` (deploy/scripts/test.mjs).
 * Fails, never skips, when there is none.
 */
export function requireKafkaBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    throw new Error(
      'KAFKA_BROKERS is not set: integration tests need the real Kafka broker. Run them with `npm test`, ' +
        'which starts it (deploy/kafka/broker.cjs), or start one with `npm run kafka -- start` and set KAFKA_BROKERS.',
    );
  }
  return brokers.split(',');
}

/** Polls until `check` returns a truthy value or the time runs out (then fails with `what`). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false | 0> | T | undefined | null | false | 0,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as T;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** A JSON logger that keeps its lines in memory (for assertions) instead of printing them. */
export function memoryLogger(service = 'test'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ service, level: 'debug', destination }), lines };
}

/** A unique name for topics, groups and schemas of one test. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
}

export { startProcess, freePort, type RunningProcess } from './processes';
export { localKafkaBroker, type LocalKafkaBroker } from './kafka-broker';
export { api, checkAnswers, untilConsuming } from './http';
export { refusal, testBed, useCaseDatabase, type UseCaseDatabase } from './use-case-database';
export * from './documented-answers';
export * from './govstack-documents';
export * from './message-doubles';
export { SignInBrowser } from './sign-in-browser';
export { tcpProxy, type TcpProxy } from './tcp-proxy';
export { startPostgresCluster, type PostgresCluster } from './postgres-cluster';
