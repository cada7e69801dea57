#!/usr/bin/env node
// The secrets of `docker compose up`, made once: a file each in deploy/compose/secrets/ (mode 0600, mounted by
// compose as /run/secrets/<name> and read through the settings' `<NAME>_FILE`), and the public half of the sealing
// key in .env (compose reads it). An existing file is kept: run it again after deleting the one to replace.
// `npm run compose:secrets`.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { usage } from './usage.mjs';

usage(`
usage: npm run compose:secrets [-- --into <folder>]
Writes the secrets docker-compose.yml needs to deploy/compose/secrets/ (kept if present) and the sealing public key to
.env; with --into, to <folder>/secrets/ and <folder>/.env instead.
`);
const into = process.argv.indexOf('--into');
const root =
  into > 0 ? path.resolve(process.argv[into + 1]) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = into > 0 ? path.join(root, 'secrets') : path.join(root, 'deploy/compose/secrets');
mkdirSync(dir, { recursive: true, mode: 0o700 });

const key32 = () => randomBytes(32).toString('base64');
const ecKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
const made = [];
function secret(name, make) {
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    writeFileSync(file, `${make()}\n`, { mode: 0o600 });
    made.push(name);
  }
  return readFileSync(file, 'utf8').trim();
}

const password = secret('postgres_password', () => randomBytes(24).toString('base64url'));
secret('database_url', () => `postgres://onedoor:${password}@postgres:5432/onedoor`);
secret('identity_data_key', key32);
secret('identity_operator_client_secret', () => randomBytes(32).toString('base64url'));
secret('registration_certificate_key', () => JSON.stringify(ecKey()));
secret('feedback_pin_key', key32);
// The citizen's web app's client at the identity block: the app holds its secret, the identity block makes the
// client with it (IDENTITY_WEB_CLIENTS); and the key that seals the app's session cookie.
const webClient = secret('citizen_web_client_secret', () => randomBytes(32).toString('base64url'));
secret('identity_web_client_secrets', () => `citizen-web=${webClient}`);
secret('citizen_web_session_key', key32);
// Filled by the deployer (an SMTP relay's URL carries its password; the SMS gateway's token): empty, none is used.
secret('messaging_smtp_urls', () => '');
secret('messaging_sms_gateway_token', () => '');
const sealing = JSON.parse(secret('messaging_sealing_key', () => JSON.stringify(ecKey())));
const publicKey = JSON.stringify({ kty: sealing.kty, crv: sealing.crv, x: sealing.x, y: sealing.y });

const envFile = path.join(root, '.env');
const env = existsSync(envFile) ? readFileSync(envFile, 'utf8') : '';
if (!/^ONEDOOR_SEALING_PUBLIC_KEY=/m.test(env)) {
  writeFileSync(envFile, `${env}${env && !env.endsWith('\n') ? '\n' : ''}ONEDOOR_SEALING_PUBLIC_KEY='${publicKey}'\n`);
  made.push('.env: ONEDOOR_SEALING_PUBLIC_KEY');
}
console.log(made.length ? `made: ${made.join(', ')}` : 'every secret was there already');
console.log(`secrets in ${path.relative(root, dir)}/ (keep them; back them up as you would the database)`);
