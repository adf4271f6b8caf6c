/**
 * Electrode benchmark: `ncm compare netlists/ncm-1000.cir --tlm` as a library call (the one-line
 * 1000-layer `.ladder` electrode, NCM with QMAX=peak iterated to convergence, and its TLM), in
 * stages: load (parse + expand + elaborate), comparison runs, report files (SVG + HTML).
 */
import { cpuUsage } from 'node:process';
import { asTlm, runComparison } from '../src/electrode/compare.js';
import { comparisonFiles } from '../src/electrode/compareReport.js';
import { loadNetlist } from '../src/io/loadNetlist.js';

export async function runElectrodeBench(): Promise<void> {
  const file = process.env.BENCH_LADDER ?? 'netlists/ncm-1000.cir';
  const c0 = cpuUsage();
  const t0 = performance.now();
  const { circuit } = loadNetlist(file);
  if (!circuit) throw new Error(`cannot load ${file}`);
  const t1 = performance.now();
  const cmp = runComparison([{ label: 'NCM', circuit }, { label: 'TLM', circuit: asTlm(circuit) }]);
  const t2 = performance.now();
  const files = await comparisonFiles(cmp, 'bench');
  const t3 = performance.now();
  const cpu = cpuUsage(c0);
  const steps = cmp.runs.map((r) => `${r.label} ${r.result.stats?.steps ?? '?'} steps`).join(', ');
  console.log(`${file}: ${circuit.elements.length} elements`);
  console.log(`  load ${((t1 - t0) / 1e3).toFixed(2)} s, runs ${((t2 - t1) / 1e3).toFixed(2)} s (${steps}), report ${((t3 - t2) / 1e3).toFixed(2)} s (${files.size} files)`);
  console.log(`  total wall ${((t3 - t0) / 1e3).toFixed(2)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
}
