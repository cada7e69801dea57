import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const BLOCKS = ['identity', 'registration', 'messaging', 'workflow', 'feedback'];
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

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.nx/**', 'deploy/kafka/.runtime/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
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
    // A POST route keeps Idempotency-Keys: it is declared with @onedoor/http's Post, which puts the interceptor on it.
    files: ['**/*.ts'],
    ignores: ['libs/http/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['Post'],
              message: "Use Post from '@onedoor/http': it keeps Idempotency-Keys on the route.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
