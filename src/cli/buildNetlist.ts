/**
 * The text of `ncm build`: its options read as numbers (engineering suffixes, the scan rate with its
 * unit) and handed to the netlist builder. Loaded by the command's action only (start-up, issue 12).
 */
import { NcmError } from '../diagnostics.js';
import type { LayerOverride } from '../electrode/ladder.js';
import {
  branchedNetlist, fullCellNetlist, halfCellNetlist, type BranchSpec, type BuildCommon, type ElectrodeSpec,
} from '../electrode/netlistBuilder.js';
import { parseScanRate, parseSpiceNumber } from '../netlist/numbers.js';

export interface BuildOptions {
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
