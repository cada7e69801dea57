#!/usr/bin/env node
// `npm start`: builds, then starts the platform (dist/services/platform/src/main.js): embedded mode with nothing
// configured, or the five blocks and the mediator as supervised processes when KAFKA_BROKERS is set.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { usage } from './usage.mjs';

usage(`
usage: npm start
Builds, then starts OneDoor. Nothing configured: embedded mode, all five blocks and the mediator on http://127.0.0.1:3000 with an
embedded PostgreSQL kept in .onedoor/. KAFKA_BROKERS, DATABASE_URL and AUTH_JWKS_URL set: distributed mode, each
block its own process. Every setting: the README's Configuration table. Stop with Ctrl-C.
`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const build = spawnSync(process.execPath, [path.join(root, 'deploy/scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, [path.join(root, 'dist/services/platform/src/main.js')], { stdio: 'inherit' });
process.exit(run.status ?? (run.signal ? 0 : 1));
