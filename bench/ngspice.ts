/**
 * nanocircuit against ngspice, whole processes, CPU time (user + sys of the child, read by
 * /usr/bin/time, else by bash's `times`, so a loaded machine inflates it less than wall time), the
 * pairs interleaved (ours, ngspice, ours, ngspice: both see the same load), the minimum of the
 * repeats kept.
 *  - start-up: `ncm --version`, `ncm check` and `ncm run` (with its SVGs) of netlists/ncm-6.cir, bare node;
 *  - the issue-12 table: half-cell NCM (RDYN; ngspice runs it as a B source, `ncm export`) and TLM
 *    (plain resistors), 2 CV cycles 0 -> 0.2 V at 20 mV/us, R_c = 5 ohm, 0.08 uF in all, QMAX fixed
 *    at C_slit * 0.2 V, SAME STEP CAP tmax = 20 ns on both sides (`.options tmax=20n`, ngspice's
 *    `.tran` TMAX), the builder's options (trap, reltol 1e-6) exported to both; ours is
 *    `ncm run --no-plots` with `.save i(Vm)` (CSV + JSON), ngspice writes i(vm) with wrdata;
 *  - at N = 1000, the error of each side's cell current against a dense reference run, with the
 *    table's options and with looser ones of ours (`accuracyRows`): the same options do not give
 *    the same accuracy;
 *  - the NCM at N = 1000 with `.cv`'s own step control (no cap) against ngspice capped at 20 ns;
 *  - memory: peak RSS of the same processes (when /usr/bin/time is there).
 * Environment: NCM_VS_LAYERS=6,50,200,1000,5000,10000 (default), NCM_VS_REPEAT=2 (repeats for N <= 1000).
 * Skips with a message when ngspice is not installed (`.ci/run` installs it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { halfCellNetlist } from '../src/electrode/netlistBuilder.js';
import { loadNetlist } from '../src/io/loadNetlist.js';
import { exportNgspice } from '../src/io/ngspiceExport.js';
import { readNumericCsv, tableColumn } from '../src/io/tableCsv.js';
import { interpolateAt } from '../src/fit/interpolate.js';

export interface Usage {
  cpu: number;
  rssMiB: number | undefined;
  ok: boolean;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** CPU seconds (children's user + sys) and peak RSS of one command, through bash. */
export function measure(argv: string[]): Usage {
  const quoted = argv.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  // With /usr/bin/time its own user + sys of the command (10 ms resolution): bash's `times` would
  // also count time, cat and rm, about 0.1 s on a loaded machine, a third of the start-up targets.
  const script = TIME ? `${TIME} -o /tmp/ncm-vs-rss.$$ -f '@RSS %M @CPU %U %S' ${quoted} >/dev/null 2>&1; s=$?; cat /tmp/ncm-vs-rss.$$ >&2; rm -f /tmp/ncm-vs-rss.$$; times; exit $s` : `${quoted} >/dev/null 2>&1; s=$?; times; exit $s`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  // `times` prints the shell's line, then the children's: "0m1.234s 0m0.056s".
  const lines = r.stdout.trim().split('\n');
  const m = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/.exec(lines[lines.length - 1] ?? '');
  const own = /@CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  const cpu = own ? Number(own[1]) + Number(own[2]) : m ? Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]) : NaN;
  const rss = /@RSS (\d+)/.exec(r.stderr);
  return { cpu, rssMiB: rss ? Number(rss[1]) / 1024 : undefined, ok: r.status === 0 };
}

export function best(runs: Usage[]): Usage {
  const ok = runs.filter((u) => u.ok);
  if (ok.length === 0) return { cpu: NaN, rssMiB: undefined, ok: false };
  return ok.reduce((a, b) => (b.cpu < a.cpu ? b : a));
}

export const fmtS = (u: Usage): string => (u.ok ? `${u.cpu.toFixed(3)} s` : 'failed');
export const fmtM = (u: Usage): string => (u.rssMiB === undefined ? 'n/a' : `${u.rssMiB.toFixed(0)} MiB`);

