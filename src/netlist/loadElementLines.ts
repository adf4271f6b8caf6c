/**
 * Element lines of the load elements (issue 7): `E`/`G` linear controlled sources, `B`
 * behavioural sources and `S` switches, from their generic items to typed AST.
 */
import type { ElementDeclaration } from '../circuit/element.js';
import { elementDeclaration } from '../circuit/registry.js';
import type { BehaviouralAst, ChargeCapacitorAst, ControlledSourceAst, Expr, NameRef, SwitchAst } from './ast.js';
import { describeItem, type Item, type WordItem } from './items.js';
import type { DirectiveLine } from './directiveLine.js';
import { LineContext, plural, rejectUnknownKeys, splitItems } from './lineTools.js';

function nodeNames(ctx: LineContext, items: Item[], count: number, owner: string, form: string, head: NameRef): NameRef[] | undefined {
  const nodes: NameRef[] = [];
  for (const it of items.slice(0, count)) {
    if (!(it.kind === 'word' && !it.args && !it.assigned)) {
      ctx.error(it.loc, `${owner}: expected a node name, found ${describeItem(it)}: write ${form}`);
      return undefined;
    }
    nodes.push({ name: it.text, loc: it.loc });
  }
  if (nodes.length < count) {
    ctx.error(head.loc, `${owner}: expected ${count} nodes, found ${plural(nodes.length, 'node')}: write ${form}`);
    return undefined;
  }
  return nodes;
}

export function controlledSource(ctx: LineContext, decl: ElementDeclaration, head: NameRef, items: Item[]): ControlledSourceAst | undefined {
  const kind = decl.kind as 'E' | 'G';
  const owner = `${decl.noun} ${head.name}`;
  const valueName = decl.params[0]!.name;
  const form = `${head.name} ${decl.nodes.map((n) => `<${n}>`).join(' ')} <${valueName}>`;
  const nodes = nodeNames(ctx, items, 4, owner, form, head);
  if (!nodes) return undefined;
  const valueItem = items[4];
  if (!valueItem) {
    ctx.error(head.loc, `${owner}: missing ${valueName}: write ${form}`);
    return undefined;
  }
  for (const extra of items.slice(5)) ctx.error(extra.loc, `${owner}: unexpected ${describeItem(extra)} after the value: expected end of line`);
  const value = ctx.value(valueItem, valueName, owner);
  if (!value || items.length > 5) return undefined;
  return { kind, name: head.name, loc: head.loc, nodes, value };
}

export function behaviouralSource(ctx: LineContext, decl: ElementDeclaration, head: NameRef, items: Item[]): BehaviouralAst | undefined {
  const owner = `${decl.noun} ${head.name}`;
  const form = `${head.name} <n+> <n-> I={expression} or V={expression}`;
  const nodes = nodeNames(ctx, items, 2, owner, form, head);
  if (!nodes) return undefined;
  const rest = items.slice(2);
  const it = rest[0];
  if (!it) {
    ctx.error(head.loc, `${owner}: missing I={...} or V={...}: write ${form}`);
    return undefined;
  }
  for (const extra of rest.slice(1)) ctx.error(extra.loc, `${owner}: unexpected ${describeItem(extra)} after the expression: expected end of line (put the whole expression in braces)`);
  const key = it.kind === 'word' && it.assigned && !it.args ? it.text.toUpperCase() : undefined;
  if (key !== 'I' && key !== 'V') {
    ctx.error(it.loc, `${owner}: expected I={expression} or V={expression}, found ${describeItem(it)}`);
    return undefined;
  }
  const valueItem = (it as WordItem).assigned!;
  const expr = ctx.value(valueItem, `${key}= expression`, owner);
  if (!expr || rest.length > 1) return undefined;
  return { kind: 'B', name: head.name, loc: head.loc, nodes, mode: key, expr };
}

/** `C1 n+ n- Q={expression of V}`: the nonlinear capacitor (src/circuit/chargeCapacitor.ts). */
export function chargeCapacitor(ctx: LineContext, head: NameRef, items: Item[]): ChargeCapacitorAst | undefined {
  const owner = `${elementDeclaration('CQ').noun} ${head.name}`;
  const form = `${head.name} <n+> <n-> Q={expression of V}`;
  const nodes = nodeNames(ctx, items, 2, owner, form, head);
  if (!nodes) return undefined;
  const rest = items.slice(2);
  const it = rest[0]!;
  const key = it.kind === 'word' && it.assigned && !it.args ? it.text.toUpperCase() : undefined;
  if (key !== 'Q') {
    ctx.error(it.loc, `${owner}: expected Q={expression of V} after the nodes, found ${describeItem(it)}: write ${form}`);
    return undefined;
  }
  for (const extra of rest.slice(1)) ctx.error(extra.loc, `${owner}: unexpected ${describeItem(extra)} after the charge: expected end of line (put the whole expression in braces)`);
  const expr = ctx.value((it as WordItem).assigned!, 'Q= expression', owner);
  if (!expr || rest.length > 1) return undefined;
  return { kind: 'CQ', name: head.name, loc: head.loc, nodes, expr };
}

