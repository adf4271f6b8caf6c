/**
 * Queue bench: a gamma x R_c sweep of the 50-layer NCM (netlists/ncm-50-gamma-sweep.cir; 40 x 25 =
 * 1000 points) on the local worker-thread pool, then through a Redis queue with 1, 2 and 4 worker
 * processes (`ncm worker`, concurrency 1 each) on this machine. Redis is a private redis-server on a
 * free 127.0.0.1 port (AOF on). Prints wall time, throughput and the queue's overhead per job:
 * (wall x processes - compute) / jobs, where compute is the sum of the points' own run times, i.e.
 * everything a job costs besides its run (fetch, claim, thread hand-off, result store, completion).
 * First, the queue's own cost: 1000 jobs of a one-resistor `.op` (a run of ~0.1 ms) through one
 * worker process, wall / jobs.
 * NCM_QUEUE_POINTS=200 runs the first N points of the NCM sweep only; NCM_QUEUE_WORKERS=1,2 chooses the
 * process counts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectSweep, waitForSweep } from '../src/queue/collect.js';
import { connectRedis, parseQueueUrl } from '../src/queue/connection.js';
import { enqueueSweep } from '../src/queue/submit.js';
import { planSweep } from '../src/sweep/plan.js';
import { runSweep, type SweepResult } from '../src/sweep/sweep.js';

const SPECS = ['gamma=0:0.975:0.025', 'rc=1:25:1'];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function waitFor(p: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    p.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes(text)) resolve();
    });
    p.once('exit', (code) => reject(new Error(`exited (${code}) before '${text}': ${out}`)));
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; 0 elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (CLK_TCK = 100 on Linux)
  } catch {
    return 0;
  }
}

const compute = (r: SweepResult): number => r.outcomes.reduce((s, o) => s + (o.ok ? o.seconds : 0), 0);

export async function runQueueBench(): Promise<void> {
  const server = existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : 'redis-server';
  const plan = planSweep('netlists/ncm-50-gamma-sweep.cir', SPECS);
  plan.points = plan.points.slice(0, Number(process.env.NCM_QUEUE_POINTS ?? plan.points.length));
  const counts = (process.env.NCM_QUEUE_WORKERS ?? '1,2,4').split(',').map(Number);
  const cores = availableParallelism();
  console.log(`  50-layer NCM CV (QMAX=peak), ${plan.points.length} points of ${SPECS.join(' x ')}; ${cores} cores, load average ${loadavg()[0]!.toFixed(1)} at start`);
  const row = (label: string, wall: number, r: SweepResult, procs: number): void => {
    const c = compute(r);
    const overhead = ((wall * procs - c) / r.outcomes.length) * 1000;
    const failed = r.outcomes.filter((o) => !o.ok).length;
    console.log(`  ${label.padEnd(26)} wall ${wall.toFixed(2).padStart(7)} s  ${(r.outcomes.length / wall).toFixed(1).padStart(6)} points/s  compute ${(c / r.outcomes.length * 1000).toFixed(1)} ms/point  overhead ${overhead.toFixed(2)} ms/job  ${failed} failed  load ${loadavg()[0]!.toFixed(1)}`);
  };
  const dir = mkdtempSync(join(tmpdir(), 'ncm-bench-redis-'));
  const trivialFile = join(dir, 'one-resistor.cir');
  writeFileSync(trivialFile, 'one resistor: a run costs almost nothing, so the wall time is the queue\n.param r=1\nV1 a 0 1\nR1 a 0 {r}\n.op\n');
  const trivial = planSweep(trivialFile, ['r=1:1000:1']);
  const port = await freePort();
  const redisProc = spawn(server, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const workers: ChildProcess[] = [];
  try {
    await waitFor(redisProc, 'Ready to accept connections');
    const q = parseQueueUrl(`redis://127.0.0.1:${port}/0`);
    const client = connectRedis(q);
    const addWorker = async (): Promise<void> => {
      const w = spawn(process.execPath, ['dist/src/cli/main.js', 'worker', '--queue', q.url, '--concurrency', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
      workers.push(w);
      await waitFor(w, 'taking sweep points');
    };
    await addWorker();
    // CPU used by the queue's processes: load-independent, unlike wall time on a shared machine.
    const cpuNow = (): { worker: number; redis: number; self: number } => {
      const u = process.cpuUsage();
      return { worker: workers.reduce((t, w) => t + cpuSeconds(w.pid), 0), redis: cpuSeconds(redisProc.pid), self: (u.user + u.system) / 1e6 };
    };
    const cpuRow = (c0: ReturnType<typeof cpuNow>, r: SweepResult): void => {
      const c1 = cpuNow();
      const per = (a: number, b: number): string => (((a - b) / r.outcomes.length) * 1000).toFixed(2);
      console.log(`  ${''.padEnd(26)} CPU per job: workers ${per(c1.worker, c0.worker)} ms (incl. the runs, ${((compute(r) / r.outcomes.length) * 1000).toFixed(2)} ms), redis-server ${per(c1.redis, c0.redis)} ms, submitter ${per(c1.self, c0.self)} ms`);
    };
    {
      const c0 = cpuNow();
      const t1 = performance.now();
      const { id } = await enqueueSweep(client, trivial);
      await waitForSweep(q, client, id, undefined, 200);
      const r = await collectSweep(client, id, q.shown);
      console.log('  queue cost per job: 1000 one-resistor .op points, 1 worker process (concurrency 1):');
      row('queue, 1 worker process', (performance.now() - t1) / 1000, r, 1);
      cpuRow(c0, r);
      const t2 = performance.now();
      const pooled = await runSweep(trivial, { threads: cores });
      row('same on the local pool', (performance.now() - t2) / 1000, pooled, cores);
    }
    console.log('  50-layer NCM sweep:');
    const t0 = performance.now();
    const local = await runSweep(plan, { threads: cores });
    row(`local pool (${cores} threads)`, (performance.now() - t0) / 1000, local, cores);
    for (const n of counts) {
      while (workers.length < n) await addWorker();
      const c0 = cpuNow();
      const t1 = performance.now();
      const { id } = await enqueueSweep(client, plan);
      await waitForSweep(q, client, id, undefined, 200);
      const wall = (performance.now() - t1) / 1000;
      const r = await collectSweep(client, id, q.shown);
      const same = r.outcomes.every((o, k) => {
        const l = local.outcomes[k]!;
        return o.ok && l.ok ? JSON.stringify(o.measures) === JSON.stringify(l.measures) : o.ok === l.ok;
      });
      row(`queue, ${n} worker process${n === 1 ? '' : 'es'}`, wall, r, n);
      cpuRow(c0, r);
      if (!same) console.log('  (!) queued results differ from the local pool');
    }
    client.disconnect();
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
    redisProc.kill('SIGTERM');
    await new Promise((r) => redisProc.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
