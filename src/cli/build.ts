/**
 * `ncm build half|full|branched [options]`: write the netlist of an electrode (NCM or TLM half-cell,
 * full cell, branched ladder) with a CV protocol. Values take engineering suffixes (`0.08u`), the
 * scan rate its unit (`20mV/us`).
 */
import type { Command } from 'commander';
import { NcmError } from '../diagnostics.js';
import type { LayerOverride } from '../electrode/ladder.js';
import {
  branchedNetlist, fullCellNetlist, halfCellNetlist, type BranchSpec, type BuildCommon, type ElectrodeSpec,
} from '../electrode/netlistBuilder.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { parseScanRate, parseSpiceNumber } from '../netlist/numbers.js';

interface BuildOptions {
  layers: string;
  model: string;
  rc: string;
  gamma?: string;
  ctotal?: string;
  cslit?: string;
  ropen?: string;
  copen?: string;
  qmax?: string;
  vertex: string;
  vstart?: string;
  rate: string;
  cycles: string;
  layer: string[];
  rsep: string;
  branch: string[];
  explicit?: boolean;
  title?: string;
  out?: string;
}

function value(text: string, what: string): number {
  const v = parseSpiceNumber(text);
  if (v === undefined) throw new NcmError(`ncm build: malformed ${what} '${text}': expected a number such as 5, 0.08u or 1e-9`, { exitCode: 2 });
  return v;
}

/** `3:rc=20,gamma=0.2,cslit=1n` -> an override of layer 3. */
function override(text: string): LayerOverride {
  const m = /^(\d+):(.+)$/.exec(text);
  if (!m) throw new NcmError(`ncm build: --layer '${text}': expected <layer>:<key>=<value>[,...], e.g. 3:rc=20,gamma=0.2`, { exitCode: 2 });
  const o: LayerOverride = { layer: Number(m[1]) };
  for (const kv of m[2]!.split(',')) {
    const [k, v] = kv.split('=');
    const key = k?.trim().toLowerCase();
    if (v === undefined || !['rc', 'gamma', 'cslit'].includes(key ?? '')) {
      throw new NcmError(`ncm build: --layer '${text}': unknown '${kv}': expected rc=, gamma= or cslit=`, { exitCode: 2 });
    }
    const x = value(v.trim(), `${key} of layer ${o.layer}`);
    if (key === 'rc') o.rc = x;
    else if (key === 'gamma') o.gamma = x;
    else o.cSlit = x;
  }
  return o;
}

/** `layers=10,cslit=2n[,rc=5][,gamma=0.9]` -> a branch. */
function branch(text: string): BranchSpec {
  const kv = new Map(text.split(',').map((p) => {
    const [k, v] = p.split('=');
    return [k?.trim().toLowerCase() ?? '', v?.trim() ?? ''] as const;
  }));
  for (const k of kv.keys()) {
    if (!['layers', 'cslit', 'rc', 'gamma'].includes(k)) throw new NcmError(`ncm build: --branch '${text}': unknown '${k}': expected layers=, cslit=, rc= or gamma=`, { exitCode: 2 });
  }
  if (!kv.has('layers') || !kv.has('cslit')) throw new NcmError(`ncm build: --branch '${text}': expected at least layers=<N>,cslit=<F>`, { exitCode: 2 });
  return {
    layers: value(kv.get('layers')!, 'branch layers'),
    cSlit: value(kv.get('cslit')!, 'branch cslit'),
    ...(kv.has('rc') ? { rc: value(kv.get('rc')!, 'branch rc') } : {}),
    ...(kv.has('gamma') ? { gamma: value(kv.get('gamma')!, 'branch gamma') } : {}),
  };
}

function electrode(o: BuildOptions): ElectrodeSpec {
  const model = o.model.toLowerCase();
  if (model !== 'ncm' && model !== 'tlm') throw new NcmError(`ncm build: --model '${o.model}': expected ncm or tlm`, { exitCode: 2 });
  if (model === 'tlm' && o.gamma !== undefined) throw new NcmError('ncm build: --gamma applies to --model ncm only', { exitCode: 2 });
  if (o.ctotal !== undefined && o.cslit !== undefined) throw new NcmError('ncm build: give one of --ctotal <F> and --cslit <F>, not both', { exitCode: 2 });
  const gamma = model === 'ncm' ? value(o.gamma ?? '0.5', 'gamma') : 0;
  return {
    layers: value(o.layers, 'number of layers'),
    rc: value(o.rc, 'rc'),
    gamma,
    forceNcm: model === 'ncm',
    ...(o.cslit !== undefined ? { cSlit: value(o.cslit, 'cslit') } : { cTotal: value(o.ctotal ?? '0.08u', 'ctotal') }),
    ...(o.ropen !== undefined ? { rOpen: value(o.ropen, 'ropen') } : {}),
    ...(o.copen !== undefined ? { cOpen: value(o.copen, 'copen') } : {}),
    ...(o.qmax !== undefined ? { qmax: o.qmax.toLowerCase() === 'peak' ? 'peak' : value(o.qmax, 'qmax') } : {}),
    ...(o.layer.length ? { overrides: o.layer.map(override) } : {}),
  };
}

function common(o: BuildOptions): BuildCommon {
  const r = parseScanRate(o.rate);
  if (!r.ok) throw new NcmError(`ncm build: --rate '${o.rate}': expected a scan rate with its unit, e.g. 20mV/us or 100mV/s`, { exitCode: 2 });
  return {
    cv: { vStart: value(o.vstart ?? '0', 'v_start'), vVertex: value(o.vertex, 'vertex'), rate: r.value, cycles: value(o.cycles, 'cycles') },
    compact: !o.explicit,
    ...(o.title ? { title: o.title } : {}),
  };
}

export function buildNetlistText(kind: string, o: BuildOptions): string {
  try {
    switch (kind) {
      case 'half':
        return halfCellNetlist({ ...common(o), electrode: electrode(o) });
      case 'full':
        return fullCellNetlist({ ...common(o), electrode: electrode(o), rSep: value(o.rsep, 'rsep') });
      case 'branched': {
        if (o.branch.length !== 2) throw new NcmError('ncm build branched: give --branch twice, e.g. --branch layers=10,cslit=2n --branch layers=10,cslit=0.5n', { exitCode: 2 });
        return branchedNetlist({ ...common(o), trunk: electrode(o), branches: [branch(o.branch[0]!), branch(o.branch[1]!)] });
      }
      default:
        throw new NcmError(`ncm build: unknown electrode '${kind}': expected half, full or branched`, { exitCode: 2 });
    }
  } catch (e) {
    if (e instanceof RangeError) throw new NcmError(`ncm build: ${e.message}`, { exitCode: 2 });
    throw e;
  }
}

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
    .action((kind: string, o: BuildOptions) => {
      const text = buildNetlistText(kind, o);
      if (o.out) {
        writeFileAtomic(o.out, text);
        process.stdout.write(`wrote ${o.out}\n`);
      } else process.stdout.write(text);
    });
}
