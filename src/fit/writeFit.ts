/**
 * Writes a fit's outputs into one folder, all or none (src/io/atomicWrite.ts): the fitted netlist,
 * fit.txt, fit.json, report.html with its SVGs, and the per-data-set model columns as CSV.
 */
import { basename, extname } from 'node:path';
import { writeFilesAtomic } from '../io/atomicWrite.js';
import { toCsv } from '../io/csv.js';
import { formatNumber } from '../io/waveformCsv.js';
import type { NetlistAst } from '../netlist/ast.js';
import type { FitOutcome } from './fit.js';
import { fittedNetlist } from './fittedNetlist.js';
import { fitHtmlFiles } from './htmlReport.js';
import { fitReportJson, fitReportText } from './report.js';

export async function fitOutputFiles(o: FitOutcome, ast: NetlistAst, templateText: string, templatePath: string): Promise<Map<string, string>> {
  const stem = basename(templatePath, extname(templatePath));
  const files = new Map<string, string>();
  const note = `${o.stopped ? 'Best values so far of an INTERRUPTED fit' : 'Fitted values'} by ncm fit (SSE ${o.statistics.sse.toPrecision(4)}, n = ${o.statistics.n}):\n${o.statistics.estimates.map((e) => `${e.name} = ${e.value.toPrecision(6)} +- ${e.stdErr.toPrecision(2)}`).join(', ')}`;
  files.set(`${stem}-fitted.cir`, fittedNetlist(templateText, ast, o.values, note));
  files.set('fit.txt', fitReportText(o));
  files.set('fit.json', fitReportJson(o));
  o.matched.forEach((m, i) => {
    const n = m.observed.length;
    const model = o.predictions[i]!;
    const rows = Array.from({ length: n }, (_, k) => [String(k), formatNumber(m.observed[k]!), formatNumber(model[k]!), formatNumber(m.weights[k]! * (model[k]! - m.observed[k]!))]);
    files.set(`data${i + 1}-fit.csv`, toCsv({
      comments: [`data: ${m.data.name}`, `analysis: ${m.description}`, `quantity: ${m.quantity}${m.quantity === 'impedance' ? ' (rows 0..n-1: re(z), n..2n-1: im(z))' : ''}`, `weight: ${m.weightNote}`],
      header: ['point', 'data', 'model', 'weighted_residual'],
      rows,
    }));
  });
  for (const [k, v] of await fitHtmlFiles(o, `ncm fit ${basename(templatePath)}`)) files.set(k, v);
  return files;
}

export async function writeFitOutputs(dir: string, o: FitOutcome, ast: NetlistAst, templateText: string, templatePath: string): Promise<string[]> {
  const files = await fitOutputFiles(o, ast, templateText, templatePath);
  writeFilesAtomic(dir, files);
  return [...files.keys()];
}
