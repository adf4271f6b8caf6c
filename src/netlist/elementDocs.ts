/**
 * The element table of docs/netlist-language.md, generated from the element declarations
 * (src/circuit/registry.ts), so the reference cannot drift from what the parser reads. A test
 * compares the committed table with this one (NCM_UPDATE_DOCS=1 rewrites it).
 */
import type { ElementDeclaration, ParamDeclaration } from '../circuit/element.js';
import { elementDeclarations } from '../circuit/registry.js';
import { formatSi } from './describe.js';

export const TABLE_BEGIN = '<!-- element table: generated from the element declarations (src/netlist/elementDocs.ts) -->';
export const TABLE_END = '<!-- end of element table -->';

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** The form of a `'value'`-syntax line: `C<name> n+ n- <capacitance> [ic=<V>]`. */
function valueForm(d: ElementDeclaration): string {
  const value = d.params.find((p) => p.position === 'value');
  const keyed = d.params.filter((p) => p.position === 'keyed').map((p) => ` [${p.name}=<${p.unit || 'value'}>]`);
  return `\`${d.letter}<name> ${d.nodes.join(' ')} <${value?.name ?? 'value'}>${keyed.join('')}\``;
}

function param(p: ParamDeclaration): string {
  const name = p.position === 'keyed' ? `${p.name}=` : p.name;
  const facts = [p.unit, p.default !== undefined ? `default ${typeof p.default === 'number' ? formatSi(p.default, p.unit) : p.default}` : '', p.positive ? '> 0' : ''].filter(Boolean).join(', ');
  return `\`${name}\`${facts ? ` (${facts})` : ''}: ${p.description}`;
}

export function elementTableMarkdown(): string {
  const rows = ['| element | form | parameters | example |', '|---|---|---|---|'];
  for (const d of elementDeclarations()) {
    // elements without a letter of their own are listed when they have a written form (C ... Q=)
    if (d.letter === undefined && d.form === undefined) continue;
    const form = d.syntax === 'value' ? valueForm(d) : (d.form ?? '');
    rows.push(`| ${d.noun} | ${cell(form)} | ${cell(d.params.map(param).join('; '))} | \`${cell(d.example)}\` |`);
  }
  rows.push('| subcircuit instance | `X<name> <nodes...> <subckt> [name=value ...]` | the subcircuit\'s `params:` | `X1 s0 s1 m slit c=2n` |');
  return rows.join('\n');
}

/** `doc` with the text between the table markers replaced by the generated table. */
export function withElementTable(doc: string): string {
  const a = doc.indexOf(TABLE_BEGIN);
  const b = doc.indexOf(TABLE_END);
  if (a < 0 || b < a) throw new Error('the element table markers are missing');
  return `${doc.slice(0, a + TABLE_BEGIN.length)}\n${elementTableMarkdown()}\n${doc.slice(b)}`;
}
