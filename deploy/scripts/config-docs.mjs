#!/usr/bin/env node
// `npm run config:docs`: writes the README's configuration table from the configuration schema (libs/config).
// With --check (CI): fails when the README's table differs from the schema.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { usage } from './usage.mjs';

usage(`
usage: npm run config:docs [-- --check]
Writes the README's configuration table (between its config-table markers) from libs/config's schema.
--check: fails when the README is not current (CI).
`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const build = spawnSync(process.execPath, [path.join(root, 'deploy/scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const { settingsTable } = require(path.join(root, 'dist/libs/config/src/index.js'));
const prettier = require('prettier');

const BEGIN = '<!-- config-table: made by `npm run config:docs` from libs/config/src/settings.ts -->';
const END = '<!-- /config-table -->';
const readmePath = path.join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(BEGIN);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  console.error(`README.md has no configuration table markers (${BEGIN} … ${END})`);
  process.exit(1);
}
const draft = `${readme.slice(0, start + BEGIN.length)}\n\n${settingsTable()}\n\n${readme.slice(end)}`;
const options = { ...(await prettier.resolveConfig(readmePath)), filepath: readmePath };
const next = await prettier.format(draft, options);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error("README.md's configuration table differs from libs/config's schema: run `npm run config:docs`");
    process.exit(1);
  }
  console.log("README.md's configuration table matches the schema");
} else {
  writeFileSync(readmePath, next);
  console.log('README.md: configuration table written');
}
