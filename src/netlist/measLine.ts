/**
 * `.meas` / `.measure` lines (ngspice's subset) from their generic items to a typed measure:
 *   .meas <analysis> <name> TRIG <point> TARG <point>
 *   .meas <analysis> <name> FIND <signal> AT=<x>
 *   .meas <analysis> <name> FIND <signal> WHEN <signal>=<level> [TD=] [RISE=|FALL=|CROSS=]
 *   .meas <analysis> <name> WHEN <signal>=<level> [TD=] [RISE=|FALL=|CROSS=]
 *   .meas <analysis> <name> MAX|MIN|PP|AVG|RMS|INTEG <signal> [FROM=] [TO=]
 * where <point> is `AT=<x>` or `<signal> VAL=<level> [TD=] [RISE=|FALL=|CROSS=]`.
 */
import { MEASURE_ANALYSES, STATISTICS, type CrossingSpec, type MeasureAnalysis, type MeasureBody, type MeasurePoint, type MeasureSignal, type Statistic } from '../circuit/measure.js';
import type { Expr, NameRef, SaveAst } from './ast.js';
import type { DirectiveLine } from './directiveLine.js';
import { describeItem, type Item, type WordItem } from './items.js';
import type { LineContext } from './lineTools.js';
import { parseSpiceNumber } from './numbers.js';

const FORMS =
  'TRIG <point> TARG <point>, FIND <signal> AT=<x>, FIND <signal> WHEN <signal>=<level>, WHEN <signal>=<level>, or MAX|MIN|PP|AVG|RMS|INTEG <signal> [FROM=<x>] [TO=<x>]';
const INVALID: DirectiveLine = { kind: 'invalid' };

/** Thrown after reporting: the line is dropped. */
class Bad extends Error {}

export function measDirective(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const owner = head.name;
  const [analysisItem, nameItem, kwItem, ...rest] = items;
  if (!analysisItem || !nameItem || !kwItem) {
    ctx.error(items.at(-1)?.loc ?? head.loc, `${owner}: expected <analysis> <name> and a measure (${FORMS})`);
    return INVALID;
  }
  const probes: SaveAst[] = [];
  const r = new Reader(ctx, owner, probes);
  try {
    const analysisWord = r.plain(analysisItem, `the analysis (${MEASURE_ANALYSES.join(', ')})`).toLowerCase();
    if (!(MEASURE_ANALYSES as readonly string[]).includes(analysisWord)) {
      ctx.error(analysisItem.loc, `${owner}: unknown analysis '${analysisWord}': expected one of ${MEASURE_ANALYSES.join(', ')}`);
      throw new Bad();
    }
    const name = r.plain(nameItem, 'the name of the measure');
    const kw = r.plain(kwItem, `a measure keyword (${FORMS})`).toLowerCase();
    const body = r.body(kw, kwItem, rest);
    return {
      kind: 'statement',
      statement: { kind: 'meas', spec: { name, analysis: analysisWord as MeasureAnalysis, loc: head.loc, ...body }, probes, loc: head.loc },
    };
  } catch (e) {
    if (e instanceof Bad) return INVALID;
    throw e;
  }
}

class Reader {
  constructor(
    private readonly ctx: LineContext,
    private readonly owner: string,
    private readonly probes: SaveAst[],
  ) {}

  fail(item: { loc: NameRef['loc'] }, message: string): never {
    this.ctx.error(item.loc, `${this.owner}: ${message}`);
    throw new Bad();
  }

  plain(it: Item, what: string): string {
    if (it.kind === 'word' && !it.args && !it.assigned) return it.text;
    return this.fail(it, `expected ${what}, found ${describeItem(it)}`);
  }

