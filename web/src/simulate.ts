/**
 * What the worker does with a netlist: parse, elaborate, run every analysis, and turn the results
 * into what the page shows: the CLI's vega-lite specs, a charge(slit, t) heat map, the NCM-vs-TLM
 * CV overlay, the measures tables and `ncm run`'s text summary. Pure library calls: no DOM, no
 * Node, so it runs in a Web Worker and in the tests alike.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AnalysisOptions, AnalysisResult } from '../../src/analyses/result.js';
import { runCircuit, type RunResult } from '../../src/analyses/run.js';
import type { Circuit } from '../../src/circuit/circuit.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { asTlm, slitCharges } from '../../src/electrode/compare.js';
import { chargeMapSpec } from '../../src/io/chargeMapSpec.js';
import { plotSpecs } from '../../src/io/plotSpecs.js';
import { runDataFiles } from '../../src/io/runDataFiles.js';
import { formatRunSummary } from '../../src/io/runSummary.js';
import { elaborate } from '../../src/netlist/elaborate.js';
import { parseNetlist } from '../../src/netlist/parse.js';
import { measureTable } from './measures.js';
import type { PlotOut, RunOutput } from './messages.js';
import { overlaySeries } from './overlay.js';

/** Parse + elaborate: the diagnostics `ncm check` prints, and the circuit when there is no error. */
export function checkNetlist(text: string, file: string): { circuit: Circuit | undefined; diagnostics: Diagnostic[]; notes: string[] } {
  const parsed = parseNetlist(text, { file });
  // No files in a page: an `.include` is reported at its line ("no files can be read here").
  const elaborated = elaborate(parsed.ast);
  const diagnostics = [...parsed.diagnostics, ...elaborated.diagnostics];
  const ok = !diagnostics.some((d) => d.severity === 'error');
  const notes = parsed.ast.statements.some((st) => st.kind === 'step')
    ? ['.step sweeps are not run in the page: the netlist runs once with its .param values (ncm run --step sweeps it)']
    : [];
  return { circuit: ok ? elaborated.circuit : undefined, diagnostics, notes };
}

export interface Simulation {
  output: RunOutput;
  /** The data files of the run (CSV, JSON), made when asked for. */
  file(name: string): string | undefined;
}

function hasRdyn(c: Circuit): boolean {
  return c.elements.some((e) => e.kind === 'RDYN' && e.gamma !== 0);
}

/** Runs a checked circuit; `tlm` adds the TLM (every RDYN at gamma = 0) to each CV plot. */
export function simulate(circuit: Circuit, opts: { tlm: boolean; notes?: string[]; onProgress?: AnalysisOptions['onProgress'] }): Simulation {
  const started = performance.now();
  const run = runCircuit(circuit, opts.onProgress ? { onProgress: opts.onProgress } : {});
  const title = circuit.title || circuit.file;
  const plots: PlotOut[] = [];
  let tlmRun: RunResult | undefined;
  if (opts.tlm && hasRdyn(circuit) && circuit.analyses.some((a) => a.kind === 'cv')) {
    const tlm = asTlm(circuit);
    tlmRun = runCircuit({ ...tlm, analyses: tlm.analyses.filter((a) => a.kind === 'cv') });
  }
  let cvIndex = 0;
  for (const r of run.results) {
    const specs = plotSpecs(r, title);
    for (const [key, spec] of specs) {
      let shown = spec;
      if (tlmRun && key === `${r.name}-cv.svg`) {
        const twin = tlmRun.results[cvIndex];
        const tlmSpec = twin ? plotSpecs(twin, title).get(`${twin.name}-cv.svg`) : undefined;
        if (tlmSpec) shown = overlaySeries([{ label: 'NCM', spec }, { label: 'TLM (gamma = 0)', spec: tlmSpec }], 'model');
      }
      plots.push({ key, analysis: r.name, spec: shown });
    }
    const map = chargeMap(circuit, r, title);
    if (map) plots.push({ key: `${r.name}-charge-map.svg`, analysis: r.name, spec: map });
    if (r.analysis.kind === 'cv') cvIndex++;
  }
  let files: Map<string, string> | undefined;
  const data = (): Map<string, string> => (files ??= runDataFiles(run));
  return {
    output: {
      title,
      elements: circuit.elements.length,
      analyses: run.results.map((r) => ({ name: r.name, kind: r.analysis.kind, seconds: r.seconds, measures: measureTable(r), warnings: r.warnings })),
      plots,
      summary: formatRunSummary(run),
      notes: opts.notes ?? [],
      files: fileNames(run.results),
      seconds: (performance.now() - started) / 1000,
    },
    file: (name) => data().get(name),
  };
}

function fileNames(results: AnalysisResult[]): string[] {
  return [...results.flatMap((r) => [...(r.waveforms ? [`${r.name}.csv`] : []), `${r.name}.json`]), 'summary.json'];
}

function chargeMap(circuit: Circuit, r: AnalysisResult, title: string): TopLevelSpec | undefined {
  if (!r.waveforms || r.analysis.kind === 'ac' || r.analysis.kind === 'op') return undefined;
  const slits = slitCharges(circuit, r);
  if (slits.length < 2) return undefined;
  return chargeMapSpec(`${title}: charge of each slit over time`, r.waveforms.columns[0]!, slits);
}
