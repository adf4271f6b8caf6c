/**
 * General transient (`.tran tstep tstop [tstart [tmax]] [uic]`): from the DC operating point (or,
 * with `uic`, from the elements' ic= values), adaptive steps; every accepted step at or after
 * tstart is recorded. The first step is min(tstep, tstop/100)/10 and the step is capped at
 * tmax (default min(tstep, (tstop - tstart)/50), as in SPICE).
 */
import type { Circuit, TranAnalysis } from '../circuit/circuit.js';
import { NcmError } from '../diagnostics.js';
import { operatingPoint } from '../engine/dcop.js';
import { Mna } from '../engine/mna.js';
import { readOptions } from '../engine/options.js';
import { Transient } from '../engine/transient.js';
import { Recorder, selectProbes } from './recorder.js';
import { StepWatches } from './stepWatch.js';
import type { AnalysisOptions, TranResult } from './result.js';

export function runTran(circuit: Circuit, analysis: TranAnalysis, options: AnalysisOptions = {}): TranResult {
  const started = performance.now();
  const opts = readOptions(circuit.options);
  const { tstep, tstop, tstart } = analysis;
  if (!(tstop > 0)) throw new NcmError(`.tran: tstop must be positive (got ${tstop} s)`, { loc: analysis.loc });
  if (!(tstep > 0)) throw new NcmError(`.tran: tstep must be positive (got ${tstep} s)`, { loc: analysis.loc });
  if (!(tstart >= 0 && tstart < tstop)) throw new NcmError(`.tran: tstart must lie in [0, tstop) (got ${tstart} s)`, { loc: analysis.loc });
  const mna = new Mna(circuit, { horizon: tstop });
  const tr = new Transient(mna, opts, options.companion?.(mna, opts));
  const warnings: string[] = [];
  let opMethod = 'uic';
  if (analysis.uic) tr.startFromInitialConditions(0);
  else {
    const op = operatingPoint(mna, opts, 0);
    warnings.push(...op.warnings);
    opMethod = op.method;
    tr.startFrom(op.x, 0);
  }
  const rec = new Recorder(selectProbes(circuit, mna, options.record ?? 'all'), 1024, tr.history.dq1);
  const watches = new StepWatches(mna);
  const tmax = analysis.tmax ?? Math.min(tstep, (tstop - tstart) / 50);
  tr.run({
    tstop,
    tmax,
    hInit: Math.min(tstep, tstop / 100) / 10,
    breakpoints: tstart > 0 ? [tstart] : [],
    what: '.tran',
    onRetract: (tb) => rec.retract(tb),
    onAccept: (t, x) => {
      if (t >= tstart * (1 - 1e-12)) {
        rec.push(t, x);
        watches.accept(t, x);
      }
      options.onProgress?.(t / tstop, 'tran');
    },
  });
  warnings.push(...watches.warnings());
  return {
    kind: 'tran',
    name: 'tran',
    analysis,
    waveforms: rec.waveforms(),
    summary: { analysis: 'tran', tstop, tstart, uic: analysis.uic, operatingPoint: opMethod, method: opts.method, points: rec.length },
    stats: { ...tr.stats },
    warnings,
    seconds: (performance.now() - started) / 1000,
  };
}
