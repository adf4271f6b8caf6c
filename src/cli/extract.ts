/** `ncm extract <series>`: parameters of the NCM law from a per-slit series, as JSON and a netlist. */
import type { Command } from 'commander';
import { NcmError } from '../diagnostics.js';
import { integerOption, positiveOption } from './optionValues.js';
import type { SlitSeries } from '../series/slitSeries.js';
import type { Extraction } from '../extract/extractParameters.js';
import { formatNumber } from '../extract/ncmNetlist.js';

interface ExtractCliOptions {
  json?: string;
  netlist?: string;
  table?: string;
  lumps: string;
  ropen?: string;
  copen?: string;
  demo?: boolean;
  noise: string;
  seed: string;
  writeSeries?: string;
  cycle?: string;
  smooth?: string;
}


export function extractionReport(ex: Extraction): string {
  const L: string[] = [];
  const p = ex.resistance.pooled;
  L.push(`slits: ${ex.slits}, polarisation ${ex.polarisation > 0 ? 'positive' : 'negative'}`);
  L.push(`C_slit = ${formatNumber(ex.capacitance.value)} F (spread across slits ${formatNumber(ex.capacitance.spreadAcrossSlits)})`);
  for (const c of ex.capacitance.perSlit) L.push(`  slit ${c.slit}: ${formatNumber(c.value)} F, R^2 ${c.r2.toFixed(6)}, spread over time ${formatNumber(c.spreadOverTime)}, ${c.points} points`);
  L.push(`pooled: R_c = ${formatNumber(p.rc)} +- ${formatNumber(p.rcStdErr)} ohm, gamma = ${formatNumber(p.gamma)} +- ${formatNumber(p.gammaStdErr)}, relative residual ${formatNumber(p.relativeResidual)}, ${p.points} points`);
  ex.resistance.perTransSlit.forEach((f, k) => {
    const t = ex.transSlits[k]!;
    L.push(
      `  I_${f.transSlit}: R_c = ${formatNumber(f.rc)} +- ${formatNumber(f.rcStdErr)}, gamma = ${formatNumber(f.gamma)} +- ${formatNumber(f.gammaStdErr)}, Q^max = ${formatNumber(t.qmax)} C, R(t) in [${formatNumber(t.rDynamic.min)}, ${formatNumber(t.rDynamic.max)}] ohm`,
    );
  });
  L.push(`CV: ${formatNumber(ex.cv.v0)} V -> ${formatNumber(ex.cv.vmax)} V at ${formatNumber(ex.cv.rate)} V/s`);
  return L.join('\n') + '\n';
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('extract C_slit, R_c and gamma of the NCM law from a per-slit series (CSV or JSON) and write a netlist')
    .argument('[series]', 'series file (.csv or .json, docs/series-format.md)')
    .option('--json <file>', 'write the parameters as JSON')
    .option('--netlist <file>', 'write a ready NCM netlist')
    .option('--table <file>', 'write the per-trans-slit table (dphi_i, I_i, Q_i, q_i) as CSV, e.g. for ncm discover')
    .option('--ropen <ohm>', 'open-space resistance for the netlist (SI)')
    .option('--copen <farad>', 'open-space capacitance for the netlist (SI)')
    .option('--demo', 'use a synthetic series generated from the law (rc=5, gamma=0.5, 6 slits) instead of a file')
    .option('--noise <fraction>', 'relative noise of the --demo series', '0.01')
    .option('--seed <n>', 'seed of the --demo noise', '1')
    .option('--write-series <file>', 'also write the series that was analysed (.csv or .json)')
    .option('--lumps <n>', 'RC lumps per slit in the --netlist (1: the paper\'s circuit)', '1')
    .option('--smooth <seconds>', 'round the vertices of the --netlist .cv over this half-width (SI), as the series\' mPNP protocol.smoothing did')
    .option('--cycle <k>', 'use only CV cycle k of the series (1-based, or last); default: every row')
    .action(async (file: string | undefined, o: ExtractCliOptions) => {
      const [{ writeFileAtomic }, { seriesToCsv }, { readSeriesFile, seriesToJson }, { selectCycle }, { extractParameters }, { ncmNetlist }, { openSpace }, { generateLadderSeries }, { transSlitTable }] = await Promise.all([
        import('../io/atomicWrite.js'), import('../io/series.js'), import('../io/seriesReader.js'), import('../extract/cycle.js'), import('../extract/extractParameters.js'),
        import('../extract/ncmNetlist.js'), import('../extract/openSpace.js'), import('../extract/syntheticSeries.js'), import('../extract/transSlitTable.js'),
      ]);
      let s: SlitSeries;
      let name: string;
      if (o.demo) {
        const noise = Number(o.noise);
        const seed = Number(o.seed);
        if (!(noise >= 0) || !Number.isInteger(seed)) throw new NcmError('--noise expects a fraction >= 0 and --seed an integer', { exitCode: 2 });
        s = generateLadderSeries({ noise, seed }).series;
        name = `synthetic ladder (noise ${noise}, seed ${seed})`;
      } else {
        if (!file) throw new NcmError('give a series file or --demo', { exitCode: 2 });
        s = readSeriesFile(file);
        name = file;
      }
      if (o.cycle !== undefined) {
        const k = o.cycle === 'last' ? 'last' : Number(o.cycle);
        if (k !== 'last' && !(Number.isInteger(k) && k >= 1)) throw new NcmError(`--cycle expects a cycle number >= 1 or last, got "${o.cycle}"`, { exitCode: 2 });
        const sel = selectCycle(s, k);
        s = sel.series;
        name = `${name} (cycle ${sel.cycle} of ${sel.cycles})`;
      }
      const ex = extractParameters(s);
      const { open, warning } = openSpace(s, ex, positiveOption('ropen', o.ropen), positiveOption('copen', o.copen));
      if (warning && o.netlist) process.stderr.write(warning + '\n');
      for (const w of ex.warnings) process.stderr.write(`warning: ${w}\n`);
      // Everything is computed before anything is written: a failure leaves no partial outputs.
      const outputs: Array<[string, string]> = [];
      if (o.json) outputs.push([o.json, JSON.stringify({ source: name, ...ex, open }, null, 2) + '\n']);
      const lumps = integerOption('lumps', o.lumps, 1);
      const smooth = positiveOption('smooth', o.smooth);
      if (o.netlist) outputs.push([o.netlist, ncmNetlist(ex, open, name, { lumps, ...(smooth !== undefined ? { smooth } : {}) })]);
      if (o.table) outputs.push([o.table, transSlitTable(s, ex)]);
      if (o.writeSeries) outputs.push([o.writeSeries, o.writeSeries.toLowerCase().endsWith('.json') ? seriesToJson(s) : seriesToCsv(s)]);
      for (const [path, text] of outputs) writeFileAtomic(path, text);
      process.stdout.write(extractionReport(ex));
    });
}
