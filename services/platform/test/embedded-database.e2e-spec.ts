import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';

const ROOT = path.resolve(__dirname, '../../..');
let child: ChildProcess;
let url: URL;

/** The embedded database in a process of its own (PGlite loads as an ES module, outside Jest's VM), its URL read back. */
beforeAll(async () => {
  child = spawn(
    process.execPath,
    [
      '-e',
      "require('./dist/libs/platform-kit/src/embedded-database').startEmbeddedDatabase('memory').then((db) => console.log(db.url))",
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('postgres://'));
      if (line) resolve(new URL(line.trim()));
    });
    child.once('exit', (code) => reject(new Error(`the embedded database exited with ${code}`)));
  });
});
afterAll(() => {
  child?.kill();
});

async function answer(connectionString: string): Promise<number> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<{ answer: number }>('SELECT 41 + 1 AS answer')).rows[0].answer;
  } finally {
    await client.end();
  }
}

describe("the embedded database's wire port", () => {
  it('serves the process that holds its URL, with its password', async () => {
    expect(url.password.length).toBeGreaterThanOrEqual(24);
    expect(await answer(url.href)).toBe(42);
  });

  it('refuses another local process without the password, or with a wrong one', async () => {
    await expect(answer(`postgres://postgres@127.0.0.1:${url.port}/postgres`)).rejects.toThrow();
    await expect(answer(`postgres://postgres:guess@127.0.0.1:${url.port}/postgres`)).rejects.toThrow(
      'password authentication failed',
    );
    expect(await answer(url.href)).toBe(42);
  });
});
