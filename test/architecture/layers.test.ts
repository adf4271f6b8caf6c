import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLayering, importsOf, parseLayerTable, sourceFiles, type LayerTable } from './layering.js';

const doc = readFileSync('docs/architecture.md', 'utf8');

describe('layering of src/ (docs/architecture.md, ## Layers)', () => {
  it('every import between folders follows the layer table, and no folder cycle exists', () => {
    const table = parseLayerTable(doc);
    const files = sourceFiles('.', ['src', 'grammar', 'web']);
    expect(files.length).toBeGreaterThan(100);
    expect(checkLayering(table, files, existsSync)).toEqual([]);
  });
});

describe('the layering check', () => {
  // A small table: low <- mid <- top, plus one pending back-edge.
  const table: LayerTable = parseLayerTable(
    [
      '## Layers',
      '| layer | path | may import |',
      '|---|---|---|',
      '| low | `src/low/` | - |',
      '| mid | `src/mid/` | low |',
      '| top | `src/top/` | mid, low |',
      '### Back-edges being removed',
      '| import | removed by |',
      '|---|---|',
      '| `src/low/b.ts` -> `src/top/t.ts` | later |',
    ].join('\n'),
  );
  const ok = [
    { path: 'src/low/a.ts', text: "export const a = 1;\n" },
    { path: 'src/low/b.ts', text: "import { t } from '../top/t.js';\nexport const b = t;\n" },
    { path: 'src/mid/m.ts', text: "import { a } from '../low/a.js';\nimport type { X } from './x.js';\nexport const m = a;\n" },
    { path: 'src/top/t.ts', text: "import { m } from '../mid/m.js';\nimport { readFileSync } from 'node:fs';\nexport const t = m;\n" },
  ];
  const exists = (p: string) => ok.some((f) => f.path === p);

  it('reads the table and the pending back-edges', () => {
    expect(table.layers.map((l) => [l.name, l.path, l.mayImport])).toEqual([
      ['low', 'src/low/', []],
      ['mid', 'src/mid/', ['low']],
      ['top', 'src/top/', ['mid', 'low']],
    ]);
    expect(table.pending).toEqual([{ from: 'src/low/b.ts', to: 'src/top/t.ts' }]);
  });

  it('finds relative imports with their lines, including type-only, re-exports and dynamic imports', () => {
    const text = "import type { A } from '../a/x.js';\n\nexport { b } from './b.js';\nconst c = await import('../c/y.js');\nimport 'chevrotain';\n";
    expect(importsOf({ path: 'src/q/f.ts', text }, (p) => p === 'src/a/x.ts')).toEqual([
      { to: 'src/a/x.ts', line: 1, specifier: '../a/x.js' },
      { to: 'src/q/b.js', line: 3, specifier: './b.js' },
      { to: 'src/c/y.js', line: 4, specifier: '../c/y.js' },
    ]);
  });

  it('accepts code that keeps to the table', () => {
    expect(checkLayering(table, ok, exists)).toEqual([]);
  });

  it('names the offending import with file:line, the layers and what is allowed; and the cycle it closes', () => {
    const files = [...ok, { path: 'src/mid/back.ts', text: "// why\nimport { t } from '../top/t.js';\n" }];
    expect(checkLayering(table, files, exists)).toEqual([
      "src/mid/back.ts:2: 'mid' imports 'top' ('../top/t.js'), but mid may import only: low (docs/architecture.md, ## Layers)",
      "folder cycle: mid -> top (src/mid/back.ts:2 imports '../top/t.js'), top -> mid (src/top/t.ts:1 imports '../mid/m.js')",
    ]);
  });

  it('an unlisted folder, an import into no layer and a cycle in the table are errors', () => {
    const files = [...ok, { path: 'src/new/n.ts', text: '' }, { path: 'src/low/c.ts', text: "import x from '../../types/x.js';\n" }];
    expect(checkLayering(table, files, exists)).toEqual([
      "src/new/n.ts: 'src/new/' has no row in the layer table of docs/architecture.md (## Layers): add one with the layers it may import",
      "src/low/c.ts:1: imports '../../types/x.js' (types/x.js), which lies in no layer of docs/architecture.md",
    ]);
    const cyclic = parseLayerTable(['## Layers', '| layer | path | may import |', '|---|---|---|', '| a | `src/a/` | b |', '| b | `src/b/` | a, zz |', '### Back-edges being removed', '| import | removed by |'].join('\n'));
    expect(checkLayering(cyclic, [])).toEqual([
      "docs/architecture.md: layer 'b' may import 'zz', which is no layer of the table",
      'docs/architecture.md: the layer table has a cycle: a -> b -> a',
    ]);
  });

  it('a pending back-edge that no longer occurs must be deleted from the table', () => {
    const files = ok.map((f) => (f.path === 'src/low/b.ts' ? { ...f, text: 'export const b = 2;\n' } : f));
    expect(checkLayering(table, files, exists)).toEqual([
      "docs/architecture.md: the back-edge src/low/b.ts -> src/top/t.ts no longer occurs: delete its row from '### Back-edges being removed'",
    ]);
  });
});
