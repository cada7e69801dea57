#!/usr/bin/env node
// `npm run faults`: the fault test at full size (services/platform/test/faults.e2e-spec.ts), through `npm test`'s
// runner (build, a real Kafka broker, PostgreSQL). `npm test` runs the same test at a reduced size.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { usage } from './usage.mjs';

usage(`
usage: npm run faults [-- --seed N]
Runs the fault test at full size: the two journeys (a one-door application, a hotline complaint) every 2 s and
cases at 4 a second through every block in distributed mode (two replicas of workflow and messaging) while Kafka
is restarted twice, every process is killed once, PostgreSQL is restarted, the signing keys are rotated and the
documents' volume is unmounted; prints the counts and the seed. --seed N replays a run's choices.
`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedAt = process.argv.indexOf('--seed');
const env = { ...process.env, FAULTS_SIZE: 'full' };
if (seedAt > 0) env.FAULTS_SEED = process.argv[seedAt + 1];
const result = spawnSync(
  process.execPath,
  [path.join(root, 'deploy/scripts/test.mjs'), 'e2e', '--testPathPatterns', 'faults\\.e2e-spec'],
  { cwd: root, stdio: 'inherit', env },
);
process.exit(result.status ?? 1);
