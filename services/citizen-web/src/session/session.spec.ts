import { randomBytes } from 'node:crypto';
import { CookieSealer, safeReturnPath } from './session';

describe("the app's sealed cookies", () => {
  const sealer = new CookieSealer(randomBytes(32));

  it('opens what it sealed, of the kind asked', async () => {
    const cookie = await sealer.seal('session', { accessToken: 't', subject: 's' }, 60);
    await expect(sealer.open('session', cookie)).resolves.toMatchObject({ accessToken: 't', subject: 's' });
    await expect(sealer.open('signin', cookie)).resolves.toBeUndefined();
  });

  it('refuses a cookie sealed with another key, changed, or expired', async () => {
    const other = await new CookieSealer(randomBytes(32)).seal('session', { accessToken: 't' }, 60);
    await expect(sealer.open('session', other)).resolves.toBeUndefined();
    const cookie = await sealer.seal('session', { accessToken: 't' }, 60);
    const changed = `${cookie.slice(0, -3)}${cookie.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    await expect(sealer.open('session', changed)).resolves.toBeUndefined();
    const expired = await sealer.seal('session', { accessToken: 't' }, -10);
    await expect(sealer.open('session', expired)).resolves.toBeUndefined();
  });

  it('returns only to a path of its own after signing in', () => {
    expect(safeReturnPath('/applications/1?notice=x')).toBe('/applications/1?notice=x');
    for (const elsewhere of [
      'https://evil.example',
      '//evil.example/x',
      '/\\evil.example',
      'applications',
      42,
      undefined,
    ]) {
      expect(safeReturnPath(elsewhere)).toBe('/applications');
    }
  });
});

describe("the workspace's return path", () => {
  it('stays in the workspace', () => {
    expect(safeReturnPath('/office/cases/1516-AAAA-BBBB-C', 'office')).toBe('/office/cases/1516-AAAA-BBBB-C');
    expect(safeReturnPath('/applications', 'office')).toBe('/office');
    expect(safeReturnPath('//evil.example/office', 'office')).toBe('/office');
    expect(safeReturnPath('/officers', 'office')).toBe('/office');
  });
});
