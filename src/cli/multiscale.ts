/** `ncm multiscale <mpnp-config>`: mPNP -> extraction -> NCM netlist and run -> equation search, in one command. */
import type { Command } from 'commander';
import { NcmError } from '../diagnostics.js';
import { integerOption, positiveOption } from './optionValues.js';
import { createProgress } from './progress.js';

interface MultiscaleCliOptions {
  out?: string;
  set: string[];
  transSlit: string;
  seed: string;
  generations: string;
  ropen?: string;
  copen?: string;
  offset: string;
  compareAll?: boolean;
  lumps: string;
  smoothing?: string;
}



export function registerMultiscale(program: Command): void {
  program
    .command('multiscale')
    .description('the paper\'s workflow in one command: mPNP run, extraction of C_slit/R_c/gamma, NCM netlist and CV, equation discovery')
    .argument('<config>', 'mPNP configuration of a nanoslit network (e.g. examples/mpnp-d1.5.yaml)')
    .option('--out <dir>', 'output folder (default: out/multiscale-<config name>[-<key>=<value> per --set])')
    .option('--set <key=value...>', 'override mPNP configuration keys, e.g. --set geometry.slitWidth="2 nm"', [])
    .option('--trans-slit <k>', 'trans-slit whose dphi_k(I_k, Q_k) the equation search reads', '2')
    .option('--seed <n>', 'seed of the equation search', '1')
    .option('--generations <n>', 'generations of the equation search', '150')
    .option('--ropen <ohm>', 'open-space resistance of the netlist (SI; default: the bulk electrolyte in front of sheet 1, openSpace / (sigma period depth))')
    .option('--copen <farad>', 'open-space capacitance of the netlist (SI; default: identified from the charge outside the slits)')
    .option('--lumps <n>', 'RC lumps per slit in the NCM and TLM netlists (1: the paper\'s circuit; 2-4 resolve the charge along long slits)', '1')
    .option('--compare-all', 'also compare NCM and TLM with C_slit referred every way (none, equilibrium, cv) in summary.json')
    .option('--smoothing <time>', 'round the CV vertices over this half-width, e.g. "0.5 us" (the paper\'s smoothed V_m): sets protocol.smoothing of the mPNP, and the netlists\' .cv smooth= follows it')
    .option('--offset <kind>', 'how Cslit is referred: equilibrium (beta V(m) in series, beta from the slit in equilibrium), cv (also the equilibrium C(V) of the slit) or none', 'equilibrium')
    .action(async (configPath: string, o: MultiscaleCliOptions) => {
      const [{ writeFilesAtomic }, { formatNumber }, { runMultiscale }, { defaultOutDir, readMpnpConfigFile }] = await Promise.all([
        import('../io/atomicWrite.js'), import('../extract/ncmNetlist.js'), import('../workflow/multiscale.js'), import('./mpnpConfigFile.js'),
      ]);
      const sets = o.smoothing !== undefined ? [...o.set, `protocol.smoothing=${o.smoothing}`] : o.set;
      const cfg = readMpnpConfigFile(configPath, sets, 'multiscale');
      const out = o.out ?? defaultOutDir('multiscale', configPath, sets);
      const ropen = positiveOption('ropen', o.ropen);
      const copen = positiveOption('copen', o.copen);
      if (o.offset !== 'equilibrium' && o.offset !== 'cv' && o.offset !== 'none') throw new NcmError(`--offset expects equilibrium, cv or none, got "${o.offset}"`, { exitCode: 2 });
      const progress = createProgress();
      const r = await runMultiscale(cfg, {
        onProgress: (f, stage) => progress.update(f, `multiscale ${stage}`),
        offset: o.offset,
        compareAll: o.compareAll === true,
        lumps: integerOption('lumps', o.lumps, 1),
        source: configPath,
        transSlit: integerOption('trans-slit', o.transSlit, 1),
        seed: integerOption('seed', o.seed, 0),
        generations: integerOption('generations', o.generations, 1),
        ...(ropen !== undefined ? { ropen } : {}),
        ...(copen !== undefined ? { copen } : {}),
        onStage: (s) => {
          progress.stop();
          process.stderr.write(`multiscale: ${s}...\n`);
        },
      }).finally(() => progress.stop());
      writeFilesAtomic(out, r.files);
      const p = r.extraction.resistance.pooled;
      const a = r.agreement;
      process.stdout.write(
        [
          `mPNP:       ${r.mpnp.stats.unknowns} unknowns, ${r.mpnp.stats.steps} steps, ${r.mpnp.stats.wallSeconds.toFixed(1)} s`,
          `extracted:  C_slit = ${formatNumber(r.extraction.capacitance.value)} F, R_c = ${formatNumber(p.rc)} ohm, gamma = ${formatNumber(p.gamma)} (law residual ${formatNumber(p.relativeResidual)})`,
          `cycle:      ${r.cycle.cycle} of ${r.cycle.cycles} (cycle-to-cycle changes of I_m: ${(r.mpnp.cycles?.changes ?? []).map((c) => c.toExponential(2)).join(', ') || 'none'})`,
          `NCM vs mPNP CV: rms difference ${(100 * a.rmsRelative).toFixed(2)}% of the mPNP peak, max ${(100 * a.maxRelative).toFixed(2)}%`,
          `TLM vs mPNP CV: rms difference ${(100 * r.tlm.agreement.rmsRelative).toFixed(2)}%, max ${(100 * r.tlm.agreement.maxRelative).toFixed(2)}% (r = ${formatNumber(r.extraction.resistance.constant.r)} ohm)`,
          `discovered: ${r.discovered.target} = ${r.discovered.best.text}`,
          `            picked by the knee rule: score ${r.discovered.selection.score.toFixed(3)} = -d ln(error)/d complexity, the largest among front models within ${r.discovered.selection.window}x of the smallest error (error ${r.discovered.best.error.toExponential(3)}, complexity ${r.discovered.best.complexity})`,
          `wrote ${r.files.size} files to ${out}/ (summary.json, ncm.cir, cv-mpnp-vs-ncm.svg, mpnp/, ncm/)`,
          '',
        ].join('\n'),
      );
    });
}
