import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm start` runs scripts/build-if-stale.mjs before the CLI: it builds only when dist/ is missing or
// older than a source. Checked on a copy of the script in a tree whose `build` only leaves a mark.
function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'ncm-start-'));
  mkdirSync(join(root, 'scripts'));
  copyFileSync('scripts/build-if-stale.mjs', join(root, 'scripts', 'build-if-stale.mjs'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'x', private: true, scripts: { build: 'node -e "require(\'fs\').writeFileSync(\'built\', \'\')"' } }));
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), '');
  return root;
}

function start(root: string): { status: number | null; stderr: string; built: boolean } {
  const r = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, built: existsSync(join(root, 'built')) };
}

function dist(root: string, seconds: number): void {
  mkdirSync(join(root, 'dist', 'src', 'cli'), { recursive: true });
  const f = join(root, 'dist', 'src', 'cli', 'main.js');
  writeFileSync(f, '');
  utimesSync(f, seconds, seconds);
}

describe('npm start builds once', () => {
  it('does not build when dist/ is newer than every source (after npm install built it)', () => {
    const root = tree();
    utimesSync(join(root, 'src', 'cli', 'main.ts'), 1000, 1000);
    dist(root, 2000);
    expect(start(root)).toEqual({ status: 0, stderr: '', built: false });
  });

  it('builds when a source is newer than dist/ (one npm spawn: a missing dist/ takes the same path)', () => {
    const root = tree();
    utimesSync(join(root, 'src', 'cli', 'main.ts'), 3000, 3000);
    dist(root, 2000);
    expect(start(root)).toEqual({ status: 0, stderr: 'npm start: a source is newer than dist/; building\n', built: true });
  });
});
