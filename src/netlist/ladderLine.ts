/**
 * The `.ladder` line: an N-layer electrode declared in one line,
 *   .ladder <name> <rail> <reservoir> layers=<N> [model=ncm|tlm] rc=<ohm> [gamma=<g>]
 *           cslit=<F> | ctotal=<F> [ropen=<ohm>] [copen=<F>] [qmax=peak|<C>] [polarity=pos|neg]
 * checked for shape here; ladderExpansion.ts turns it into R/RDYN/C elements during elaboration.
 */
import type { Expr, LadderAst, NameRef } from './ast.js';
import type { DirectiveLine } from './directiveLine.js';
import { describeItem, type Item } from './items.js';
import { LineContext, plural, rejectUnknownKeys, splitItems } from './lineTools.js';

export const LADDER_FORM =
  '.ladder <name> <rail> <reservoir> layers=<N> model=ncm|tlm rc=<ohm> gamma=<g> cslit=<F>|ctotal=<F> [ropen=<ohm>] [copen=<F>] [qmax=peak|<C>] [polarity=pos|neg]';
const KEYS = ['layers', 'model', 'rc', 'gamma', 'cslit', 'ctotal', 'ropen', 'copen', 'qmax', 'polarity'];

export function ladderLine(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const invalid: DirectiveLine = { kind: 'invalid' };
  const { positional, keyed } = splitItems(ctx, items, '.ladder');
  rejectUnknownKeys(ctx, keyed, KEYS, '.ladder', KEYS.map((k) => `${k}=`).join(', '));
  if (positional.length !== 3) {
    ctx.error(
      positional[3]?.loc ?? head.loc,
      `.ladder: expected a name, a rail node and a reservoir node, found ${plural(positional.length, 'item')}: write ${LADDER_FORM}`,
    );
    return invalid;
  }
  const [name, rail, reservoir] = [
    ctx.name(positional[0]!, 'the ladder name', '.ladder'),
    ctx.name(positional[1]!, 'the rail (electrode) node', '.ladder'),
    ctx.name(positional[2]!, 'the reservoir node', '.ladder'),
  ];
  if (!name || !rail || !reservoir) return invalid;
  const owner = `.ladder ${name.name}`;
  let ok = true;
  const value = (key: string, what: string): Expr | undefined => {
    const it = keyed.get(key)?.assigned;
    if (!it) return undefined;
    const v = ctx.value(it, what, owner);
    if (!v) ok = false;
    return v;
  };
  const word = (key: string, allowed: string[], expected: string): string | undefined => {
    const it = keyed.get(key);
    if (!it) return undefined;
    const a = it.assigned!;
    const w = a.kind === 'word' && !a.args && !a.assigned ? a.text.toLowerCase() : undefined;
    if (w && allowed.includes(w)) return w;
    ctx.error(a.loc, `${owner}: ${key}=${a.kind === 'word' ? a.text : ''}: expected ${expected}, found ${describeItem(a)}`);
    ok = false;
    return undefined;
  };
  const model = (word('model', ['ncm', 'tlm'], 'ncm or tlm') ?? 'ncm') as 'ncm' | 'tlm';
  const polarity = word('polarity', ['pos', 'neg'], 'pos or neg') === 'neg' ? -1 : 1;
  const layers = value('layers', 'number of layers');
  const rc = value('rc', 'R_c');
  const gamma = value('gamma', 'gamma');
  const cSlit = value('cslit', 'slit capacitance');
  const cTotal = value('ctotal', 'total slit capacitance');
  const rOpen = value('ropen', 'open-space resistance');
  const cOpen = value('copen', 'open-space capacitance');
  const missing = (key: string, example: string): void => {
    ctx.error(head.loc, `${owner}: missing ${key}=, e.g. ${key}=${example}: write ${LADDER_FORM}`);
    ok = false;
  };
  if (!keyed.has('layers')) missing('layers', '20');
  if (!keyed.has('rc')) missing('rc', '5');
  if (model === 'ncm' && !keyed.has('gamma')) missing('gamma', '0.5');
  if (model === 'tlm' && keyed.has('gamma')) {
    ctx.error(keyed.get('gamma')!.loc, `${owner}: gamma= applies to model=ncm only: a TLM has constant trans-slit resistors (remove gamma= or write model=ncm)`);
    ok = false;
  }
  if (keyed.has('cslit') && keyed.has('ctotal')) {
    ctx.error(keyed.get('ctotal')!.loc, `${owner}: give cslit= (each slit) or ctotal= (all slits together), not both`);
    ok = false;
  } else if (!keyed.has('cslit') && !keyed.has('ctotal')) missing('ctotal', '0.08u');
  let qmax: LadderAst['qmax'] = { kind: 'peak', loc: head.loc };
  const q = keyed.get('qmax')?.assigned;
  if (q) {
    if (q.kind === 'word' && !q.args && !q.assigned && q.text.toLowerCase() === 'peak') qmax = { kind: 'peak', loc: q.loc };
    else if (ctx.isValue(q)) qmax = ctx.value(q, 'QMAX', owner)!;
    else {
      ctx.error(q.loc, `${owner}: qmax=${q.kind === 'word' ? q.text : ''}: expected peak or a charge in coulomb, found ${describeItem(q)}`);
      ok = false;
    }
  }
  if (model === 'tlm' && q) {
    ctx.error(keyed.get('qmax')!.loc, `${owner}: qmax= applies to model=ncm only`);
    ok = false;
  }
  if (!ok || !layers || !rc || (!cSlit && !cTotal)) return invalid;
  const statement: LadderAst = {
    kind: 'ladder', name, rail, reservoir, model, layers, rc, qmax, polarity, loc: head.loc,
    ...(gamma ? { gamma } : {}), ...(cSlit ? { cSlit } : {}), ...(cTotal ? { cTotal } : {}),
    ...(rOpen ? { rOpen } : {}), ...(cOpen ? { cOpen } : {}),
  };
  return { kind: 'statement', statement };
}
