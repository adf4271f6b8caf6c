import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm start` runs scripts/build-if-stale.mjs before the CLI: it builds only when dist/ is missing or
// older than a source. Checked on a copy of the script in a temporary tree, with an `npm` first on
// the PATH that only records its arguments (the real one costs seconds to start).
function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'ncm-start-'));
  mkdirSync(join(root, 'scripts'));
  copyFileSync('scripts/build-if-stale.mjs', join(root, 'scripts', 'build-if-stale.mjs'));
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'bin', 'npm'), '#!/bin/sh\necho "$@" > built\n', { mode: 0o755 });
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), '');
  return root;
}

function start(root: string): { status: number | null; stderr: string; built: string | null } {
  const env = { ...process.env, PATH: `${join(root, 'bin')}${delimiter}${process.env.PATH ?? ''}` };
  const r = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: root, encoding: 'utf8', env });
  return { status: r.status, stderr: r.stderr, built: existsSync(join(root, 'built')) ? readFileSync(join(root, 'built'), 'utf8') : null };
}

function dist(root: string, seconds: number): void {
  mkdirSync(join(root, 'dist', 'ncm'), { recursive: true });
  const f = join(root, 'dist', 'ncm', 'main.js');
  writeFileSync(f, '');
  utimesSync(f, seconds, seconds);
}

describe('npm start builds once', () => {
  it('does not build when dist/ is newer than every source (after npm install built it)', () => {
    const root = tree();
    utimesSync(join(root, 'src', 'cli', 'main.ts'), 1000, 1000);
    dist(root, 2000);
    expect(start(root)).toEqual({ status: 0, stderr: '', built: null });
  });

  it('runs npm run build when a source is newer than dist/, and when dist/ is missing', () => {
    const root = tree();
    utimesSync(join(root, 'src', 'cli', 'main.ts'), 3000, 3000);
    dist(root, 2000);
    expect(start(root)).toEqual({ status: 0, stderr: 'npm start: a source is newer than dist/; building\n', built: 'run build\n' });
    expect(start(tree())).toEqual({ status: 0, stderr: 'npm start: dist/ is missing; building\n', built: 'run build\n' });
  });
});
