import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createScratchDatabase, freePort, type ScratchDatabase } from '@onedoor/testing';

const ROOT = path.resolve(__dirname, '../../..');
const JWKS = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] });

/** Runs a built entry point to its end; what it printed and how it exited. */
function run(script: string, env: Record<string, string>, timeoutMs = 60_000) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, script)], {
      cwd: ROOT,
      // A clean environment: only what the test sets, so the machine's own settings cannot mask a problem.
      env: { PATH: process.env.PATH, ONEDOOR_DATA_DIR: 'memory', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const BAD = {
  KAFKA_BROKERS: 'localhost',
  LOG_LEVEL: 'verbose',
  AUTH_JWKS: '123',
  CONSUMER_MAX_ATTEMPTS: '2.5',
  DATABASE_POOL_SIZE: '0.3',
  IDENTITY_TRUST_PROXY: 'maybe',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'not-a-url',
};

describe('start-up: configuration checked first, failures said in a line each', () => {
  it.each([
    ['a single block', 'dist/services/registration/src/main.js'],
    ['the supervisor of the blocks', 'dist/services/platform/src/main.js'],
  ])('%s refuses bad settings at once: exit 78, one line per variable, no stack trace', async (_, script) => {
    const { code, stdout, stderr } = await run(script, BAD);
    expect(code).toBe(78);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toMatch(/does not start: 7 settings are wrong$/);
    const named = lines.slice(1).map((line) => line.match(/^configuration: ([A-Z_]+) is "[^"]*"; expected .+/)?.[1]);
    expect(named.sort()).toEqual(Object.keys(BAD).sort());
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses embedded mode with a bad value too (the same schema)', async () => {
    const { code, stderr } = await run('dist/services/platform/src/main.js', { PORT: 'eighty' });
    expect(code).toBe(78);
    expect(stderr).toContain('configuration: PORT is "eighty"; expected a port number from 0 to 65535');
  });

  describe('with a real database and no broker', () => {
    let database: ScratchDatabase;
    beforeAll(async () => {
      database = await createScratchDatabase('onedoor_startup');
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('a block that cannot reach Kafka says so once, naming KAFKA_BROKERS, and exits 1', async () => {
      const closed = await freePort();
      const { code, stdout, stderr } = await run('dist/services/messaging/src/main.js', {
        KAFKA_BROKERS: `127.0.0.1:${closed}`,
        DATABASE_URL: database.url,
        AUTH_JWKS: JWKS,
        LOG_FORMAT: 'json',
      });
      expect(code).toBe(1);
      const records = `${stdout}${stderr}`
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { level: string; msg: string });
      expect(records.filter((r) => r.level === 'error')).toEqual([]);
      expect(records.filter((r) => r.level === 'warn').map((r) => r.msg)).toEqual([
        `Kafka at KAFKA_BROKERS=127.0.0.1:${closed} is not ready yet; retrying for about 20 s`,
      ]);
      const fatal = records.filter((r) => r.level === 'fatal');
      expect(fatal).toHaveLength(1);
      expect(fatal[0].msg).toMatch(
        new RegExp(`^not started: cannot reach Kafka at KAFKA_BROKERS=127.0.0.1:${closed}: `),
      );
    });
  });

  it('embedded mode says what matters in a few lines, not a line per route', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'onedoor-start-'));
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/services/platform/src/main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: String(port), ONEDOOR_DATA_DIR: dataDir, LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not listening after 60 s:\n${out}`)), 60_000);
        child.stdout.on('data', () => {
          if (out.includes('listening on')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
    const records = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; context?: string });
    const startUp = records.slice(0, records.findIndex((r) => r.msg.includes('listening on')) + 1);
    // PGlite started, the development token, one migration line per block (first start only), listening.
    expect(startUp.length).toBeLessThanOrEqual(10);
    expect(startUp.filter((r) => r.context)).toEqual([]);
    expect(startUp.at(-1)!.msg).toBe(
      `OneDoor (embedded) listening on http://127.0.0.1:${port}: /identity /registration /messaging /workflow /feedback /mediator; API pages at /<block>/docs`,
    );
    expect(startUp.map((r) => r.msg)).toContain(
      'no AUTH_JWKS_URL: development signing key in use; an operator token for 12 hours is in this file',
    );
  });
});

describe('npm scripts: every script package.json and the README name answers --help', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const named = [...readme.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1]);

  it('the README names no script that package.json lacks', () => {
    expect(named.filter((name) => !(name in pkg.scripts))).toEqual([]);
  });

  it.each(Object.keys(pkg.scripts))('npm run %s -- --help', (name) => {
    const result = spawnSync('npm', ['run', '--silent', name, '--', '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: '' },
      timeout: 120_000,
    });
    expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
    expect(`${result.stdout}`.trim().length).toBeGreaterThan(0);
  });
});
