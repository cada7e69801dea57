import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createScratchDatabase,
  freePort,
  requireKafkaBrokers,
  tcpProxy,
  waitFor,
  type ScratchDatabase,
} from '@onedoor/testing';

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

  describe('with the database or the broker not there yet', () => {
    let database: ScratchDatabase;
    const brokers = requireKafkaBrokers();
    const started: ChildProcess[] = [];
    beforeAll(async () => {
      database = await createScratchDatabase('onedoor_startup');
    });
    afterAll(async () => {
      for (const child of started) child.kill('SIGKILL');
      await database?.drop();
    });

    /** Starts the messaging block on its own port; its output, parsed as it comes. */
    async function messaging(env: Record<string, string>) {
      const port = await freePort();
      const child = spawn(process.execPath, [path.join(ROOT, 'dist/services/messaging/src/main.js')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          ONEDOOR_DATA_DIR: 'memory',
          AUTH_JWKS: JWKS,
          LOG_FORMAT: 'json',
          MESSAGING_PORT: String(port),
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      started.push(child);
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (out += d));
      const base = `http://127.0.0.1:${port}/messaging`;
      const get = async (route: string) => {
        const response = await fetch(`${base}${route}`);
        return {
          status: response.status,
          json: (await response.json().catch(() => undefined)) as Record<string, unknown>,
        };
      };
      const records = () =>
        out
          .trim()
          .split('\n')
          // Node's own warnings are not the block's log.
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as { level: string; msg: string; err?: string });
      return { child, get, records, output: () => out };
    }

    it('a block whose broker is not up yet serves its API, is not ready, says so, and is ready once the broker comes', async () => {
      const [host, port] = brokers[0].split(':');
      const proxy = await tcpProxy({ host, port: Number(port) }, await freePort());
      const block = await messaging({ KAFKA_BROKERS: `127.0.0.1:${proxy.port}`, DATABASE_URL: database.url });
      try {
        await waitFor('the API to be served', async () => (await block.get('/openapi.json')).status === 200, 60_000);
        expect((await block.get('/health/live')).status).toBe(200);
        const ready = await block.get('/health/ready');
        expect(ready.status).toBe(503);
        expect(ready.json.checks).toMatchObject({ database: 'up', broker: 'down', consumer: 'starting' });
        await waitFor(
          'the block to say it waits for the broker',
          () => block.records().some((r) => r.msg.startsWith('event broker not reachable yet')),
          60_000,
        );
        expect(block.records().filter((r) => r.level === 'error' || r.level === 'fatal')).toEqual([]);
        expect(block.child.exitCode).toBeNull();

        await proxy.open();
        await waitFor('the block to be ready', async () => (await block.get('/health/ready')).status === 200, 90_000);
        await waitFor(
          'the broker to show as up',
          async () => ((await block.get('/health/ready')).json.checks as { broker: string }).broker === 'up',
          20_000,
        );
        expect((await block.get('/health/ready')).json.checks).toMatchObject({ broker: 'up', consumer: 'joined' });
      } finally {
        block.child.kill('SIGTERM');
        await new Promise((resolve) => block.child.once('exit', resolve));
        await proxy.close();
      }
    });

    it('a block whose database is not up yet answers live, not ready and 503 meanwhile, then starts', async () => {
      const url = new URL(database.url);
      const proxy = await tcpProxy({ host: url.hostname, port: Number(url.port || 5432) }, await freePort());
      url.port = String(proxy.port);
      const block = await messaging({ KAFKA_BROKERS: brokers.join(','), DATABASE_URL: url.toString() });
      try {
        await waitFor('the port to answer', async () => (await block.get('/health/live')).status === 200, 30_000);
        const ready = await block.get('/health/ready');
        expect([ready.status, ready.json.code]).toEqual([503, 'PLATFORM.NOT_READY']);
        const api = await block.get('/templates');
        expect([api.status, api.json.code]).toEqual([503, 'PLATFORM.STARTING']);
        await waitFor(
          'the block to say it waits for the database',
          () => block.records().some((r) => r.msg === 'database not reachable yet; retrying'),
          30_000,
        );
        await proxy.open();
        await waitFor('the block to be ready', async () => (await block.get('/health/ready')).status === 200, 90_000);
        expect(block.records().some((r) => r.msg === 'database reached')).toBe(true);
        expect(block.records().filter((r) => r.level === 'error' || r.level === 'fatal')).toEqual([]);
      } finally {
        block.child.kill('SIGTERM');
        await new Promise((resolve) => block.child.once('exit', resolve));
        await proxy.close();
      }
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
