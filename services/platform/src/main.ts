import './instrument';
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BLOCKS } from '@onedoor/contracts';
import { exitOnStartFailure, loadPlatformConfig, startPlatform, stopOnSignals } from '@onedoor/platform-kit';
import { ALL_BLOCKS } from './blocks';

/**
 * `npm start`. Without KAFKA_BROKERS: all five blocks and the mediator in this process on one port (embedded mode).
 * With KAFKA_BROKERS (and DATABASE_URL): each block as its own process on its own port, supervised here.
 */
async function main() {
  const config = loadPlatformConfig();
  if (config.mode === 'embedded') {
    stopOnSignals(await startPlatform(ALL_BLOCKS, config));
    return;
  }
  const children: ChildProcess[] = BLOCKS.map((block) =>
    fork(path.resolve(__dirname, `../../${block}/src/main.js`), { stdio: 'inherit', env: process.env }),
  );
  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r))))).then(() =>
      process.exit(code),
    );
  };
  for (const child of children) child.once('exit', (code) => !stopping && stopAll(code ?? 1));
  process.once('SIGTERM', () => stopAll(0));
  process.once('SIGINT', () => stopAll(0));
}

main().catch((error: unknown) => exitOnStartFailure('onedoor', error));
