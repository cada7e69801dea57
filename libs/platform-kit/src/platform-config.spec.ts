import { ConfigError, loadPlatformConfig, wholeNumberSetting } from './platform-config';

const jwks = JSON.stringify({ keys: [] });

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
      /FEEDBACK_DATABASE_URL must be a postgres/,
    );
  });

  it.each([
    [{ KAFKA_BROKERS: 'kafka:9092', AUTH_JWKS: jwks }, /DATABASE_URL must be set/],
    [{ KAFKA_BROKERS: 'kafka:9092', DATABASE_URL: 'postgres://db/x' }, /AUTH_JWKS_URL/],
    [{ KAFKA_BROKERS: 'kafka' }, /not host:port/],
    [{ DATABASE_URL: 'mysql://db/x' }, /postgres:\/\//],
    [{ PORT: 'eighty' }, /PORT must be a port number/],
    [{ AUTH_JWKS: '{not json' }, /JSON Web Key Set/],
    [{ CONSUMER_MAX_ATTEMPTS: '0' }, /positive number/],
  ])('refuses to start on bad configuration %#', (env, message) => {
    expect(() => loadPlatformConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadPlatformConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });
});

describe('wholeNumberSetting', () => {
  it('takes the fallback when unset and a whole number in range otherwise', () => {
    expect(wholeNumberSetting('X_THREADS', undefined, 2, 1, 8)).toBe(2);
    expect(wholeNumberSetting('X_THREADS', '', 2, 1, 8)).toBe(2);
    expect(wholeNumberSetting('X_THREADS', '8', 2, 1, 8)).toBe(8);
  });

  it.each(['0', '9', '1.5', 'two'])('refuses %p with a ConfigError naming the setting', (raw) => {
    expect(() => wholeNumberSetting('X_THREADS', raw, 2, 1, 8)).toThrow(
      new ConfigError(`X_THREADS must be a whole number from 1 to 8, not "${raw}"`),
    );
  });
});
