import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ncm } from '../helpers/cli.js';
import { readSeriesFile } from '../../src/io/seriesReader.js';
import { SPLIT_ERROR_NOT_ESTIMATED, SPLIT_PARTS, splitGridError, timeAveragedSplit, type SplitGridError } from '../../src/mpnp/splitGridError.js';
import type { SlitSeries } from '../../src/series/slitSeries.js';

/** A two-slit series whose one cut carries the given parts as functions of t. */
function series(t: number[], mig: (t: number) => number, diff: (t: number) => number, ster: (t: number) => number): SlitSeries {
  const col = (f: (t: number) => number) => Float64Array.from(t, f);
  const zero = col(() => 0);
  return {
    meta: {},
    time: Float64Array.from(t),
    phiM: zero,
    phi: [zero, zero],
    charge: [zero, zero],
    current: [col((x) => mig(x) + diff(x) + ster(x))],
    parts: { migration: [col(mig)], diffusion: [col(diff)], steric: [col(ster)] },
  };
}

describe('split grid error (ncm mpnp --split-error)', () => {
  it('averages over the window with linear interpolation between records', () => {
    // records at uneven times; the window [0.1, 0.7] cuts two intervals
    const s = series([0, 0.25, 0.5, 1], (t) => t, () => 2, (t) => 1 - t);
    const [a] = timeAveragedSplit(s, [0.1, 0.7]);
    expect(a!.migration).toBeCloseTo(0.4, 14);
    expect(a!.diffusion).toBeCloseTo(2, 14);
    expect(a!.steric).toBeCloseTo(0.6, 14);
  });

  it('the Richardson estimate is (default - coarse) / (r^2 - 1) with its sign, and a part that is 0 on both grids has no relative error', () => {
    const t = [0, 1];
    const e = splitGridError(series(t, () => 1, () => -0.5, () => 0), series(t, () => 1.06, () => -0.47, () => 0), { default: 8, coarse: 4 }, [0, 1], { unknowns: 0, steps: 0, wallSeconds: 0 });
    const c = e.cuts[0]!;
    expect(c.migration.relativeChange).toBeCloseTo(-0.06, 14);
    expect(c.migration.estimatedError).toBeCloseTo(-0.02, 14);
    expect(c.diffusion.relativeChange).toBeCloseTo(-0.06, 14);
    expect(c.diffusion.estimatedRelativeError).toBeCloseTo(-0.02, 14);
    expect(c.steric).toEqual({ default: 0, coarse: 0, relativeChange: 0, estimatedError: 0, estimatedRelativeError: 0 });
  });

  it('reports per cut the split on both grids and the estimate, in summary.json and on the console', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpnp-split-'));
    const cfg = join(dir, 'net.yaml');
    writeFileSync(
      cfg,
      ['geometry:', '  kind: network', '  sheets: 2', '  sheetLength: 4 nm', '  openSpace: 2 nm', 'grid: {wall: 0.4, growth: 1.3, max: 1.2, alongWall: 1, alongMax: 4, gapCells: 4}', 'protocol: {rate: 2000 mV/us, to: 100 mV}', 'solver: {tol: 1e-2}', 'snapshots: []', ''].join('\n'),
    );
    const out = join(dir, 'out');
    const r = await ncm('mpnp', cfg, '--out', out, '--split-error');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const e = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).splitGridError as SplitGridError;
    expect(e.estimated).toBe(true);
    expect(e.gapCells).toEqual({ default: 4, coarse: 2 });
    expect(e.order).toBe(2);
    expect(e.note).toContain('between estimatedError and the change from the coarse grid');
    // the charging half of the cycle: 100 mV at 2000 mV/us
    expect(e.window_s[0]).toBe(0);
    expect(e.window_s[1]).toBeCloseTo(5e-8, 20);
    expect(e.cuts.map((c) => c.cut)).toEqual([1]);
    expect(e.coarseStats.unknowns).toBeGreaterThan(0);
    const c = e.cuts[0]!;
    // the run's grid is the one written to series.csv
    const own = timeAveragedSplit(readSeriesFile(join(out, 'series.csv')), e.window_s)[0]!;
    for (const k of SPLIT_PARTS) {
      const p = c[k];
      expect(p.default).toBeCloseTo(own[k], 12);
      expect(p.coarse).not.toBe(p.default);
      const d = p.default - p.coarse;
      expect(Math.sign(p.relativeChange!)).toBe(Math.sign(d));
      expect(p.relativeChange!).toBeCloseTo(d / Math.abs(p.default), 12);
      expect(p.estimatedError).toBeCloseTo(d / 3, 18);
      expect(Math.abs(p.estimatedError)).toBeLessThan(Math.abs(d));
    }
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe('split grid error (time average over 0.00-0.0500 us; gapCells 4 vs 2; error: Richardson order 2, at most the change if the order is 1):');
    const pc = (x: number | null) => `${(100 * x!).toFixed(2)}%`;
    const part = (k: (typeof SPLIT_PARTS)[number]) =>
      `${k} ${c[k].default.toPrecision(5)} A (coarse grid ${c[k].coarse.toPrecision(5)}, change ${pc(c[k].relativeChange)}, error ~${pc(c[k].estimatedRelativeError)})`;
    expect(lines[2]).toBe(`  I_1: ${SPLIT_PARTS.map(part).join(', ')}`);
  });

  it('without the option a network run says the error was not estimated and names the option; a half cell is refused before running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpnp-split-'));
    const cfg = join(dir, 'net.yaml');
    writeFileSync(cfg, ['geometry: {kind: network, sheets: 2, sheetLength: 4 nm, openSpace: 2 nm}', 'grid: {wall: 0.4, growth: 1.3, max: 1.2, alongWall: 1, alongMax: 4, gapCells: 2}', 'protocol: {rate: 2000 mV/us, to: 100 mV}', 'solver: {tol: 1e-2}', 'snapshots: []', ''].join('\n'));
    const r = await ncm('mpnp', cfg, '--out', join(dir, 'out'));
    expect(r.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.splitGridError).toEqual(SPLIT_ERROR_NOT_ESTIMATED);
    expect(summary.splitGridError.note).toContain('--split-error');
    expect(r.stdout).not.toContain('split grid error');
    const half = join(dir, 'half.yaml');
    writeFileSync(half, 'geometry: {kind: halfcell, length: 3 nm}\n');
    const h = await ncm('mpnp', half, '--out', join(dir, 'h'), '--split-error');
    expect(h.status).toBe(1);
    expect(h.stderr).toBe('error: --split-error needs a network geometry (a half cell has no trans-slit cuts)\n');
  });
});
