/**
 * Dot-command lines (`.tran`, `.cv`, `.chrono`, `.options`, `.save`, `.subckt`, ...) from their
 * generic items to typed AST. `.subckt`/`.ends`/`.end` only mark structure here; parse.ts nests.
 */
import type { Expr, Loc, NameRef, ParamAssignment, SaveAst } from './ast.js';
import { describeItem, type Item } from './items.js';
import { LineContext, plural, rejectUnknownKeys, splitItems } from './lineTools.js';
import { acDirective, stepDirective } from './sweepDirectives.js';
import { parseScanRate, parseSpiceNumber, RATE_UNITS } from './numbers.js';
import { ladderLine } from './ladderLine.js';
import { protocolDirective } from './protocolLines.js';
import { switchModelDirective } from './loadElementLines.js';
import { sensDirective } from './sensDirective.js';
import type { DirectiveLine } from './directiveLine.js';
import { fitDirective } from './fitDirective.js';
import { measDirective } from './measLine.js';

export const DIRECTIVES = '.param, .subckt, .ends, .include, .lib, .endl, .global, .op, .tran, .cv, .chrono, .ac, .step, .sens, .fit, .protocol, .model, .options, .save, .print, .plot, .meas, .ic, .ladder, .end';


const INVALID: DirectiveLine = { kind: 'invalid' };

export function buildDirective(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const name = head.name.toLowerCase();
  const loc = head.loc;
  switch (name) {
    case '.op':
      return noItems(ctx, head, items) ? { kind: 'statement', statement: { kind: 'op', loc } } : INVALID;
    case '.end':
      return noItems(ctx, head, items) ? { kind: 'end', loc } : INVALID;
    case '.tran':
      return tran(ctx, head, items);
    case '.cv':
      return cv(ctx, head, items);
    case '.chrono':
      return chrono(ctx, head, items);
    case '.options':
    case '.option':
    case '.opt':
      return options(ctx, head, items);
    case '.save':
    case '.print':
    case '.plot':
      return save(ctx, head, items);
    case '.ic':
      return ic(ctx, head, items);
    case '.meas':
    case '.measure':
      return measDirective(ctx, head, items);
    case '.include':
    case '.inc':
      return include(ctx, head, items);
    case '.subckt':
      return subckt(ctx, head, items);
    case '.lib':
      return lib(ctx, head, items);
    case '.endl': {
      const [first, ...extra] = items;
      for (const e of extra) ctx.error(e.loc, `.endl: unexpected ${describeItem(e)}: expected end of line`);
      const n = first ? ctx.name(first, 'the section name or end of line', '.endl') : undefined;
      return { kind: 'lib-close', ...(n ? { name: n } : {}), loc };
    }
    case '.global': {
      const nodes: NameRef[] = [];
      for (const it of items) {
        const n = ctx.name(it, 'a node name', '.global');
        if (n) nodes.push(n);
      }
      if (items.length === 0) ctx.error(loc, '.global: expected node names after .global, found end of line');
      return nodes.length === items.length && nodes.length > 0 ? { kind: 'statement', statement: { kind: 'global', nodes, loc } } : INVALID;
    }
    case '.ladder':
      return ladderLine(ctx, head, items);
    case '.ends': {
      const [first, ...extra] = items;
      for (const e of extra) ctx.error(e.loc, `.ends: unexpected ${describeItem(e)}: expected end of line`);
      const n = first ? ctx.name(first, 'the subcircuit name or end of line', '.ends') : undefined;
      return { kind: 'subckt-close', ...(n ? { name: n } : {}), loc };
    }
    case '.ac':
      return acDirective(ctx, head, items);
    case '.protocol':
      return protocolDirective(ctx, head, items);
    case '.model':
      return switchModelDirective(ctx, head, items);
    case '.step':
      return stepDirective(ctx, head, items);
    case '.fit':
      return fitDirective(ctx, head, items);
    case '.sens':
      return sensDirective(ctx, head, items);
    default:
      ctx.error(loc, `unknown directive '${head.name}': expected one of ${DIRECTIVES}`);
      return INVALID;
  }
}

function noItems(ctx: LineContext, head: NameRef, items: Item[]): boolean {
  for (const it of items) ctx.error(it.loc, `${head.name}: unexpected ${describeItem(it)}: ${head.name} takes no arguments`);
  return items.length === 0;
}

