import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ncm-noplots-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ncm run --no-plots', () => {
  it('writes the same CSV and JSON as a run with plots, and no SVG', async () => {
    const withPlots = await ncm('run', 'netlists/rc.cir', '-o', join(dir, 'a'));
    const without = await ncm('run', 'netlists/rc.cir', '--no-plots', '-o', join(dir, 'b'));
    expect([withPlots.status, without.status]).toEqual([0, 0]);
    const a = readdirSync(join(dir, 'a')).sort();
    const b = readdirSync(join(dir, 'b')).sort();
    expect(a.filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(0);
    expect(b).toEqual(a.filter((f) => !f.endsWith('.svg')));
    expect(readFileSync(join(dir, 'b', 'tran.csv'), 'utf8')).toBe(readFileSync(join(dir, 'a', 'tran.csv'), 'utf8'));
    expect(without.stdout).toContain(`wrote ${b.length} files to ${join(dir, 'b')}/`);
  });
});
