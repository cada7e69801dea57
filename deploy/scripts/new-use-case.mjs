#!/usr/bin/env node
// `npm run new:use-case -- <block> <use-case>`: writes a use case in its place (docs/adr/0012-block-shape.md):
// services/<block>/src/application/<use-case>/ with its command, its handler and the handler's integration test.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { usage } from './usage.mjs';

usage(`
usage: npm run new:use-case -- <block> <use-case>
Writes services/<block>/src/application/<use-case>/ with <use-case>.command.ts (a command that validates itself),
<use-case>.handler.ts and <use-case>.handler.integration-spec.ts (the handler against a real PostgreSQL), for a
block in the shape of docs/adr/0012-block-shape.md. <use-case> is kebab-case, a verb first: record-finding.
Then: add the handler to the block module's handlers, and call it from an adapter (api/, govstack/, events/).
`);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [block, useCase] = process.argv.slice(2);
const fail = (message) => {
  console.error(message);
  process.exit(64);
};
const blocks = readdirSync(path.join(root, 'services')).filter((name) =>
  existsSync(path.join(root, 'services', name, 'src/domain')),
);
if (!block || !useCase) fail('usage: npm run new:use-case -- <block> <use-case> (npm run new:use-case -- --help)');
if (!blocks.includes(block)) fail(`${block}: not a block in the shape (one of: ${blocks.join(', ')})`);
if (!/^[a-z]+(-[a-z0-9]+)+$/.test(useCase)) fail(`${useCase}: kebab-case, a verb and what it acts on (record-finding)`);

const pascal = (text) => text.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
const Block = pascal(block);
const Command = pascal(useCase);
const folder = path.join(root, 'services', block, 'src/application', useCase);
if (existsSync(folder)) fail(`${path.relative(root, folder)} exists already`);

const files = {
  [`${useCase}.command.ts`]: `import { IsObject, IsUUID } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** TODO: what the caller asks for, in the words of the ${block} block. */
export class ${Command} extends Command {
  @IsUUID() id: string;
  @IsObject() caller: Caller;
}
`,
  [`${useCase}.handler.ts`]: `import { Injectable } from '@nestjs/common';
import { ${Block}Error, ${Block}ErrorCode } from '../../domain';
import { ${Command} } from './${useCase}.command';

/** TODO: what it does, what it refuses (a code of ${Block}ErrorCode each), what it publishes. */
@Injectable()
export class ${Command}Handler {
  // The ports it needs (application/ports.ts), injected by their abstract class.
  constructor() {}

  async execute({ id }: ${Command}): Promise<unknown> {
    throw new ${Block}Error(${Block}ErrorCode.VALIDATION_FAILED, \`${useCase} is not written yet (\${id}).\`);
  }
}
`,
  [`${useCase}.handler.integration-spec.ts`]: `import { ${Command} } from './${useCase}.command';
import { ${Command}Handler } from './${useCase}.handler';

// The handler against the block's real database, without HTTP or Kafka (see the block's test/ harness).
describe('${useCase.replace(/-/g, ' ')}', () => {
  it('does what the caller asked, and nothing when refused', async () => {
    const handler = new ${Command}Handler();
    const command = ${Command}.create({ id: '00000000-0000-4000-8000-000000000000', caller: { sub: 'someone', roles: [] } });
    await expect(handler.execute(command)).resolves.toBeDefined();
  });
});
`,
};
mkdirSync(folder, { recursive: true });
for (const [name, text] of Object.entries(files)) {
  writeFileSync(path.join(folder, name), text);
  console.log(`wrote ${path.relative(root, path.join(folder, name))}`);
}
console.log(
  `next: add ${Command}Handler to services/${block}/src/${block}.module.ts, call it from an adapter, make the test pass`,
);
