import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const eslint = path.join(root, 'node_modules/eslint/bin/eslint.js');

/** Lints `code` as if it were the file at `file`; the messages of the layer rule. */
function lint(file: string, code: string): Promise<string[]> {
  // The report goes to a file of its own: ESLint's plugins may print warnings on stdout (Nx does, without a
  // project graph cached yet, as on a fresh clone).
  const dir = mkdtempSync(path.join(tmpdir(), 'layer-rules-'));
  const report = path.join(dir, 'report.json');
  return new Promise<string[]>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [eslint, '--stdin', '--stdin-filename', file, '--format', 'json', '--output-file', report],
      { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', () => {
      try {
        const [result] = JSON.parse(readFileSync(report, 'utf8')) as {
          messages: { ruleId: string | null; message: string }[];
        }[];
        resolve(
          result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message),
        );
      } catch (error) {
        reject(new Error(`eslint gave no report for ${file}: ${(error as Error).message}\n${err}`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    child.stdin.end(code);
  });
}

const use = (specifier: string, name = 'x') => `import { ${name} } from '${specifier}';\nexport const y = ${name};\n`;

/** Each layer rule of eslint.config.mjs, shown refusing a file that breaks it and accepting one that keeps it. */
describe('the layers inside a block (docs/adr/0012-block-shape.md)', () => {
  const cases: [string, string, string, boolean][] = [
    ['domain imports a framework', 'services/registration/src/domain/example.ts', use('@nestjs/common'), false],
    ['domain imports the database', 'services/registration/src/domain/example.ts', use('typeorm'), false],
    ['domain imports a use case', 'services/registration/src/domain/example.ts', use('../application/ports'), false],
    ['domain imports the contracts', 'services/registration/src/domain/example.ts', use('@onedoor/contracts'), true],
    [
      'a use case imports a repository',
      'services/registration/src/application/example/example.handler.ts',
      use('../../persistence/applications.repository'),
      false,
    ],
    [
      'a use case uses TypeORM',
      'services/registration/src/application/example/example.handler.ts',
      use('typeorm', 'DataSource'),
      false,
    ],
    [
      'a use case names the transaction type',
      'services/registration/src/application/example/example.handler.ts',
      "import type { EntityManager } from 'typeorm';\nexport type T = EntityManager;\n",
      true,
    ],
    [
      'a controller queries the database',
      'services/registration/src/api/example.controller.ts',
      use('typeorm', 'DataSource'),
      false,
    ],
    [
      'a controller calls a repository',
      'services/workflow/src/api/example.controller.ts',
      use('../persistence/instances.repository'),
      false,
    ],
    [
      'a consumer calls a handler',
      'services/registration/src/events/example.consumer.ts',
      use('../application/follow-workflow/follow-workflow.handler'),
      true,
    ],
    [
      'persistence imports an adapter',
      'services/registration/src/persistence/example.repository.ts',
      use('../api/problems'),
      false,
    ],
  ];

  it.each(cases)('%s', async (_what, file, code, allowed) => {
    const messages = await lint(file, code);
    expect(messages.length === 0).toBe(allowed);
  });
});
