/**
 * Element lines of the load elements (issue 7): `E`/`G` linear controlled sources, `B`
 * behavioural sources and `S` switches, from their generic items to typed AST.
 */
import type { BehaviouralAst, ControlledSourceAst, Expr, NameRef, SwitchAst } from './ast.js';
import { describeItem, type Item, type WordItem } from './items.js';
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

export function controlledSource(ctx: LineContext, kind: 'E' | 'G', head: NameRef, items: Item[]): ControlledSourceAst | undefined {
  const owner = `${kind === 'E' ? 'voltage-controlled voltage source' : 'voltage-controlled current source'} ${head.name}`;
  const form = `${head.name} <n+> <n-> <c+> <c-> <${kind === 'E' ? 'gain' : 'transconductance'}>`;
  const nodes = nodeNames(ctx, items, 4, owner, form, head);
  if (!nodes) return undefined;
  const valueItem = items[4];
  if (!valueItem) {
    ctx.error(head.loc, `${owner}: missing ${kind === 'E' ? 'gain' : 'transconductance'}: write ${form}`);
    return undefined;
  }
  for (const extra of items.slice(5)) ctx.error(extra.loc, `${owner}: unexpected ${describeItem(extra)} after the value: expected end of line`);
  const value = ctx.value(valueItem, kind === 'E' ? 'gain' : 'transconductance', owner);
  if (!value || items.length > 5) return undefined;
  return { kind, name: head.name, loc: head.loc, nodes, value };
}

export function behaviouralSource(ctx: LineContext, head: NameRef, items: Item[]): BehaviouralAst | undefined {
  const owner = `behavioural source ${head.name}`;
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

const SWITCH_KEYS = ['ron', 'roff', 'vt', 'vh', 'width'];

export function switchElement(ctx: LineContext, head: NameRef, items: Item[]): SwitchAst | undefined {
  const owner = `switch ${head.name}`;
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
  const isTime = words[2]?.kind === 'word' && (words[2] as WordItem).text.toLowerCase() === 'time' && words.length === 3;
  const count = isTime ? 2 : 4;
  const nodes = nodeNames(ctx, words, count, owner, form, head);
  if (!nodes) return undefined;
  let ok = true;
  for (const extra of words.slice(isTime ? 3 : 4)) {
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
  if (!params.has('vt') && ok) {
    ctx.error(head.loc, `${owner}: missing VT=<threshold>: write ${form}`);
    ok = false;
  }
  if (!ok) return undefined;
  return { kind: 'S', name: head.name, loc: head.loc, nodes, control: isTime ? 'time' : 'voltage', params, initiallyOn };
}
