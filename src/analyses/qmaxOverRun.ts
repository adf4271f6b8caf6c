/**
 * QMAX=peak outside `.cv`: `.tran`, `.chrono` and `.protocol` have no cycle to iterate over, so
 * each RDYN's QMAX is made the peak |q| of its controlling capacitor over the whole run, by
 * running the analysis again with the peaks of the previous run until no QMAX changes by more
 * than `qmaxtol` (relative) or `qmaxiter` runs have been made; then the reported run uses them.
 * The first run starts from the engine's guess (C times the largest source voltage). The
 * analysis itself is untouched: the iteration runs a copy of the circuit with numeric QMAX
 * values and every charge recorded.
 */
import type { Circuit, DynamicResistorElement } from '../circuit/circuit.js';
import { readOptions } from '../engine/options.js';
import type { QmaxIteration } from './result.js';
import type { Waveforms } from './recorder.js';

interface PeakResolvable {
  summary: { qmaxPeak?: QmaxIteration };
  waveforms: Waveforms | undefined;
  warnings: string[];
}

/** `run` runs the analysis on the circuit it is given (the iteration's copies, then the reported one). */
export function runWithPeakQmax<R extends PeakResolvable>(circuit: Circuit, run: (c: Circuit, reported: boolean) => R): R {
  const peakOnes = circuit.elements.filter((e): e is DynamicResistorElement => e.kind === 'RDYN' && e.qmax === 'peak');
  if (peakOnes.length === 0) return run(circuit, true);
  const opts = readOptions(circuit.options);
  const withQmax = (c: Circuit, qmax: Map<string, number> | undefined): Circuit => ({
    ...c,
    elements: c.elements.map((e) => (e.kind === 'RDYN' && qmax?.has(e.key) ? { ...e, qmax: qmax.get(e.key)! } : e)),
  });
  let qmax: Map<string, number> | undefined;
  const changes: number[] = [];
  let converged = false;
  let iterations = 0;
  while (iterations < opts.qmaxiter && !converged) {
    const r = run({ ...withQmax(circuit, qmax), saves: [] }, false);
    iterations++;
    const w = r.waveforms!;
    const next = new Map<string, number>();
    for (const e of peakOnes) {
      const col = w.columns[w.labels.indexOf(`q(${e.control})`)];
      let peak = 0;
      if (col) for (const v of col) peak = Math.max(peak, Math.abs(v));
      next.set(e.key, peak > 0 ? peak : (qmax?.get(e.key) ?? 1));
    }
    if (qmax) {
      let worst = 0;
      for (const [k, v] of next) worst = Math.max(worst, Math.abs(v - qmax.get(k)!) / qmax.get(k)!);
      changes.push(worst);
      converged = worst <= opts.qmaxtol;
    }
    qmax = next;
  }
  const result = run(withQmax(circuit, qmax), true);
  const byName: Record<string, number> = {};
  for (const e of peakOnes) byName[e.name] = qmax!.get(e.key)!;
  const info: QmaxIteration = { iterations, converged, qmax: byName, changes, over: 'run' };
  if (!converged) result.warnings.push(`QMAX=peak did not converge in ${iterations} runs (last relative change ${changes.at(-1)?.toExponential(2) ?? 'n/a'}); raise .options qmaxiter=`);
  result.summary.qmaxPeak = info;
  return result;
}
