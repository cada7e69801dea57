import { randomBytes } from 'node:crypto';
import { ConfigError } from '@onedoor/config';
import { citizenWebConfig } from './web.config';

describe("the citizen's web app's settings", () => {
  it('needs its session key in production: a key made on one replica would sign its citizens out on the others', () => {
    expect(() => citizenWebConfig({ NODE_ENV: 'production', ONEDOOR_DATA_DIR: 'memory' })).toThrow(ConfigError);
    const key = randomBytes(32).toString('base64');
    const config = citizenWebConfig({ NODE_ENV: 'production', CITIZEN_WEB_SESSION_KEY: key });
    expect(Buffer.from(config.sessionKey).toString('base64')).toBe(key);
  });

  it('derives its public address and cookie security, and trusts no proxy unless told', () => {
    const local = citizenWebConfig({ ONEDOOR_DATA_DIR: 'memory', CITIZEN_WEB_PORT: '4010' });
    expect(local).toMatchObject({ publicUrl: 'http://127.0.0.1:4010', secureCookies: false, trustedProxies: [] });
    const deployed = citizenWebConfig({
      ONEDOOR_DATA_DIR: 'memory',
      CITIZEN_WEB_PUBLIC_URL: 'https://services.example.gov.la/',
      TRUSTED_PROXIES: '10.0.0.0/8, loopback',
    });
    expect(deployed).toMatchObject({
      publicUrl: 'https://services.example.gov.la',
      secureCookies: true,
      trustedProxies: ['10.0.0.0/8', 'loopback'],
    });
  });
});
