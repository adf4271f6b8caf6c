/**
 * The playground's logic outside the browser: what the worker computes (the CLI's specs, the
 * NCM-vs-TLM overlay, the heat map, the measures), highlighting from the grammar's lexer,
 * `.param` discovery for sliders, overlays of the previous run, and the share-link codec.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCircuit } from '../../src/analyses/run.js';
import { asTlm } from '../../src/electrode/compare.js';
import { plotSpecs } from '../../src/io/plotSpecs.js';
import { parseNetlist } from '../../src/netlist/parse.js';
import { highlightRanges } from '../../web/src/language.js';
import { overlayPrevious } from '../../web/src/overlay.js';
import { decodeNetlist, encodeNetlist } from '../../web/src/share.js';
import { checkNetlist, simulate } from '../../web/src/simulate.js';
import { elementLetters, paramsOf } from '../../web/src/vocabulary.js';

const NCM3 = [
  'three-slit NCM',
  '.param gamma=0.5 rc=5',
  'Vm m 0 DC 0',
  '.ladder E m 0 layers=3 model=ncm rc={rc} gamma={gamma} ctotal=8e-8 ropen=1 qmax=2e-8',
  '.cv Vm 0 0.2 rate=20mV/us cycles=1',
  '',
].join('\n');

type Rows = { data: { values: Array<Record<string, number | string>> } };

describe('the worker\'s simulation', () => {
  it('gives the CLI\'s plots, a heat map, and the TLM of the same electrode overlaid on the CV', () => {
    const { circuit, diagnostics } = checkNetlist(NCM3, 'ncm3.cir');
    expect(diagnostics).toEqual([]);
    const sim = simulate(circuit!, { tlm: true });
    expect(sim.output.plots.map((p) => p.key)).toEqual(['cv-cv.svg', 'cv-current.svg', 'cv-charge.svg', 'cv-charge-map.svg']);
    // The overlay holds the NCM rows and the rows of the CLI's plot of asTlm(circuit), labelled.
    const tlmCv = plotSpecs(runCircuit(asTlm(circuit!)).results[0]!, circuit!.title).get('cv-cv.svg') as unknown as Rows;
    const cv = sim.output.plots[0]!.spec as unknown as Rows;
    const tlmRows = cv.data.values.filter((r) => r['model'] === 'TLM (gamma = 0)');
    expect(tlmRows.map(({ model: _m, ...r }) => r)).toEqual(tlmCv.data.values);
    expect(cv.data.values.length - tlmRows.length).toBe((plotSpecs(runCircuit(circuit!).results[0]!, circuit!.title).get('cv-cv.svg') as unknown as Rows).data.values.length);
    // 3 slits x 120 time bins; the charge of the deepest slit lags the first one's.
    const map = (sim.output.plots[3]!.spec as unknown as Rows).data.values;
    expect(map.length).toBe(3 * 120);
    expect(new Set(map.map((r) => r['slit']))).toEqual(new Set([1, 2, 3]));
    // The measures row is the summary's cycle, and the data files are those ncm run writes.
    expect(sim.output.analyses[0]!.measures.rows[0]!['cycle']).toBe(1);
    expect(sim.output.files).toEqual(['cv.csv', 'cv.json', 'summary.json']);
    expect(sim.file('cv.csv')!.split('\n')[0]).toBe('# title: three-slit NCM');
  });

  it('says that a .step sweep is not run in the page', () => {
    const { notes } = checkNetlist(NCM3.replace('.cv', '.step param gamma 0 0.9 0.3\n.cv'), 'step.cir');
    expect(notes).toEqual(['.step sweeps are not run in the page: the netlist runs once with its .param values (ncm run --step sweeps it)']);
  });

  it('reports an .include as unreadable in the page, at its line', () => {
    const { circuit, diagnostics, notes } = checkNetlist('t\n.include "parts.cir"\nV1 a 0 1\nR1 a 0 1\n.op\n', 'page.cir');
    expect(notes).toEqual([]);
    expect(circuit).toBeUndefined();
    expect(diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual([
      "2:1 cannot read included file 'parts.cir': no files can be read here (no file reader was given)",
    ]);
  });
});

describe('the editor', () => {
  it('colours what the grammar\'s lexer sees, by position on the line', () => {
    const text = 'title line\n* comment\nR1 a 0 {rc*2} ; note\n.param rc=5\n';
    const got = highlightRanges(text).map(([a, b, cls]) => `${cls}:${text.slice(a, b)}`);
    expect(got).toEqual([
      'nl-title:title line',
      'nl-comment:* comment',
      'nl-element:R1',
      'nl-number:0', // shaped like a number: coloured as one, the ground node included
      'nl-brace:{',
      'nl-param:rc',
      'nl-operator:*',
      'nl-number:2',
      'nl-brace:}',
      'nl-comment:; note',
      'nl-directive:.param',
      'nl-param:rc',
      'nl-operator:=',
      'nl-number:5',
    ]);
  });

  it('finds numeric .param values and their places for the sliders, and element letters for completion', () => {
    const { ast } = parseNetlist('t\n.param a=1 b={a*2}\n.param  c=10n\n', { file: 'p.cir' });
    expect(paramsOf(ast)).toEqual([
      { name: 'a', written: 'a', line: 2, column: 8, value: { number: 1, line: 2, column: 10 } },
      { name: 'b', written: 'b', line: 2, column: 12, value: undefined },
      { name: 'c', written: 'c', line: 3, column: 9, value: { number: 10e-9, line: 3, column: 11 } },
    ]);
    expect(elementLetters().map((w) => w.label)).toEqual(['R', 'RDYN', 'C', 'L', 'V', 'I', 'E', 'G', 'B', 'S', 'CPE', 'W', 'WS', 'WO', 'X']);
  });
});

describe('overlays and sharing', () => {
  it('draws the previous run grey under the present one', () => {
    const spec = (y: number) => ({ width: 10, data: { values: [{ E: 0, I: y, cycle: 'cycle 1' }] }, mark: { type: 'line' }, encoding: { x: { field: 'E' }, color: { field: 'cycle' } } });
    const both = overlayPrevious(spec(2) as never, spec(1) as never, 'before: rc = 5') as unknown as { width: number; layer: Array<Rows & { mark: { color?: string } }> };
    expect(both.width).toBe(10);
    expect(both.layer.map((l) => [l.data.values[0]!['I'], l.mark.color])).toEqual([[1, '#9a9a9a'], [2, undefined]]);
  });

  it('round-trips a netlist through the URL hash and ignores a broken one', async () => {
    const text = readFileSync('netlists/ncm-6.cir', 'utf8');
    const hash = await encodeNetlist(text);
    expect(hash).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(0.6 * text.length); // measured 1306 of 2288 characters
    expect(await decodeNetlist(`#n=${hash}`)).toBe(text);
    expect(await decodeNetlist('#n=AAAA')).toBeUndefined();
    expect(await decodeNetlist('#other')).toBeUndefined();
  });
});