/** Positional values, each reported if malformed; undefined if any failed. */
function values(ctx: LineContext, items: Item[], names: string[], owner: string): Expr[] | undefined {
  const out = items.map((it, i) => ctx.value(it, names[i] ?? 'value', owner));
  return out.every((v) => v !== undefined) ? (out as Expr[]) : undefined;
}

function tran(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const form = '.tran <tstep> <tstop> [<tstart> [<tmax>]] [uic]';
  let uic = false;
  const rest = items.filter((it) => {
    if (it.kind === 'word' && !it.args && !it.assigned && it.text.toLowerCase() === 'uic') {
      uic = true;
      return false;
    }
    return true;
  });
  if (rest.length < 2 || rest.length > 4) {
    ctx.error(rest[4]?.loc ?? head.loc, `.tran: expected 2 to 4 values, found ${plural(rest.length, 'value')}: write ${form}`);
    return INVALID;
  }
  const v = values(ctx, rest, ['tstep', 'tstop', 'tstart', 'tmax'], '.tran');
  if (!v) return INVALID;
  return {
    kind: 'statement',
    statement: { kind: 'tran', tstep: v[0]!, tstop: v[1]!, ...(v[2] ? { tstart: v[2] } : {}), ...(v[3] ? { tmax: v[3] } : {}), uic, loc: head.loc },
  };
}

function cv(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const form = '.cv <source> <v_start> <v_vertex> [<v_end>] rate=<value with unit> cycles=<n> [steady=<tol>] [smooth=<s>]';
  const { positional, keyed } = splitItems(ctx, items, '.cv');
  rejectUnknownKeys(ctx, keyed, ['rate', 'cycles', 'steady', 'smooth'], '.cv', 'rate=, cycles=, steady= or smooth=');
  if (positional.length < 3 || positional.length > 4) {
    ctx.error(positional[4]?.loc ?? head.loc, `.cv: expected a source and 2 or 3 voltages, found ${plural(positional.length, 'item')}: write ${form}`);
    return INVALID;
  }
  const source = ctx.name(positional[0]!, 'the name of a voltage source', '.cv');
  const v = values(ctx, positional.slice(1), ['v_start', 'v_vertex', 'v_end'], '.cv');
  const rateItem = keyed.get('rate')?.assigned;
  let rate: Expr | undefined;
  if (!rateItem) {
    ctx.error(head.loc, `.cv: missing rate=<value with unit>, e.g. rate=20mV/us: write ${form}`);
  } else if (rateItem.kind === 'expr') {
    // An expression (a swept .param) is in V/s, SI as everything inside; elaboration checks its sign.
    rate = ctx.value(rateItem, 'scan rate in V/s', '.cv');
  } else if (rateItem.kind !== 'word' || rateItem.args) {
    ctx.error(rateItem.loc, `.cv: the scan rate must be a number with its unit, e.g. rate=20mV/us (accepted: ${RATE_UNITS}), or {expression} in V/s; found ${describeItem(rateItem)}`);
  } else {
    const r = parseScanRate(rateItem.text);
    if (r.ok) {
      if (r.value > 0) rate = { kind: 'number', value: r.value, loc: rateItem.loc };
      else ctx.error(rateItem.loc, `.cv: the scan rate must be positive (the sweep direction follows v_start -> v_vertex), found '${rateItem.text}'`);
    } else if (r.reason === 'no-unit') {
      ctx.error(rateItem.loc, `.cv: the scan rate '${rateItem.text}' has no unit: write it with one, e.g. rate=${rateItem.text}mV/us (accepted: ${RATE_UNITS})`);
    } else {
      ctx.error(rateItem.loc, `.cv: malformed scan rate '${rateItem.text}': expected a number with a unit of voltage per time, e.g. rate=20mV/us (accepted: ${RATE_UNITS})`);
    }
  }
  const cyclesItem = keyed.get('cycles')?.assigned;
  const cycles = cyclesItem ? ctx.value(cyclesItem, 'number of cycles', '.cv') : undefined;
  const steadyItem = keyed.get('steady')?.assigned;
  const steady = steadyItem ? ctx.value(steadyItem, 'steady-state tolerance', '.cv') : undefined;
  const smoothItem = keyed.get('smooth')?.assigned;
  const smooth = smoothItem ? ctx.value(smoothItem, 'half-width of the vertex rounding in seconds', '.cv') : undefined;
  if (!source || !v || rate === undefined || (cyclesItem && !cycles) || (steadyItem && !steady) || (smoothItem && !smooth)) return INVALID;
  return {
    kind: 'statement',
    statement: {
      kind: 'cv',
      source,
      vStart: v[0]!,
      vVertex: v[1]!,
      ...(v[2] ? { vEnd: v[2] } : {}),
      rate,
      ...(cycles ? { cycles } : {}),
      ...(steady ? { steady } : {}),
      ...(smooth ? { smooth } : {}),
      loc: head.loc,
    },
  };
}

