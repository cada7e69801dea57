#!/usr/bin/env node
// `npm run openapi:lint`: starts the built platform in embedded mode, takes every block's OpenAPI document from
// /<block>/openapi.json and lints it with Redocly's recommended rules (@redocly/openapi-core, the engine of
// `redocly lint`). Fails on any error; prints warnings with their counts.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { BLOCKS, startEmbeddedPlatform } from './embedded-platform.mjs';
import { usage } from './usage.mjs';

usage(`
usage: npm run openapi:lint
Builds, starts OneDoor in embedded mode on a free port and lints each block's /openapi.json with Redocly's
recommended rules. Fails on any error.
`);
const { base, stop } = await startEmbeddedPlatform('openapi');
let errors = 0;
try {
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
  await stop();
}
if (errors) {
  console.error(`openapi:lint: ${errors} errors`);
  process.exit(1);
}
console.log('openapi:lint: no errors');
