import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';

describe('usage errors exit 2 for every subcommand, without a stack trace', () => {
  it.each([
    [['run'], "error: missing required argument 'netlist'"],
    [['run', 'netlists/ncm-6.cir', '--bogus'], "error: unknown option '--bogus'"],
    [['check'], "error: missing required argument 'file'"],
    [['frobnicate'], "error: unknown command 'frobnicate'"],
  ])('ncm %j', async (args, message) => {
    const r = await ncm(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('ncm run of a netlist without an analysis', () => {
  it('exits 1 and names every analysis directive, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-none-'));
    const file = join(dir, 'none.cir');
    writeFileSync(file, 'no analysis\nV1 a 0 1\nR1 a 0 1k\n');
    const r = await ncm('run', file, '-o', join(dir, 'out'));
    expect(r.stderr).toBe(`error: ${file}: no analysis to run (add .op, .tran, .cv, .chrono, .ac or .protocol)\n`);
    expect(r.status).toBe(1);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
