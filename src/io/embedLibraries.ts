/**
 * The browser bundles of vega, vega-lite and vega-embed from node_modules, for the self-contained
 * HTML reports (src/io/htmlReport.ts). Their package exports hide the bundles, so each is found
 * next to its package's resolved entry (all three keep them in `build/`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { NcmError } from '../diagnostics.js';
import type { EmbedLibraries } from './htmlReport.js';

const require = createRequire(import.meta.url);

function bundle(pkg: string, file: string): string {
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new NcmError(`--html needs the npm package ${pkg} (run npm install in the nanocircuit folder)`);
  }
  return readFileSync(join(dirname(entry), file), 'utf8');
}

let cached: EmbedLibraries | undefined;

export function embedLibraries(): EmbedLibraries {
  cached ??= { vega: bundle('vega', 'vega.min.js'), vegaLite: bundle('vega-lite', 'vega-lite.min.js'), vegaEmbed: bundle('vega-embed', 'vega-embed.min.js') };
  return cached;
}
