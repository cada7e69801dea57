#!/usr/bin/env node
// `npm run bench`: builds, starts the real Kafka broker, runs the benchmarks against it and the local PostgreSQL
// (or DATABASE_URL), writes bench/results/latest.json, stops the broker.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const broker = require(path.join(root, 'deploy/kafka/broker.cjs'));

const build = spawnSync(process.execPath, [path.join(root, 'deploy/scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const bootstrap = await broker.start({ fresh: true });
let status = 1;
try {
  status =
    spawnSync(process.execPath, [path.join(root, 'dist/bench/backbone.bench.js')], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, KAFKA_BROKERS: bootstrap },
    }).status ?? 1;
} finally {
  await broker.stop();
}
process.exit(status);