/**
 * One interleaved pair: `ncm run` of our deck and `ngspice -b` of theirs, `reps` times each; prints
 * the row (CPU, ratio ngspice / ours, RSS) and returns the best of each and the ratio for the table.
 */
export function pairRow(ncm: string[], dir: string, model: 'ncm' | 'tlm', n: number, d: { ours: string; theirs: string }, reps: number): { o: Usage; t: Usage; cell: string } {
  const ours: Usage[] = [];
  const theirs: Usage[] = [];
  for (let k = 0; k < reps; k++) {
    ours.push(measure([...ncm, 'run', d.ours, '--no-plots', '--out', join(dir, `out-${model}-${n}`)]));
    theirs.push(measure(['ngspice', '-b', d.theirs]));
  }
  const o = best(ours);
  const t = best(theirs);
  const ratio = t.cpu / o.cpu;
  console.log(`  ${model.toUpperCase().padEnd(5)}  ${String(n).padEnd(6)}  ${fmtS(o).padStart(9)}  ${fmtS(t).padStart(12)}  ${(Number.isFinite(ratio) ? ratio.toFixed(3) : 'n/a').padStart(6)}  ${fmtM(o).padStart(9)}  ${fmtM(t).padStart(11)}`);
  return { o, t, cell: Number.isFinite(ratio) ? ratio.toPrecision(2) : 'n/a' };
}

/**
 * The decks of one row. `capped`: the 20 ns step cap; `variant` names a deck with other options
 * (`options` replaces the builder's reltol and the cap: the accuracy rows).
 */
function deck(dir: string, n: number, model: 'ncm' | 'tlm', capped: boolean, variant = '', options?: Record<string, number>): { ours: string; theirs: string } {
  const cSlit = 0.08e-6 / n;
  const text = halfCellNetlist({
    title: `${model.toUpperCase()} half-cell, ${n} layers (bench/ngspice.ts)`,
    electrode: { layers: n, rc: 5, cTotal: 0.08e-6, gamma: model === 'ncm' ? 0.5 : 0, ...(model === 'ncm' ? { qmax: cSlit * 0.2 } : {}) },
    cv: { vStart: 0, vVertex: 0.2, rate: 2e4, cycles: 2 },
    ...(options ? { options } : capped ? { options: { tmax: 20e-9 } } : {}),
  });
  const ours = join(dir, `${model}-${n}${capped ? '' : '-own'}${variant}.cir`);
  // Both sides record the same thing: the cell current (ngspice: wrdata i(vm)).
  writeFileSync(ours, text.replace(/^\.end\s*$/m, '.save i(Vm)\n.end'));
  const { circuit, diagnostics } = loadNetlist(ours);
  if (!circuit) throw new Error(`bench deck ${ours}: ${diagnostics.map((d) => d.message).join('; ')}`);
  // ngspice is always capped at 20 ns (its .tran TMAX), as in the table.
  const exported = exportNgspice(circuit, { wrdata: { file: join(dir, `${model}-${n}.ngspice.out`), vectors: ['i(vm)'] } });
  const spiceText = exported.text.replace(/^\.tran (\S+) (\S+) (\S+) (\S+)/m, '.tran $1 $2 $3 2e-08');
  const theirs = join(dir, `${model}-${n}${capped ? '' : '-own'}${variant}.sp`);
  writeFileSync(theirs, spiceText);
  return { ours, theirs };
}

