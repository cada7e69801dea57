// Builds the citizen's web app's browser assets into dist/services/citizen-web/assets: the eForm island and the
// workspace's eForm preview (esbuild:
// Preact's compat layer for React, the Markdown renderer replaced by plain text), the stylesheet, the service worker,
// the icon and the Lao font (Noto Sans Lao, SIL Open Font License, from @fontsource). Called by `npm run build`.
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function buildBrowserAssets(root) {
  const out = path.join(root, 'dist/services/citizen-web/assets');
  mkdirSync(path.join(out, 'fonts'), { recursive: true });
  cpSync(path.join(here, '../assets'), out, { recursive: true });
  const fonts = path.join(root, 'node_modules/@fontsource/noto-sans-lao/files');
  for (const weight of [400, 700]) {
    copyFileSync(
      path.join(fonts, `noto-sans-lao-lao-${weight}-normal.woff2`),
      path.join(out, `fonts/noto-sans-lao-${weight}.woff2`),
    );
  }
  copyFileSync(path.join(root, 'node_modules/@fontsource/noto-sans-lao/LICENSE'), path.join(out, 'fonts/LICENSE.txt'));
  const stubs = path.join(here, 'stubs');
  await build({
    entryPoints: { eform: path.join(here, 'eform.tsx'), 'eform-preview': path.join(here, 'eform-preview.tsx') },
    outdir: out,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: {
      react: 'preact/compat',
      'react-dom': 'preact/compat',
      'react/jsx-runtime': 'preact/jsx-runtime',
      'react-dom/test-utils': 'preact/test-utils',
      'markdown-to-jsx': path.join(stubs, 'markdown-to-jsx'),
    },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: path.join(here, '../tsconfig.json'),
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildBrowserAssets(path.resolve(here, '../../..'));
}