function chrono(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const form = '.chrono <source> <v_initial> <v_step> <t_step> <t_stop>';
  if (items.length !== 5) {
    ctx.error(items[5]?.loc ?? head.loc, `.chrono: expected a source and 4 values, found ${plural(items.length, 'item')}: write ${form}`);
    return INVALID;
  }
  const source = ctx.name(items[0]!, 'the name of a voltage source', '.chrono');
  const v = values(ctx, items.slice(1), ['v_initial', 'v_step', 't_step', 't_stop'], '.chrono');
  if (!source || !v) return INVALID;
  return {
    kind: 'statement',
    statement: { kind: 'chrono', source, vInitial: v[0]!, vStep: v[1]!, tStep: v[2]!, tStop: v[3]!, loc: head.loc },
  };
}

function options(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const entries: Array<{ key: string; value: Expr | string; loc: Loc }> = [];
  let ok = true;
  for (const it of items) {
    if (it.kind !== 'word' || it.args) {
      ctx.error(it.loc, `${head.name}: expected name=value or a flag name, found ${describeItem(it)}`);
      ok = false;
      continue;
    }
    const key = it.text.toLowerCase();
    const a = it.assigned;
    if (!a) {
      // A bare flag (ngspice style, e.g. `.options noinit`) is stored as 1.
      entries.push({ key, value: { kind: 'number', value: 1, loc: it.loc }, loc: it.loc });
    } else if (a.kind === 'expr') entries.push({ key, value: a.expr, loc: it.loc });
    else if (a.kind === 'word' && !a.args) {
      const n = parseSpiceNumber(a.text);
      entries.push({ key, value: n !== undefined ? { kind: 'number', value: n, loc: a.loc } : a.text.toLowerCase(), loc: it.loc });
    } else if (a.kind === 'string') entries.push({ key, value: a.text, loc: it.loc });
    else {
      ctx.error(a.loc, `${head.name}: expected a value for ${it.text}=, found ${describeItem(a)}`);
      ok = false;
    }
  }
  return ok ? { kind: 'statement', statement: { kind: 'options', entries, loc: head.loc } } : INVALID;
}

const SAVE_FORMS = 'v(node), v(node1,node2), i(element) or q(capacitor)';

function save(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const targets: SaveAst[] = [];
  let ok = true;
  items.forEach((it, i) => {
    if (it.kind === 'word' && !it.args && !it.assigned) {
      const lw = it.text.toLowerCase();
      // `.save all` means the defaults; `.print tran v(a)` names the analysis first (ngspice).
      if (lw === 'all' || (i === 0 && ['tran', 'op', 'dc', 'ac', 'cv', 'chrono', 'protocol'].includes(lw))) return;
    }
    const t = it.kind === 'word' && it.args && !it.assigned ? saveTarget(ctx, head, it.text, it.args, it.loc) : undefined;
    if (t) targets.push(t);
    else {
      if (!(it.kind === 'word' && it.args && !it.assigned)) ctx.error(it.loc, `${head.name}: expected ${SAVE_FORMS}, found ${describeItem(it)}`);
      ok = false;
    }
  });
  return ok ? { kind: 'statement', statement: { kind: 'save', targets, loc: head.loc } } : INVALID;
}

function saveTarget(ctx: LineContext, head: NameRef, fn: string, args: Item[], loc: Loc): SaveAst | undefined {
  const f = fn.toLowerCase();
  const names = args.map((a) => ctx.name(a, f === 'v' ? 'a node name' : 'an element name', head.name));
  if (names.some((n) => !n)) return undefined;
  const refs = names as NameRef[];
  const label = `${f}(${refs.map((r) => r.name.toLowerCase()).join(',')})`;
  if (f === 'v' && (refs.length === 1 || refs.length === 2)) {
    return { kind: 'v', node: refs[0]!, ...(refs[1] ? { ref: refs[1] } : {}), label, loc };
  }
  if ((f === 'i' || f === 'q') && refs.length === 1) return { kind: f, element: refs[0]!, label, loc };
  ctx.error(loc, `${head.name}: expected ${SAVE_FORMS}, found '${fn}(...)' with ${plural(refs.length, 'argument')}`);
  return undefined;
}

