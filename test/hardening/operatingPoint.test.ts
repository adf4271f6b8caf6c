/**
 * Operating points that used to be refused as "node is floating" (issue 19) and the capacitor-only
 * cutset that ngspice runs with gmin (issue 13). Reference values are ngspice's (ngspice-42 -b).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';
import { deckDir } from './decks.js';

const deck = deckDir('op');

async function op(text: string): Promise<Record<string, number>> {
  const out = mkdtempSync(join(tmpdir(), 'ncm-op-out-'));
  const r = await ncm('run', deck('op.cir', text), '-o', out);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return (JSON.parse(readFileSync(join(out, 'op.json'), 'utf8')) as { values: Record<string, number> }).values;
}

describe('operating points with a singular first linearisation or extreme resistors', () => {
  it('B1 I={1m*sqrt(v(a))} at v(a) = 0.5 V gives v(b) = -0.7071 V as ngspice (sqrt has no slope at the first iterate v = 0)', async () => {
    const v = await op('bsrc\nV1 a 0 DC 0.5\nR1 a 0 1k\nB1 b 0 I={1m*sqrt(v(a))}\nR2 b 0 1k\n.op\n.end\n');
    expect(v['v(b)']).toBeCloseTo(-Math.sqrt(0.5), 9);
  });

  it('B1 I={1m/v(a)} gives v(b) = -2 V', async () => {
    const v = await op('bsrc\nV1 a 0 DC 0.5\nR1 a 0 1k\nB1 b 0 I={1m/v(a)}\nR2 b 0 1k\n.op\n.end\n');
    expect(v['v(b)']).toBeCloseTo(-2, 9);
  });

  it('a source across two 1e-15 ohm resistors: i = 5e14 A, v(b) = 0.5 V (ngspice: v1#branch = -5e14)', async () => {
    const v = await op('tiny\nV1 a 0 DC 1\nR1 a b 1e-15\nR2 b 0 1e-15\n.op\n.end\n');
    expect(v['v(b)']).toBeCloseTo(0.5, 12);
    expect(v['i(v1)']! / 5e14).toBeCloseTo(1, 12);
  });

  it('a divider of two 1e20 ohm resistors: v(b) = 0.5 V', async () => {
    const v = await op('huge\nV1 a 0 DC 1\nR1 a b 1e20\nR2 b 0 1e20\n.op\n.end\n');
    expect(v['v(b)']).toBeCloseTo(0.5, 12);
  });
});

describe('a capacitor-only cutset (issue 13)', () => {
  const text = [
    'two nested subcircuits joined by series capacitors',
    '.subckt cell in out',
    'R1 in mid 1k',
    'C1 mid out 1u',
    '.ends',
    '.subckt pair in out',
    'X1 in m cell',
    'X2 m out cell',
    '.ends',
    'V1 a 0 PULSE(0 1 0 1u 1u 1m 2m)',
    'X1 a b pair',
    'Rload b 0 1k',
    '.tran 10u 2m',
  ];
  const warning =
    "warning: nodes 'x1.m', 'x1.x2.mid' have no DC path to ground: only capacitors connect them to the rest; the operating point is solved with gmin from every node to ground, as ngspice does (add a resistor to ground, e.g. Rleak x1.m 0 1e12, or .options strictdc=1 to make this an error)";

  it('warns with the node names and runs; v(b) matches ngspice within 0.1 % of peak (measured 0.033 %)', async () => {
    const file = deck('capcut.cir', [...text, '.end', ''].join('\n'));
    const out = mkdtempSync(join(tmpdir(), 'ncm-capcut-'));
    const r = await ncm('run', file, '-o', out);
    expect(r.stderr).toBe(`${file}:4:1: ${warning}\n`);
    expect(r.status).toBe(0);
    const lines = readFileSync(join(out, 'tran.csv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    const header = lines[0]!.split(',');
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    const t = rows.map((row) => row[0]!);
    const vb = rows.map((row) => row[header.indexOf('v(b)')]!);
    const at = (x: number): number => {
      let i = t.findIndex((ti) => ti >= x);
      if (i <= 0) return vb[Math.max(i, 0)]!;
      return vb[i - 1]! + ((x - t[i - 1]!) / (t[i]! - t[i - 1]!)) * (vb[i]! - vb[i - 1]!);
    };
    if (spawnSync('ngspice', ['--version']).status !== 0) {
      console.warn('ngspice is not installed: skipping the overlay (CI installs it)');
      return;
    }
    const data = join(out, 'ngspice.txt');
    const ng = deck('capcut-ng.cir', [...text, '.control', 'run', `wrdata ${data} v(b)`, '.endc', '.end', ''].join('\n'));
    const run = spawnSync('ngspice', ['-b', ng], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toContain('singular matrix:  check node x1.x2.mid');
    const ref = readFileSync(data, 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
    const peak = Math.max(...ref.map((row) => Math.abs(row[1]!)));
    const worst = Math.max(...ref.map((row) => Math.abs(at(row[0]!) - row[1]!)));
    expect(peak).toBeCloseTo(1 / 3, 3);
    expect(worst / peak).toBeLessThan(1e-3);
  });

  it('.options strictdc=1 makes it an error', async () => {
    const file = deck('strict.cir', [...text, '.options strictdc=1', '.end', ''].join('\n'));
    const r = await ncm('check', file);
    expect(r.stderr).toBe(
      `${file}:4:1: error: nodes 'x1.m', 'x1.x2.mid' have no DC path to ground: only capacitors or current sources connect them to the rest (add a resistor to ground, e.g. Rleak x1.m 0 1e12)\nerror: 1 error in ${file}\n`,
    );
    expect(r.status).toBe(1);
  });
});
