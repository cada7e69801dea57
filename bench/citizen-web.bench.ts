/**
 * The citizen's web app on a slow network (`npm run bench -- citizen-web`): the embedded platform with the seed
 * data (the import licence published), the app beside it, and Debian's Chromium on WebPageTest's "3G Slow"
 * profile (400 kbit/s each way, 400 ms round trip) loading each citizen page fresh (no cache), several times.
 *
 * Reported per page: the median time until it is usable (its content, and on the eForm its first field, visible),
 * against the baseline of the same run: a plain HTML page with a heading and no script or stylesheet, from a bare
 * Node server on the same machine (what the network alone costs); and the compressed JavaScript and CSS it loaded,
 * against the 150 KB budget. Targets: usable within 5 s, within the budget.
 *
 * Sizes: BENCH_CITIZEN_WEB_RUNS (loads of each page; default 5).
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { launchChromium, PHONE, SLOW_3G, watchTransfer } from '../services/platform/test/citizen-web/browser';
import { runBench, spawnServer, writeResults, type BenchRecord } from './support';

const RUNS = Number(process.env.BENCH_CITIZEN_WEB_RUNS ?? 5);
const BUDGET_BYTES = 150 * 1024;
const USABLE_TARGET_MS = 5_000;
const PLATFORM_PORT = 3971;
const WEB_PORT = 3972;
const OPERATOR = { id: 'bench-operator', secret: 'bench-operator-secret-0123456789abcdef' };

const PAGES: [name: string, route: string, ready: string][] = [
  ['home', '/', 'h1'],
  ['catalogue', '/services', '.cards h2'],
  ['service', '/services/import-licence', 'h1'],
  ['tracking', '/track', '#code'],
  ['complaint', '/complain', '#description'],
  ['answers', '/answers', 'h1'],
  ['eform', '/services/import-licence/apply', '#root_companyName'],
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One fresh load of `url` on slow 3G: ms until `ready` is visible, and the JS and CSS bytes it took. */
async function load(browser: Browser, url: string, ready: string) {
  const context = await browser.newContext({ viewport: PHONE, locale: 'lo-LA' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  const transfer = watchTransfer(page);
  const started = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator(ready).first().waitFor({ state: 'visible' });
  const usableMs = Date.now() - started;
  await page.waitForLoadState('load');
  const bytes = await transfer();
  await context.close();
  return { usableMs, bytes: bytes.script + bytes.css };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'onedoor-bench-web-'));
  const env = {
    ONEDOOR_DATA_DIR: dataDir,
    PORT: String(PLATFORM_PORT),
    KAFKA_BROKERS: '',
    DATABASE_URL: '',
    AUTH_JWKS: '',
    AUTH_JWKS_URL: '',
    IDENTITY_OPERATOR_CLIENT_ID: OPERATOR.id,
    IDENTITY_OPERATOR_CLIENT_SECRET: OPERATOR.secret,
  };
  const api = `http://127.0.0.1:${PLATFORM_PORT}`;
  const web = `http://127.0.0.1:${WEB_PORT}`;
  const baseline = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      '<!doctype html><html lang="lo"><head><title>baseline</title></head><body><h1>ບໍລິການ</h1></body></html>',
    );
  });
  await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
  const baselineUrl = `http://127.0.0.1:${(baseline.address() as { port: number }).port}/`;
  const platform = await spawnServer('dist/services/platform/src/main.js', env, `${api}/feedback/health/ready`);
  let app: Awaited<ReturnType<typeof spawnServer>> | undefined;
  let browser: Browser | undefined;
  try {
    const seeded = spawnSync(
      process.execPath,
      ['dist/services/platform/src/seed/main.js', '--url', api, '--out', path.join(dataDir, 'seed.json')],
      { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, ...env }, stdio: 'inherit' },
    );
    if (seeded.status !== 0) throw new Error('the seed data did not go in');
    app = await spawnServer(
      'dist/services/citizen-web/src/main.js',
      { CITIZEN_WEB_PORT: String(WEB_PORT), CITIZEN_WEB_API_URL: api, ONEDOOR_DATA_DIR: 'memory' },
      `${web}/health/ready`,
    );
    browser = await launchChromium();
    await load(browser, `${web}/services`, 'h1'); // the app's first answers (its catalogue cache, the validators)
    await load(browser, `${web}/services/import-licence/apply`, '#root_companyName');
    const floor: number[] = [];
    for (let i = 0; i < RUNS; i++) floor.push((await load(browser, baselineUrl, 'h1')).usableMs);
    const floorMs = median(floor);
    const records: BenchRecord[] = [];
    for (const [name, route, ready] of PAGES) {
      const loads = [];
      for (let i = 0; i < RUNS; i++) loads.push(await load(browser, `${web}${route}`, ready));
      const usable = median(loads.map((l) => l.usableMs));
      const bytes = Math.max(...loads.map((l) => l.bytes));
      records.push(
        {
          benchmark: 'citizen-web',
          metric: `${name}: usable on 3G Slow, median of ${RUNS} (baseline: a plain page; target ${USABLE_TARGET_MS} ms)`,
          value: usable,
          unit: 'ms',
          baseline: floorMs,
          ratio: Number((usable / floorMs).toFixed(2)),
        },
        {
          benchmark: 'citizen-web',
          metric: `${name}: JavaScript and CSS loaded, compressed (baseline: the budget)`,
          value: bytes,
          unit: 'bytes',
          baseline: BUDGET_BYTES,
          ratio: Number((bytes / BUDGET_BYTES).toFixed(3)),
        },
      );
      console.log(
        `${name}: usable ${usable} ms (${(usable / floorMs).toFixed(2)}x a plain page's ${floorMs} ms), ${bytes} bytes of JS+CSS`,
      );
    }
    writeResults('citizen-web', records);
    const missed = records.filter((r) => (r.unit === 'ms' ? r.value > USABLE_TARGET_MS : r.value > BUDGET_BYTES));
    if (missed.length) throw new Error(`targets missed: ${missed.map((r) => r.metric).join('; ')}`);
  } finally {
    await browser?.close();
    await app?.stop();
    await platform.stop();
    baseline.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
