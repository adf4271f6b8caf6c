/**
 * Sweep bench (issue 12): a 20-point gamma sweep of the 50-layer NCM CV (the first points of
 * netlists/ncm-50-gamma-sweep.cir; NCM_SWEEP_POINTS=200 for all), run
 *  - serially in this thread (`runSweep` with one thread, no pool),
 *  - on a warm pool of 1 thread and of 2 threads (piscina, src/sweep/sweepPool.ts; what `ncm run`
 *    does with --threads 1 / 2), the pool's start counted in the time,
 * interleaved (serial, 1, 2, serial, 1, 2, ...; NCM_SWEEP_REPEAT=2 rounds, the best kept). Prints
 * wall and CPU time (CPU/wall is about 2 when both cores work), the thread start, the load average
 * (other processes compete for the cores: under load the 2-thread wall cannot halve), the speed-up
 * of 2 threads over 1 (target >= 1.7), whether every run agrees with the serial one, and each
 * point's own time on a cold thread (first points) and a warm one (later half), alone and with the
 * other thread running: on this 2-core machine a warm point takes ~1.7x longer while the other
 * thread runs (docs/sweeps.md, "Where the 2-thread time goes").
 */
import { availableParallelism, loadavg } from 'node:os';
import { planSweep } from '../src/sweep/plan.js';
import { runSweep, runSweepSerial, type SweepResult } from '../src/sweep/sweep.js';
import { SweepPool } from '../src/sweep/sweepPool.js';

interface Timing {
  wall: number;
  cpu: number;
  r: SweepResult;
}

async function timed(run: () => Promise<SweepResult>): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await run();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(cpu0);
  return { wall, cpu: (c.user + c.system) / 1e6, r };
}

/** A sweep on a fresh pool of `threads`, from its creation to its close (what `ncm run` pays). */
async function onPool(plan: ReturnType<typeof planSweep>, threads: number): Promise<SweepResult> {
  const pool = new SweepPool({ threads });
  try {
    return await runSweep(plan, { pool });
  } finally {
    await pool.close();
  }
}

export async function runSweepBench(): Promise<void> {
  const plan = planSweep('netlists/ncm-50-gamma-sweep.cir');
  plan.points = plan.points.slice(0, Number(process.env.NCM_SWEEP_POINTS ?? 20));
  const repeat = Number(process.env.NCM_SWEEP_REPEAT ?? 2);
  const load0 = loadavg()[0]!;
  console.log(`  50-layer NCM, one CV cycle each (QMAX=peak iterated), ${plan.points.length} gamma values; ${availableParallelism()} cores, load average ${load0.toFixed(1)} before`);
  // Thread start alone: a pool of 2 until both threads have loaded the point runner.
  {
    const t0 = performance.now();
    const pool = new SweepPool({ threads: 2 });
    await Promise.all([pool.warm(), pool.warm()]);
    console.log(`  2 pool threads started and loaded the point runner in ${((performance.now() - t0) / 1000).toFixed(2)} s (wall)`);
    await pool.close();
  }
  const runs: Record<'serial' | 'pool1' | 'pool2', Timing[]> = { serial: [], pool1: [], pool2: [] };
  for (let k = 0; k < repeat; k++) {
    runs.serial.push(await timed(async () => runSweepSerial(plan)));
    runs.pool1.push(await timed(() => onPool(plan, 1)));
    runs.pool2.push(await timed(() => onPool(plan, 2)));
  }
  const best = (t: Timing[]): Timing => t.reduce((a, b) => (b.wall < a.wall ? b : a));
  const reference = JSON.stringify(runs.serial[0]!.r.outcomes.map((o) => (o.ok ? o.measures : o.message)));
  const agree = Object.values(runs).every((ts) => ts.every((t) => JSON.stringify(t.r.outcomes.map((o) => (o.ok ? o.measures : o.message))) === reference));
  const line = (label: string, t: Timing): void => {
    const failed = t.r.outcomes.filter((o) => !o.ok).length;
    console.log(`  ${label.padEnd(30)} ${String(t.r.outcomes.length).padStart(4)} runs  wall ${t.wall.toFixed(2).padStart(6)} s  cpu ${t.cpu.toFixed(2).padStart(6)} s  cpu/wall ${(t.cpu / t.wall).toFixed(2)}  ${failed} failed`);
  };
  const s = best(runs.serial);
  const p1 = best(runs.pool1);
  const p2 = best(runs.pool2);
  line('serial (this thread)', s);
  line('pool, 1 thread (start counted)', p1);
  line('pool, 2 threads (start counted)', p2);
  console.log(`  speed-up of 2 threads: ${(p1.wall / p2.wall).toFixed(2)}x over the 1-thread pool, ${(s.wall / p2.wall).toFixed(2)}x over serial (target >= 1.7); best of ${repeat}, interleaved; load average ${loadavg()[0]!.toFixed(1)} after`);
  console.log(`  every run's measures identical to the serial run's: ${agree}`);
  // Where the 2-thread time goes: a point's own time (measured in its thread) on a cold thread
  // (its first points, JIT) and later, alone on the machine and with the other thread running.
  const perPoint = (t: Timing): string => {
    const ms = t.r.outcomes.map((o) => (o.ok ? o.seconds * 1000 : NaN));
    const late = ms.slice(Math.floor(ms.length / 2)).sort((a, b) => a - b);
    const first = ms.slice(0, t.r.threads * 2).map((x) => x.toFixed(0)).join(', ');
    const sum = ms.reduce((a, b) => a + b, 0) / 1000;
    return `sum ${sum.toFixed(2)} s, first points ${first} ms, median of the later half ${late[Math.floor(late.length / 2)]!.toFixed(1)} ms`;
  };
  console.log(`  per point (time inside its thread): serial ${perPoint(s)}; 1 thread ${perPoint(p1)}; 2 threads ${perPoint(p2)}`);
}
