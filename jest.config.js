/** Unit tests (*.spec.ts, no I/O) and integration tests (*.integration-spec.ts, real Kafka and PostgreSQL). */
const { readFileSync } = require('node:fs');
const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;
const paths = require('./tsconfig.base.json').compilerOptions.paths;
const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
// Packages published only as ES modules (Node loads them with require(); Jest needs them compiled to CommonJS).
const ESM_ONLY = [
  '@nestjs/[a-z-]+',
  'oidc-provider',
  'openid-client',
  'oauth4webapi',
  'jose',
  'intl-messageformat',
  '@formatjs/[a-z-]+',
  'preact',
  'preact-render-to-string',
];
const esmPackage = `/node_modules/(?:${ESM_ONLY.join('|')})/`;
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { ...swc, swcrc: false }],
    [`${esmPackage}.+\\.m?js$`]: [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs' }, swcrc: false },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(?:${ESM_ONLY.join('|')})/)`],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services}/**/*.spec.{ts,tsx}'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services}/**/*.integration-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/libs/testing/jest/long-timeout.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/services/**/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/libs/testing/jest/long-timeout.js'],
    },
  ],
};
