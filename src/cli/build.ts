/**
 * `ncm build half|full|branched [options]`: write the netlist of an electrode (NCM or TLM half-cell,
 * full cell, branched ladder) with a CV protocol. Values take engineering suffixes (`0.08u`), the
 * scan rate its unit (`20mV/us`).
 */
import type { Command } from 'commander';
import type { BuildOptions } from './buildNetlist.js';

const collect = (v: string, prev: string[]): string[] => [...prev, v];

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('write the netlist of an electrode: half (NCM/TLM half-cell), full (two electrodes and a separator, V_cell = 2 phi_m) or branched')
    .argument('<kind>', 'half, full or branched')
    .option('--layers <n>', 'number of layers (slits)', '20')
    .option('--model <m>', 'ncm (dynamic trans-slit resistors) or tlm (constant)', 'ncm')
    .option('--rc <ohm>', 'trans-slit resistance R_c', '5')
    .option('--gamma <g>', 'NCM dynamic factor in [-1, 1) (default 0.5)')
    .option('--ctotal <F>', 'capacitance of all slits together (default 0.08u)')
    .option('--cslit <F>', 'capacitance of each slit')
    .option('--ropen <ohm>', 'open-space resistance (default 1)')
    .option('--copen <F>', 'open-space capacitance (default half a slit)')
    .option('--qmax <peak|C>', 'RDYN Q_max: peak (self-consistent) or a charge')
    .option('--layer <k:key=v,...>', 'override layer k, e.g. 3:rc=20,gamma=0.2,cslit=1n (repeatable)', collect, [])
    .option('--rsep <ohm>', 'full cell: separator resistance between the reservoirs', '2')
    .option('--branch <spec>', 'branched: layers=<N>,cslit=<F>[,rc=,gamma=] (give twice)', collect, [])
    .option('--vstart <V>', 'CV start potential phi_m', '0')
    .option('--vertex <V>', 'CV vertex potential phi_m (a full cell is driven to 2 phi_m)', '0.2')
    .option('--rate <rate>', 'scan rate of phi_m with its unit', '20mV/us')
    .option('--cycles <n>', 'CV cycles', '2')
    .option('--explicit', 'write every element instead of a .ladder line')
    .option('--title <text>', 'title line')
    .option('-o, --out <file>', 'write here instead of standard output')
    .exitOverride()
    .action(async (kind: string, o: BuildOptions) => {
      const [{ buildNetlistText }, { writeFileAtomic }] = await Promise.all([import('./buildNetlist.js'), import('../io/atomicWrite.js')]);
      const text = buildNetlistText(kind, o);
      if (o.out) {
        writeFileAtomic(o.out, text);
        process.stdout.write(`wrote ${o.out}\n`);
      } else process.stdout.write(text);
    });
}
