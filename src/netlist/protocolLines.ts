/**
 * `.protocol <source>` with one step per `+` continuation line (see docs/protocols.md):
 *   + charge 1mA until 0.4V        + discharge 2mW until 0.1V     + discharge 1mA for 5us
 *   + rest 10us                    + hold 0.4V for 10us           + repeat 3
 * A value written with a W unit is a power, otherwise a current. Items are grouped into steps
 * by their source line.
 */
import type { Expr, NameRef, ProtocolStepAst } from './ast.js';
import type { DirectiveLine } from './directiveLine.js';
import { describeItem, type Item } from './items.js';
import type { LineContext } from './lineTools.js';

const FORMS =
  'charge|discharge <current>|<power>W until <volts> [for <seconds>], charge|discharge <value> for <seconds>, rest <seconds>, hold <volts> for <seconds> or repeat <n>';

function word(it: Item | undefined): string | undefined {
  return it && it.kind === 'word' && !it.args && !it.assigned ? it.text.toLowerCase() : undefined;
}

export function protocolDirective(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const owner = '.protocol';
  const first = items[0];
  if (!first || first.loc.line !== head.loc.line) {
    ctx.error(head.loc, `.protocol: missing source name: write .protocol <source> and one step per + line (${FORMS})`);
    return { kind: 'invalid' };
  }
  const source = ctx.name(first, 'the name of the voltage or current source whose port the protocol drives', owner);
  const headerRest = items.filter((it) => it.loc.line === head.loc.line).slice(1);
  for (const extra of headerRest) ctx.error(extra.loc, `.protocol: unexpected ${describeItem(extra)} after the source name: put each step on its own + line`);
  const lines = new Map<number, Item[]>();
  for (const it of items.slice(1 + headerRest.length)) {
    const l = lines.get(it.loc.line) ?? [];
    l.push(it);
    lines.set(it.loc.line, l);
  }
  const steps: ProtocolStepAst[] = [];
  let cycles: Expr | undefined;
  let ok = !!source && headerRest.length === 0;
  for (const line of lines.values()) {
    const r = step(ctx, line);
    if (r === undefined) ok = false;
    else if ('repeat' in r) {
      if (cycles) {
        ctx.error(line[0]!.loc, '.protocol: repeat is given twice: expected one repeat <n> line');
        ok = false;
      } else cycles = r.repeat;
    } else steps.push(r);
  }
  if (ok && steps.length === 0) {
    ctx.error(head.loc, `.protocol: no steps: expected one step per + line (${FORMS})`);
    ok = false;
  }
  if (!ok) return { kind: 'invalid' };
  return { kind: 'statement', statement: { kind: 'protocol', source: source!, steps, ...(cycles ? { cycles } : {}), loc: head.loc } };
}

function step(ctx: LineContext, line: Item[]): ProtocolStepAst | { repeat: Expr } | undefined {
  const owner = '.protocol';
  const [verbItem, ...args] = line;
  const verb = word(verbItem);
  const loc = verbItem!.loc;
  const value = (it: Item | undefined, what: string, after: string): Expr | undefined => {
    if (!it) {
      ctx.error(loc, `${owner}: ${verb}: missing ${what} after ${after}`);
      return undefined;
    }
    return ctx.value(it, what, `${owner} ${verb}`);
  };
  /** `for <t>` and `until <v>` clauses after position `from`. */
  const clauses = (from: number, allowed: string[]): { until?: Expr; duration?: Expr } | undefined => {
    const out: { until?: Expr; duration?: Expr } = {};
    for (let i = from; i < args.length; i += 2) {
      const k = word(args[i]);
      if (!k || !allowed.includes(k)) {
        ctx.error(args[i]!.loc, `${owner}: ${verb}: unexpected ${describeItem(args[i]!)}: expected ${allowed.join(' or ')}`);
        return undefined;
      }
      const v = value(args[i + 1], k === 'for' ? 'a duration' : 'a voltage limit', k);
      if (!v) return undefined;
      if (k === 'for') out.duration = v;
      else out.until = v;
    }
    return out;
  };
  switch (verb) {
    case 'charge':
    case 'discharge': {
      const vItem = args[0];
      const v = value(vItem, 'a current (A) or power (W)', verb);
      if (!v) return undefined;
      const isPower = vItem!.kind === 'word' && /w$/i.test(vItem!.text);
      const c = clauses(1, ['until', 'for']);
      if (!c) return undefined;
      if (!c.until && !c.duration) {
        ctx.error(loc, `${owner}: ${verb}: expected until <volts> or for <seconds> after the ${isPower ? 'power' : 'current'}`);
        return undefined;
      }
      return { kind: isPower ? 'power' : 'current', sign: verb === 'charge' ? 1 : -1, value: v, ...c, loc };
    }
    case 'rest': {
      const i = word(args[0]) === 'for' ? 1 : 0;
      const d = value(args[i], 'a duration', 'rest');
      if (!d) return undefined;
      for (const extra of args.slice(i + 1)) ctx.error(extra.loc, `${owner}: rest: unexpected ${describeItem(extra)}: expected end of line`);
      return args.length > i + 1 ? undefined : { kind: 'rest', duration: d, loc };
    }
    case 'hold': {
      const voltage = value(args[0], 'a voltage', 'hold');
      if (!voltage) return undefined;
      const c = clauses(1, ['for']);
      if (!c) return undefined;
      if (!c.duration) {
        ctx.error(loc, `${owner}: hold: expected for <seconds> after the voltage`);
        return undefined;
      }
      return { kind: 'hold', voltage, duration: c.duration, loc };
    }
    case 'repeat': {
      const n = value(args[0], 'a number of cycles', 'repeat');
      for (const extra of args.slice(1)) ctx.error(extra.loc, `${owner}: repeat: unexpected ${describeItem(extra)}: expected end of line`);
      return n && args.length === 1 ? { repeat: n } : undefined;
    }
    default:
      ctx.error(loc, `${owner}: unknown step ${describeItem(verbItem!)}: expected ${FORMS}`);
      return undefined;
  }
}
