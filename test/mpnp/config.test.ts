import { describe, expect, it } from 'vitest';
import { parseMpnpConfig } from '../../src/mpnp/config.js';
import { scalesOf } from '../../src/mpnp/params.js';
import { applyOverrides } from '../../src/cli/configOverrides.js';
import { NcmError, formatDiagnostic } from '../../src/diagnostics.js';
import { readFileSync } from 'node:fs';

function problems(text: string): string[] {
  try {
    parseMpnpConfig(text, 'run.yaml');
  } catch (e) {
    if (e instanceof NcmError) return e.diagnostics.map(formatDiagnostic);
    throw e;
  }
  return [];
}

describe('mPNP configuration', () => {
  it('defaults to 1 M KCl with a 0.33 nm Stern layer and a 10 nm half cell', () => {
    const c = parseMpnpConfig('', 'empty.yaml');
    expect(c.physics.electrolyte.concentration).toBe(1000);
    expect(c.physics.electrolyte.ionSize).toBeCloseTo(0.66e-9, 20);
    expect(c.physics.stern.thickness).toBeCloseTo(0.33e-9, 20);
    expect(c.geometry).toEqual({ kind: 'halfcell', length: 10e-9 });
    expect(c.protocol).toEqual({ kind: 'cv', from: 0, to: 0.2, rate: 2e4, cycles: 1, smoothing: 0, periodicTol: 0 });
  });
  it('reads quantities with units, and JSON as well as YAML', () => {
    const c = parseMpnpConfig(
      '{"geometry": {"kind": "network", "slitWidth": "2 nm", "sheets": 4, "layout": "brick"}, "protocol": {"rate": "4 mV/us", "to": "150 mV"}, "electrolyte": {"concentration": "100 mM"}}',
      'run.json',
    );
    expect(c.geometry.kind).toBe('network');
    if (c.geometry.kind !== 'network') return;
    expect(c.geometry.slitWidth).toBeCloseTo(2e-9, 20);
    expect(c.geometry.layout).toBe('brick');
    expect(c.protocol.kind === 'cv' && c.protocol.rate).toBe(4000);
    expect(c.protocol.kind === 'cv' && c.protocol.to).toBeCloseTo(0.15, 15);
    expect(c.physics.electrolyte.concentration).toBe(100);
  });
  it('names file, line, column, the key path and what was expected', () => {
    const text = ['geometry:', '  kind: network', '  slitWidth: 1.5 furlong', '  layout: zigzag', '  sheets: 2.5', 'grid:', '  wal: 0.1', 'protocol:', '  rate: fast', ''].join('\n');
    expect(problems(text)).toEqual([
      "run.yaml:3:14: error: geometry.slitWidth: unknown unit 'furlong' for a length (expected one of m, mm, um, µm, nm, pm)",
      'run.yaml:4:11: error: geometry.layout: expected one of aligned, brick, got "zigzag"',
      'run.yaml:5:11: error: geometry.sheets: must be a whole number >= 1, got 2.5',
      'run.yaml:7:3: error: grid.wal: unknown key (expected one of wall, growth, max, alongWall, alongMax, gapCells)',
      'run.yaml:9:9: error: protocol.rate: expected a rate such as "20 mV/us", got "fast"',
    ]);
  });
  it('rejects an impossible packing fraction and keys that belong to another kind', () => {
    expect(problems('electrolyte:\n  ionSize: 1.2 nm\ngeometry:\n  kind: halfcell\n  sheets: 3\n')).toEqual([
      'run.yaml:2:12: error: electrolyte: packing fraction 2 a^3 c0 N_A = 2.081 must be below 1 (smaller ionSize or concentration)',
      'run.yaml:5:3: error: geometry.sheets: only for kind: network',
    ]);
  });
  it('reads an asymmetric salt (valences, two sizes, a solvent site) and gives the bulk z+ c+ + z- c- = 0', () => {
    const c = parseMpnpConfig('electrolyte:\n  concentration: 0.5 M\n  valence+: 2\n  valence-: -1\n  ionSize+: 0.5 nm\n  ionSize-: 0.7 nm\n  solventSize: 0.4 nm\n', 'run.yaml');
    const e = c.physics.electrolyte;
    expect([e.valencePlus, e.valenceMinus]).toEqual([2, -1]);
    expect(e.ionSizePlus).toBeCloseTo(0.5e-9, 20);
    expect(e.ionSizeMinus).toBeCloseTo(0.7e-9, 20);
    expect(e.solventSize).toBeCloseTo(0.4e-9, 20);
    const si = scalesOf(c.physics).speciesSi;
    expect([si.cPlus, si.cMinus]).toEqual([500, 1000]);
    expect(si.zPlus * si.cPlus + si.zMinus * si.cMinus).toBe(0);
    expect(si.ionicStrength).toBe(1500);
    expect(() => parseMpnpConfig(readFileSync('examples/mpnp-tea-bf4.yaml', 'utf8'), 'examples/mpnp-tea-bf4.yaml')).not.toThrow();
  });
  it('positions bad asymmetric-salt values', () => {
    expect(problems('electrolyte:\n  valence+: 1.5\n  valence-: 1\n  ionSize+: 3\n  solventSize: 0 nm\n')).toEqual([
      'run.yaml:2:13: error: electrolyte.valence+: must be a whole number >= 1, got 1.5',
      'run.yaml:3:13: error: electrolyte.valence-: must be a whole number <= -1 (the anion), got 1',
      'run.yaml:4:13: error: electrolyte.ionSize+: a length needs a unit, e.g. "1.5 nm"; got the bare number 3, which would be 3 m',
      'run.yaml:5:16: error: electrolyte.solventSize: must be > 0, got 0',
    ]);
    expect(problems('electrolyte:\n  valence+: 2\n  ionSize+: 1 nm\n  ionSize-: 0.9 nm\n')).toEqual([
      'run.yaml:3:13: error: electrolyte: packing fraction a+^3 c+ N_A + a-^3 c- N_A = 1.480 (0.602 + 0.878) must be below 1 (smaller ion sizes or concentration)',
    ]);
  });
  it('reports YAML syntax errors with their position', () => {
    const p = problems('geometry:\n  kind: [network\n');
    expect(p.length).toBeGreaterThan(0);
    expect(p[0]).toMatch(/^run\.yaml:\d+:\d+: error: /);
  });
  it('a quantity without a unit is an error naming the unit it would silently have had; 0 and pure numbers need none', () => {
    const text = ['geometry:', '  kind: network', '  slitWidth: 3', '  sheetLength: "10"', 'protocol:', '  from: 0', '  rate: 20', 'electrolyte:', '  permittivity: 78.5', ''].join('\n');
    expect(problems(text)).toEqual([
      'run.yaml:3:14: error: geometry.slitWidth: a length needs a unit, e.g. "1.5 nm"; got the bare number 3, which would be 3 m',
      'run.yaml:4:16: error: geometry.sheetLength: a length needs a unit, e.g. "1.5 nm"; got the bare number 10, which would be 10 m',
      'run.yaml:7:9: error: protocol.rate: a rate needs a unit, e.g. "20 mV/us"; got the bare number 20, which would be 20 V/s',
    ]);
  });
  it('--set values are checked like the file and positioned in their argument', () => {
    const sets = ['geometry.slitWidth=3', 'protocol.rate=20', 'geometry.layout=zigzag', 'grid.wal=0.1'];
    let diags: string[] = [];
    try {
      parseMpnpConfig(readFileSync('examples/mpnp-d1.5.yaml', 'utf8'), 'examples/mpnp-d1.5.yaml', sets);
    } catch (e) {
      diags = (e as NcmError).diagnostics.map(formatDiagnostic);
    }
    expect(diags.sort()).toEqual([
      '--set geometry.layout=zigzag:1:17: error: geometry.layout: expected one of aligned, brick, got "zigzag"',
      '--set geometry.slitWidth=3:1:20: error: geometry.slitWidth: a length needs a unit, e.g. "1.5 nm"; got the bare number 3, which would be 3 m',
      '--set grid.wal=0.1:1:6: error: grid.wal: unknown key (expected one of wall, growth, max, alongWall, alongMax, gapCells)',
      '--set protocol.rate=20:1:15: error: protocol.rate: a rate needs a unit, e.g. "20 mV/us"; got the bare number 20, which would be 20 V/s',
    ]);
    const c = parseMpnpConfig('', 'empty.yaml', ['geometry.kind=network', 'geometry.slitWidth=3 nm', 'protocol.rate=4 mV/us']);
    expect(c.geometry.kind === 'network' && c.geometry.slitWidth).toBeCloseTo(3e-9, 20);
    expect(c.protocol.kind === 'cv' && c.protocol.rate).toBe(4000);
  });
  it('--set overrides keys (values read as YAML scalars) and the examples are valid', () => {
    const t = applyOverrides(readFileSync('examples/mpnp-d1.5.yaml', 'utf8'), ['geometry.slitWidth=2 nm', 'protocol.cycles=3']);
    const c = parseMpnpConfig(t, 'x.yaml');
    expect(c.geometry.kind === 'network' && c.geometry.slitWidth).toBeCloseTo(2e-9, 20);
    expect(c.protocol.kind === 'cv' && c.protocol.cycles).toBe(3);
    expect(() => parseMpnpConfig(readFileSync('examples/mpnp-1d.yaml', 'utf8'), 'examples/mpnp-1d.yaml')).not.toThrow();
    expect(() => applyOverrides('', ['nonsense'])).toThrow(/expected key.path=value/);
  });
});
