/** Shared helpers for interpreting the items of one line (elements and directives). */
import type { Diagnostic } from '../diagnostics.js';
import type { Expr, Loc, NameRef } from './ast.js';
import { describeItem, type Item, type WordItem } from './items.js';
import { parseSpiceNumber } from './numbers.js';

export class LineContext {
  constructor(readonly diagnostics: Diagnostic[]) {}

  error(loc: Loc, message: string): void {
    this.diagnostics.push({ severity: 'error', message, loc });
  }

  warning(loc: Loc, message: string): void {
    this.diagnostics.push({ severity: 'warning', message, loc });
  }

  /** A plain word (no `=`, no parentheses), or undefined after reporting what was found instead. */
  name(item: Item, what: string, owner: string): NameRef | undefined {
    if (item.kind === 'word' && !item.args && !item.assigned) return { name: item.text, loc: item.loc };
    this.error(item.loc, `${owner}: expected ${what}, found ${describeItem(item)}`);
    return undefined;
  }

  /** A number word (`10k`) or a `{expression}`; reports a malformed value and returns undefined. */
  value(item: Item, what: string, owner: string): Expr | undefined {
    // A neutral `+` node carries the place of the whole `{...}`, for range errors about the value.
    if (item.kind === 'expr') return item.expr.kind === 'binary' ? { kind: 'unary', op: '+', arg: item.expr, loc: item.loc } : item.expr;
    if (item.kind === 'word' && !item.args && !item.assigned) {
      const v = parseSpiceNumber(item.text);
      if (v !== undefined) return { kind: 'number', value: v, loc: item.loc };
      this.error(
        item.loc,
        `${owner}: malformed ${what} '${item.text}': expected a number such as 10k, 1e-6 or 0.08u, or an expression in braces such as {rc}`,
      );
      return undefined;
    }
    this.error(item.loc, `${owner}: expected ${what} (a number or {expression}), found ${describeItem(item)}`);
    return undefined;
  }

  /** True if the item is a plain number word or a braced expression (for telling values from names). */
  isValue(item: Item): boolean {
    if (item.kind === 'expr') return true;
    return item.kind === 'word' && !item.args && !item.assigned && parseSpiceNumber(item.text) !== undefined;
  }
}

/** Positional items and `key=value` items, keys lower-cased, duplicates reported. */
export function splitItems(ctx: LineContext, items: Item[], owner: string): { positional: Item[]; keyed: Map<string, WordItem> } {
  const positional: Item[] = [];
  const keyed = new Map<string, WordItem>();
  for (const it of items) {
    if (it.kind === 'word' && it.assigned && !it.args) {
      const key = it.text.toLowerCase();
      if (keyed.has(key)) ctx.error(it.loc, `${owner}: ${it.text}= is given twice`);
      else keyed.set(key, it);
    } else positional.push(it);
  }
  return { positional, keyed };
}

/** Reports every key not in `allowed`. */
export function rejectUnknownKeys(ctx: LineContext, keyed: Map<string, WordItem>, allowed: string[], owner: string, expected: string): void {
  for (const [key, it] of keyed) {
    if (!allowed.includes(key)) ctx.error(it.loc, `${owner}: unknown parameter '${it.text}=': expected ${expected}`);
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
