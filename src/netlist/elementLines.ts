/**
 * Element lines (`R1 a b 5k`, `V1 in 0 PULSE(...)`, `RDYN1 s0 s1 RC=5 ...`, `X1 a b cell`) from
 * their generic items to typed AST, with messages that name the element and its expected form.
 */
import type { ElementDeclaration } from '../circuit/element.js';
import { declarationForName, elementDeclarations } from '../circuit/registry.js';
import type { DeclaredElementAst, ElementAst, Expr, Loc, NameRef, ParamAssignment, SourceAst, WaveformAst } from './ast.js';
import { describeItem, type Item, type WordItem } from './items.js';
import { LineContext, plural, rejectUnknownKeys, splitItems } from './lineTools.js';
import { behaviouralSource, chargeCapacitor, controlledSource, switchElement } from './loadElementLines.js';

/** `R1 a 0` is a resistor missing its value, not one missing a node. */
function isGroundWord(it: Item): boolean {
  return it.kind === 'word' && (it.text === '0' || it.text.toLowerCase() === 'gnd');
}

/** `R, RDYN, C, L, V, I, E, G, B, S or X`: the letters of the registered elements, and subcircuit instances. */
export function elementLetters(): string {
  const letters = elementDeclarations().flatMap((d) => (d.letter === undefined ? [] : [d.letter]));
  return `${letters.join(', ')} or X`;
}

/**
 * An element line. A name one letter off a multi-letter element (`RDNY1`, read as a resistor by its
 * first letter) that does not fit the element it is read as gets one "did you mean" message
 * instead of that element's complaints about every item.
 */
export function buildElement(ctx: LineContext, head: NameRef, items: Item[]): ElementAst | undefined {
  const meant = misspeltLetter(head.name);
  if (!meant) return buildAs(ctx, head, items);
  const trial = new LineContext([]);
  const el = buildAs(trial, head, items);
  if (!trial.diagnostics.some((d) => d.severity === 'error')) {
    ctx.diagnostics.push(...trial.diagnostics);
    return el;
  }
  const readAs = declarationForName(head.name);
  const as = readAs ? `read as ${readAs.noun === 'resistor' ? 'a' : 'the'} ${readAs.noun} (${readAs.letter}) by its first letter` : 'not an element letter';
  ctx.error(head.loc, `'${head.name}' is ${as} and does not fit it: did you mean ${meant.letter} (the ${meant.noun}), e.g. ${meant.example}?`);
  return undefined;
}

/** A multi-letter element whose letters the name's start misses by one edit (a swap, a wrong or missing letter). */
function misspeltLetter(name: string): ElementDeclaration | undefined {
  const upper = name.toUpperCase();
  for (const d of elementDeclarations()) {
    const l = d.letter?.toUpperCase();
    if (!l || l.length < 2 || upper.startsWith(l) || upper[0] !== l[0]) continue;
    for (const n of [l.length - 1, l.length, l.length + 1]) if (editDistance(upper.slice(0, n), l) <= 1) return d;
  }
  return undefined;
}

/** Optimal-string-alignment distance (adjacent swaps count 1), for short strings. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function buildAs(ctx: LineContext, head: NameRef, items: Item[]): ElementAst | undefined {
  const decl = declarationForName(head.name);
  // `C1 a b Q={...}`: the capacitor's line with a charge expression is the nonlinear capacitor
  if (decl?.kind === 'C' && items.some((it) => it.kind === 'word' && it.assigned && !it.args && it.text.toUpperCase() === 'Q')) return chargeCapacitor(ctx, head, items);
  switch (decl?.syntax) {
    case 'value':
      return declaredElement(ctx, decl, head, items);
    case 'source':
      return source(ctx, decl, head, items);
    case 'dynamic-resistor':
      return dynamicResistor(ctx, decl, head, items);
    case 'controlled':
      return controlledSource(ctx, decl, head, items);
    case 'behavioural':
      return behaviouralSource(ctx, decl, head, items);
    case 'switch':
      return switchElement(ctx, decl, head, items);
    case 'internal':
    case undefined:
      if (head.name[0]!.toUpperCase() === 'X') return instance(ctx, head, items);
      ctx.error(head.loc, `unknown element '${head.name}': element names start with ${elementLetters()}, found '${head.name[0]}'`);
      return undefined;
  }
}

/** The leading nodes: reports a wrong count, or a non-name in a node's place, in terms of the element's form. */
function leadingNodes(ctx: LineContext, head: NameRef, positional: Item[], count: number, form: string, owner: string, valuesFollow: boolean): NameRef[] | undefined {
  let found = 0;
  while (found < positional.length && found < count) {
    const it = positional[found]!;
    // `R1 a 5`: with too few items for nodes and value, a number in a later place is a value, not a node.
    if (valuesFollow && found >= 1 && positional.length < count + 1 && ctx.isValue(it) && !isGroundWord(it)) break;
    if (!(it.kind === 'word' && !it.args && !it.assigned)) {
      ctx.error(it.loc, `${owner}: expected a node name, found ${describeItem(it)}: write ${form}`);
      return undefined;
    }
    found++;
  }
  if (found < count) {
    const what = positional.length === 0 ? 'nothing after the name' : `${plural(found, 'node')}`;
    ctx.error(head.loc, `${owner}: expected ${count} nodes, found ${what}: write ${form}`);
    return undefined;
  }
  return positional.slice(0, count).map((it) => ({ name: (it as WordItem).text, loc: it.loc }));
}

