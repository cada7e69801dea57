import { messagingSealingKey, readTopic, Unsealer } from '@onedoor/backbone';
import { OneTimeCodeRequested, type OneTimeCodeRequestedPayload, type OneTimeCodeSecret } from '@onedoor/contracts';
import { createDevelopmentAuthority, type Caller } from '@onedoor/auth';
import { loadPlatformConfig, startPlatform, type RunningPlatform } from '@onedoor/platform-kit';
import {
  checkAnswers,
  createScratchDatabase,
  documentedAnswers,
  freePort,
  requireKafkaBrokers,
  type ScratchDatabase,
} from '@onedoor/testing';
import { IdentityBlock } from '../src';

export interface IdentityUnderTest {
  url: string;
  platform: RunningPlatform;
  db: ScratchDatabase;
  brokers: string[];
  token(caller: Partial<Caller> & { sub: string }): Promise<string>;
  /** Events of one type on the block's topics, read back from Kafka with a plain consumer. */
  events<T>(topic: string, type: string, match: (data: T) => boolean, count?: number): Promise<T[]>;
  /** The code of a challenge (by id, or the first request `which` matches). */
  deliveredCode(
    which: string | ((e: OneTimeCodeRequestedPayload) => boolean),
  ): Promise<OneTimeCodeRequestedPayload & OneTimeCodeSecret>;
  close(): Promise<void>;
}

/**
 * The identity block on the real broker and a scratch PostgreSQL database. By default tokens come from a
 * development authority; with `asIssuer`, the block verifies its own tokens (its JWKS URL), as in production.
 */
export async function startIdentity(
  env: Record<string, string> = {},
  { asIssuer = false }: { asIssuer?: boolean } = {},
): Promise<IdentityUnderTest> {
  const brokers = requireKafkaBrokers();
  const db = await createScratchDatabase('identity');
  const authority = await createDevelopmentAuthority();
  if (asIssuer) {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}/identity`;
    env = {
      IDENTITY_PORT: String(port),
      IDENTITY_ISSUER: issuer,
      AUTH_JWKS_URL: `${issuer}/.well-known/jwks.json`,
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: 'urn:onedoor:api',
      ...env,
    };
  }
  // The identity block reads its own settings (IDENTITY_*) from the process environment.
  const blockEnv = {
    ...Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith('IDENTITY_'))),
    ONEDOOR_DATA_DIR: 'memory',
  };
  const saved = Object.fromEntries(Object.keys(blockEnv).map((key) => [key, process.env[key]]));
  Object.assign(process.env, blockEnv);
  const restoreEnv = () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  const config = loadPlatformConfig({
    KAFKA_BROKERS: brokers.join(','),
    DATABASE_URL: db.url,
    ...(asIssuer ? {} : { AUTH_JWKS: JSON.stringify(authority.jwks), AUTH_ISSUER: authority.issuer }),
    IDENTITY_PORT: '0',
    LOG_LEVEL: 'warn',
    ONEDOOR_DATA_DIR: 'memory',
    ...env,
  });
  const platform = await startPlatform([IdentityBlock], config);
  // Every answer the test's calls get is checked against the block's OpenAPI document; close() says what differed.
  const answers = await documentedAnswers([platform.urls.identity]);
  checkAnswers(answers.check);
  async function events<T>(topic: string, type: string, match: (data: T) => boolean, count = 1) {
    const pick = (messages: { headers: Record<string, string>; value: string }[]) =>
      messages
        .filter((m) => m.headers.ce_type === type)
        .map((m) => JSON.parse(m.value) as T)
        .filter(match);
    return pick(await readTopic(brokers, topic, (messages) => pick(messages).length >= count));
  }
  return {
    url: platform.urls.identity,
    platform,
    db,
    brokers,
    token: (caller) => authority.sign(caller),
    events,
    /**
     * The one-time code the messaging block would deliver for a challenge: read from the topic and opened with the
     * messaging block's key (this process's, with ONEDOOR_DATA_DIR=memory), as only that block can.
     */
    async deliveredCode(which) {
      const [requested] = await events<OneTimeCodeRequestedPayload>(
        OneTimeCodeRequested.topic,
        OneTimeCodeRequested.type,
        typeof which === 'string' ? (e: OneTimeCodeRequestedPayload) => e.challengeId === which : which,
      );
      const unsealer = await Unsealer.forKey(messagingSealingKey({ ONEDOOR_DATA_DIR: 'memory' }));
      return { ...requested, ...(await unsealer.open<OneTimeCodeSecret>(requested.sealed)) };
    },
    async close() {
      checkAnswers(undefined);
      await platform.close();
      await db.drop();
      restoreEnv();
      if (answers.mismatches.length) {
        throw new Error(`answers differ from the OpenAPI document:\n${answers.mismatches.join('\n')}`);
      }
    },
  };
}
