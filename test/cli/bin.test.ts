import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The other CLI tests run the program in-process (test/helpers/cli.ts); these two spawn the real
// entry, bin/ncm.js over the bundled dist/ncm/ (built by `npm install`/`npm run build`), to check that
// the exit code reaches the shell and that errors print no stack trace.
const built = existsSync('dist/ncm/main.js');
if (!built) console.log('bin/ncm.js tests skipped: dist/ is not built (run npm run build)');

function bin(...args: string[]) {
  return spawnSync(process.execPath, ['bin/ncm.js', ...args], { encoding: 'utf8' });
}

describe.skipIf(!built)('bin/ncm.js', () => {
  it('checks a netlist: exit 0, the summary on stdout, the warning on stderr', () => {
    const r = bin('check', 'netlists/rc.cir');
    expect(r.stdout).toContain('netlists/rc.cir: ok (1 warning)\n');
    expect(r.stderr).toContain("netlists/rc.cir:8:1: warning: ngspice '.control' block ignored");
    expect(r.status).toBe(0);
  });

  it('exits 1 on bad input, without a stack trace', () => {
    const missing = bin('check', 'no/such.cir');
    expect(missing.stderr).toBe("error: cannot read netlist 'no/such.cir': no such file\n");
    expect(missing.status).toBe(1);
  });
});

describe.skipIf(!built)('bin/ncm.js loads on use', () => {
  it('a run without .step resolves no external package: not the sweep pool (piscina) nor the queue (bullmq)', () => {
    // A module hook reports every bare specifier the process resolves (node: built-ins aside).
    const dir = mkdtempSync(join(tmpdir(), 'ncm-bin-'));
    try {
      const hooks = join(dir, 'hooks.mjs');
      writeFileSync(hooks, "export async function resolve(s, c, next) { if (!/^(node:|\\.|\\/|file:)/.test(s)) process.stderr.write(`resolved package ${s}\\n`); return next(s, c); }\n");
      writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
      const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, 'bin/ncm.js', 'run', 'netlists/rc.cir', '--no-plots', '--out', join(dir, 'out')], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('resolved package'))).toEqual([]);
      expect(r.stdout).toContain('wrote 3 files');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
