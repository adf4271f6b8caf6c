/**
 * Queued sweeps against a real redis-server (127.0.0.1, a free port, AOF) and real worker processes:
 * a worker killed mid-point, a point that runs its thread out of memory, the submitting process
 * killed, a malformed job, and Redis killed and restarted mid-sweep. Every queued result is compared
 * with a local run of the same plan, file by file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSweepOutputs } from '../../src/sweep/sweepOutputs.js';
import { collectSweep, sweepStatus, waitForSweep } from '../../src/queue/collect.js';
import { connectRedis, parseQueueUrl } from '../../src/queue/connection.js';
import { QUEUE_NAME, QUEUE_PREFIX, sweepKeys } from '../../src/queue/keys.js';
import { enqueueSweep } from '../../src/queue/submit.js';
import { sweepCollectCommand } from '../../src/cli/sweepQueue.js';
import { planSweep } from '../../src/sweep/plan.js';
import { runSweepSerial } from '../../src/sweep/sweep.js';
import { hasRedis, TestRedis } from './redisServer.js';

// Short locks so that a killed worker's point comes back within seconds (default 30 s); long enough
// that a worker on a loaded machine does not lose its lock while alive.
const LOCK_MS = 2500;
const children = new Set<ChildProcess>();

/** A child process (tsx from source); resolves once its stdout matches `ready`. */
function start(args: string[], ready: RegExp): Promise<{ proc: ChildProcess; match: RegExpExecArray; out: () => string; err: () => string }> {
  // NCM_PROGRESS=none: the sweep's 10 % lines (stderr is a pipe) would precede the failure messages the tests read
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NCM_PROGRESS: 'none' } });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  let out = '';
  let err = '';
  proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((resolve, reject) => {
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = ready.exec(out);
      if (m) resolve({ proc, match: m, out: () => out, err: () => err });
    });
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before '${ready.source}':\n${out}\n${err}`)));
  });
}

function worker(url: string, concurrency: number, extra: string[] = []): Promise<ChildProcess> {
  return start(['test/queue/workerEntry.ts', url, String(concurrency), String(LOCK_MS), ...extra], /^ready$/m).then((s) => s.proc);
}

function finished(p: ChildProcess): Promise<number | null> {
  return p.exitCode !== null ? Promise.resolve(p.exitCode) : new Promise((resolve) => p.once('exit', (code) => resolve(code)));
}

async function until(what: string, ms: number, f: () => Promise<boolean>, detail?: () => Promise<string>): Promise<void> {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}${detail ? `: ${await detail()}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A 6-layer NCM whose elements sit in an included file (it must travel with the job). */
function netlistDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ncm-queue-'));
  const cell = readFileSync('netlists/ncm-6.cir', 'utf8')
    .split('\n')
    .filter((l) => /^(Vm|Ropen|Copen|Cslit|RDYN)/.test(l))
    .join('\n');
  writeFileSync(join(dir, 'cell.inc'), `* the ladder of netlists/ncm-6.cir\n${cell}\n`);
  writeFileSync(join(dir, 'sweep.cir'), `NCM-6 swept through the queue\n.param rc=5 gamma=0.5 ctot=0.08u\n.param cs={ctot/6} ropen=1 copen={cs/2}\n.include "cell.inc"\n.cv Vm 0 0.2 rate=20mV/us cycles=1\n.end\n`);
  return dir;
}

/** Every file byte for byte; in sweep.json only the wall times and the worker count may differ. */
function expectSameOutputs(queued: string, local: string): void {
  expect(readdirSync(queued).sort()).toEqual(readdirSync(local).sort());
  const gradients = (s: string): string => s.replace(/gradient_\d+/g, 'gradient_N');
  const times = (s: string): string => s.replace(/"seconds": [^,\n]+/g, '"seconds": T').replace(/"threads": \d+/, '"threads": N');
  for (const f of readdirSync(local)) {
    const a = readFileSync(join(queued, f));
    const b = readFileSync(join(local, f));
    if (f === 'sweep.json') expect(times(a.toString())).toBe(times(b.toString()));
    // vega numbers its gradient ids per process: two plots rendered in this one process differ there only.
    else if (f.endsWith('.svg')) expect(gradients(a.toString())).toBe(gradients(b.toString()));
    else expect(a.equals(b), `${f} differs`).toBe(true);
  }
}

