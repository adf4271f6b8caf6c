import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { elementDeclarations } from '../../src/circuit/registry.js';
import { elementLetters } from '../../src/netlist/elementLines.js';
import { withElementTable } from '../../src/netlist/elementDocs.js';

const DOC = 'docs/netlist-language.md';

describe('element declarations', () => {
  it('are the table of docs/netlist-language.md (NCM_UPDATE_DOCS=1 rewrites it)', () => {
    const doc = readFileSync(DOC, 'utf8');
    const generated = withElementTable(doc);
    if (process.env['NCM_UPDATE_DOCS'] && generated !== doc) writeFileSync(DOC, generated);
    expect(doc).toBe(generated);
  });

  it('give the element letters of the unknown-element message, longest prefixes kept apart', () => {
    expect(elementLetters()).toBe('R, RDYN, C, L, V, I, E, G, B, S, CPE, W, WS, WO or X');
    const kinds = elementDeclarations().map((d) => d.kind);
    expect(kinds).toEqual(['R', 'RDYN', 'C', 'L', 'V', 'I', 'E', 'G', 'B', 'S', 'CQ', 'PDRV', 'CPE', 'W', 'WS', 'WO']);
  });

  it('declare every value-syntax element with one positional value and a build function', () => {
    for (const d of elementDeclarations().filter((x) => x.syntax === 'value')) {
      expect(d.params.filter((p) => p.position === 'value')).toHaveLength(1);
      expect(typeof d.build).toBe('function');
    }
  });
});
