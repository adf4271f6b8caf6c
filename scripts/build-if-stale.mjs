#!/usr/bin/env node
// `npm start` builds only when dist/ is missing or older than a source: `npm install` has already
// built through `prepare`, and a second tsc run costs a minute on a loaded machine (issue 14).
// Plain Node, no TypeScript: it must run before anything is compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// the bundle is written last by `npm run build` (tsc, then scripts/bundle.mjs)
const entry = join(root, 'dist', 'ncm', 'main.js');
// What tsconfig.build.json compiles, and the configs themselves.
const SOURCES = ['src', 'grammar', 'bench', 'examples', 'types'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

/** Newest modification time (ms) of the .ts files under `dir`, 0 when there are none. */
function newestTs(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestTs(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(entry)) return 'dist/ is missing';
  const built = statSync(entry).mtimeMs;
  const newest = Math.max(...SOURCES.map((d) => newestTs(join(root, d))), ...CONFIGS.map((f) => (existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0)));
  return newest > built ? 'a source is newer than dist/' : null;
}

const why = stale();
if (why !== null) {
  process.stderr.write(`npm start: ${why}; building\n`);
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
}
