/**
 * Engine benchmark: two CV cycles at 20 mV/us, 0 -> 0.2 V -> 0, R_c = 5 ohm, total C_slit 0.08 uF,
 * GAMMA 0.9 (QMAX fixed at C_slit * 0.2 V so the run is exactly two cycles), for N = 6, 50, 1000,
 * 10000 layers built in code. Prints wall time, time steps, Newton iterations, peak memory and
 * the CV current error against a tight-tolerance run of the same circuit (relative to its peak).
 * CPU time is printed next to wall time because the machine is shared (wall time then overstates).
 * Environment: BENCH_LAYERS=6,50 to choose sizes; BENCH_REF_MAX=1000 largest N given a reference.
 */
import { runCv } from '../src/analyses/cv.js';
import type { CvAnalysis } from '../src/circuit/circuit.js';
import { buildLadder } from '../src/electrode/ladder.js';

const CV: CvAnalysis = { kind: 'cv', source: 'vm', vStart: 0, vVertex: 0.2, vEnd: 0, rate: 2e4, cycles: 2, loc: { file: '<bench>', line: 1, column: 1 } };

function ladder(n: number, options: Record<string, number | string>) {
  return buildLadder({ layers: n, rc: 5, cTotal: 0.08e-6, gamma: 0.9, qmax: (0.08e-6 / n) * 0.2, options, file: `<bench N=${n}>` });
}

function currentOf(r: ReturnType<typeof runCv>): { t: Float64Array; i: Float64Array } {
  const w = r.waveforms!;
  return { t: w.columns[0]!, i: w.columns[w.labels.indexOf('i(vm)')]! };
}

/** max |a(t) - b(t)| over b's time points, a linearly interpolated, relative to max |b|. */
function relativeError(a: { t: Float64Array; i: Float64Array }, b: { t: Float64Array; i: Float64Array }): number {
  let k = 0;
  let worst = 0;
  let peak = 0;
  for (let j = 0; j < b.t.length; j++) {
    const tt = b.t[j]!;
    while (k < a.t.length - 2 && a.t[k + 1]! < tt) k++;
    const d = a.t[k + 1]! - a.t[k]!;
    const ai = d > 0 ? a.i[k]! + ((a.i[k + 1]! - a.i[k]!) * (tt - a.t[k]!)) / d : a.i[k]!;
    worst = Math.max(worst, Math.abs(ai - b.i[j]!));
    peak = Math.max(peak, Math.abs(b.i[j]!));
  }
  return worst / peak;
}

export async function runEngineBench(): Promise<void> {
  const sizes = (process.env.BENCH_LAYERS ?? '6,50,1000,10000').split(',').map(Number);
  const refMax = Number(process.env.BENCH_REF_MAX ?? 1000);
  const extra: Record<string, number> = process.env.BENCH_OPTS ? JSON.parse(process.env.BENCH_OPTS) : {};
  // Warm-up so the first size is not charged for compilation.
  runCv(ladder(20, {}), CV, { record: 'minimal' });
  console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
  console.log('layers  unknowns  wall[s]  cpu[s]  steps  rejected  newton  us/step  peakRSS[MB]  err/peak(vs reltol=1e-6)');
  let prev: { n: number; s: number } | undefined;
  for (const n of sizes) {
    const c = ladder(n, extra);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const r = runCv(c, CV, { record: 'minimal' });
    const wall = (performance.now() - t0) / 1000;
    const cpuUse = process.cpuUsage(cpu0);
    const cpu = (cpuUse.user + cpuUse.system) / 1e6;
    const rss = process.resourceUsage().maxRSS / 1024;
    const st = r.stats!;
    let err = 'n/a';
    if (n <= refMax) {
      const ref = runCv(ladder(n, { reltol: 1e-6 }), CV, { record: 'minimal' });
      err = relativeError(currentOf(r), currentOf(ref)).toExponential(2);
    }
    const unknowns = n + 3;
    console.log(
      `${String(n).padEnd(6)}  ${String(unknowns).padEnd(8)}  ${wall.toFixed(3).padEnd(7)}  ${cpu.toFixed(3).padEnd(6)}  ${String(st.steps).padEnd(5)}  ${String(st.rejected).padEnd(8)}  ` +
        `${String(st.newtonIterations).padEnd(6)}  ${((wall / st.steps) * 1e6).toFixed(0).padEnd(7)}  ${rss.toFixed(0).padEnd(11)}  ${err}`,
    );
    if (prev) console.log(`        time ratio ${(wall / prev.s).toFixed(1)}x for ${(n / prev.n).toFixed(0)}x layers`);
    prev = { n, s: wall };
  }
}
