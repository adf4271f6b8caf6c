import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntaxDiagramHtml } from '../../grammar/diagram.js';
import { cstTypesSource } from '../../grammar/cstTypes.js';

describe('grammar/diagram.html', () => {
  it('is the current railroad diagram of the parser (regenerate: npx tsx grammar/diagram.ts)', () => {
    expect(readFileSync('grammar/diagram.html', 'utf8')).toBe(syntaxDiagramHtml());
  });

  it('loads its scripts from node_modules, not from a CDN', () => {
    const html = syntaxDiagramHtml();
    expect(html).toContain("src='../node_modules/chevrotain/diagrams/vendor/railroad-diagrams.js'");
    expect(html).not.toContain('unpkg.com');
    for (const rule of ['netlist', 'elementLine', 'directiveLine', 'paramLine', 'item', 'expression']) expect(html).toContain(`"name": "${rule}"`);
  });
});

describe('grammar/cst.d.ts', () => {
  it('is the current set of CST types generated from the parser (regenerate: npx tsx grammar/cstTypes.ts)', () => {
    expect(readFileSync('grammar/cst.d.ts', 'utf8')).toBe(cstTypesSource());
  });
});
