import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const BLOCKS = ['identity', 'registration', 'messaging', 'workflow', 'feedback', 'mediator'];
/** What a contracts library may never import: it is pure data, safe for integrators to depend on. */
const INFRASTRUCTURE = [
  'typeorm',
  'pg',
  'kafkajs',
  '@nestjs/*',
  '@opentelemetry/*',
  'pino',
  'prom-client',
  'express',
  '@electric-sql/*',
];

const BLOCK_SRC = `services/{${BLOCKS.join(',')}}/src`;
/** What talks to the outside world: HTTP, the database, the broker, the platform's wiring. */
const FRAMEWORKS = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'kafkajs',
  'express',
  '@onedoor/backbone',
  '@onedoor/http',
  '@onedoor/persistence',
  '@onedoor/platform-kit',
  '@onedoor/observability',
  '@onedoor/auth',
  '@onedoor/config',
];
const layer = (name) => [`**/${name}/**`, `../${name}`];

/** One rule per layer: what its files may not import (type-only imports of a port's types are allowed where said). */
function layerRules() {
  const rule = (files, patterns) => ({
    files,
    // Tests assert what a layer's users see, with whatever they need (a replayed answer, a scratch database).
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  });
  return [
    rule(
      [`${BLOCK_SRC}/domain/**/*.ts`],
      [
        { group: FRAMEWORKS, message: 'domain/ is plain TypeScript: no framework, database or broker.' },
        {
          group: ['application', 'persistence', 'api', 'govstack', 'events', 'gateways'].flatMap(layer),
          message: 'domain/ depends on nothing else in the block: the other layers depend on it.',
        },
      ],
    ),
    rule(
      [`${BLOCK_SRC}/application/**/*.ts`],
      [
        {
          group: ['typeorm', '@onedoor/http'],
          allowTypeImports: true,
          message: 'A use case reaches the database through its ports (application/ports.ts); types only here.',
        },
        {
          group: ['pg', 'kafkajs', 'express', '@onedoor/persistence'],
          message: 'Use cases reach infrastructure through ports.',
        },
        {
          group: ['persistence', 'api', 'govstack', 'events', 'gateways'].flatMap(layer),
          message: 'application/ depends on domain/ and its own ports; persistence/ and the adapters depend on it.',
        },
      ],
    ),
    rule(
      [`${BLOCK_SRC}/{api,govstack,events}/**/*.ts`],
      [
        {
          group: ['typeorm', 'pg', 'kafkajs', '@onedoor/persistence'],
          message: 'Adapters only translate: build the command, call the handler, map the answer. No queries here.',
        },
        {
          group: ['persistence', 'gateways'].flatMap(layer),
          message: 'Adapters call use cases (application/), never repositories or gateways.',
        },
      ],
    ),
    rule(
      [`${BLOCK_SRC}/persistence/**/*.ts`],
      [
        {
          group: ['api', 'govstack', 'events', 'gateways'].flatMap(layer),
          message: 'persistence/ implements the ports; it knows nothing of the adapters.',
        },
      ],
    ),
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.nx/**', 'deploy/kafka/.runtime/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // A block never imports another block: blocks talk through events and published HTTP APIs.
            ...BLOCKS.map((block) => ({
              sourceTag: `scope:${block}`,
              onlyDependOnLibsWithTags: [`scope:${block}`, 'scope:shared'],
            })),
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The composition root of embedded mode is the one place that knows every block.
            { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['*'] },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: INFRASTRUCTURE,
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:testing'] },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:data-access', 'type:testing'],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:util',
                'type:data-access',
                'type:feature',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:data-access', 'type:testing'],
            },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // A state-changing route keeps Idempotency-Keys: it is declared with @onedoor/http's Post, Put, Patch or Delete,
    // which put the interceptor on it.
    files: ['**/*.{ts,tsx}'],
    // The citizen's web app keeps nothing: each of its writes is a block's, sent with an Idempotency-Key.
    ignores: ['libs/http/**', 'services/citizen-web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['Post', 'Put', 'Patch', 'Delete'],
              message: "Use Post, Put, Patch and Delete from '@onedoor/http': they keep Idempotency-Keys on the route.",
            },
          ],
        },
      ],
    },
  },
  // Inside a block (docs/adr/0012-block-shape.md): the domain is plain TypeScript; use cases reach the database,
  // the broker and other blocks only through their ports; adapters (api/, govstack/, events/) only translate.
  ...layerRules(),
  {
    // The citizen's web app's scripts for the browser: the page's and the service worker's.
    files: ['services/citizen-web/assets/**/*.js', 'services/citizen-web/browser/stubs/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.serviceworker } },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
