/** The one-screen text summary of a run that `ncm run` prints. */
import type { RunResult } from '../analyses/run.js';
import { scanRateStudy } from '../analyses/scanRate.js';
import { printable } from '../diagnostics.js';

/**
 * A value with an SI prefix and 4 significant digits (`80.00 nF`); `n/a` when not finite; `0` when
 * |v| <= `zero` (the unit's solver tolerance: a -1.9e-29 V node is 0 V, not "-1.949e-14 fV");
 * beyond the prefixes, plain exponent form (`2.000e-19 C`).
 */
export const eng = (v: unknown, unit: string, zero = 0): string => {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'n/a';
  if (v === 0 || Math.abs(v) <= zero) return `0 ${unit}`;
  const raw = Math.floor(Math.log10(Math.abs(v)) / 3) * 3;
  if (raw < -15 || raw > 12) return `${v.toExponential(3)} ${unit}`;
  let exp = raw;
  // 999.99996 nF rounds to 1000 at 4 digits: write it 1.000 uF
  if (exp < 12 && Math.abs(Number((v / 10 ** exp).toPrecision(4))) >= 1000) exp += 3;
  const prefix: Record<number, string> = { [-15]: 'f', [-12]: 'p', [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T' };
  return `${(v / 10 ** exp).toPrecision(4)} ${prefix[exp]}${unit}`;
};

/** 4 decimals, `n/a` when missing or not finite. */
const fixed = (v: number | undefined): string => (v !== undefined && Number.isFinite(v) ? v.toFixed(4) : 'n/a');

/** Solver tolerances by unit: a value within them of zero is zero (SPICE abstol, vntol, chgtol). */
export function zeroTolerances(options: Record<string, number | string>): Record<string, number> {
  const opt = (k: string, d: number): number => (typeof options[k] === 'number' ? (options[k] as number) : d);
  return { A: opt('abstol', 1e-12), V: opt('vntol', 1e-6), C: opt('chgtol', 1e-14) };
}

export function formatRunSummary(run: RunResult): string {
  const out: string[] = [`${printable(run.circuit.title)}  (${printable(run.circuit.file)})`];
  const zero = zeroTolerances(run.circuit.options);
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
      out.push(`  peak current ${eng(m.peakCurrent, 'A', zero['A'])}, charge ${eng(m.finalCharge, 'C', zero['C'])}, tau ${eng(m.timeConstant, 's')} (R^2 ${m.fitR2.toFixed(4)}), t90 ${eng(m.t90, 's')}`);
    } else if (r.kind === 'op') {
      const vals = Object.entries(r.summary.values);
      for (const [k, v] of vals.slice(0, 12)) {
        const unit = k.startsWith('v') ? 'V' : k.startsWith('q') ? 'C' : 'A';
        out.push(`  ${k.padEnd(14)} ${eng(v, unit, zero[unit])}`);
      }
      if (vals.length > 12) out.push(`  ... ${vals.length - 12} more in op.json`);
    } else if (r.kind === 'ac') {
      const m = r.summary;
      const f = r.waveforms.columns[0];
      out.push(
        `  Z seen by ${m.source}, ${m.points} frequencies ${eng(f?.[0], 'Hz')} .. ${eng(f?.[f.length - 1], 'Hz')}, bias: ${m.bias}`,
        `  series C at the lowest frequency ${eng(m.lowFrequencyCapacitance, 'F')}, Re Z at the highest ${eng(m.highFrequencyResistance, 'ohm')}`,
      );
    } else if (r.kind === 'protocol') {
      // As .cv prints its table: per cycle the charge and energy in and out and both efficiencies,
      // then the headline measures (of the last discharge with a linear part, of the last cycle).
      const m = r.summary;
      out.push('  cycle   Q_in        Q_out       E_in        E_out       CE       EE');
      for (const c of m.cycleMeasures) {
        out.push(
          `  ${String(c.cycle).padEnd(6)}  ${eng(c.chargeIn, 'C').padEnd(10)}  ${eng(c.chargeOut, 'C').padEnd(10)}  ${eng(c.energyIn, 'J').padEnd(10)}  ` +
            `${eng(c.energyOut, 'J').padEnd(10)}  ${fixed(c.coulombicEfficiency).padEnd(7)}  ${fixed(c.energyEfficiency)}`,
        );
      }
      out.push(
        `  last discharge: C = ${eng(m.capacitance, 'F')}, IR drop ${eng(m.irDrop, 'V')}, ESR ${eng(m.esr, 'ohm')}; ` +
          `last cycle: coulombic efficiency ${fixed(m.coulombicEfficiency)}, energy efficiency ${fixed(m.energyEfficiency)}`,
      );
    } else if (r.kind === 'tran') {
      out.push(`  ${r.waveforms?.length ?? 0} time points recorded`);
    }
    for (const m of r.measures ?? []) out.push(`  .meas ${m.name.padEnd(12)} = ${m.value === null ? `failed (${m.failed})` : `${m.value.toPrecision(6)} ${m.unit}`.trimEnd()}`);
    for (const w of r.warnings) out.push(`  warning: ${w}`);
  }
  const study = scanRateStudy(run.results);
  if (study) {
    out.push(`\n[${study.points.map((p) => p.analysis).join(', ')}] peak anodic current vs scan rate (last cycle of each)`);
    for (const p of study.points) out.push(`  ${p.analysis.padEnd(6)}  v = ${eng(p.rateVPerS, 'V/s').padEnd(11)}  I_pa = ${eng(p.peakAnodicCurrent, 'A')}`);
    out.push(`  log-log slope b = ${Number.isFinite(study.slope) ? study.slope.toFixed(3) : 'n/a'} (R^2 ${Number.isFinite(study.r2) ? study.r2.toFixed(4) : 'n/a'}): ${study.regime} (b = 1 capacitive, 0.5 diffusion-limited)`);
    if (study.localSlopes.length > 1) out.push(`  b between successive rates: ${study.localSlopes.map((l) => `${l.slope.toFixed(3)} (${l.from}-${l.to})`).join(', ')}`);
  }
  out.push('\ncurrents: into the cell at the source n+ terminal, positive while charging (opposite of ngspice i(V))');
  return out.join('\n');
}