  body(kw: string, kwItem: Item, rest: Item[]): MeasureBody<Expr> {
    switch (kw) {
      case 'trig': {
        const k = rest.findIndex((it) => it.kind === 'word' && !it.args && !it.assigned && it.text.toLowerCase() === 'targ');
        if (k < 0) return this.fail(rest.at(-1) ?? kwItem, `TRIG without TARG: write TRIG <point> TARG <point>, a point being AT=<x> or <signal> VAL=<level> [RISE=n|FALL=n|CROSS=n] [TD=<x>]`);
        return { kind: 'trig-targ', trig: this.point(rest.slice(0, k), kwItem, 'TRIG'), targ: this.point(rest.slice(k + 1), rest[k]!, 'TARG') };
      }
      case 'find': {
        const [sigItem, next, ...more] = rest;
        if (!sigItem) return this.fail(kwItem, 'FIND: expected the signal to report, e.g. FIND v(out) AT=1m');
        const signal = this.signal(sigItem, false);
        if (next?.kind === 'word' && next.assigned && !next.args && next.text.toLowerCase() === 'at') {
          for (const m of more) this.fail(m, `FIND ... AT=: unexpected ${describeItem(m)}: expected end of line`);
          return { kind: 'find-at', signal, at: this.value(next.assigned, 'AT') };
        }
        if (next?.kind === 'word' && !next.assigned && !next.args && next.text.toLowerCase() === 'when') {
          return { kind: 'find-when', signal, when: this.when(more, next) };
        }
        return this.fail(next ?? sigItem, `FIND ${signal.label}: expected AT=<x> or WHEN <signal>=<level>${next ? `, found ${describeItem(next)}` : ''}`);
      }
      case 'when':
        return { kind: 'when', when: this.when(rest, kwItem) };
      default: {
        if (!(STATISTICS as readonly string[]).includes(kw)) return this.fail(kwItem, `unknown measure '${kw.toUpperCase()}': expected ${FORMS}`);
        const [sigItem, ...keys] = rest;
        if (!sigItem) return this.fail(kwItem, `${kw.toUpperCase()}: expected a signal, e.g. ${kw.toUpperCase()} v(out) FROM=0 TO=1m`);
        const signal = this.signal(sigItem, false);
        const k = this.keys(keys, ['from', 'to'], `${kw.toUpperCase()}: FROM=<x> or TO=<x>`);
        return { kind: 'statistic', fn: kw as Statistic, signal, from: k.get('from'), to: k.get('to') };
      }
    }
  }

  /** `AT=<x>` or `<signal> VAL=<level> [TD=] [RISE=|FALL=|CROSS=]`. */
  point(items: Item[], at: Item, what: string): MeasurePoint<Expr> {
    const [first, ...more] = items;
    if (!first) return this.fail(at, `${what}: expected AT=<x> or <signal> VAL=<level> after ${what}`);
    if (first.kind === 'word' && first.assigned && !first.args && first.text.toLowerCase() === 'at') {
      for (const m of more) this.fail(m, `${what} AT=: unexpected ${describeItem(m)}`);
      return { kind: 'at', at: this.value(first.assigned, 'AT'), loc: first.loc };
    }
    const signal = this.signal(first, false);
    const keys = this.keyItems(more, ['val', 'td', 'rise', 'fall', 'cross'], `${what}: VAL=, TD=, RISE=, FALL= or CROSS=`);
    const val = keys.get('val');
    if (!val) return this.fail(first, `${what} ${signal.label}: missing VAL=<level>`);
    return { kind: 'crossing', ...this.crossing(signal, this.value(val.assigned!, 'VAL'), keys, first) };
  }

  /** `<signal>=<level> [TD=] [RISE=|FALL=|CROSS=]`. */
  when(items: Item[], at: Item): CrossingSpec<Expr> {
    const [first, ...more] = items;
    if (!first || first.kind !== 'word' || !first.args || !first.assigned) {
      return this.fail(first ?? at, `WHEN: expected <signal>=<level>, e.g. WHEN v(out)=0.5${first ? `, found ${describeItem(first)}` : ''}`);
    }
    const signal = this.signal(first, true);
    const keys = this.keyItems(more, ['td', 'rise', 'fall', 'cross'], 'WHEN: TD=, RISE=, FALL= or CROSS=');
    return this.crossing(signal, this.value(first.assigned, 'level'), keys, first);
  }

