/**
 * `ncm sweep status|collect|cancel <id> --queue URL`: a queued sweep (ncm run --queue) seen from any
 * terminal. The queue client loads only when one of these runs.
 */
import type { Command } from 'commander';

const URL_HELP = 'redis://[:password@]host:port[/db] or rediss://...';

export function registerSweep(program: Command): void {
  const sweep = program.command('sweep').description('queued sweeps (ncm run --queue): status, collect, cancel');
  sweep
    .command('status')
    .description('how far a queued sweep is')
    .argument('<id>', 'sweep id printed by ncm run --queue')
    .requiredOption('--queue <url>', URL_HELP)
    .action(async (id: string, opts: { queue: string }) => (await import('./sweepQueue.js')).sweepStatusCommand(id, opts.queue));
  sweep
    .command('collect')
    .description('wait for a queued sweep to finish and write its outputs (the files a local sweep writes)')
    .argument('<id>', 'sweep id printed by ncm run --queue')
    .requiredOption('--queue <url>', URL_HELP)
    .option('-o, --out <dir>', 'output folder (default: out/<netlist name>)')
    .action(async (id: string, opts: { queue: string; out?: string }) => (await import('./sweepQueue.js')).sweepCollectCommand(id, opts.queue, opts.out));
  sweep
    .command('cancel')
    .description('cancel a queued sweep: queued points are dropped, running ones stop at their next point; done runs are kept')
    .argument('<id>', 'sweep id printed by ncm run --queue')
    .requiredOption('--queue <url>', URL_HELP)
    .action(async (id: string, opts: { queue: string }) => (await import('./sweepQueue.js')).sweepCancelCommand(id, opts.queue));
}
