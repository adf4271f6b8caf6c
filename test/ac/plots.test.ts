import { describe, expect, it } from 'vitest';
import { engNotation } from '../../src/io/acPlots.js';
import { plotSpecs, renderSvg } from '../../src/io/plots.js';
import { runNetlistFile } from '../../src/io/runNetlistFile.js';

/** The text of every <text> element of an SVG, in document order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

describe('EIS plots of the bundled netlists/eis-ncm-6.cir', async () => {
  const run = runNetlistFile('netlists/eis-ncm-6.cir');
  const svgs = new Map<string, string>();
  for (const r of run.results) if (r.kind === 'ac') for (const [name, spec] of plotSpecs(r, run.circuit.title)) svgs.set(name, await renderSvg(spec));

  it('engineering notation: 1k, 250k, 1M, 1.5G, 2µ', () => {
    expect([1e3, 2.5e5, 1e6, 1.5e9, 2e-6].map(engNotation)).toEqual(['1k', '250k', '1M', '1.5G', '2µ']);
  });

  it('Bode frequency axis in engineering notation, each spectrum its own title', () => {
    const t1 = texts(svgs.get('ac1-bode.svg')!);
    for (const tick of ['1k', '10k', '100k', '1M', '10M', '100M', '1G']) expect(t1).toContain(tick);
    expect(t1.some((t) => /\d,\d{3}/.test(t))).toBe(false); // no 100,000,000
    expect(t1).toContain('Bode plot, ac1: Z seen by Vm (bias: DC operating point (newton))');
    expect(texts(svgs.get('ac2-bode.svg')!)).toContain('Bode plot, ac2: Z seen by Vm (bias: state of the CV at t = 0.000005 s)');
  });

  it('Nyquist: the whole spectrum and an equal-scale zoom on the 45-degree branch, decades labelled on the curve', () => {
    const t = texts(svgs.get('ac1-nyquist.svg')!);
    expect(t).toContain('Nyquist plot, ac1: Z seen by Vm (bias: DC operating point (newton))');
    expect(t).toContain('whole spectrum, equal scales');
    // Re Z runs from Ropen = 1 ohm (1 GHz) to 11.8 ohm (1 kHz)
    expect(t).toContain('zoom on the high frequencies, equal scales (Re Z 1..11.8 ohm)');
    for (const f of ['1kHz', '1MHz', '10MHz', '100MHz']) expect(t).toContain(f);
    expect(texts(svgs.get('ac2-nyquist.svg')!)).toContain('whole spectrum, each axis fitted');
  });
});