  crossing(signal: MeasureSignal, level: Expr, keys: Map<string, WordItem>, at: Item): CrossingSpec<Expr> {
    const edges = (['rise', 'fall', 'cross'] as const).filter((e) => keys.has(e));
    if (edges.length > 1) this.fail(keys.get(edges[1]!)!, `give one of RISE=, FALL= or CROSS=, not ${edges.map((e) => `${e.toUpperCase()}=`).join(' and ')}`);
    // No RISE/FALL/CROSS: the first crossing in either direction.
    const edge = edges[0] ?? 'cross';
    let n: number | 'last' = 1;
    const nItem = keys.get(edge)?.assigned;
    if (nItem) {
      const text = nItem.kind === 'word' && !nItem.args ? nItem.text.toLowerCase() : '';
      const v = parseSpiceNumber(text);
      if (text === 'last') n = 'last';
      else if (v !== undefined && Number.isInteger(v) && v >= 1) n = v;
      else this.fail(nItem, `${edge.toUpperCase()}= must be a whole number of 1 or more or LAST, found ${describeItem(nItem)}`);
    }
    const td = keys.get('td');
    return { signal, level, edge, n, delay: td ? this.value(td.assigned!, 'TD') : undefined, loc: at.loc };
  }

  keyItems(items: Item[], allowed: string[], expected: string): Map<string, WordItem> {
    const out = new Map<string, WordItem>();
    for (const it of items) {
      if (it.kind !== 'word' || it.args || !it.assigned) this.fail(it, `expected ${expected}, found ${describeItem(it)}`);
      const key = it.text.toLowerCase();
      if (!allowed.includes(key)) this.fail(it, `unknown parameter '${it.text}=': expected ${expected}`);
      if (out.has(key)) this.fail(it, `${it.text}= is given twice`);
      out.set(key, it);
    }
    return out;
  }

  keys(items: Item[], allowed: string[], expected: string): Map<string, Expr> {
    const out = new Map<string, Expr>();
    for (const [k, it] of this.keyItems(items, allowed, expected)) out.set(k, this.value(it.assigned!, k.toUpperCase()));
    return out;
  }

  value(it: Item, what: string): Expr {
    const v = this.ctx.value(it, what, this.owner);
    if (!v) throw new Bad();
    return v;
  }

  /** `v(node)`, `v(a,b)`, `i(element)`, `q(capacitor)` or another recorded column such as `vapp(vm)` or `mag(z)`. */
  signal(it: Item, assigned: boolean): MeasureSignal {
    if (it.kind !== 'word' || !it.args || (!assigned && it.assigned)) {
      return this.fail(it, `expected a signal such as v(out), v(a,b), i(R1) or q(C1), found ${describeItem(it)}`);
    }
    const fn = it.text.toLowerCase();
    const names = it.args.map((a) => this.plain(a, fn === 'v' ? 'a node name' : 'a name'));
    const label = `${fn}(${names.map((n) => n.toLowerCase()).join(',')})`;
    const refs = it.args.map((a, k) => ({ name: names[k]!, loc: a.loc }));
    if (fn === 'v' && (refs.length === 1 || refs.length === 2)) this.probes.push({ kind: 'v', node: refs[0]!, ...(refs[1] ? { ref: refs[1] } : {}), label, loc: it.loc });
    else if ((fn === 'i' || fn === 'q') && refs.length === 1) this.probes.push({ kind: fn, element: refs[0]!, label, loc: it.loc });
    else if (fn === 'v' || fn === 'i' || fn === 'q') this.fail(it, `${fn}() takes ${fn === 'v' ? 'one or two nodes' : 'one element'}, found ${names.length}`);
    return { label, loc: it.loc };
  }
}
