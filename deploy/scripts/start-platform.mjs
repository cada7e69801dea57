#!/usr/bin/env node
// `npm run start:platform`: the distributed mode on this machine, as production runs it: the local Kafka broker,
// the local PostgreSQL (database `onedoor`, made if missing) and the five blocks and the information mediator as processes on ports 3001-3006.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { usage } from './usage.mjs';

usage(`
usage: npm run start:platform [-- --dry-run]
Starts the local Kafka broker (deploy/kafka), makes the database \`onedoor\` on the local PostgreSQL (or uses
DATABASE_URL), builds, and runs the five blocks and the information mediator as processes on ports 3001 to 3006 with the identity block's keys
(AUTH_JWKS_URL). Ctrl-C stops the blocks and the broker. --dry-run: prints the settings and starts nothing.
`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const broker = require(path.join(root, 'deploy/kafka/broker.cjs'));
const pg = require('pg');

const host = '127.0.0.1';
const databaseUrl = process.env.DATABASE_URL ?? `postgres://postgres@${host}:5432/onedoor`;
const identityPort = process.env.IDENTITY_PORT ?? '3001';
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  AUTH_JWKS_URL: process.env.AUTH_JWKS_URL ?? `http://${host}:${identityPort}/identity/.well-known/jwks.json`,
  AUTH_AUDIENCE: process.env.AUTH_AUDIENCE ?? 'urn:onedoor:api',
};
if (process.argv.includes('--dry-run')) {
  const port = process.env.ONEDOOR_KAFKA_PORT ?? '19092';
  console.log(`KAFKA_BROKERS=${host}:${port}`);
  for (const name of ['DATABASE_URL', 'AUTH_JWKS_URL', 'AUTH_AUDIENCE']) console.log(`${name}=${env[name]}`);
  process.exit(0);
}

async function ensureDatabase() {
  const target = new URL(databaseUrl);
  const name = target.pathname.slice(1);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

await ensureDatabase();
const build = spawnSync(process.execPath, [path.join(root, 'deploy/scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
env.KAFKA_BROKERS = await broker.start();
const platform = spawn(process.execPath, [path.join(root, 'dist/services/platform/src/main.js')], {
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => platform.kill('SIGTERM'));
platform.on('exit', async (code) => {
  await broker.stop();
  process.exit(code ?? 0);
});
