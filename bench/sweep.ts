/**
 * Sweep bench: the 200-point gamma sweep of the 50-layer NCM CV (netlists/ncm-50-gamma-sweep.cir),
 * once in this thread and once on worker threads over every core. Prints wall time, CPU time and
 * CPU/wall (about 2 when both cores work), and checks that both runs agree.
 */
import { availableParallelism, loadavg } from 'node:os';
import { planSweep } from '../src/sweep/plan.js';
import { runSweep, runSweepSerial } from '../src/sweep/sweep.js';

export async function runSweepBench(): Promise<void> {
  const plan = planSweep('netlists/ncm-50-gamma-sweep.cir');
  const points = Number(process.env.NCM_SWEEP_POINTS ?? plan.points.length);
  plan.points = plan.points.slice(0, points);
  const cores = availableParallelism();
  const measure = async (label: string, run: () => Promise<Awaited<ReturnType<typeof runSweep>>>) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await run();
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const failed = r.outcomes.filter((o) => !o.ok).length;
    console.log(`  ${label.padEnd(22)} ${String(r.outcomes.length).padStart(4)} runs  wall ${wall.toFixed(2).padStart(6)} s  cpu ${cpuS.toFixed(2).padStart(6)} s  cpu/wall ${(cpuS / wall).toFixed(2)}  ${failed} failed`);
    return { r, wall };
  };
  console.log(`  50-layer NCM, one CV cycle each (QMAX=peak iterated), gamma 0 .. 0.995; ${cores} cores, load average ${loadavg()[0]!.toFixed(1)} (other processes compete for the cores)`);
  const serial = await measure('serial (1 thread)', async () => runSweepSerial(plan));
  const parallel = await measure(`parallel (${cores} threads)`, () => runSweep(plan, { threads: cores }));
  const same = serial.r.outcomes.every((o, k) => {
    const p = parallel.r.outcomes[k]!;
    return o.ok && p.ok ? JSON.stringify(o.measures) === JSON.stringify(p.measures) : o.ok === p.ok;
  });
  console.log(`  speed-up ${(serial.wall / parallel.wall).toFixed(2)}x; parallel results identical to serial: ${same}`);
}
