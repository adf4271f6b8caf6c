/**
 * `ncm md [config] [--out dir] [--set key=value ...] [--compare-mpnp] [--input-only] [--lmp bin]`:
 * the molecular-dynamics cross-check of trans-slit transport on LAMMPS (docs/md.md).
 */
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { NcmError } from '../diagnostics.js';

interface MdOpts {
  out?: string;
  set: string[];
  compareMpnp?: boolean;
  inputOnly?: boolean;
  lmp: string;
}

export function registerMd(program: Command): void {
  program
    .command('md')
    .description('molecular dynamics of a graphene-membrane supercapacitor on LAMMPS: the charge step, per-slit series, Delta phi_1 / rho_1 / c_1')
    .argument('[config]', 'YAML or JSON configuration (see examples/md-*.yaml); default: the coarse-grained primitive model')
    .option('--out <dir>', 'output folder (default: out/md-<config name>)')
    .option('--set <key=value...>', 'override configuration keys, e.g. --set run.duration="200 ps"', [])
    .option('--compare-mpnp', 'also run the same geometry in the mPNP and plot the signs of Delta phi_1 and Delta rho_1 of both')
    .option('--input-only', 'write the LAMMPS input, data file and plan, and stop')
    .option('--lmp <binary>', 'the LAMMPS executable', 'lmp')
    .action(async (configPath: string | undefined, opts: MdOpts) => {
      // loaded on use: the other commands do not pay for LAMMPS, mPNP and plotting modules
      const [{ applyOverrides }, { createProgress }, { writeFilesAtomic }, { renderSvg }, { seriesToCsv }, { compareWithMpnp }, { parseMdConfig }, { compareSpec }, { LAMMPS_INSTALL_HINT, lammpsVersion }, { mdOutputs, prepareMd, runMd }] =
        await Promise.all([
          import('./configOverrides.js'),
          import('./progress.js'),
          import('../io/atomicWrite.js'),
          import('../io/plots.js'),
          import('../io/series.js'),
          import('../md/compare.js'),
          import('../md/config.js'),
          import('../md/plots.js'),
          import('../md/runner.js'),
          import('../md/run.js'),
        ]);
      const file = configPath ?? '(default configuration)';
      const text = applyOverrides(configPath ? readFileSync(configPath, 'utf8') : '', opts.set);
      const cfg = parseMdConfig(text, file);
      const out = opts.out ?? join('out', `md-${configPath ? basename(configPath, extname(configPath)) : 'default'}`);
      const prepared = prepareMd(cfg);
      const { plan } = prepared;
      const what = `${plan.atoms} atoms (${plan.counts.cations} ${cfg.electrolyte.cation.name}+, ${plan.counts.anions} ${cfg.electrolyte.anion.name}-, ${plan.counts.waters} waters), ${plan.totalSteps} steps of ${Number((plan.timestep * 1e15).toPrecision(6))} fs`;
      if (opts.inputOnly) {
        writeFilesAtomic(out, prepared.files);
        process.stdout.write(`md: wrote ${out}/in.md, system.data, plan.json: ${what}; run it with: cd ${out} && lmp -in in.md\n`);
        return;
      }
      const version = lammpsVersion(opts.lmp);
      if (version === null) {
        writeFilesAtomic(out, prepared.files);
        throw new NcmError(`md: LAMMPS ('${opts.lmp}') is not available; wrote the input to ${out}/in.md (with system.data and plan.json). To run it, ${LAMMPS_INSTALL_HINT}; then: cd ${out} && lmp -in in.md, or run ncm md again`);
      }
      process.stderr.write(`md: ${what}, LAMMPS ${version}\n`);
      const bar = createProgress();
      let r;
      try {
        r = await runMd(cfg, out, {
          binary: opts.lmp,
          onProgress: (p) => bar.update(p.step / plan.totalSteps, 'md', `step ${p.step}/${plan.totalSteps} | T ${(p.thermo['c_tmob'] ?? 0).toFixed(0)} K | q+ ${(p.thermo['c_sumqpos'] ?? 0).toFixed(2)} e`),
        });
      } finally {
        bar.stop();
      }
      const title = configPath ? basename(configPath, extname(configPath)) : 'md default';
      const files = await mdOutputs(r, title);
      const a = r.analysis;
      const pos = a.electrodes[0];
      const lines = [
        `md: ${a.frames} frames; production ${r.lammps.nsPerDay.at(-1)?.toFixed(1) ?? '?'} ns/day at ${r.lammps.cpuUse.at(-1) ?? '?'}% CPU; wall ${r.lammps.wallSeconds.toFixed(0)} s`,
        `checks: max |net charge| ${a.checks.maxNetCharge.toExponential(1)} e, ion count change ${a.checks.maxIonCountChange}, ions outside ${a.checks.ionsOutside}; + electrode ${a.checks.chargeAfter.toFixed(3)} e after the step`,
        `+ electrode, blocks after the step: Delta phi_1 and Delta rho_1 same sign in ${(100 * pos.sameSign.dphiDrho).toFixed(0)}%, migration and diffusion (estimates) in ${(100 * pos.sameSign.migrationDiffusion).toFixed(0)}% of ${pos.sameSign.blocks}; trend correlation of Delta phi_1 with Delta rho_1 ${pos.trend.dphiDrho.toFixed(2)}, with Delta c_1 ${pos.trend.dphiDc.toFixed(2)}`,
      ];
      if (opts.compareMpnp) {
        process.stderr.write('md: running the same geometry in the mPNP ...\n');
        const c = compareWithMpnp(cfg, plan, a);
        files.set('mpnp-series.csv', seriesToCsv(c.mpnp));
        files.set('mpnp-config.yaml', c.mpnpConfig);
        files.set(
          'compare-mpnp.svg',
          await renderSvg(
            compareSpec(
              [
                { model: 'MD (LAMMPS), + electrode, block averages', ...c.md },
                { model: `mPNP, potential step to ${(c.step * 1e3).toFixed(0)} mV`, ...c.mpnpTrace },
              ],
              `${title}: signs of Δφ₁ and Δρ₁, MD and mPNP`,
            ),
          ),
        );
        files.set('compare-mpnp.json', JSON.stringify({ step_V: c.step, same_sign: c.sameSign, md_vs_mpnp_sign_agreement: c.agreement, mpnp_seconds: c.mpnpSeconds }, null, 1) + '\n');
        lines.push(
          `mPNP (step to ${(c.step * 1e3).toFixed(0)} mV, ${c.mpnpSeconds.toFixed(0)} s): Delta phi_1 and Delta rho_1 same sign in ${(100 * c.sameSign.mpnp).toFixed(0)}% of the time (MD ${(100 * c.sameSign.md).toFixed(0)}%); ` +
            `MD signs match the mPNP's in ${(100 * c.agreement.dphi).toFixed(0)}% (Delta phi_1) and ${(100 * c.agreement.drho).toFixed(0)}% (Delta rho_1) of ${c.agreement.blocks} blocks`,
        );
      }
      writeFilesAtomic(out, files);
      lines.push(`wrote ${out}/ (series.csv, series-negative.csv, deltas.csv, slits.csv, summary.json, md-*.svg${opts.compareMpnp ? ', compare-mpnp.svg' : ''}; LAMMPS files in.md, system.data, traj.lammpstrj, log.lammps)`);
      process.stdout.write(lines.join('\n') + '\n');
    });
}
