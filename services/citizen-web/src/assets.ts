import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where the built assets are: dist/services/citizen-web/assets beside the compiled src/. */
export const ASSETS_DIR = path.resolve(__dirname, '../assets');

/**
 * Each asset's address with its content's hash in the query (`/assets/app.css?v=1a2b3c4d`): served with a year's
 * cache, fetched again only when it changes.
 */
export function assetAddresses(dir = ASSETS_DIR): (name: string) => string {
  const hashes = new Map<string, string>();
  const walk = (folder: string, prefix = '') => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder)) {
      const full = path.join(folder, entry);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${entry}/`);
      else hashes.set(`${prefix}${entry}`, createHash('sha256').update(readFileSync(full)).digest('hex').slice(0, 10));
    }
  };
  walk(dir);
  return (name) => `/assets/${name}${hashes.has(name) ? `?v=${hashes.get(name)}` : ''}`;
}
