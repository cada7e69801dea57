#!/usr/bin/env node
// `npm start`: builds, then starts the platform (dist/services/platform/src/main.js): embedded mode with nothing
// configured, or the five blocks and the mediator as supervised processes when KAFKA_BROKERS is set. In embedded
// mode, the citizen's web app too (dist/services/citizen-web/src/main.js), once the blocks answer, with its client
// at the identity block registered by the development operator.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { usage } from './usage.mjs';

usage(`
usage: npm start
Builds, then starts OneDoor. Nothing configured: embedded mode, all five blocks and the mediator on http://127.0.0.1:3000 with an
embedded PostgreSQL kept in .onedoor/, and the citizen's web app on http://127.0.0.1:3010 (CITIZEN_WEB_PORT).
KAFKA_BROKERS, DATABASE_URL and AUTH_JWKS_URL set: distributed mode, each block its own process. Every setting: the
README's Configuration table. Stop with Ctrl-C.
`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const build = spawnSync(process.execPath, [path.join(root, 'deploy/scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const embedded = !process.env.KAFKA_BROKERS;
const platform = spawn(process.execPath, [path.join(root, 'dist/services/platform/src/main.js')], { stdio: 'inherit' });
let web;
let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  web?.kill('SIGTERM');
  platform.kill('SIGTERM');
  setTimeout(() => process.exit(code), 100).unref();
};
platform.once('exit', (code, signal) => {
  web?.kill('SIGTERM');
  process.exit(code ?? (signal ? 0 : 1));
});
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));
if (embedded) startCitizenWeb().catch((error) => console.error(`citizen-web not started: ${error.message}`));

/**
 * The citizen's web app beside the embedded platform. Its client at the identity block: CITIZEN_WEB_CLIENT_SECRET
 * when set; else, with the development operator's token (no AUTH_JWKS_URL), registered once and its secret kept in
 * the data directory; else the app serves only what needs no sign-in.
 */
async function startCitizenWeb() {
  const port = process.env.PORT || '3000';
  const api = `http://127.0.0.1:${port}`;
  const webPort = process.env.CITIZEN_WEB_PORT || '3010';
  const publicUrl = process.env.CITIZEN_WEB_PUBLIC_URL || `http://127.0.0.1:${webPort}`;
  const dataDir = path.resolve(root, process.env.ONEDOOR_DATA_DIR || '.onedoor');
  for (let i = 0; ; i++) {
    if (stopping) return;
    const ready = await fetch(`${api}/identity/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (i > 600) throw new Error('the platform did not get ready');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const env = { ...process.env, CITIZEN_WEB_API_URL: process.env.CITIZEN_WEB_API_URL || api };
  if (!env.CITIZEN_WEB_CLIENT_SECRET) {
    const secret = await developmentClient(api, publicUrl, dataDir).catch((error) => {
      console.error(`citizen-web: signing in is off (${error.message}); set CITIZEN_WEB_CLIENT_SECRET`);
    });
    if (secret) env.CITIZEN_WEB_CLIENT_SECRET = secret;
  }
  web = spawn(process.execPath, [path.join(root, 'dist/services/citizen-web/src/main.js')], { stdio: 'inherit', env });
  web.once('exit', (code) => !stopping && console.error(`citizen-web stopped (${code}); the blocks go on`));
}

async function developmentClient(api, publicUrl, dataDir) {
  const kept = path.join(dataDir, 'citizen-web-client.secret');
  if (existsSync(kept)) return readFileSync(kept, 'utf8').trim();
  const tokenFile = path.join(dataDir, 'operator.token');
  if (!existsSync(tokenFile)) throw new Error('no development operator token');
  const response = await fetch(`${api}/identity/client-mgmt/oidc-client`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${readFileSync(tokenFile, 'utf8').trim()}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      requestTime: new Date().toISOString(),
      request: {
        clientId: process.env.CITIZEN_WEB_CLIENT_ID || 'citizen-web',
        clientName: "The citizen's web app",
        redirectUris: [`${publicUrl}/signin/callback`],
        grantTypes: ['authorization_code'],
        clientAuthMethods: ['client_secret_basic'],
        firstParty: true,
      },
    }),
  });
  const body = await response.json().catch(() => ({}));
  if (response.status !== 201) throw new Error(`client registration answered ${response.status}`);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(kept, body.response.clientSecret, { mode: 0o600 });
  return body.response.clientSecret;
}