function twoNodes(ctx: LineContext, head: NameRef, positional: Item[], form: string, owner: string, valuesFollow: boolean): NameRef[] | undefined {
  return leadingNodes(ctx, head, positional, 2, form, owner, valuesFollow);
}

/**
 * The generic line of a declared element: its nodes, its value, then `key=value` parameters
 * (`R1 a b 5k`, `C1 a b 1n ic=0`), every message in terms of the declaration's names.
 */
function declaredElement(ctx: LineContext, decl: ElementDeclaration, head: NameRef, items: Item[]): DeclaredElementAst | undefined {
  const valueParam = decl.params.find((p) => p.position === 'value')!;
  const keyedParams = decl.params.filter((p) => p.position === 'keyed');
  const owner = `${decl.noun} ${head.name}`;
  const form = `${head.name} ${decl.nodes.map((n) => `<${n}>`).join(' ')} <${valueParam.name}>${keyedParams.map((p) => ` [${p.name}=<value>]`).join('')}`;
  const { positional, keyed } = splitItems(ctx, items, owner);
  const keys = keyedParams.map((p) => p.name.toLowerCase());
  rejectUnknownKeys(ctx, keyed, keys, owner, keys.length ? keys.map((k) => `${k}=`).join(', ') : `nothing after the ${valueParam.name}`);
  const count = decl.nodes.length;
  const nodes = leadingNodes(ctx, head, positional, count, form, owner, true);
  if (!nodes) return undefined;
  const valueItem = positional[count];
  if (!valueItem) {
    ctx.error(head.loc, `${owner}: missing ${valueParam.name}: write ${form}`);
    return undefined;
  }
  const orKeys = keyedParams.map((p) => ` or ${p.name}=<value>`).join('');
  for (const extra of positional.slice(count + 1)) {
    ctx.error(extra.loc, `${owner}: unexpected ${describeItem(extra)} after the ${valueParam.name}: expected end of line${orKeys}`);
  }
  const values = new Map<string, Expr>();
  let ok = positional.length === count + 1;
  const value = ctx.value(valueItem, valueParam.what ?? valueParam.name, owner);
  if (value) {
    values.set(valueParam.name, value);
    femtoWarning(ctx, owner, valueParam.unit, valueItem);
  } else ok = false;
  for (const p of keyedParams) {
    const item = keyed.get(p.name.toLowerCase())?.assigned;
    if (!item) continue;
    const v = ctx.value(item, p.what ?? p.name, owner);
    if (v) values.set(p.name, v);
    else ok = false;
  }
  if (!ok) return undefined;
  return { kind: 'element', element: decl.kind, name: head.name, loc: head.loc, nodes, values };
}

/**
 * `C1 a b 1F` is 1 femtofarad in SPICE (F = femto; the unit letters after a suffix are ignored),
 * which people coming from schematics read as 1 farad. A capacitance or resistance written with
 * a bare F suffix gets a warning naming the rule; `1fF` (femto said twice) stays quiet.
 */
function femtoWarning(ctx: LineContext, owner: string, unit: string | undefined, item: Item): void {
  if ((unit !== 'F' && unit !== 'ohm') || item.kind !== 'word') return;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)f$/i.exec(item.text);
  if (!m) return;
  const n = m[1]!;
  const what = unit === 'F' ? `${n} femtofarad (${n}e-15 F)` : `${n}e-15 ohm`;
  ctx.warning(
    item.loc,
    `${owner}: '${item.text}' is ${what}: in SPICE the suffix F means femto (1e-15), not farad. ` +
      `For ${n} ${unit === 'F' ? 'farad' : 'ohm'} write ${n}; for femto write ${n}f${unit === 'F' ? 'F' : 'ohm'} to say so`,
  );
}

