/**
 * `.ac` (small-signal frequency sweep) and `.step` (parameter sweep) lines, from generic items to
 * typed AST. Kept apart from directiveLines.ts: they belong to the EIS and sweep features.
 */
import type { AcDirectiveAst, Expr, NameRef, StepDirectiveAst } from './ast.js';
import type { DirectiveLine } from './directiveLine.js';
import { describeItem, type Item } from './items.js';
import { LineContext, plural, rejectUnknownKeys, splitItems } from './lineTools.js';

const INVALID: DirectiveLine = { kind: 'invalid' };

export const AC_FORM = '.ac dec|oct|lin <points> <fstart> <fstop> [bias=op|cv] [at=<time>] [nyquist=equal|free]';
export const STEP_FORM = '.step param <name> <start> <stop> <step>  or  .step param <name> list <v1> <v2> ...';

/** A keyword value such as `bias=cv`: one of `allowed`, else reported. */
function keyword<T extends string>(ctx: LineContext, it: Item | undefined, allowed: readonly T[], owner: string, what: string): T | undefined {
  if (!it) return undefined;
  const text = it.kind === 'word' && !it.args && !it.assigned ? it.text.toLowerCase() : undefined;
  if (text !== undefined && (allowed as readonly string[]).includes(text)) return text as T;
  ctx.error(it.loc, `${owner}: expected ${what} (${allowed.join(' or ')}), found ${describeItem(it)}`);
  return undefined;
}

export function acDirective(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const { positional, keyed } = splitItems(ctx, items, '.ac');
  rejectUnknownKeys(ctx, keyed, ['bias', 'at', 'nyquist'], '.ac', 'bias=, at= or nyquist=');
  if (positional.length !== 4) {
    ctx.error(positional[4]?.loc ?? head.loc, `.ac: expected a sweep type and 3 values, found ${plural(positional.length, 'item')}: write ${AC_FORM}`);
    return INVALID;
  }
  const sweep = keyword(ctx, positional[0], ['dec', 'oct', 'lin'] as const, '.ac', 'the sweep type');
  const v = positional.slice(1).map((it, i) => ctx.value(it, ['number of points', 'fstart', 'fstop'][i]!, '.ac'));
  const biasItem = keyed.get('bias')?.assigned;
  const bias = biasItem ? keyword(ctx, biasItem, ['op', 'cv'] as const, '.ac', 'the bias point') : 'op';
  const atItem = keyed.get('at')?.assigned;
  const at = atItem ? ctx.value(atItem, 'bias time', '.ac') : undefined;
  const nyItem = keyed.get('nyquist')?.assigned;
  const nyquist = nyItem ? keyword(ctx, nyItem, ['equal', 'free'] as const, '.ac', 'the Nyquist axes') : 'equal';
  if (bias === 'cv' && !atItem) ctx.error(biasItem!.loc, `.ac: bias=cv needs the time of the CV point: add at=<time>, e.g. bias=cv at=25u`);
  if (bias === 'op' && atItem) ctx.error(atItem.loc, `.ac: at= only applies to bias=cv (the operating point has no time)`);
  if (!sweep || v.some((x) => !x) || !bias || !nyquist || (atItem && !at) || (bias === 'cv') !== (at !== undefined)) return INVALID;
  const statement: AcDirectiveAst = { kind: 'ac', sweep, points: v[0]!, fStart: v[1]!, fStop: v[2]!, bias, ...(at ? { at } : {}), nyquist, loc: head.loc };
  return { kind: 'statement', statement };
}

export function stepDirective(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const [kw, nameItem, ...rest] = items;
  if (!kw || !(kw.kind === 'word' && !kw.args && !kw.assigned && kw.text.toLowerCase() === 'param')) {
    ctx.error(
      kw?.loc ?? head.loc,
      `.step: expected 'param' (only parameter sweeps are supported), found ${kw ? describeItem(kw) : 'end of line'}: write ${STEP_FORM}` +
        `; for a potential step (chronoamperometry) use .chrono`,
    );
    return INVALID;
  }
  if (!nameItem) {
    ctx.error(kw.loc, `.step param: missing parameter name: write ${STEP_FORM}`);
    return INVALID;
  }
  const param = ctx.name(nameItem, 'a parameter name', '.step param');
  if (!param) return INVALID;
  const first = rest[0];
  if (first && first.kind === 'word' && !first.args && !first.assigned && first.text.toLowerCase() === 'list') {
    if (rest.length < 2) {
      ctx.error(first.loc, `.step param ${param.name} list: expected at least one value after 'list'`);
      return INVALID;
    }
    const vals = rest.slice(1).map((it) => ctx.value(it, 'value', `.step param ${param.name}`));
    if (vals.some((x) => !x)) return INVALID;
    const statement: StepDirectiveAst = { kind: 'step', param, values: { kind: 'list', items: vals as Expr[] }, loc: head.loc };
    return { kind: 'statement', statement };
  }
  if (rest.length !== 3) {
    ctx.error(rest[3]?.loc ?? nameItem.loc, `.step param ${param.name}: expected <start> <stop> <step> or list <values...>, found ${plural(rest.length, 'item')}: write ${STEP_FORM}`);
    return INVALID;
  }
  const v = rest.map((it, i) => ctx.value(it, ['start', 'stop', 'step'][i]!, `.step param ${param.name}`));
  if (v.some((x) => !x)) return INVALID;
  const statement: StepDirectiveAst = { kind: 'step', param, values: { kind: 'range', start: v[0]!, stop: v[1]!, step: v[2]! }, loc: head.loc };
  return { kind: 'statement', statement };
}
