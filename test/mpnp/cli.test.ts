import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ncm } from '../helpers/cli.js';
import { defaultOutDir } from '../../src/cli/mpnpConfigFile.js';
import { triangleWave } from '../../src/mpnp/waveform.js';
import { runMpnp } from '../../src/mpnp/run.js';
import { defaultPhysics } from '../../src/mpnp/params.js';
import { sternCharge } from '../../src/mpnp/analytic.js';

describe('ncm mpnp', () => {
  it('runs a small network and writes the series, plots and summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpnp-'));
    const cfg = join(dir, 'net.yaml');
    writeFileSync(
      cfg,
      ['geometry:', '  kind: network', '  sheets: 2', '  sheetLength: 4 nm', '  openSpace: 2 nm', 'grid: {wall: 0.4, growth: 1.3, max: 1.2, alongWall: 1, alongMax: 4}', 'protocol: {rate: 2000 mV/us, to: 100 mV}', 'solver: {tol: 1e-2}', 'snapshots: [0.5]', ''].join('\n'),
    );
    const out = join(dir, 'out');
    const r = await ncm('mpnp', cfg, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const f of ['series.csv', 'open-space.csv', 'summary.json', 'cv.svg', 'flux-components.svg', 'phi-map-1.svg', 'snapshot-1.csv']) expect(existsSync(join(out, f))).toBe(true);
    expect(existsSync(join(out, 'checkpoint.json'))).toBe(false);
    const csv = readFileSync(join(out, 'series.csv'), 'utf8');
    expect(csv.startsWith('# nanocircuit-series: 1\n')).toBe(true);
    expect(csv).toContain('time[s],phi_m[V],phi_1[V],phi_2[V],Q_1[C],Q_2[C],I_1[A],I_mig_1[A],I_diff_1[A],I_ster_1[A],I_disp_1[A],I_m[A],Q_el[C]');
    expect(readFileSync(join(out, 'cv.svg'), 'utf8')).toMatch(/^<svg/);
  });
  it('a bad configuration exits with code 1 and a positioned message, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpnp-'));
    const cfg = join(dir, 'bad.yaml');
    writeFileSync(cfg, 'protocol:\n  kind: cv\n  rate: -3 mV/us\n');
    const r = await ncm('mpnp', cfg, '--out', join(dir, 'out'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${cfg}:3:9: error: protocol.rate: must be > 0, got -3`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
  it('--resume without a checkpoint is an error naming the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpnp-'));
    const cfg = join(dir, 'c.yaml');
    writeFileSync(cfg, 'geometry: {kind: halfcell, length: 3 nm}\n');
    const r = await ncm('mpnp', cfg, '--out', join(dir, 'o'), '--resume');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--resume: no checkpoint at ${join(dir, 'o', 'checkpoint.json')}`);
  });
});

describe('ncm mpnp: input that cannot run', () => {
  it('a netlist says that a YAML configuration is expected, at the first directive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpnp-'));
    const cir = join(dir, 'cell.txt');
    writeFileSync(cir, '* a cell\nR1 1 0 1k\nC1 1 0 1u\n.tran 1u 1m\n.end\n');
    const r = await ncm('mpnp', cir, '--out', join(dir, 'o'));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${cir}:4:1: error: ncm mpnp expects a YAML configuration (keys electrolyte, stern, geometry, grid, protocol, solver; see examples/mpnp-d1.5.yaml), but this is a netlist: run it with ncm run ${cir}\n`,
    );
    const r2 = await ncm('multiscale', 'netlists/rc.cir');
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/^netlists\/rc\.cir:\d+:1: error: ncm multiscale expects a YAML configuration .* but this is a netlist: run it with ncm run netlists\/rc\.cir\n$/);
  });
  it('a size that would exhaust memory is refused up front with the estimate, before anything is built', async () => {
    const r = await ncm('mpnp', 'examples/mpnp-d1.5.yaml', '--set', 'geometry.slitWidth=3 m', '--out', join(tmpdir(), 'never'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^error: mpnp: this model would need about 3\.73e\+7 GB of memory \(2\.37e\+12 grid cells, 7\.10e\+12 unknowns\), more than the [\d.]+ GB allowed; check the lengths \(slitWidth 3 m, sheetLength 1e-8 m, openSpace 5e-9 m, 6 sheets\) and the grid \(wall 0\.1, max 0\.6 Debye lengths\)\n$/,
    );
  });
  it('the default output folder carries the --set values', () => {
    expect(defaultOutDir('mpnp', 'examples/mpnp-d1.5.yaml', ['geometry.slitWidth=3 nm', 'protocol.rate=4 mV/us'])).toBe(join('out', 'mpnp-mpnp-d1.5-slitWidth=3nm-rate=4mV_us'));
    expect(defaultOutDir('multiscale', 'a/b.yaml', [])).toBe(join('out', 'multiscale-b'));
  });
});

describe('CV waveform', () => {
  it('a triangle with rounded inner vertices is continuous with a continuous slope, and keeps the rate elsewhere', () => {
    const w = triangleWave({ from: 0, to: 0.2, rate: 2e4, cycles: 2, smoothing: 1e-6 });
    expect(w.end).toBeCloseTo(40e-6, 15);
    expect(w.vertices).toEqual([0, w.end]); // smooth: no restarts needed
    const h = 1e-9;
    for (let t = h; t < w.end - h; t += 0.37e-6) {
      const slope = (w.at(t + h) - w.at(t - h)) / (2 * h);
      expect(Math.abs(slope)).toBeLessThanOrEqual(2e4 * (1 + 1e-6));
    }
    expect(w.at(5e-6)).toBeCloseTo(0.1, 12);
    expect(w.at(10e-6)).toBeCloseTo(0.2 - 2e4 * 0.5e-6, 12); // the rounded top sits w/2 * rate below the corner
    const sharp = triangleWave({ from: 0, to: 0.2, rate: 2e4, cycles: 2, smoothing: 0 });
    expect(sharp.vertices.length).toBe(5);
    sharp.vertices.forEach((v, j) => expect(v).toBeCloseTo(j * 10e-6, 15));
    expect(sharp.at(10e-6)).toBeCloseTo(0.2, 12);
    expect(sharp.at(25e-6)).toBeCloseTo(0.1, 12);
  });
});

describe('step protocol', () => {
  it('a 10 mV step relaxes to the Gouy-Chapman-Stern charge in a few hundred steps', () => {
    const p = defaultPhysics();
    const r = runMpnp({
      physics: p,
      geometry: { kind: 'halfcell', length: 5e-9 },
      grid: { wall: 0.01, growth: 1.05, max: 0.25 },
      protocol: { kind: 'step', value: 0.01, duration: 10e-9 },
      solver: { tol: 1e-4, maxStep: 0 },
      snapshots: [],
    });
    expect(r.stats.steps).toBeLessThan(400);
    const q = r.series.electrodeCharge!;
    expect(Math.abs(q[q.length - 1]! / sternCharge(p, 0.01) - 1)).toBeLessThan(1e-3);
  });
});
