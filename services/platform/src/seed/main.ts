import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readSetting } from '@onedoor/config';
import { BLOCKS } from '@onedoor/contracts';
import { seedJourneys, type SeedOutput } from './seed';

/**
 * `node dist/services/platform/src/seed/main.js [--url http://127.0.0.1:3000] [--block-urls identity=http://…,…]
 * [--out .onedoor/seed.json]`: puts the
 * journeys' seed data in place through the running platform's APIs (see seed.ts), as the platform operator
 * (IDENTITY_OPERATOR_CLIENT_ID and _SECRET, or _SECRET_FILE). The secrets it was given (service clients', HR's
 * activation codes, the Open311 key) go to the output file, readable by its owner only; running it again reads them
 * back and changes nothing.
 */
async function main() {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  // Every block under one origin (the embedded platform, the reverse proxy), unless named one by one.
  const url = option('url', 'http://127.0.0.1:3000').replace(/\/$/, '');
  const urls: Record<string, string> = Object.fromEntries(BLOCKS.map((block) => [block, `${url}/${block}`]));
  for (const pair of option('block-urls', '').split(',').filter(Boolean)) {
    const [block, base] = pair.split('=');
    urls[block] = base.replace(/\/$/, '');
  }
  const out = path.resolve(option('out', '.onedoor/seed.json'));
  const id = readSetting('IDENTITY_OPERATOR_CLIENT_ID');
  const secret = readSetting('IDENTITY_OPERATOR_CLIENT_SECRET');
  if (!id || !secret) {
    throw new Error(
      'IDENTITY_OPERATOR_CLIENT_ID and IDENTITY_OPERATOR_CLIENT_SECRET (or _FILE) name the operator client',
    );
  }
  const root = path.resolve(__dirname, '../../../../..');
  const previous: SeedOutput = existsSync(out)
    ? (JSON.parse(readFileSync(out, 'utf8')) as SeedOutput)
    : { clients: {}, activationCodes: {} };
  const output = await seedJourneys({
    urls,
    operator: { id, secret },
    importLicenceBpmn: readFileSync(path.join(root, 'services/workflow/examples/import-licence.bpmn'), 'utf8'),
    previous,
    log: (line) => console.log(`seed: ${line}`),
  });
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(output, null, 2)}\n`, { mode: 0o600 });
  chmodSync(out, 0o600);
  console.log(`seed: done; secrets and activation codes in ${out} (readable by its owner only)`);
}

main().catch((error: unknown) => {
  console.error(`seed: ${(error as Error).message}`);
  process.exit(1);
});
