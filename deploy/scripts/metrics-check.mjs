#!/usr/bin/env node
// `npm run metrics:check`: starts the built platform in embedded mode, sends it a few requests, scrapes every
// block's /metrics and checks the text with Prometheus's own linter (`promtool check metrics`, Debian's
// `prometheus` package). Fails on any problem promtool reports, and on a route label without its block's prefix.
import { spawnSync } from 'node:child_process';
import { BLOCKS, startEmbeddedPlatform } from './embedded-platform.mjs';
import { usage } from './usage.mjs';

usage(`
usage: npm run metrics:check
Builds, starts OneDoor in embedded mode on a free port, sends requests to every block, and checks each block's
/metrics with \`promtool check metrics\` (apt-get install prometheus). Fails on any warning.
`);
if (spawnSync('promtool', ['--version']).error) {
  console.error('promtool is missing: apt-get install prometheus (Debian), or put promtool on the PATH');
  process.exit(1);
}
const { base, stop } = await startEmbeddedPlatform('metrics');
let failures = 0;
try {
  // Traffic, so that request metrics have series: documents, an unauthenticated call, the OpenID discovery.
  for (const block of BLOCKS) {
    await fetch(`${base}/${block}/openapi.json`).then((r) => r.arrayBuffer());
    await fetch(`${base}/${block}/diagnostics/probes/00000000-0000-4000-8000-000000000000`).then((r) =>
      r.arrayBuffer(),
    );
  }
  await fetch(`${base}/identity/.well-known/openid-configuration`).then((r) => r.arrayBuffer());
  for (const block of BLOCKS) {
    const text = await fetch(`${base}/${block}/metrics`).then((r) => r.text());
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    const problems = `${lint.stdout}${lint.stderr}`.trim();
    const routes = [...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]);
    const stray = [...new Set(routes.filter((route) => route !== 'unmatched' && !route.startsWith(`/${block}/`)))];
    if (lint.status !== 0 || problems || stray.length) {
      failures++;
      console.error(`${block}: promtool exit ${lint.status}${problems ? `\n${problems}` : ''}`);
      if (stray.length) console.error(`${block}: route labels without /${block}/: ${stray.join(', ')}`);
    } else {
      console.log(
        `${block}: ${text.split('\n').filter((l) => l && !l.startsWith('#')).length} samples, promtool clean`,
      );
    }
  }
} finally {
  await stop();
}
process.exit(failures ? 1 : 0);
