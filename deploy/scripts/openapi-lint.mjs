#!/usr/bin/env node
// `npm run openapi:lint`: starts the built platform in embedded mode, takes every block's OpenAPI document from
// /<block>/openapi.json and lints it with Redocly's recommended rules (@redocly/openapi-core, the engine of
// `redocly lint`). Fails on any error; prints warnings with their counts.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { usage } from './usage.mjs';

usage(`
usage: npm run openapi:lint
Builds, starts OneDoor in embedded mode on a free port and lints each block's /openapi.json with Redocly's
recommended rules. Fails on any error.
`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BLOCKS = ['identity', 'registration', 'messaging', 'workflow', 'feedback'];

const build = spawnSync(process.execPath, [path.join(root, 'deploy/scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const dataDir = mkdtempSync(path.join(tmpdir(), 'onedoor-openapi-'));
const platform = spawn(process.execPath, [path.join(root, 'dist/services/platform/src/main.js')], {
  env: { ...process.env, PORT: String(port), ONEDOOR_DATA_DIR: dataDir, LOG_LEVEL: 'warn', KAFKA_BROKERS: '' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
let errors = 0;
try {
  for (let i = 0; ; i++) {
    const ready = await fetch(`${base}/feedback/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (i > 600 || platform.exitCode !== null) throw new Error('the platform did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const config = await createConfig({ extends: ['recommended'] });
  for (const block of BLOCKS) {
    const source = await fetch(`${base}/${block}/openapi.json`).then((r) => r.text());
    const problems = await lintFromString({ source, absoluteRef: `${block}.openapi.json`, config });
    const counts = new Map();
    for (const problem of problems) {
      const key = `${problem.severity} ${problem.ruleId}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (problem.severity === 'error') {
        errors += 1;
        console.error(`${block}: ${problem.ruleId}: ${problem.message} at ${problem.location?.[0]?.pointer ?? ''}`);
      }
    }
    const summary = [...counts].map(([key, n]) => `${n} ${key}`).join(', ');
    console.log(`${block}: ${problems.length ? summary : 'no problems'}`);
  }
} finally {
  platform.kill('SIGTERM');
  await new Promise((resolve) => platform.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
if (errors) {
  console.error(`openapi:lint: ${errors} errors`);
  process.exit(1);
}
console.log('openapi:lint: no errors');
