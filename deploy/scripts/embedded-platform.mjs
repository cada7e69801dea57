// The built platform in embedded mode on a free port, for the checks that read what it serves (metrics:check,
// openapi:lint): builds, starts dist/services/platform/src/main.js with a fresh data directory, waits until every
// block is ready. `stop()` ends it and removes the data directory.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BLOCKS = ['identity', 'registration', 'messaging', 'workflow', 'feedback', 'mediator'];

export async function startEmbeddedPlatform(name) {
  const build = spawnSync(process.execPath, [path.join(root, 'deploy/scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), `onedoor-${name}-`));
  const platform = spawn(process.execPath, [path.join(root, 'dist/services/platform/src/main.js')], {
    env: { ...process.env, PORT: String(port), ONEDOOR_DATA_DIR: dataDir, LOG_LEVEL: 'warn', KAFKA_BROKERS: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = async () => {
    platform.kill('SIGTERM');
    await new Promise((resolve) => (platform.exitCode !== null ? resolve() : platform.once('exit', resolve)));
    rmSync(dataDir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ready = await fetch(`${base}/feedback/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { base, stop };
    if (i > 600 || platform.exitCode !== null) {
      await stop();
      throw new Error('the platform did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
