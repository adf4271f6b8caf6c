import { describe, expect, it } from 'vitest';
import { runNetlistFile } from '../../src/io/runNetlistFile.js';

/** Trapezoidal integral of y(t) from the first sample to sample `end`. */
function integral(t: Float64Array, y: (k: number) => number, end: number): number {
  let s = 0;
  for (let k = 1; k <= end; k++) s += 0.5 * (y(k) + y(k - 1)) * (t[k]! - t[k - 1]!);
  return s;
}

describe('bundled netlists/controlled-sources.cir (E follower, G charger, two NCM electrodes)', () => {
  const run = runNetlistFile('netlists/controlled-sources.cir');
  const w = run.results[0]!.waveforms!;
  const col = (label: string): Float64Array => {
    const i = w.labels.indexOf(label);
    if (i < 0) throw new Error(`no column ${label}`);
    return w.columns[i]!;
  };
  const t = col('time');
  const last = t.length - 1;
  const charge = (prefix: string, k: number): number =>
    w.labels.filter((l) => l.startsWith(`q(${prefix}.`)).reduce((s, l) => s + col(l)[k]!, 0);
  const peak = t.findIndex((x) => x >= 10e-6);

  it('E1 holds electrode A at the programmed potential', () => {
    const set = col('v(set)');
    const ma = col('v(ma)');
    for (let k = 0; k <= last; k++) expect(Math.abs(ma[k]! - set[k]!)).toBeLessThan(1e-9);
  });

  it('the charge E1 delivers into A is the charge A stores (at the vertex and at the end)', () => {
    const i = col('i(e1)');
    for (const k of [peak, last]) {
      const delivered = integral(t, (j) => i[j]!, k);
      expect(Math.abs(delivered - charge('a', k))).toBeLessThan(2e-3 * charge('a', peak));
    }
  });

  it('B stores what G1 pushes in minus what leaks through Rleak', () => {
    const set = col('v(set)');
    const mb = col('v(mb)');
    const net = integral(t, (j) => 1e-3 * set[j]! - mb[j]! / 1e5, last);
    // 1 mS over a 0.2 V, 20 us triangle is 2 nC; the 8.7 ms leak takes about 0.1% of it.
    expect(net).toBeGreaterThan(1.99e-9);
    expect(net).toBeLessThan(2e-9);
    expect(Math.abs(charge('b', last) - net)).toBeLessThan(1e-3 * net);
  });
});