const SWITCH_KEYS = ['ron', 'roff', 'vt', 'vh', 'width'];

/** `.model <name> SW(VT= VH= RON= ROFF= [WIDTH=])`: switch parameters shared by name (ngspice). */
export function switchModelDirective(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const owner = '.model';
  const form = '.model <name> SW(VT=<V> VH=<V> RON=<ohm> ROFF=<ohm> [WIDTH=<V>])';
  const [nameItem, typeItem, ...extra] = items;
  const name = nameItem ? ctx.name(nameItem, 'a model name', owner) : undefined;
  if (!nameItem) ctx.error(head.loc, `.model: missing model name: write ${form}`);
  if (!name) return { kind: 'invalid' };
  if (!typeItem || typeItem.kind !== 'word' || typeItem.text.toLowerCase() !== 'sw' || typeItem.assigned) {
    ctx.error(typeItem?.loc ?? head.loc, `.model ${name.name}: expected the type SW(...) (switch), found ${typeItem ? describeItem(typeItem) : 'end of line'}: write ${form}`);
    return { kind: 'invalid' };
  }
  for (const e of extra) ctx.error(e.loc, `.model ${name.name}: unexpected ${describeItem(e)} after SW(...): expected end of line`);
  const params = new Map<string, Expr>();
  let ok = extra.length === 0;
  for (const a of typeItem.args ?? []) {
    if (!(a.kind === 'word' && a.assigned && !a.args) || !SWITCH_KEYS.includes(a.text.toLowerCase())) {
      ctx.error(a.loc, `.model ${name.name}: unexpected ${describeItem(a)}: expected VT=, VH=, RON=, ROFF= or WIDTH=`);
      ok = false;
      continue;
    }
    const v = ctx.value(a.assigned, `${a.text.toUpperCase()}=`, `.model ${name.name}`);
    if (!v) ok = false;
    else params.set(a.text.toLowerCase(), v);
  }
  if (!ok) return { kind: 'invalid' };
  return { kind: 'statement', statement: { kind: 'model', name, params, loc: head.loc } };
}

export function switchElement(ctx: LineContext, decl: ElementDeclaration, head: NameRef, items: Item[]): SwitchAst | undefined {
  const owner = `${decl.noun} ${head.name}`;
  const form = `${head.name} <n+> <n-> <c+> <c-> VT=<V> [VH=<V>] [RON=<ohm>] [ROFF=<ohm>] [WIDTH=<V>] [ON] or ${head.name} <n+> <n-> TIME VT=<s> ...`;
  const { positional, keyed } = splitItems(ctx, items, owner);
  rejectUnknownKeys(ctx, keyed, SWITCH_KEYS, owner, 'RON=, ROFF=, VT=, VH= or WIDTH=');
  let initiallyOn = false;
  const words = positional.filter((p) => {
    if (p.kind === 'word' && !p.args && p.text.toLowerCase() === 'on') {
      initiallyOn = true;
      return false;
    }
    return true;
  });
  const isTime = words[2]?.kind === 'word' && (words[2] as WordItem).text.toLowerCase() === 'time' && words.length <= 4;
  const count = isTime ? 2 : 4;
  const nodes = nodeNames(ctx, words, count, owner, form, head);
  if (!nodes) return undefined;
  let ok = true;
  // ngspice form: a model name after the nodes (`S1 a b c d swmod`).
  const modelItem = words[isTime ? 3 : 4];
  let model: NameRef | undefined;
  if (modelItem) model = ctx.name(modelItem, 'a .model name or end of line', owner);
  if (modelItem && !model) ok = false;
  for (const extra of words.slice(isTime ? 4 : 5)) {
    ctx.error(extra.loc, `${owner}: unexpected ${describeItem(extra)}: write ${form}`);
    ok = false;
  }
  const params = new Map<string, Expr>();
  for (const [k, w] of keyed) {
    if (!SWITCH_KEYS.includes(k)) continue;
    const v = ctx.value(w.assigned!, `${k.toUpperCase()}=`, owner);
    if (!v) ok = false;
    else params.set(k, v);
  }
  if (!params.has('vt') && !model && ok) {
    ctx.error(head.loc, `${owner}: missing VT=<threshold>: write ${form}`);
    ok = false;
  }
  if (!ok) return undefined;
  return { kind: 'S', name: head.name, loc: head.loc, nodes, control: isTime ? 'time' : 'voltage', params, initiallyOn, ...(model ? { model } : {}) };
}
