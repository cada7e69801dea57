#!/usr/bin/env node
// Compiles libs/, services/ and bench/ to dist/ with SWC (decorator metadata for NestJS, `@onedoor/*` paths rewritten to
// relative imports, so `node dist/...` needs no loader). Type checking is `npm run typecheck`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { usage } from './usage.mjs';

usage(`
usage: npm run build
Compiles libs/, services/ and bench/ to dist/ with SWC, and the citizen's web app's browser assets with esbuild.
Type checking is \`npm run typecheck\`.
`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const config = JSON.parse(readFileSync(path.join(root, '.swcrc'), 'utf8'));
config.jsc.baseUrl = root;
// One list of the `@onedoor/*` entry points: tsconfig.base.json's, as the type checker and Jest read it.
config.jsc.paths = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths;
const dir = mkdtempSync(path.join(tmpdir(), 'onedoor-swc-'));
const configFile = path.join(dir, '.swcrc');
writeFileSync(configFile, JSON.stringify(config));
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const result = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/@swc/cli/bin/swc.js'),
    'libs',
    'services',
    'bench',
    '-d',
    'dist',
    '--config-file',
    configFile,
    '--ignore',
    '**/*.spec.ts,**/*.integration-spec.ts,**/*.e2e-spec.ts,services/citizen-web/browser/**',
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);
rmSync(dir, { recursive: true, force: true });
if (result.status !== 0) process.exit(result.status ?? 1);
// The citizen's web app's browser assets (its eForm island, stylesheet, service worker, Lao font).
const { buildBrowserAssets } = await import('../../services/citizen-web/browser/build.mjs');
await buildBrowserAssets(root);
