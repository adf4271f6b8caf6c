/**
 * EIS against ngspice (issue 12): the half-cell NCM (RDYN; ngspice runs it as a B source, `ncm
 * export`) and TLM (plain resistors) of bench/ngspice.ts (R_c = 5 ohm, 0.08 uF in all, QMAX fixed at
 * C_slit * 0.2 V), impedance at the DC operating point, the same 71 frequencies on both sides
 * (`.ac dec 10 100 1g`: 10 points a decade over 7 decades). Whole processes, CPU = user + sys of the
 * child (bash `times`), ours and ngspice interleaved, min of the repeats; ours is `ncm run --no-plots`
 * (the spectrum CSV + JSON), ngspice writes the source's complex current with wrdata. Peak RSS too.
 * Environment: NCM_EIS_LAYERS=6,50,200,1000,10000 (default), NCM_EIS_REPEAT=3 (repeats for N <= 1000).
 * Skips with a message when ngspice is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { halfCellNetlist } from '../src/electrode/netlistBuilder.js';
import { loadNetlist } from '../src/io/loadNetlist.js';
import { exportNgspice } from '../src/io/ngspiceExport.js';
import { pairRow } from './ngspice.js';

const SWEEP = '.ac dec 10 100 1g';

function deck(dir: string, n: number, model: 'ncm' | 'tlm'): { ours: string; theirs: string } {
  const cSlit = 0.08e-6 / n;
  const built = halfCellNetlist({
    title: `${model.toUpperCase()} half-cell, ${n} layers, EIS (bench/eis.ts)`,
    electrode: { layers: n, rc: 5, cTotal: 0.08e-6, gamma: model === 'ncm' ? 0.5 : 0, ...(model === 'ncm' ? { qmax: cSlit * 0.2 } : {}) },
    cv: { vStart: 0, vVertex: 0.2, rate: 2e4, cycles: 1 },
  });
  // The builder writes a CV deck: the source gets its AC excitation and the CV gives way to the .ac.
  const text = built.replace(/^Vm m 0 DC 0$/m, 'Vm m 0 DC 0 AC 1').replace(/^\.cv .*$/m, SWEEP);
  if (!text.includes('AC 1') || !text.includes(SWEEP)) throw new Error('bench/eis.ts: the half-cell builder no longer writes "Vm m 0 DC 0" and a .cv line');
  const ours = join(dir, `${model}-${n}.cir`);
  writeFileSync(ours, text);
  const { circuit, diagnostics } = loadNetlist(ours);
  if (!circuit) throw new Error(`bench deck ${ours}: ${diagnostics.map((d) => d.message).join('; ')}`);
  // The export has no .ac line (an .ac is not a driving analysis): it goes before the control block.
  const exported = exportNgspice(circuit, { wrdata: { file: join(dir, `${model}-${n}.ngspice.out`), vectors: ['vm#branch'] } });
  const theirs = join(dir, `${model}-${n}.sp`);
  writeFileSync(theirs, exported.text.replace(/^\.control$/m, `${SWEEP}\n.control`));
  return { ours, theirs };
}


export async function runEisBench(): Promise<void> {
  const ngspice = spawnSync('ngspice', ['-v'], { encoding: 'utf8' });
  if (ngspice.error) {
    console.log('  ngspice is not installed: the EIS pairs are skipped (apt-get install ngspice; .ci/run installs it)');
    return;
  }
  const ncm = ['node', 'bin/ncm.js'];
  const sizes = (process.env.NCM_EIS_LAYERS ?? '6,50,200,1000,10000').split(',').map(Number);
  const repeat = Number(process.env.NCM_EIS_REPEAT ?? 3);
  console.log(`  load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${SWEEP} (71 frequencies) at the DC operating point on both sides; CPU = user + sys of the whole process, min of repeats, interleaved`);
  console.log('  ratio = ngspice CPU / nanocircuit CPU (> 1: we are faster)');
  console.log('  model  N       ours CPU   ngspice CPU   ratio   ours RSS   ngspice RSS');
  const dir = mkdtempSync(join(tmpdir(), 'ncm-eis-'));
  const table: Record<'ncm' | 'tlm', string[]> = { ncm: [], tlm: [] };
  try {
    for (const n of sizes) {
      for (const model of ['ncm', 'tlm'] as const) {
        table[model].push(pairRow(ncm, dir, model, n, deck(dir, n, model), n <= 1000 ? repeat : 1).cell);
      }
    }
    console.log(`\n  | EIS, N | ${sizes.join(' | ')} |\n  |---|${sizes.map(() => '---').join('|')}|`);
    console.log(`  | NCM (ngspice uses a B-source) | ${table.ncm.join(' | ')} |\n  | TLM (plain resistors) | ${table.tlm.join(' | ')} |`);
    console.log(`  load average after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
