import { ConfigError, loadPlatformConfig } from './platform-config';

const jwks = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] });

describe('platform configuration', () => {
  it('runs embedded with nothing configured: one port, 3000', () => {
    const config = loadPlatformConfig({});
    expect(config).toMatchObject({ mode: 'embedded', port: 3000, databaseUrl: undefined, kafkaBrokers: [] });
    expect(config.blockPorts).toEqual({
      identity: 3001,
      registration: 3002,
      messaging: 3003,
      workflow: 3004,
      feedback: 3005,
      mediator: 3006,
    });
  });

  it('runs distributed with KAFKA_BROKERS, and lets each block port be overridden', () => {
    const config = loadPlatformConfig({
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      DATABASE_URL: 'postgres://onedoor@db/onedoor',
      AUTH_JWKS: jwks,
      WORKFLOW_PORT: '4004',
    });
    expect(config.mode).toBe('distributed');
    expect(config.kafkaBrokers).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    expect(config.blockPorts.workflow).toBe(4004);
    expect(config.blockDatabaseUrls).toEqual({});
  });

  it('gives a block its own database with <BLOCK>_DATABASE_URL', () => {
    const config = loadPlatformConfig({
      DATABASE_URL: 'postgres://db/shared',
      WORKFLOW_DATABASE_URL: 'postgres://db/workflow',
    });
    expect(config.blockDatabaseUrls).toEqual({ workflow: 'postgres://db/workflow' });
    expect(() => loadPlatformConfig({ FEEDBACK_DATABASE_URL: 'mysql://db/x' })).toThrow(
      /FEEDBACK_DATABASE_URL is \(value hidden\); expected a postgres:\/\/ URL/,
    );
  });

  it.each([
    [{ KAFKA_BROKERS: 'kafka:9092', AUTH_JWKS: jwks }, /DATABASE_URL is required in distributed mode/],
    [{ KAFKA_BROKERS: 'kafka:9092', DATABASE_URL: 'postgres://db/x' }, /AUTH_JWKS_URL/],
    [{ KAFKA_BROKERS: 'kafka' }, /KAFKA_BROKERS is "kafka"; expected .*host:port/],
    [{ DATABASE_URL: 'mysql://db/x' }, /postgres:\/\//],
    [{ PORT: 'eighty' }, /PORT is "eighty"; expected a port number/],
    [{ AUTH_JWKS: '{not json' }, /JSON Web Key Set/],
    [{ CONSUMER_MAX_ATTEMPTS: '0' }, /CONSUMER_MAX_ATTEMPTS is "0"; expected a whole number from 1/],
  ])('refuses to start on bad configuration %#', (env, message) => {
    expect(() => loadPlatformConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadPlatformConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });
});

it('passes the topic settings on to the blocks', () => {
  expect(loadPlatformConfig({}).kafka).toEqual({ partitions: 3, replicationFactor: 1 });
  expect(loadPlatformConfig({ KAFKA_TOPIC_PARTITIONS: '12', KAFKA_REPLICATION_FACTOR: '3' }).kafka).toEqual({
    partitions: 12,
    replicationFactor: 3,
  });
});
