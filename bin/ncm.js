#!/usr/bin/env node
// Thin launcher: `npm run build` (run automatically by `npm install`) compiles the CLI to dist/ and
// bundles it into dist/ncm/ (scripts/bundle.mjs), which starts several times faster than the
// ~1,500 separate modules of the compiled tree; the compiled tree is the fallback.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const bundled = join(here, '..', 'dist', 'ncm', 'main.js');
const compiled = join(here, '..', 'dist', 'src', 'cli', 'main.js');
const entry = existsSync(bundled) ? bundled : compiled;
if (!existsSync(entry)) {
  process.stderr.write('ncm: not built yet; run `npm run build` (or `npm install`) in the nanocircuit folder first.\n');
  process.exit(2);
}
await import(entry);
