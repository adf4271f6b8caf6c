/**
 * `.sens <param> [<param> ...] [analysis=<name>]`: the derivatives of the run's measures and
 * waveforms with respect to top-level `.param` values (docs/sensitivities.md). The line is read
 * here; elaborateSens.ts checks the names against the netlist's top-level `.param`s and gives their
 * values, from which src/io/runSensitivities.ts runs the analyses with sensitivities.
 */
import type { NameRef, SensDirectiveAst } from './ast.js';
import type { DirectiveLine } from './directiveLine.js';
import type { Item } from './items.js';
import { LineContext, rejectUnknownKeys, splitItems } from './lineTools.js';

export const SENS_FORM = '.sens <param> [<param> ...] [analysis=<name>]';

export function sensDirective(ctx: LineContext, head: NameRef, items: Item[]): DirectiveLine {
  const { positional, keyed } = splitItems(ctx, items, '.sens');
  rejectUnknownKeys(ctx, keyed, ['analysis'], '.sens', 'analysis=');
  if (positional.length === 0) {
    ctx.error(head.loc, `.sens: expected at least one .param name to differentiate by: write ${SENS_FORM}`);
    return { kind: 'invalid' };
  }
  const params = positional.map((it) => ctx.name(it, 'a .param name', '.sens'));
  const a = keyed.get('analysis')?.assigned;
  const analysis = a ? ctx.name(a, 'an analysis name such as cv, cv2 or ac', '.sens analysis=') : undefined;
  if (params.some((p) => !p) || (a && !analysis)) return { kind: 'invalid' };
  const statement: SensDirectiveAst = { kind: 'sens', params: params as NameRef[], ...(analysis ? { analysis } : {}), loc: head.loc };
  return { kind: 'statement', statement };
}

