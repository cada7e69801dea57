import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadSettings, readSetting, unknownSettings } from './load';
import { settingsTable } from './docs';
import { SETTINGS } from './settings';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.lines();
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('the configuration schema', () => {
  it('gives every default when nothing is set (embedded mode)', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      KAFKA_BROKERS: undefined,
      DATABASE_POOL_SIZE: 10,
      PORT: 3000,
      WORKFLOW_PORT: 3004,
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'auto',
      IDENTITY_TRUST_PROXY: false,
      IDENTITY_UIN_RESTRICTED: [],
      MESSAGING_SMTP_URLS: [],
      MESSAGING_EMAIL_FROM: 'OneDoor <no-reply@onedoor.gov.la>',
    });
  });

  it('reports every bad value at once, one line each, naming the variable and what it accepts', () => {
    const lines = problemsOf({
      KAFKA_BROKERS: 'localhost',
      LOG_LEVEL: 'verbose',
      AUTH_JWKS: '123',
      CONSUMER_MAX_ATTEMPTS: '2.5',
      DATABASE_POOL_SIZE: '0.3',
      IDENTITY_TRUST_PROXY: 'maybe',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'not-a-url',
    });
    expect(lines).toEqual([
      expect.stringMatching(/^configuration: KAFKA_BROKERS is "localhost"; expected .*host:port/),
      expect.stringMatching(/^configuration: DATABASE_POOL_SIZE is "0.3"; expected a whole number from 1 to 200$/),
      expect.stringMatching(/^configuration: AUTH_JWKS is "123"; expected a JSON Web Key Set/),
      expect.stringMatching(/^configuration: CONSUMER_MAX_ATTEMPTS is "2.5"; expected a whole number from 1 to 100$/),
      expect.stringMatching(/^configuration: LOG_LEVEL is "verbose"; expected `trace`, `debug`, `info`/),
      expect.stringMatching(/^configuration: OTEL_EXPORTER_OTLP_ENDPOINT is "not-a-url"; expected an http/),
      expect.stringMatching(/^configuration: IDENTITY_TRUST_PROXY is "maybe"; expected `true` or `false`$/),
    ]);
    expect(lines).toHaveLength(7);
    for (const line of lines) expect(line).not.toContain('\n');
  });

  it.each([
    ['KAFKA_BROKERS', 'kafka-1:9092,kafka-2:9092'],
    ['KAFKA_BROKERS', '10.0.0.5:9092'],
    ['AUTH_JWKS', JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' }] })],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'http://collector:4318'],
    ['IDENTITY_DATA_KEY', Buffer.alloc(32, 7).toString('base64')],
    ['MESSAGING_SMTP_URLS', 'smtp://mail-1:25, smtps://user:pass@mail-2:465'],
    ['IDENTITY_SEALING_PUBLIC_KEY', JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' })],
    ['MESSAGING_SEALING_KEY', JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c' })],
    [
      'IDENTITY_WEB_CLIENTS',
      'citizen-web=https://onedoor.gov.la/signin/callback?from=a=b, officers=http://10.0.0.5/cb',
    ],
  ])('accepts %s=%s', (name, value) => {
    expect(readSetting(name as keyof typeof SETTINGS, { [name]: value })).toBeDefined();
  });

  it.each([
    ['KAFKA_BROKERS', 'kafka:99999'],
    ['KAFKA_BROKERS', 'kafka:9092,'.repeat(2) + 'http://kafka:9092'],
    ['AUTH_JWKS', '{"keys":[]}'],
    ['AUTH_JWKS', '{"keys":[{"crv":"P-256"}]}'],
    ['PORT', '70000'],
    ['IDENTITY_DATA_KEY', 'c2hvcnQ='],
    ['MESSAGING_SMTP_URLS', 'mail-1:25'],
    ['MESSAGING_PROVIDER_RATE', '-1'],
    ['WORKFLOW_TIMER_WORKERS', '17'],
    // A private key where the public one goes (and the reverse) would spread or lack the secret part.
    ['IDENTITY_SEALING_PUBLIC_KEY', JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c' })],
    ['MESSAGING_SEALING_KEY', JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' })],
    ['MESSAGING_SEALING_KEY', JSON.stringify({ kty: 'RSA', n: 'a', e: 'AQAB', d: 'c' })],
    ['IDENTITY_WEB_CLIENTS', 'citizen-web'],
    ['IDENTITY_WEB_CLIENTS', 'citizen-web=ftp://onedoor.gov.la/cb'],
    ['IDENTITY_WEB_CLIENT_SECRETS', 'citizen-web=short'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => readSetting(name as keyof typeof SETTINGS, { [name]: value })).toThrow(ConfigError);
  });

  it('never prints a secret back', () => {
    const lines = problemsOf({ DATABASE_URL: 'mysql://admin:hunter2@db/x', IDENTITY_DATA_KEY: 'hunter2' });
    expect(lines.join('\n')).not.toContain('hunter2');
    expect(lines).toEqual([
      'configuration: DATABASE_URL is (value hidden); expected a postgres:// URL',
      'configuration: IDENTITY_DATA_KEY is (value hidden); expected 32 bytes in base64 (`openssl rand -base64 32`)',
    ]);
  });

  it.each([
    [{ KAFKA_BROKERS: 'kafka:9092' }, ['DATABASE_URL', 'AUTH_JWKS_URL']],
    [
      { NODE_ENV: 'production' },
      [
        'IDENTITY_ISSUER',
        'IDENTITY_DATA_KEY',
        'IDENTITY_SEALING_PUBLIC_KEY',
        'MESSAGING_SEALING_KEY',
        'REGISTRATION_CERTIFICATE_KEY',
        'FEEDBACK_PIN_KEY',
        'FEEDBACK_SEALING_PUBLIC_KEY',
      ],
    ],
    [{ IDENTITY_OPERATOR_CLIENT_ID: 'platform-team' }, ['IDENTITY_OPERATOR_CLIENT_SECRET']],
    [
      {
        IDENTITY_WEB_CLIENTS: 'citizen-web=https://gov.la/signin/callback,officers=https://gov.la/office/cb',
        IDENTITY_WEB_CLIENT_SECRETS: `officers=${'s'.repeat(32)}`,
      },
      ['IDENTITY_WEB_CLIENT_SECRETS'],
    ],
    [{ IDENTITY_ISSUER: 'https://gov.la/auth' }, ['IDENTITY_ISSUER']],
    [{ WORKFLOW_CLIENT_ID: 'workflow' }, ['WORKFLOW_TOKEN_URL', 'WORKFLOW_CLIENT_SECRET']],
  ])('checks settings that go together: %p', (env, names) => {
    const lines = problemsOf(env as NodeJS.ProcessEnv);
    expect(lines.map((line) => line.split(' ')[1])).toEqual(names);
  });

  it('has every default valid and documented in the table', () => {
    expect(() => loadSettings({})).not.toThrow();
    const table = settingsTable();
    for (const name of Object.keys(SETTINGS)) expect(table).toContain(`| \`${name}\` |`);
  });

  it('names a variable that looks like a setting but is none, with the setting it probably meant', () => {
    expect(
      unknownSettings({
        KAFKA_BROKER: 'kafka:9092',
        IDENTITY_ISUER: 'x',
        ONEDOOR_KAFKA_PORT: '1',
        PATH: '/bin',
        LOG_LEVEL: 'info',
      }),
    ).toEqual([
      'configuration: IDENTITY_ISUER is not a OneDoor setting and is ignored; did you mean IDENTITY_ISSUER?',
      'configuration: KAFKA_BROKER is not a OneDoor setting and is ignored; did you mean KAFKA_BROKERS?',
    ]);
  });

  it('requires in production the keys of the blocks a process runs, and only theirs', () => {
    const feedbackKeys = {
      NODE_ENV: 'production',
      FEEDBACK_PIN_KEY: Buffer.alloc(32, 3).toString('base64'),
      FEEDBACK_SEALING_PUBLIC_KEY: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }),
    };
    expect(() => loadSettings(feedbackKeys, ['feedback'])).not.toThrow();
    expect(() => loadSettings({ NODE_ENV: 'production' }, ['workflow'])).not.toThrow();
    expect(() => loadSettings({ NODE_ENV: 'production' }, ['feedback'])).toThrow(/FEEDBACK_PIN_KEY is required/);
    // A process of every block (embedded mode, the supervisor) needs every block's.
    const all = problemsOf(feedbackKeys);
    expect(all).toEqual(
      expect.arrayContaining(['configuration: IDENTITY_DATA_KEY is required when NODE_ENV is production']),
    );
    expect(all.some((line) => line.includes('FEEDBACK_PIN_KEY'))).toBe(false);
  });

  it('reads a secret from the file `<NAME>_FILE` names (compose and Kubernetes secrets), never a plain setting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-secret-'));
    try {
      const file = join(dir, 'pin-key');
      writeFileSync(file, `${Buffer.alloc(32, 7).toString('base64')}\n`);
      expect(readSetting('FEEDBACK_PIN_KEY', { FEEDBACK_PIN_KEY_FILE: file })).toBe(
        Buffer.alloc(32, 7).toString('base64'),
      );
      // The variable itself wins over its file.
      const direct = Buffer.alloc(32, 9).toString('base64');
      expect(readSetting('FEEDBACK_PIN_KEY', { FEEDBACK_PIN_KEY: direct, FEEDBACK_PIN_KEY_FILE: file })).toBe(direct);
      expect(problemsOf({ FEEDBACK_PIN_KEY_FILE: join(dir, 'missing') })).toEqual([
        expect.stringMatching(/^configuration: FEEDBACK_PIN_KEY_FILE cannot be read: ENOENT/),
      ]);
      // Not a secret: no file is read for it, and the variable is named as unknown.
      writeFileSync(join(dir, 'level'), 'debug');
      expect(readSetting('LOG_LEVEL', { LOG_LEVEL_FILE: join(dir, 'level') })).toBe('info');
      expect(unknownSettings({ LOG_LEVEL_FILE: 'x', FEEDBACK_PIN_KEY_FILE: 'y' })).toEqual([
        'configuration: LOG_LEVEL_FILE is not a OneDoor setting and is ignored',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['IDENTITY_UIN_RESTRICTED', '2222, 3333', ['2222', '3333']],
    ['MESSAGING_EMAIL_FROM', 'no-reply@gov.la', 'no-reply@gov.la'],
    ['MESSAGING_EMAIL_FROM', 'ກະຊວງ <no-reply@moh.gov.la>', 'ກະຊວງ <no-reply@moh.gov.la>'],
    ['NODE_ENV', 'staging', 'staging'],
  ])('reads %s=%s', (name, value, expected) => {
    expect(readSetting(name as keyof typeof SETTINGS, { [name]: value })).toEqual(expected);
  });

  it.each([
    ['IDENTITY_UIN_RESTRICTED', '2222,abc'],
    ['MESSAGING_EMAIL_FROM', 'OneDoor'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => readSetting(name as keyof typeof SETTINGS, { [name]: value })).toThrow(ConfigError);
  });
});
