import { readTopic } from '@onedoor/backbone';
import { createDevelopmentAuthority, type Caller } from '@onedoor/auth';
import { loadPlatformConfig, startPlatform, type RunningPlatform } from '@onedoor/platform-kit';
import { createScratchDatabase, requireKafkaBrokers, type ScratchDatabase } from '@onedoor/testing';
import { IdentityBlock } from '../src';

export interface IdentityUnderTest {
  url: string;
  platform: RunningPlatform;
  db: ScratchDatabase;
  brokers: string[];
  token(caller: Partial<Caller> & { sub: string }): Promise<string>;
  /** Events of one type on the block's topics, read back from Kafka with a plain consumer. */
  events<T>(topic: string, type: string, match: (data: T) => boolean, count?: number): Promise<T[]>;
  close(): Promise<void>;
}

/** The identity block on the real broker and a scratch PostgreSQL database, with a development token authority. */
export async function startIdentity(env: Record<string, string> = {}): Promise<IdentityUnderTest> {
  const brokers = requireKafkaBrokers();
  const db = await createScratchDatabase('identity');
  const authority = await createDevelopmentAuthority();
  process.env.ONEDOOR_DATA_DIR = 'memory';
  const config = loadPlatformConfig({
    KAFKA_BROKERS: brokers.join(','),
    DATABASE_URL: db.url,
    AUTH_JWKS: JSON.stringify(authority.jwks),
    AUTH_ISSUER: authority.issuer,
    IDENTITY_PORT: '0',
    LOG_LEVEL: 'warn',
    ONEDOOR_DATA_DIR: 'memory',
    ...env,
  });
  const platform = await startPlatform([IdentityBlock], config);
  return {
    url: platform.urls.identity,
    platform,
    db,
    brokers,
    token: (caller) => authority.sign(caller),
    async events<T>(topic: string, type: string, match: (data: T) => boolean, count = 1) {
      const pick = (messages: { headers: Record<string, string>; value: string }[]) =>
        messages
          .filter((m) => m.headers.ce_type === type)
          .map((m) => JSON.parse(m.value) as T)
          .filter(match);
      return pick(await readTopic(brokers, topic, (messages) => pick(messages).length >= count));
    },
    async close() {
      await platform.close();
      await db.drop();
    },
  };
}
