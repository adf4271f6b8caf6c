/** `ncm worker --queue URL [--concurrency K]`: run queued sweep points until stopped (Ctrl-C finishes the running points first). */
import type { Command } from 'commander';
import { integerOption } from './optionValues.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('take queued sweep points (ncm run --queue) from Redis and run them; start one on each machine')
    .requiredOption('--queue <url>', 'redis://[:password@]host:port[/db] or rediss://...')
    .option('--concurrency <k>', 'points run at once, one thread each (default 1)')
    .option('--lock-duration <ms>', 'a worker silent this long is taken for dead and its points rerun elsewhere (default 30000)')
    .option('--max-memory <mb>', 'heap limit of a point thread in MB: a point needing more fails its thread, not the worker')
    .option('-v, --verbose', 'print a line per point')
    .action(async (opts: { queue: string; concurrency?: string; lockDuration?: string; maxMemory?: string; verbose?: boolean }) => {
      const { parseQueueUrl } = await import('../queue/connection.js'); // the queue client loads only here
      const { startQueueWorker } = await import('../queue/worker.js');
      const q = parseQueueUrl(opts.queue);
      const concurrency = opts.concurrency !== undefined ? integerOption('concurrency', opts.concurrency, 1) : 1;
      const lockDuration = opts.lockDuration !== undefined ? integerOption('lock-duration', opts.lockDuration, 100) : 30000;
      const maxMemoryMb = opts.maxMemory !== undefined ? integerOption('max-memory', opts.maxMemory, 16) : undefined;
      // Redis errors repeat while it is away: one line per distinct message every 10 s.
      const said = new Map<string, number>();
      const onError = (e: Error): void => {
        const now = Date.now();
        if ((said.get(e.message) ?? 0) > now - 10000) return;
        said.set(e.message, now);
        process.stderr.write(`worker: ${e.message} (retrying)\n`);
      };
      const w = await startQueueWorker(q, {
        concurrency,
        lockDuration,
        ...(maxMemoryMb !== undefined ? { maxMemoryMb } : {}),
        onError,
        ...(opts.verbose ? { onPoint: (sweep: string, o: { ok: boolean; index: number }) => process.stdout.write(`sweep ${sweep} run ${o.index}: ${o.ok ? 'ok' : 'failed'}\n`) } : {}),
      });
      process.stdout.write(`worker ${w.id}: taking sweep points from ${q.shown} (concurrency ${concurrency})\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.stderr.write(`worker ${w.id}: stopping after the running points\n`);
          process.once('SIGINT', () => process.exit(130));
          void w.close().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
