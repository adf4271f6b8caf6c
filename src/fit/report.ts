/**
 * The fit in words and as JSON: best values with standard errors, the correlation matrix, the
 * weights, identifiability warnings, NCM vs TLM, and the cost (runs, solves, iterations).
 */
import type { FitOutcome } from './fit.js';

const g = (v: number, p = 4): string => (Number.isFinite(v) ? Number(v.toPrecision(p)).toString() : String(v));

export function fitReportText(o: FitOutcome): string {
  const out: string[] = [];
  out.push(o.stopped ? 'FIT STOPPED EARLY (interrupted): the values below are the best so far' : 'fit converged');
  out.push('', 'parameter      value          std. error     rel. error   bounds');
  for (const e of o.statistics.estimates) {
    out.push(`${e.name.padEnd(14)} ${g(e.value, 6).padEnd(14)} ${g(e.stdErr, 3).padEnd(14)} ${`${g(100 * e.relStdErr, 3)} %`.padEnd(12)} ${g(e.lo)}..${g(e.hi)} ${e.scale}${e.atBound ? ' (AT BOUND)' : ''}`);
  }
  const names = o.statistics.estimates.map((e) => e.name);
  out.push('', 'correlation matrix', `${''.padEnd(10)}${names.map((n) => n.padStart(9)).join('')}`);
  o.statistics.correlation.forEach((row, i) => out.push(`${names[i]!.padEnd(10)}${row.map((r) => r.toFixed(3).padStart(9)).join('')}`));
  out.push('', `objective: SSE = ${g(o.statistics.sse)} over n = ${o.statistics.n} weighted residuals, k = ${o.statistics.k} parameters; residual sd = ${g(o.statistics.sigma)}`);
  out.push('data and weights:');
  for (const m of o.matched) out.push(`  ${m.data.name}: ${m.description}; weight: ${m.weightNote}`);
  if (o.warnings.length) {
    out.push('', 'identifiability warnings:');
    for (const w of o.warnings) out.push(`  ${w.parameter}: not identified by these data (${w.reason}); to identify it, add ${w.remedy}`);
  }
  if (o.selection) {
    out.push('', `NCM vs TLM (${o.selection.gammaParameter} = 0): ${o.selection.sentence}`);
  }
  out.push('', `starting values: ${o.estimates.notes.join('; ') || 'template values (no estimate from these data)'}`);
  for (const r of o.runs) out.push(`  LM from ${r.origin}: SSE ${g(r.startSse)} -> ${g(r.sse)} in ${r.iterations} iterations (${r.reason})`);
  out.push(`cost: ${o.count.runs} circuit runs, ${o.count.factorizations} factorisations, ${o.count.solves} linear solves, ${o.iterations} LM iterations, ${g(o.seconds, 3)} s; seed ${o.seed}`);
  return out.join('\n') + '\n';
}

export function fitReportJson(o: FitOutcome): string {
  const body = {
    stopped: o.stopped,
    values: o.values,
    estimates: o.statistics.estimates,
    correlation: { parameters: o.statistics.estimates.map((e) => e.name), matrix: o.statistics.correlation },
    objective: { sse: o.statistics.sse, n: o.statistics.n, k: o.statistics.k, sigma: o.statistics.sigma, aic: o.statistics.aic, bic: o.statistics.bic, condition: o.statistics.condition },
    data: o.matched.map((m) => ({ file: m.data.name, technique: m.data.technique, analysis: m.analysis, description: m.description, weight: m.weightNote, points: m.observed.length })),
    identifiability: o.warnings,
    ...(o.selection ? { selection: o.selection } : {}),
    starts: { notes: o.estimates.notes, runs: o.runs },
    cost: { circuitRuns: o.count.runs, factorizations: o.count.factorizations, linearSolves: o.count.solves, iterations: o.iterations, seconds: o.seconds, seed: o.seed },
  };
  return JSON.stringify(body, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
