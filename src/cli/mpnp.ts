/** `ncm mpnp <config> [--out dir] [--set key=value ...]`: runs the mPNP solver and writes its series and plots. */
import { existsSync, rmSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { NcmError } from '../diagnostics.js';
import type { CheckpointData, RunProgress, RunResult } from '../mpnp/run.js';
import type { SplitGridError } from '../mpnp/splitGridError.js';
import { createProgress } from './progress.js';

/** `t = 12.3400 us | steps 40 | Newton 120`: what the mPNP bar and lines show after the percentage. */
export function mpnpProgressDetail(p: RunProgress): string {
  return `t = ${(p.time * 1e6).toFixed(4)} us | steps ${p.steps} | Newton ${p.newtonIterations}`;
}

export function registerMpnp(program: Command): void {
  program
    .command('mpnp')
    .description('simulate the nanoscale charging dynamics (modified Poisson-Nernst-Planck) of a half cell or a nanoslit electrode')
    .argument('<config>', 'YAML or JSON configuration (see examples/mpnp-*.yaml)')
    .option('--out <dir>', 'output folder (default: out/mpnp-<config name>[-<key>=<value> per --set])')
    .option('--set <key=value...>', 'override configuration keys, e.g. --set geometry.slitWidth="2 nm"', [])
    .option('--checkpoint-every <seconds>', 'write <out>/checkpoint.json this often (wall time)', '60')
    .option('--resume', 'continue from <out>/checkpoint.json of an interrupted run with the same configuration')
    .option('--split-error', 'repeat the run with half of grid.gapCells and report the grid error of the trans-slit current split (summary.json splitGridError)')
    .action(async (configPath: string, opts: { out?: string; set: string[]; checkpointEvery: string; resume?: boolean; splitError?: boolean }) => {
      const [{ writeFileAtomic, writeFilesAtomic }, { checkpointToJson, readCheckpoint }, { defaultOutDir, readMpnpConfigFile }, { runMpnp }, { mpnpOutputs }, { MpnpStallError }] = await Promise.all([
        import('../io/atomicWrite.js'), import('../mpnp/checkpoint.js'), import('./mpnpConfigFile.js'), import('../mpnp/run.js'), import('../mpnp/outputs.js'), import('../mpnp/stall.js'),
      ]);
      const cfg = readMpnpConfigFile(configPath, opts.set, 'mpnp');
      const split = opts.splitError ? await import('../mpnp/splitGridError.js') : null;
      // checked before the long run: a half cell or gapCells = 1 cannot be coarsened
      const coarse = split ? split.coarseGapConfig(cfg) : null;
      const out = opts.out ?? defaultOutDir('mpnp', configPath, opts.set);
      const every = Number(opts.checkpointEvery);
      if (!(every > 0)) throw new NcmError(`--checkpoint-every: expected a positive number of seconds, got '${opts.checkpointEvery}'`, { exitCode: 2 });
      const cpPath = join(out, 'checkpoint.json');
      let resume: CheckpointData | undefined;
      if (opts.resume) {
        if (!existsSync(cpPath)) throw new NcmError(`--resume: no checkpoint at ${cpPath}`);
        resume = readCheckpoint(cpPath);
      }
      const bar = createProgress();
      let r: RunResult;
      try {
        r = runMpnp(cfg, {
          onProgress: (p) => bar.update(p.time / p.end, 'mpnp', mpnpProgressDetail(p)),
          onCheckpoint: (c) => writeFileAtomic(cpPath, checkpointToJson(c)),
          checkpointSeconds: every,
          memoryBudget: 0.5 * totalmem(),
          ...(resume ? { resume } : {}),
        });
      } catch (e) {
        bar.stop();
        if (e instanceof MpnpStallError) throw new NcmError(`${e.message}${e.checkpointed ? `; wrote ${cpPath} (the state after step ${e.report.steps}): continue from it with --resume --out ${out}, solver settings may change` : ''}`, { kind: 'convergence' });
        if (e instanceof NcmError) throw e;
        throw new NcmError(`mpnp run failed: ${(e as Error).message} (try a smaller solver.tol or a finer grid${opts.resume ? '' : '; resume with --resume if a checkpoint was written'})`);
      }
      bar.stop();
      let splitError: SplitGridError | undefined;
      if (split && coarse) {
        const coarseBar = createProgress();
        let c: RunResult;
        try {
          c = runMpnp(coarse.cfg, { onProgress: (p) => coarseBar.update(p.time / p.end, 'mpnp (coarse gap grid)', mpnpProgressDetail(p)), memoryBudget: 0.5 * totalmem() });
        } finally {
          coarseBar.stop();
        }
        splitError = split.splitGridError(r.series, c.series, coarse.gapCells, split.splitWindow(cfg.protocol, r.series), { unknowns: c.stats.unknowns, steps: c.stats.steps, wallSeconds: c.stats.wallSeconds });
      }
      writeFilesAtomic(out, await mpnpOutputs(r, splitError));
      rmSync(cpPath, { force: true });
      const st = r.stats;
      process.stdout.write(
        `mpnp: ${st.unknowns} unknowns, ${st.steps} steps (${st.rejected} rejected), ${st.newtonIterations} Newton iterations, ` +
          `${st.factorizations} factorisations (${(st.factorSeconds / Math.max(1, st.factorizations)).toFixed(3)} s each), ${st.wallSeconds.toFixed(1)} s; wrote ${out}/\n`,
      );
      if (split && splitError) process.stdout.write(split.splitGridErrorLines(splitError).join('\n') + '\n');
    });
}
