/** The one-screen text summary of a run that `ncm run` prints. */
import type { RunResult } from '../analyses/run.js';
import { printable } from '../diagnostics.js';

/** A value with an SI prefix and 4 significant digits (`80.00 nF`); `n/a` when not finite. */
export const eng = (v: unknown, unit: string): string => {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'n/a';
  if (v === 0) return `0 ${unit}`;
  const exp = Math.max(-15, Math.min(12, Math.floor(Math.log10(Math.abs(v)) / 3) * 3));
  const prefix: Record<number, string> = { [-15]: 'f', [-12]: 'p', [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T' };
  return `${(v / 10 ** exp).toPrecision(4)} ${prefix[exp]}${unit}`;
};

export function formatRunSummary(run: RunResult): string {
  const out: string[] = [`${printable(run.circuit.title)}  (${printable(run.circuit.file)})`];
  for (const r of run.results) {
    const s = r.stats;
    out.push(
      `\n[${r.name}] ${r.analysis.kind}  ${r.seconds.toFixed(3)} s` +
        (s ? `, ${s.steps} steps (${s.rejected} rejected), ${s.newtonIterations} Newton iterations` : ''),
    );
    if (r.kind === 'cv') {
      const cycles = r.summary.cycles;
      out.push('  cycle   C_cv        area        Q_anodic    CE       I_pa        at E      asym');
      for (const c of cycles) {
        out.push(
          `  ${String(c.cycle).padEnd(6)}  ${eng(c.capacitance, 'F').padEnd(10)}  ${eng(c.enclosedArea, 'W').padEnd(10)}  ${eng(c.anodicCharge, 'C').padEnd(10)}  ` +
            `${c.coulombicEfficiency.toFixed(4).padEnd(7)}  ${eng(c.peakAnodicCurrent, 'A').padEnd(10)}  ${eng(c.peakAnodicPotential, 'V').padEnd(8)}  ${c.asymmetryIndex.toFixed(4)}`,
        );
      }
      const qm = r.summary.qmaxPeak;
      if (qm) out.push(`  QMAX=peak: ${qm.converged ? 'converged' : 'NOT converged'} after ${qm.iterations} cycles`);
      const pss = r.summary.periodicSteadyState;
      if (pss) out.push(`  periodic steady state: ${pss.reachedAtCycle ? `reached at cycle ${pss.reachedAtCycle}` : 'not reached'}`);
    } else if (r.kind === 'chrono') {
      const m = r.summary;
      out.push(`  peak current ${eng(m.peakCurrent, 'A')}, charge ${eng(m.finalCharge, 'C')}, tau ${eng(m.timeConstant, 's')} (R^2 ${m.fitR2.toFixed(4)}), t90 ${eng(m.t90, 's')}`);
    } else if (r.kind === 'op') {
      const vals = Object.entries(r.summary.values);
      for (const [k, v] of vals.slice(0, 12)) out.push(`  ${k.padEnd(14)} ${eng(v, k.startsWith('v') ? 'V' : k.startsWith('q') ? 'C' : 'A')}`);
      if (vals.length > 12) out.push(`  ... ${vals.length - 12} more in op.json`);
    } else if (r.kind === 'ac') {
      const m = r.summary;
      const f = r.waveforms.columns[0];
      out.push(
        `  Z seen by ${m.source}, ${m.points} frequencies ${eng(f?.[0], 'Hz')} .. ${eng(f?.[f.length - 1], 'Hz')}, bias: ${m.bias}`,
        `  series C at the lowest frequency ${eng(m.lowFrequencyCapacitance, 'F')}, Re Z at the highest ${eng(m.highFrequencyResistance, 'ohm')}`,
      );
    } else if (r.kind === 'tran') {
      out.push(`  ${r.waveforms?.length ?? 0} time points recorded`);
    }
    for (const w of r.warnings) out.push(`  warning: ${w}`);
  }
  out.push('\ncurrents: into the cell at the source n+ terminal, positive while charging (opposite of ngspice i(V))');
  return out.join('\n');
}