async function localOutputs(plan: ReturnType<typeof planSweep>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ncm-queue-local-'));
  await writeSweepOutputs(runSweepSerial(plan), dir);
  return dir;
}

if (!hasRedis) console.warn('redis-server not found: the queue tests are skipped (apt-get install redis-server)');

describe.skipIf(!hasRedis)('sweeps on a Redis queue (redis-server on 127.0.0.1)', () => {
  const redis = new TestRedis();
  let client: Redis;
  let workerB: ChildProcess;
  const url = (): string => redis.url(0);

  beforeAll(async () => {
    await redis.start();
    client = connectRedis(parseQueueUrl(url()));
    // The worker every test relies on: two points at once, point threads capped at 48 MB of heap.
    workerB = await worker(url(), 2, ['48']);
  }, 60000);

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    client?.disconnect();
    await redis.stop();
  }, 20000);

  it('a worker killed with SIGKILL mid-point: its point is rerun elsewhere, every point stored once, outputs equal a local run', async () => {
    const dir = netlistDir();
    const plan = planSweep(join(dir, 'sweep.cir'), ['gamma=0.1,0.3,1.5,0.5,0.7,0.9']);
    const local = await localOutputs(plan);
    const workerA = await worker(url(), 1, ['0', './hangingPointThread.ts']);
    const { id } = await enqueueSweep(client, plan);
    const k = sweepKeys(id);
    // Worker B does five points; worker A holds the sixth (its thread never finishes) and keeps its lock alive.
    let held = '';
    await until('worker A to hold one point', 60000, async () => {
      const [done, starts] = await Promise.all([client.hkeys(k.results), client.hgetall(k.starts)]);
      held = done.length === 5 ? (Object.keys(starts).find((i) => !done.includes(i)) ?? '') : '';
      return held !== '' && starts[held] === '1';
    }, async () => JSON.stringify({ results: await client.hkeys(k.results), starts: await client.hgetall(k.starts), errors: await client.hgetall(k.errors) }));
    workerA.kill('SIGKILL');
    await finished(workerA);
    const s = await waitForSweep(parseQueueUrl(url()), client, id, undefined, 200);
    expect(s).toMatchObject({ total: 6, done: 6, failed: 1, reruns: 1, workers: 1 });
    expect(await client.hget(k.starts, held)).toBe('2');
    const out = mkdtempSync(join(tmpdir(), 'ncm-queue-out-'));
    await writeSweepOutputs(await collectSweep(client, id, url()), out);
    expectSameOutputs(out, local);
  }, 150000);

  it('a point that runs its thread out of memory fails after the retry limit with its error; the others complete; exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-queue-oom-'));
    const file = join(dir, 'oom.cir');
    writeFileSync(file, 'A ladder whose layer count is swept\n.param n=6\nVm m 0 DC 0\n.ladder E m 0 layers={n} model=ncm rc=5 gamma=0.5 ctotal=8e-8 ropen=1 qmax=peak\n.cv Vm 0 0.2 rate=20mV/us cycles=1\n');
    const out = join(dir, 'out');
    const submit = await start(['src/cli/main.ts', 'run', file, '--step', 'n=6,1000000,8', '--attempts', '2', '--queue', url(), '-o', out], /^sweep ([0-9a-f]{12}): 3 runs queued as 3 jobs on redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0\n/m);
    expect(await finished(submit.proc)).toBe(1);
    expect(submit.out()).toMatch(/\nsweep of n \(3 values\): 3 runs on 1 worker in [\d.]+ s, 1 failed\n/);
    expect(submit.err()).toMatch(
      /^run 1 \(n=1000000\) failed: a worker died running this point 2 times; the last time: its thread died: Worker terminated due to reaching memory limit: JS heap out of memory\n.*error: 1 of 3 runs failed \(failure records in .*sweep\.json\)\n$/s,
    );
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').split('\n');
    expect(csv.slice(4, 7).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['0,6,ok', '1,1000000,failed', '2,8,ok']);
    expect(await client.hget(sweepKeys(submit.match[1]!).starts, '1')).toBe('3');
  }, 150000);

  it('the submitting process killed after enqueueing: ncm sweep collect writes the full results later, with the netlist gone from disk', async () => {
    const dir = netlistDir();
    const file = join(dir, 'sweep.cir');
    const plan = planSweep(file, ['rc=2,5,10']);
    const local = await localOutputs(plan);
    const submit = await start(['src/cli/main.ts', 'run', file, '--step', 'rc=2,5,10', '--chunk', '2', '--queue', url()], /^sweep ([0-9a-f]{12}): 3 runs queued as 2 jobs/m);
    submit.proc.kill('SIGKILL');
    await finished(submit.proc);
    rmSync(dir, { recursive: true }); // the workers have the netlist and its include from the jobs
    const out = mkdtempSync(join(tmpdir(), 'ncm-queue-collect-'));
    await sweepCollectCommand(submit.match[1]!, url(), out);
    expectSameOutputs(out, local);
  }, 150000);

  it('a job whose data is not a sweep fails with the reason, a netlist that does not parse fails its points with the location; the worker goes on', async () => {
    const queue = new Queue(QUEUE_NAME, { connection: client, prefix: QUEUE_PREFIX });
    const job = await queue.add('points', { sweep: 'x', netlist: 'a.cir', files: {} });
    await until('the malformed job to fail', 30000, async () => (await queue.getJobState(job.id!)) === 'failed');
    expect((await queue.getJob(job.id!))?.failedReason).toBe(`job ${job.id}: the job does not carry its netlist 'a.cir'`);
    await queue.close();
    const dir = mkdtempSync(join(tmpdir(), 'ncm-queue-parse-'));
    const bad = join(dir, 'bad.cir');
    writeFileSync(bad, 'a syntax error\n.param r=1\nV1 a 0 1\nR1 a 0 {r\n.op\n');
    const plan = planSweep(bad, ['r=1,2']);
    const { id } = await enqueueSweep(client, plan);
    await waitForSweep(parseQueueUrl(url()), client, id, undefined, 200);
    const r = await collectSweep(client, id, url());
    expect(r.outcomes).toEqual(runSweepSerial(plan).outcomes);
    expect(r.outcomes.map((o) => (o.ok ? 'ok' : `${o.loc?.line}:${o.loc?.column}: ${o.message}`))).toEqual(["4:10: expected '}', found end of line", "4:10: expected '}', found end of line"]);
    expect(workerB.exitCode).toBe(null);
  }, 90000);

  it('Redis killed and restarted mid-sweep: no stored result is lost (AOF), the worker reconnects, the sweep completes', async () => {
    const dir = netlistDir();
    const plan = planSweep(join(dir, 'sweep.cir'), ['gamma=0:0.92:0.04']);
    const local = await localOutputs(plan);
    const { id } = await enqueueSweep(client, plan);
    const k = sweepKeys(id);
    await until('three results', 60000, async () => (await client.hlen(k.results)) >= 3);
    const before = await client.hkeys(k.results);
    await redis.kill();
    expect(before.length).toBeLessThan(plan.points.length);
    await redis.start();
    expect(await client.hkeys(k.results)).toEqual(expect.arrayContaining(before));
    const s = await waitForSweep(parseQueueUrl(url()), client, id, undefined, 200);
    expect(s).toMatchObject({ total: 24, done: 24, failed: 0 });
    const st = await sweepStatus(client, id, url());
    expect(st.done).toBe(24);
    const out = mkdtempSync(join(tmpdir(), 'ncm-queue-restart-'));
    await writeSweepOutputs(await collectSweep(client, id, url()), out);
    expectSameOutputs(out, local);
    expect(workerB.exitCode).toBe(null);
  }, 120000);
});