function ic(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const entries: Array<{ node: NameRef; value: Expr; loc: Loc }> = [];
  let ok = true;
  for (const it of items) {
    const arg = it.kind === 'word' && it.args && it.args.length === 1 ? it.args[0] : undefined;
    if (it.kind !== 'word' || it.text.toLowerCase() !== 'v' || !arg || !it.assigned) {
      ctx.error(it.loc, `.ic: expected v(<node>)=<value>, found ${describeItem(it)}`);
      ok = false;
      continue;
    }
    const node = ctx.name(arg, 'a node name', '.ic');
    const value = ctx.value(it.assigned, 'initial voltage', '.ic');
    if (!node || !value) ok = false;
    else entries.push({ node, value, loc: it.loc });
  }
  return ok ? { kind: 'statement', statement: { kind: 'ic', entries, loc: head.loc } } : INVALID;
}

function include(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const [first, ...extra] = items;
  for (const e of extra) ctx.error(e.loc, `${head.name}: unexpected ${describeItem(e)}: expected end of line after the file name`);
  if (!first || extra.length > 0) {
    if (!first) ctx.error(head.loc, `${head.name}: missing file name: write ${head.name} "<path>"`);
    return INVALID;
  }
  if (first.kind === 'string') return { kind: 'statement', statement: { kind: 'include', path: first.text, loc: head.loc } };
  const n = ctx.name(first, 'a file name in double quotes', head.name);
  return n ? { kind: 'statement', statement: { kind: 'include', path: n.name, loc: head.loc } } : INVALID;
}

/** `.lib <file> <section>` includes a section of a library file; `.lib <section>` opens one (closed by `.endl`). */
function lib(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const form = `write ${head.name} "<file>" <section> (use a section) or ${head.name} <section> ... .endl (define one)`;
  if (items.length === 0 || items.length > 2) {
    for (const e of items.slice(2)) ctx.error(e.loc, `${head.name}: unexpected ${describeItem(e)}: ${form}`);
    if (items.length === 0) ctx.error(head.loc, `${head.name}: missing file and section name: ${form}`);
    return INVALID;
  }
  if (items.length === 1) {
    const n = items[0]!.kind === 'string' ? undefined : ctx.name(items[0]!, 'a section name', head.name);
    if (!n) {
      if (items[0]!.kind === 'string') ctx.error(items[0]!.loc, `${head.name}: missing section name after the file: ${form}`);
      return INVALID;
    }
    return { kind: 'lib-open', name: n.name, loc: head.loc };
  }
  const [fileItem, sectionItem] = items as [Item, Item];
  const path = fileItem.kind === 'string' ? fileItem.text : ctx.name(fileItem, 'a file name', head.name)?.name;
  const section = ctx.name(sectionItem, 'a section name', head.name);
  if (path === undefined || !section) return INVALID;
  return { kind: 'statement', statement: { kind: 'lib', path, section: section.name, loc: head.loc } };
}

function subckt(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const owner = '.subckt';
  const { positional, keyed } = splitItems(ctx, items, owner);
  const names: NameRef[] = [];
  let ok = true;
  for (const it of positional) {
    if (it.kind === 'word' && it.text.toLowerCase() === 'params:' && !it.args) continue;
    const n = ctx.name(it, 'a port name', owner);
    if (n) names.push(n);
    else ok = false;
  }
  const name = names.shift();
  if (!name) {
    ctx.error(head.loc, `.subckt: missing subcircuit name: write .subckt <name> <ports...> [params: name=value ...]`);
    return { kind: 'subckt-open', name: '', ports: [], params: [], loc: head.loc };
  }
  const params: ParamAssignment[] = [];
  for (const [key, it] of keyed) {
    const v = ctx.value(it.assigned!, `default of ${it.text}`, owner);
    if (v) params.push({ name: key, expr: v, loc: it.loc });
    else ok = false;
  }
  const seen = new Set<string>();
  for (const p of names) {
    const k = p.name.toLowerCase();
    if (seen.has(k)) {
      ctx.error(p.loc, `.subckt ${name.name}: port '${p.name}' is listed twice`);
      ok = false;
    }
    seen.add(k);
  }
  // A broken header still opens the block so that its `.ends` matches.
  return { kind: 'subckt-open', name: ok ? name.name : '', ports: names, params, loc: head.loc };
}
