import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paperNetlists } from '../../src/electrode/paperCases.js';
import { loadNetlist } from '../../src/io/loadNetlist.js';

describe('bundled paper netlists', () => {
  const files = paperNetlists();
  it('netlists/paper/ holds exactly what the generator writes (npm run paper-netlists)', () => {
    expect(readdirSync('netlists/paper').filter((f) => f.endsWith('.cir')).sort()).toEqual([...files.keys()].sort());
    for (const [name, text] of files) expect(readFileSync(`netlists/paper/${name}`, 'utf8'), name).toBe(text);
  });

  it('every file elaborates to the layers, model and rate its name says', () => {
    for (const name of files.keys()) {
      const m = /^(ncm|tlm)-(\d+)L-(?:g([\d.]+)-)?(\d+)mVus\.cir$/.exec(name)!;
      const { circuit, diagnostics } = loadNetlist(`netlists/paper/${name}`);
      expect(diagnostics, name).toEqual([]);
      const layers = Number(m[2]);
      const rdyn = circuit!.elements.filter((e) => e.kind === 'RDYN');
      expect(circuit!.elements.filter((e) => e.kind === 'C')).toHaveLength(layers + 1);
      expect(rdyn).toHaveLength(m[1] === 'ncm' ? layers : 0);
      if (m[3]) for (const r of rdyn) expect(r).toMatchObject({ gamma: Number(m[3]), rc: 5 });
      expect(circuit!.analyses[0]).toMatchObject({ kind: 'cv', rate: Number(m[4]) * 1e3, vVertex: 0.2, cycles: 2 });
    }
  });
});
