import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NcmError, formatDiagnostic } from '../../src/diagnostics.js';
import { parseMdConfig } from '../../src/md/config.js';

function problems(text: string): string[] {
  try {
    parseMdConfig(text, 'md.yaml');
  } catch (e) {
    if (e instanceof NcmError) return e.diagnostics.map(formatDiagnostic);
    throw e;
  }
  return [];
}

describe('MD configuration', () => {
  it("defaults to the primitive model with the paper's Extended Data Table 1 parameters", () => {
    const c = parseMdConfig('', 'empty.yaml');
    expect(c.model).toBe('primitive');
    const kcal = 4184 / 6.02214076e23;
    expect(c.electrode.carbonEpsilon / kcal).toBeCloseTo(0.068, 12);
    expect(c.electrode.carbonSigma).toBeCloseTo(3.407e-10, 22);
    expect(c.electrode.charge / 1.602176634e-19).toBeCloseTo(0.041, 12);
    expect(c.electrolyte.cation.sigma).toBeCloseTo(3.143e-10, 22);
    expect(c.electrolyte.anion.epsilon / kcal).toBeCloseTo(0.15, 12);
    expect(c.electrolyte.anion.valence).toBe(-1);
    expect(c.electrode.slitWidth).toBeCloseTo(0.59e-9, 20);
    expect(c.run.timestep).toBeCloseTo(10e-15, 25);
    // the steric size of the analysis is the mean LJ diameter of the ions
    expect(c.analysis.ionSize).toBeCloseTo((3.143e-10 + 4.045e-10) / 2, 22);
  });
  it('reads units (A, nm, fs, ps, kcal/mol, e, g/mol) and JSON', () => {
    const c = parseMdConfig(
      '{"model": "spce", "electrode": {"slitWidth": "7 A", "charge": "0.02 e", "carbonEpsilon": "0.2845 kJ/mol"}, "run": {"duration": "50 ps", "dumpEvery": "0.5 ps"}, "electrolyte": {"cation": {"mass": "22.99 g/mol", "name": "Na"}}}',
      'md.json',
    );
    expect(c.model).toBe('spce');
    expect(c.run.timestep).toBeCloseTo(2e-15, 25); // the explicit model defaults to 2 fs
    expect(c.electrode.slitWidth).toBeCloseTo(7e-10, 22);
    expect(c.electrode.charge).toBeCloseTo(0.02 * 1.602176634e-19, 30);
    expect(c.electrode.carbonEpsilon).toBeCloseTo(284.5 / 6.02214076e23, 26);
    expect(c.electrolyte.cation.name).toBe('Na');
    expect(c.electrolyte.cation.mass).toBeCloseTo(22.99e-3 / 6.02214076e23, 30);
    expect(c.run.duration).toBeCloseTo(50e-12, 22);
  });
  it('names file, line, column, the key path and what was expected, all problems in file order', () => {
    const text = [
      'model: coarse',
      'electrode:',
      '  sheets: 1',
      '  slitWidth: 0.59 furlong',
      '  layot: brick',
      'electrolyte:',
      '  anion: {valence: 1}',
      'run:',
      '  timestep: 4 fs',
      '  dumpEvery: 1.001 ps',
      '  duration: soon',
      '',
    ].join('\n');
    expect(problems(text)).toEqual([
      'md.yaml:1:8: error: model: expected one of primitive, spce, got "coarse"',
      'md.yaml:3:11: error: electrode.sheets: must be a whole number >= 2 (slits 1 and 2 are compared), got 1',
      "md.yaml:4:14: error: electrode.slitWidth: unknown unit 'furlong' for a length (expected one of m, nm, A, Å, pm, um)",
      'md.yaml:5:3: error: electrode.layot: unknown key (expected one of sheets, slitWidth, sheetThickness, edgeGap, layout, width, depth, carbonEpsilon, carbonSigma, charge)',
      'md.yaml:7:20: error: electrolyte.anion.valence: must be a whole number < 0, got 1',
      'md.yaml:10:14: error: run.dumpEvery: must be a whole number of time steps (4 fs), got 1001 fs',
      'md.yaml:11:13: error: run.duration: expected a time such as 5 fs or 100 ps, got "soon"',
    ]);
  });
  it('rejects keys of the other model level and schedules that do not fit the dumps', () => {
    expect(problems('model: spce\nelectrolyte:\n  permittivity: 78.5\nrun:\n  before: 2.5 ps\n')).toEqual([
      'md.yaml:3:3: error: electrolyte.permittivity: only for model: primitive (SPC/E water screens the charges itself)',
      'md.yaml:5:11: error: run.before: must be a whole number of run.dumpEvery (1 ps), got 2.5 ps',
    ]);
  });
  it('reports YAML syntax errors with their position', () => {
    const p = problems('electrode:\n  sheets: [3\n');
    expect(p.length).toBeGreaterThan(0);
    expect(p[0]).toMatch(/^md\.yaml:\d+:\d+: error: /);
  });
  it('the bundled examples are valid', () => {
    for (const f of ['examples/md-primitive.yaml', 'examples/md-spce.yaml', 'examples/md-tiny.yaml']) {
      expect(() => parseMdConfig(readFileSync(f, 'utf8'), f)).not.toThrow();
    }
  });
});