const RDYN_KEYS = ['rc', 'gamma', 'q', 'qmax'];

function dynamicResistor(ctx: LineContext, decl: ElementDeclaration, head: NameRef, items: Item[]): ElementAst | undefined {
  const owner = `${decl.noun} ${head.name}`;
  const form = `${head.name} <n+> <n-> RC=<ohm> GAMMA=<value> Q=<capacitor> [QMAX=peak|<coulomb>]`;
  const { positional, keyed } = splitItems(ctx, items, owner);
  rejectUnknownKeys(ctx, keyed, RDYN_KEYS, owner, 'RC=, GAMMA=, Q= or QMAX=');
  const nodes = twoNodes(ctx, head, positional, form, owner, false);
  if (!nodes) return undefined;
  for (const extra of positional.slice(2)) {
    ctx.error(extra.loc, `${owner}: unexpected ${describeItem(extra)} after the nodes: expected RC=, GAMMA=, Q= or QMAX= (${form})`);
  }
  let ok = positional.length === 2;
  const need = (key: string, what: string): Item | undefined => {
    const it = keyed.get(key)?.assigned;
    if (!it) {
      ctx.error(head.loc, `${owner}: missing ${key.toUpperCase()}=<${what}>: write ${form}`);
      ok = false;
    }
    return it;
  };
  const rcItem = need('rc', 'ohm');
  const gammaItem = need('gamma', 'value');
  const qItem = need('q', 'capacitor');
  const rc = rcItem ? ctx.value(rcItem, 'RC', owner) : undefined;
  const gamma = gammaItem ? ctx.value(gammaItem, 'GAMMA', owner) : undefined;
  const q = qItem ? ctx.name(qItem, 'the name of the controlling capacitor after Q=', owner) : undefined;
  const qmaxItem = keyed.get('qmax')?.assigned;
  let qmax: Expr | { kind: 'peak'; loc: Loc } = { kind: 'peak', loc: head.loc };
  if (qmaxItem) {
    if (qmaxItem.kind === 'word' && !qmaxItem.args && qmaxItem.text.toLowerCase() === 'peak') qmax = { kind: 'peak', loc: qmaxItem.loc };
    else if (qmaxItem.kind === 'word' && !ctx.isValue(qmaxItem)) {
      ctx.error(qmaxItem.loc, `${owner}: QMAX=${qmaxItem.text}: expected peak or a charge in coulomb such as 2n or {qmax}`);
      ok = false;
    } else {
      const v = ctx.value(qmaxItem, 'QMAX', owner);
      if (!v) ok = false;
      else qmax = v;
    }
  }
  if (!ok || !rc || !gamma || !q) return undefined;
  return { kind: 'RDYN', name: head.name, loc: head.loc, nodes, rc, gamma, q, qmax };
}

const WAVEFORM_ARITY: Record<'pulse' | 'pwl' | 'sin', { min: number; max: number; form: string }> = {
  pulse: { min: 2, max: 8, form: 'PULSE(v1 v2 [td tr tf pw per np])' },
  pwl: { min: 2, max: Infinity, form: 'PWL(t1 v1 t2 v2 ...)' },
  sin: { min: 3, max: 6, form: 'SIN(vo va freq [td theta phase])' },
};

