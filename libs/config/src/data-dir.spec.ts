import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keptInDataDir } from './data-dir';

describe('a key kept in the data directory', () => {
  it('is made once, readable by its owner only, and read back on every later start', () => {
    const root = mkdtempSync(join(tmpdir(), 'onedoor-data-'));
    const dir = join(root, 'nested');
    try {
      let made = 0;
      const make = () => `key-${++made}`;
      expect(keptInDataDir(dir, 'some.key', make)).toBe('key-1');
      expect(keptInDataDir(dir, 'some.key', make)).toBe('key-1');
      expect(made).toBe(1);
      expect(statSync(join(dir, 'some.key')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
