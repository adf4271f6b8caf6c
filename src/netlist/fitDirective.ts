/**
 * `.fit <param> <lo>..<hi> [log|lin]`: a top-level `.param` that `ncm fit` may vary, with its bounds
 * and the scale the optimiser moves it in. Read here (shape and numbers); which `.param` it names is
 * checked by the fit (src/fit/fitParameters.ts), which owns the meaning.
 */
import type { FitDirectiveAst, NameRef } from './ast.js';
import type { DirectiveLine } from './directiveLine.js';
import { describeItem, type Item } from './items.js';
import { LineContext, plural } from './lineTools.js';
import { parseSpiceNumber } from './numbers.js';

export const FIT_FORM = '.fit <param> <lo>..<hi> [log|lin]';

const INVALID: DirectiveLine = { kind: 'invalid' };

export function fitDirective(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  if (items.length < 2 || items.length > 3) {
    ctx.error(items[3]?.loc ?? head.loc, `.fit: expected a parameter name, a range and an optional scale, found ${plural(items.length, 'item')}: write ${FIT_FORM}, e.g. .fit rc 0.1..100 log`);
    return INVALID;
  }
  const param = ctx.name(items[0]!, 'a parameter name', '.fit');
  const rangeItem = items[1]!;
  let range: [number, number] | undefined;
  if (rangeItem.kind !== 'word' || rangeItem.args || rangeItem.assigned || !rangeItem.text.includes('..')) {
    ctx.error(rangeItem.loc, `.fit: expected a range <lo>..<hi> such as 0.1..100, found ${describeItem(rangeItem)}`);
  } else {
    const cut = rangeItem.text.indexOf('..');
    const loText = rangeItem.text.slice(0, cut);
    const hiText = rangeItem.text.slice(cut + 2);
    const lo = parseSpiceNumber(loText);
    const hi = parseSpiceNumber(hiText);
    if (lo === undefined) ctx.error(rangeItem.loc, `.fit: malformed lower bound '${loText}': expected a number such as 0.1, 10n or -0.95`);
    else if (hi === undefined) {
      ctx.error({ ...rangeItem.loc, column: rangeItem.loc.column + cut + 2 }, `.fit: malformed upper bound '${hiText}': expected a number such as 100, 1u or 0.95`);
    } else if (!(hi > lo)) ctx.error(rangeItem.loc, `.fit: the range ${rangeItem.text} is empty: the upper bound must exceed the lower`);
    else range = [lo, hi];
  }
  let scale: 'log' | 'lin' | undefined;
  const scaleItem = items[2];
  if (scaleItem) {
    const w = scaleItem.kind === 'word' && !scaleItem.args && !scaleItem.assigned ? scaleItem.text.toLowerCase() : '';
    if (w === 'log' || w === 'lin') scale = w;
    else ctx.error(scaleItem.loc, `.fit: expected the scale (log or lin), found ${describeItem(scaleItem)}`);
  }
  if (range && scale === 'log' && range[0] <= 0) {
    ctx.error(scaleItem!.loc, `.fit: a log scale needs a positive range, found ${(rangeItem as { text: string }).text}: use lin or a lower bound above 0`);
    return INVALID;
  }
  if (!param || !range || (scaleItem && !scale)) return INVALID;
  // Default scale: log for a positive range (resistances, capacitances), linear otherwise (gamma).
  const statement: FitDirectiveAst = { kind: 'fit', param, lo: range[0], hi: range[1], scale: scale ?? (range[0] > 0 ? 'log' : 'lin'), loc: head.loc };
  return { kind: 'statement', statement };
}