function source(ctx: LineContext, decl: ElementDeclaration, head: NameRef, items: Item[]): SourceAst | undefined {
  const kind = decl.kind as 'V' | 'I';
  const owner = `${decl.noun} ${head.name}`;
  const form = `${head.name} <n+> <n-> [DC] <value> [AC <mag> [<phase>]] or ${head.name} <n+> <n-> PULSE(...)|PWL(...)|SIN(...)`;
  const nodes = twoNodes(ctx, head, items, form, owner, true);
  if (!nodes) return undefined;
  let ok = true;
  let dc: WaveformAst | undefined;
  let transient: WaveformAst | undefined;
  let ac: SourceAst['ac'];
  const rest = items.slice(2);
  for (let i = 0; i < rest.length; i++) {
    const it = rest[i]!;
    const next = rest[i + 1];
    if (it.kind === 'word' && !it.assigned) {
      const lw = it.text.toLowerCase();
      if (it.args) {
        if (lw === 'pulse' || lw === 'pwl' || lw === 'sin') {
          const arity = WAVEFORM_ARITY[lw];
          const args = it.args.map((a) => ctx.value(a, `${lw.toUpperCase()} argument`, owner));
          if (args.some((a) => !a)) ok = false;
          else if (args.length < arity.min || args.length > arity.max || (lw === 'pwl' && args.length % 2 !== 0)) {
            const expected = lw === 'pwl' ? 'pairs of time and value' : `${arity.min} to ${arity.max} arguments`;
            ctx.error(it.loc, `${owner}: ${it.text}(...) has ${plural(args.length, 'argument')}, expected ${expected}: ${arity.form}`);
            ok = false;
          } else if (transient) {
            ctx.error(it.loc, `${owner}: a second waveform ${it.text}(...): expected only one of PULSE, PWL or SIN`);
            ok = false;
          } else transient = { kind: lw, args: args as Expr[], loc: it.loc };
        } else {
          ctx.error(it.loc, `${owner}: unknown waveform '${it.text}(...)': expected PULSE(...), PWL(...) or SIN(...)`);
          ok = false;
        }
        continue;
      }
      if (lw === 'dc') {
        if (!next || !ctx.isValue(next)) {
          ctx.error(it.loc, `${owner}: expected a value after DC, found ${next ? describeItem(next) : 'end of line'}`);
          ok = false;
          continue;
        }
        dc = { kind: 'dc', value: ctx.value(next, 'DC value', owner)!, loc: it.loc };
        i++;
        continue;
      }
      if (lw === 'ac') {
        if (!next || !ctx.isValue(next)) {
          ctx.error(it.loc, `${owner}: expected a magnitude after AC, found ${next ? describeItem(next) : 'end of line'}`);
          ok = false;
          continue;
        }
        const magnitude = ctx.value(next, 'AC magnitude', owner)!;
        const third = rest[i + 2];
        if (third && ctx.isValue(third)) {
          ac = { magnitude, phaseDeg: ctx.value(third, 'AC phase', owner)! };
          i += 2;
        } else {
          ac = { magnitude };
          i++;
        }
        continue;
      }
      if (lw === 'pulse' || lw === 'pwl' || lw === 'sin') {
        ctx.error(it.loc, `${owner}: ${it.text} needs its arguments in parentheses: ${WAVEFORM_ARITY[lw].form}`);
        ok = false;
        continue;
      }
    }
    if (ctx.isValue(it) && !dc && i === 0) {
      dc = { kind: 'dc', value: ctx.value(it, 'DC value', owner)!, loc: it.loc };
      continue;
    }
    if (it.kind === 'word' && !it.args && !it.assigned && !ctx.isValue(it) && i === 0) {
      ctx.value(it, 'value', owner);
    } else {
      ctx.error(it.loc, `${owner}: unexpected ${describeItem(it)}: expected DC <value>, AC <mag> [<phase>], PULSE(...), PWL(...) or SIN(...)`);
    }
    ok = false;
  }
  const waveform = transient ?? dc;
  if (!waveform) {
    if (ok) ctx.error(head.loc, `${owner}: missing value: write ${form}`);
    return undefined;
  }
  if (!ok) return undefined;
  return { kind, name: head.name, loc: head.loc, nodes, waveform, ...(ac ? { ac } : {}) };
}

function instance(ctx: LineContext, head: NameRef, items: Item[]): ElementAst | undefined {
  const owner = `subcircuit instance ${head.name}`;
  const positional: NameRef[] = [];
  const params: ParamAssignment[] = [];
  let ok = true;
  for (const it of items) {
    if (it.kind === 'word' && it.assigned && !it.args) {
      const value = ctx.value(it.assigned, `value of ${it.text}`, owner);
      if (!value) ok = false;
      else if (params.some((p) => p.name === it.text.toLowerCase())) {
        ctx.error(it.loc, `${owner}: ${it.text}= is given twice`);
        ok = false;
      } else params.push({ name: it.text.toLowerCase(), expr: value, loc: it.loc });
      continue;
    }
    if (it.kind === 'word' && it.text.toLowerCase() === 'params:' && !it.args) continue;
    const n = ctx.name(it, 'a node or subcircuit name', owner);
    if (!n) ok = false;
    else positional.push(n);
  }
  const subckt = positional.pop();
  if (!subckt) {
    ctx.error(head.loc, `${owner}: missing subcircuit name: write ${head.name} <nodes...> <subcircuit> [name=value ...]`);
    return undefined;
  }
  if (!ok) return undefined;
  return { kind: 'X', name: head.name, loc: head.loc, nodes: positional, subckt, params };
}
