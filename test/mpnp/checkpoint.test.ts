import { describe, expect, it } from 'vitest';
import { defaultPhysics } from '../../src/mpnp/params.js';
import { defaultGeometry } from '../../src/mpnp/network.js';
import { runMpnp, type MpnpConfig } from '../../src/mpnp/run.js';
import { checkpointToJson, parseCheckpoint } from '../../src/mpnp/checkpoint.js';
import { seriesToCsv } from '../../src/io/series.js';

function interruptedAndResumed(cfg: MpnpConfig, atCall: number): { whole: string; resumed: string; rowsAtCheckpoint: number } {
  const whole = runMpnp(cfg);
  let saved = '';
  let calls = 0;
  runMpnp(cfg, {
    checkpointSeconds: 0,
    onCheckpoint: (c) => {
      if (++calls === atCall) saved = checkpointToJson(c);
    },
  });
  const cp = parseCheckpoint(saved);
  const resumed = runMpnp(cfg, { resume: cp });
  return { whole: seriesToCsv(whole.series), resumed: seriesToCsv(resumed.series), rowsAtCheckpoint: cp.recorder.columns[0]!.length };
}

describe('checkpoints', () => {
  it('a 1D run resumed from a checkpoint written mid-segment reproduces the uninterrupted series exactly', () => {
    const cfg: MpnpConfig = {
      physics: defaultPhysics(),
      geometry: { kind: 'halfcell', length: 5e-9 },
      grid: { wall: 0.02, growth: 1.1, max: 0.5 },
      protocol: { kind: 'cv', from: 0, to: 0.1, rate: 1e6, cycles: 2, smoothing: 0 },
      solver: { tol: 1e-3, maxStep: 0 },
      snapshots: [0.1, 0.9],
    };
    const r = interruptedAndResumed(cfg, 30);
    expect(r.rowsAtCheckpoint).toBe(31);
    expect(r.resumed).toBe(r.whole);
  });
  it('a 2D network run resumes to the same series (to the Newton tolerance)', () => {
    const cfg: MpnpConfig = {
      physics: defaultPhysics(),
      geometry: { kind: 'network', ...defaultGeometry(), sheets: 2, sheetLength: 4e-9, openSpace: 2e-9 },
      grid: { wall: 0.4, growth: 1.3, max: 1.2, alongWall: 1, alongMax: 4 },
      protocol: { kind: 'cv', from: 0, to: 0.1, rate: 2e6, cycles: 1, smoothing: 0 },
      solver: { tol: 1e-2, maxStep: 0 },
      snapshots: [],
    };
    const r = interruptedAndResumed(cfg, 10);
    const a = r.whole.split('\n');
    const b = r.resumed.split('\n');
    expect(b.length).toBe(a.length);
    const last = (t: string[]): number[] => t[t.length - 2]!.split(',').map(Number);
    const la = last(a);
    const lb = last(b);
    la.forEach((v, i) => expect(Math.abs(v - lb[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(...la.map(Math.abs))));
  });
  it('refuses a checkpoint of another configuration', () => {
    const cfg: MpnpConfig = {
      physics: defaultPhysics(),
      geometry: { kind: 'halfcell', length: 5e-9 },
      grid: { wall: 0.05, growth: 1.2, max: 0.5 },
      protocol: { kind: 'cv', from: 0, to: 0.1, rate: 1e6, cycles: 1, smoothing: 0 },
      solver: { tol: 1e-3, maxStep: 0 },
      snapshots: [],
    };
    let saved = '';
    runMpnp(cfg, { checkpointSeconds: 0, onCheckpoint: (c) => (saved ||= checkpointToJson(c)) });
    const other = { ...cfg, protocol: { ...cfg.protocol, to: 0.2 } } as MpnpConfig;
    expect(() => runMpnp(other, { resume: parseCheckpoint(saved) })).toThrow('the checkpoint belongs to a different configuration');
  });
});