export async function runNgspiceBench(): Promise<void> {
  const ncm = ['node', 'bin/ncm.js'];
  if (!existsSync('dist/ncm/main.js')) console.log('  (dist/ncm/ is missing: bin/ncm.js falls back to the unbundled dist/; run npm run build)');
  console.log(`  load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; CPU = user + sys of the whole process (${TIME ? '/usr/bin/time' : 'bash times'}), min of repeats`);
  const dir = mkdtempSync(join(tmpdir(), 'ncm-vs-ngspice-'));
  try {
    // Start-up.
    const start = (label: string, argv: string[], target: string) => {
      const u = best([measure(argv), measure(argv), measure(argv)]);
      console.log(`  ${label.padEnd(44)} ${fmtS(u).padStart(9)}  RSS ${fmtM(u).padStart(7)}  ${target}`);
      return u;
    };
    console.log('  start-up (target)');
    start('node -e 0', ['node', '-e', '0'], '(node itself)');
    start('ncm --version', [...ncm, '--version'], '< 0.25 s');
    start('ncm check netlists/ncm-6.cir', [...ncm, 'check', 'netlists/ncm-6.cir'], '< 0.3 s');
    start('ncm run netlists/ncm-6.cir (CSV, JSON, 3 SVGs)', [...ncm, 'run', 'netlists/ncm-6.cir', '--out', join(dir, 'o6')], '< 0.6 s');
    const floor = start('ncm run netlists/ncm-6.cir --no-plots', [...ncm, 'run', 'netlists/ncm-6.cir', '--no-plots', '--out', join(dir, 'o6n')], 'memory floor < 60 MiB');

    const ngspice = spawnSync('ngspice', ['-v'], { encoding: 'utf8' });
    if (ngspice.error) {
      console.log('  ngspice is not installed: the pairs are skipped (apt-get install ngspice; .ci/run installs it)');
      return;
    }
    console.log(`  ${(ngspice.stdout.split('\n').find((l) => /ngspice/i.test(l)) ?? 'ngspice').trim()}`);
    const sizes = (process.env.NCM_VS_LAYERS ?? '6,50,200,1000,5000,10000').split(',').map(Number);
    const repeat = Number(process.env.NCM_VS_REPEAT ?? 2);
    const table: Record<'ncm' | 'tlm', string[]> = { ncm: [], tlm: [] };
    console.log('\n  step cap 20 ns on both sides; 2 CV cycles at 20 mV/us; ratio = ngspice CPU / nanocircuit CPU (> 1: we are faster)');
    console.log('  model  N       ours CPU   ngspice CPU   ratio   ours RSS   ngspice RSS');
    for (const n of sizes) {
      for (const model of ['ncm', 'tlm'] as const) {
        const { o, t, cell } = pairRow(ncm, dir, model, n, deck(dir, n, model, true), n <= 1000 ? repeat : 1);
        table[model].push(cell);
        if (n === 10000 && model === 'ncm' && o.rssMiB !== undefined && t.rssMiB !== undefined && floor.rssMiB !== undefined) {
          console.log(`         memory at N = 10000: ours ${o.rssMiB.toFixed(0)} MiB against 2 x ngspice + floor = ${(2 * t.rssMiB + floor.rssMiB).toFixed(0)} MiB`);
        }
      }
    }
    console.log(`\n  | N | ${sizes.join(' | ')} |\n  |---|${sizes.map(() => '---').join('|')}|`);
    console.log(`  | NCM (ngspice uses a B-source) | ${table.ncm.join(' | ')} |\n  | TLM (plain resistors) | ${table.tlm.join(' | ')} |`);
    if (sizes.includes(1000)) accuracyRows(ncm, dir, 1000);
    if (sizes.includes(1000)) {
      const d = deck(dir, 1000, 'ncm', false);
      const o = best([measure([...ncm, 'run', d.ours, '--no-plots', '--out', join(dir, 'own')])]);
      const t = best([measure(['ngspice', '-b', d.theirs])]);
      console.log(`\n  NCM N = 1000 with .cv's own step control (ours, no cap) vs ngspice capped at 20 ns: ours ${fmtS(o)}, ngspice ${fmtS(t)}, ratio ${(t.cpu / o.cpu).toFixed(2)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Cell current i(vm) against time, from our CSV (sign: into the cell) or ngspice's wrdata (SPICE sign, flipped). */
function readCurrent(file: string, ngspice: boolean): { t: ArrayLike<number>; i: ArrayLike<number> } {
  if (!ngspice) {
    const table = readNumericCsv(file);
    return { t: tableColumn(table, 'time'), i: tableColumn(table, 'i(vm)') };
  }
  const t: number[] = [];
  const i: number[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const c = line.trim().split(/\s+/);
    if (c.length < 2) continue;
    t.push(Number(c[0]));
    i.push(-Number(c[1]));
  }
  return { t, i };
}

/** Largest |i - i_ref| over a run's own time points (the dense reference interpolated linearly), over the reference's peak |i|. */
function errorOfPeak(run: { t: ArrayLike<number>; i: ArrayLike<number> }, ref: { t: ArrayLike<number>; i: ArrayLike<number> }): number {
  const atRun = interpolateAt(ref.t, ref.i, run.t);
  let peak = 0;
  for (let k = 0; k < ref.i.length; k++) peak = Math.max(peak, Math.abs(ref.i[k]!));
  let worst = 0;
  for (let p = 0; p < run.t.length; p++) worst = Math.max(worst, Math.abs(run.i[p]! - atRun[p]!));
  return worst / peak;
}

/**
 * The same options do not give the same accuracy: at N layers, the error of each side's cell
 * current against a dense reference of ours (reltol 1e-7, step cap 2 ns; at 1e-8 Newton cannot
 * converge at the NCM's |q| corner when the scan returns to 0 V), with the table's options, with
 * ours at reltol 1e-3 (same 20 ns cap), and with `.cv`'s own step control (no cap) at reltol 1e-3
 * and 1e-2; the CPU ratio of each against ngspice's table run.
 */
function accuracyRows(ncm: string[], dir: string, n: number): void {
  console.log(`\n  accuracy at N = ${n}: max |i - i_ref| / peak over each run's points; reference: ours at reltol 1e-7, step cap 2 ns`);
  console.log('  model  run                                                  CPU       error/peak   ratio ngspice/this');
  for (const model of ['tlm', 'ncm'] as const) {
    const ref = deck(dir, n, model, true, '-ref', { reltol: 1e-7, tmax: 2e-9 });
    const refOut = join(dir, `acc-ref-${model}`);
    if (!measure([...ncm, 'run', ref.ours, '--no-plots', '--out', refOut]).ok) {
      console.log(`  ${model.toUpperCase()}    the reference run failed`);
      continue;
    }
    const reference = readCurrent(join(refOut, 'cv.csv'), false);
    const table = deck(dir, n, model, true);
    const t = best([measure(['ngspice', '-b', table.theirs]), measure(['ngspice', '-b', table.theirs])]);
    const ngErr = errorOfPeak(readCurrent(join(dir, `${model}-${n}.ngspice.out`), true), reference);
    const row = (label: string, u: Usage, err: number) =>
      console.log(`  ${model.toUpperCase().padEnd(5)}  ${label.padEnd(52)} ${fmtS(u).padStart(8)}  ${err.toExponential(2).padStart(11)}   ${(t.cpu / u.cpu).toFixed(3).padStart(6)}`);
    row('ngspice, table options (trap, reltol 1e-6, cap 20 ns)', t, ngErr);
    for (const [label, d, out] of [
      ['ours, table options (trap, reltol 1e-6, cap 20 ns)', table, `acc-table-${model}`],
      ['ours, trap, reltol 1e-3, cap 20 ns', deck(dir, n, model, true, '-r3', { reltol: 1e-3, tmax: 20e-9 }), `acc-r3-${model}`],
      [".cv's own step control: trap, reltol 1e-3, no cap", deck(dir, n, model, false, '-r3', { reltol: 1e-3 }), `acc-own-r3-${model}`],
      [".cv's own step control: trap, reltol 1e-2, no cap", deck(dir, n, model, false, '-r2', { reltol: 1e-2 }), `acc-own-r2-${model}`],
    ] as const) {
      const u = best([measure([...ncm, 'run', d.ours, '--no-plots', '--out', join(dir, out)]), measure([...ncm, 'run', d.ours, '--no-plots', '--out', join(dir, out)])]);
      row(label, u, errorOfPeak(readCurrent(join(dir, out, 'cv.csv'), false), reference));
    }
  }
}
