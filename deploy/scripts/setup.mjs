#!/usr/bin/env node
// `npm run setup`: checks what the tests and the distributed mode need on this machine, and fetches the local
// Kafka broker's jars from Maven Central (first run only). `npm start` alone needs none of it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { usage } from './usage.mjs';

usage(`
usage: npm run setup [-- --dry-run]
Checks Node, Java 17+, Maven and PostgreSQL (DATABASE_URL or 127.0.0.1:5432), then resolves the local Kafka
broker from Maven Central (deploy/kafka). --dry-run: only checks, fetches nothing.
`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const dryRun = process.argv.includes('--dry-run');
let missing = 0;

function report(ok, what, detail) {
  console.log(`${ok ? 'ok  ' : 'MISSING'} ${what}${detail ? `: ${detail}` : ''}`);
  if (!ok) missing++;
}

function version(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  // Maven colours its banner; the escape sequences are dropped.
  const text = `${result.stdout}${result.stderr}`.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
  return text.split('\n').find((line) => line.trim()) ?? '';
}

report(true, 'Node', `${process.versions.node} (${process.execPath})`);
const java = version('java', ['-version']);
report(!!java, 'Java 17+ (the local Kafka broker)', java);
const maven = version('mvn', ['-v']);
report(!!maven, 'Maven (fetches the broker from Maven Central)', maven);
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const pg = require('pg');
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
try {
  await client.connect();
  const { rows } = await client.query('SHOW server_version');
  report(true, 'PostgreSQL', `${rows[0].server_version} at ${url.replace(/\/\/[^@]*@/, '//')}`);
} catch (error) {
  report(false, 'PostgreSQL', `${error.message} (start the local server or set DATABASE_URL)`);
} finally {
  await client.end().catch(() => undefined);
}
if (!dryRun && java && maven) {
  const broker = require(path.join(root, 'deploy/kafka/broker.cjs'));
  report(true, 'Kafka broker jars', broker.resolve());
}
if (missing) {
  console.log(`\n${missing} missing: \`npm start\` (embedded mode) works without them; \`npm test\` needs them.`);
  process.exit(1);
}
console.log('\nready: `npm start` runs the platform, `npm test` the whole test suite.');
