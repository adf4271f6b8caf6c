/**
 * An elaborated circuit written back as a flat ngspice netlist (`ncm export --format ngspice`):
 * parameters folded into numbers, subcircuits flattened (node and element names with `.` -> `_`),
 *  - RDYN as a B source  I = V(a,b) / (RC * max(1 - GAMMA * |q| / QMAX, 0.01)), q = C * V(c+,c-)
 *    (or the Q= expression of a nonlinear controlling capacitor),
 *    with QMAX the number our engine uses (for QMAX=peak: the value the CV iteration converged to,
 *    passed in `qmax`, else the engine's starting guess);
 *  - `.cv` as a PWL triangle on its source plus `.tran`; `.chrono` as a PWL step plus `.tran`;
 *  - S switches as ngspice SW models (a time switch through a PWL control voltage; a smooth
 *    switch becomes an abrupt one at VT: a warning says so);
 *  - `.protocol` has no ngspice equivalent and is left out with a warning.
 * ngspice B expressions are written bare (`I=...`); `braces: true` writes the nanocircuit dialect
 * instead (`I={...}`, inline switches), which `ncm run` reads back.
 * `wrdata` appends a `.control` block that runs the deck and writes the vectors `ncm run` records
 * (`recordedVectors`: currents in our sign, charges as C * v) to a data file.
 * Nothing from a name, title or file name reaches the deck unsanitised: names keep only
 * [A-Za-z0-9_] (others become `_`, made unique), comment text loses control characters, so no
 * newline can start a `.control` block or any other line (issue 19).
 */
import type { Analysis, Circuit, CircuitElement, Waveform } from '../circuit/circuit.js';
import { FACTOR_FLOOR } from '../circuit/rdyn.js';
import { chargeRelation, chargeScale } from '../circuit/chargeRelation.js';
import { cvTriangle, potentialStep, sourcePeak } from '../circuit/waveform.js';
import { InputError } from '../diagnostics.js';
import { elementDeclaration } from '../circuit/registry.js';
import { finiteWarburgModes } from '../circuit/warburgFinite.js';
import { printBehavioural } from '../netlist/elaborateLoads.js';

export interface ExportOptions {
  /** QMAX (C) per RDYN element name, e.g. the CV's converged `qmaxPeak.qmax`. */
  qmax?: Record<string, number>;
  /** Write B expressions in braces (nanocircuit syntax) instead of bare (ngspice). */
  braces?: boolean;
  /**
   * Append an ngspice `.control` block that runs and writes vectors to this file (wrdata): the
   * given ngspice expressions, or (`vectors` absent) the columns `ncm run` records, by their labels.
   */
  wrdata?: { file: string; vectors?: string[]; labels?: string[] };
}

export interface ExportResult {
  text: string;
  warnings: string[];
}

function num(v: number): string {
  return Number(v.toPrecision(15)).toString();
}

/** Comment or title text: control characters (newlines above all) become spaces. */
export function deckText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/** A file name for a `.control` line: only [A-Za-z0-9._/-], anything else becomes `_`. */
export function deckFileName(s: string): string {
  return s.replace(/[^A-Za-z0-9._/-]/g, '_');
}

/** Names safe in an ngspice deck ([A-Za-z0-9_]), one-to-one: a clash gets a numeric suffix. */
class DeckNames {
  private readonly byOriginal = new Map<string, string>();
  private readonly taken = new Set<string>();
  get(original: string, wanted: string): string {
    const known = this.byOriginal.get(original);
    if (known !== undefined) return known;
    let name = wanted.replace(/[^A-Za-z0-9_]/g, '_') || '_';
    for (let k = 2; this.taken.has(name.toLowerCase()); k++) name = `${wanted.replace(/[^A-Za-z0-9_]/g, '_')}_${k}`;
    this.taken.add(name.toLowerCase());
    this.byOriginal.set(original, name);
    return name;
  }
}

export function exportNgspice(circuit: Circuit, opts: ExportOptions = {}): ExportResult {
  const warnings: string[] = [];
  const nodes = new DeckNames();
  nodes.get('0', '0');
  const elements = new DeckNames();
  const nodeName = (n: number): string => (n === 0 ? '0' : nodes.get(circuit.nodeNames[n]!, circuit.nodeNames[n]!.replace(/\./g, '_')));
  const elName = (e: CircuitElement): string => {
    const flat = e.key.replace(/\./g, '_');
    const letter = elementDeclaration(e.kind).spiceLetter;
    return elements.get(e.key, flat[0]!.toUpperCase() === letter && e.kind !== 'RDYN' ? flat : `${letter}_${flat}`);
  };
  const byKey = new Map(circuit.elements.map((e) => [e.key, e]));
  const nameOfKey = (key: string): string => {
    const e = byKey.get(key);
    return e ? elName(e) : key;
  };
  const wrap = (s: string): string => (opts.braces ? `{${s}}` : s);
  // QMAX=peak without a CV value: the engine's starting value, C times the voltage scale of the first analysis.
  const first = circuit.analyses[0];
  const peakVoltage = first?.kind === 'cv' ? Math.max(Math.abs(first.vStart), Math.abs(first.vVertex), Math.abs(first.vEnd)) : sourcePeak(circuit, horizonOf(first));

  // The source an analysis drives gets that analysis's waveform.
  const driven = new Map<string, Waveform>();
  const lines: string[] = [deckText(circuit.title || 'nanocircuit export'), `* exported by nanocircuit (ncm export --format ngspice) from ${deckText(circuit.file)}`];
  const analysisLines: string[] = [];
  let drivingDone = false;
  for (const a of circuit.analyses) {
    switch (a.kind) {
      case 'op':
        analysisLines.push('.op');
        break;
      case 'tran':
        analysisLines.push(`.tran ${num(a.tstep)} ${num(a.tstop)} ${num(a.tstart)}${a.tmax !== undefined ? ` ${num(a.tmax)}` : ''}${a.uic ? ' uic' : ''}`);
        break;
      case 'cv':
      case 'chrono': {
        if (drivingDone) {
          warnings.push(`.${a.kind}: only the first driving analysis is exported (ngspice drives a source with one waveform)`);
          break;
        }
        drivingDone = true;
        // The same waveform the engine applies (src/circuit/waveform.ts); SPICE needs the step to rise.
        const w = a.kind === 'cv' ? cvTriangle(a, a.cycles).waveform : potentialStep(a, Math.max(a.tStop * 1e-9, 1e-15));
        driven.set(a.source, w);
        const tstop = w.times[w.times.length - 1]!;
        analysisLines.push(`.tran ${num(tstop / 2000)} ${num(tstop)} 0 ${num(tstop / 2000)}`);
        break;
      }
      case 'protocol':
        warnings.push('.protocol has no ngspice equivalent (its steps end on events): left out');
        analysisLines.push('* .protocol left out: no ngspice equivalent');
        break;
    }
  }

  let models = 0;
  for (const e of circuit.elements) {
    const n = e.nodes.map(nodeName);
    const name = elName(e);
    switch (e.kind) {
      case 'R':
        lines.push(`${name} ${n[0]} ${n[1]} ${num(e.resistance)}`);
        break;
      case 'C':
        lines.push(`${name} ${n[0]} ${n[1]} ${num(e.capacitance)}${e.ic !== undefined ? ` ic=${num(e.ic)}` : ''}`);
        break;
      case 'L':
        lines.push(`${name} ${n[0]} ${n[1]} ${num(e.inductance)}${e.ic !== undefined ? ` ic=${num(e.ic)}` : ''}`);
        break;
      case 'V':
      case 'I':
        lines.push(`${name} ${n[0]} ${n[1]} ${waveformText(driven.get(e.key) ?? e.waveform)}${e.ac ? ` AC ${num(e.ac.magnitude)} ${num(e.ac.phaseDeg)}` : ''}`);
        break;
      case 'E':
        lines.push(`${name} ${n[0]} ${n[1]} ${n[2]} ${n[3]} ${num(e.gain)}`);
        break;
      case 'G':
        lines.push(`${name} ${n[0]} ${n[1]} ${n[2]} ${n[3]} ${num(e.transconductance)}`);
        break;
      case 'CQ':
        lines.push(`${name} ${n[0]} ${n[1]} Q=${wrap(printBehavioural(e.expr, nodeName))}`);
        break;
      case 'B':
        lines.push(`${name} ${n[0]} ${n[1]} ${e.mode}=${wrap(printBehavioural(rename(e.expr, nameOfKey), nodeName))}`);
        break;
      case 'RDYN': {
        const ctl = byKey.get(e.control);
        if (!ctl || (ctl.kind !== 'C' && ctl.kind !== 'CQ')) throw new InputError(`${e.name}: controlling element '${e.control}' ${ctl ? 'is not a capacitor' : 'does not exist'}`, { loc: e.loc });
        const qmax = typeof e.qmax === 'number' ? e.qmax : (opts.qmax?.[e.name] ?? chargeScale(chargeRelation(ctl), peakVoltage));
        // 1 - GAMMA |q| / |QMAX| (normalisedCharge in src/circuit/rdyn.ts), q = C V(c+,c-) or the CQ's Q= expression of it.
        const k = (e.gamma * (ctl.kind === 'C' ? Math.abs(ctl.capacitance) : 1)) / Math.abs(qmax);
        const charge = ctl.kind === 'C' ? `abs(V(${nodeName(ctl.nodes[0]!)},${nodeName(ctl.nodes[1]!)}))` : `abs(${printBehavioural(ctl.expr, nodeName)})`;
        const expr = `V(${n[0]},${n[1]})/(${num(e.rc)}*max(1-${num(k)}*${charge},${FACTOR_FLOOR}))`;
        lines.push(`* ${deckText(e.name)}: RC=${num(e.rc)} GAMMA=${num(e.gamma)} Q=${deckText(ctl.name)} QMAX=${num(qmax)} C${e.qmax === 'peak' ? ' (peak)' : ''}`);
        lines.push(`${name} ${n[0]} ${n[1]} I=${wrap(expr)}`);
        break;
      }
      case 'S': {
        const model = `swmod${++models}`;
        if (opts.braces) {
          // nanocircuit's own inline switch syntax (exact, including the smooth law).
          const ctlNodes = e.control === 'voltage' ? `${n[2]} ${n[3]}` : 'TIME';
          lines.push(`${name} ${n[0]} ${n[1]} ${ctlNodes} VT=${num(e.vt)} VH=${num(e.vh)} RON=${num(e.ron)} ROFF=${num(e.roff)} WIDTH=${num(e.width)}${e.initiallyOn ? ' ON' : ''}`);
        } else if (e.control === 'voltage') {
          if (e.vh === 0) warnings.push(`${e.name}: the smooth switch (WIDTH=${num(e.width)}) becomes ngspice's abrupt SW at VT`);
          lines.push(`${name} ${n[0]} ${n[1]} ${n[2]} ${n[3]} ${model}${e.initiallyOn ? ' ON' : ''}`);
          lines.push(`.model ${model} SW(VT=${num(e.vt)} VH=${num(e.vh)} RON=${num(e.ron)} ROFF=${num(e.roff)})`);
        } else {
          const ctl = `ctl_${name}`;
          const w = e.width > 0 ? e.width : Math.max(e.vt * 1e-9, 1e-15);
          const t0 = Math.max(e.vt - w / 2, 0);
          lines.push(`V${ctl} ${ctl} 0 PWL(0 0 ${num(t0)} 0 ${num(t0 + w)} 1)`);
          lines.push(`${name} ${n[0]} ${n[1]} ${ctl} 0 ${model}`);
          lines.push(`.model ${model} SW(VT=0.5 VH=0 RON=${num(e.ron)} ROFF=${num(e.roff)})`);
        }
        break;
      }
      case 'PDRV':
        warnings.push(`${e.name}: a protocol driver cannot be exported`);
        break;
      case 'WS':
      case 'WO': {
        // The transient's own network (src/circuit/warburgFinite.ts): tail resistor, (WO) C_0, then the R_n || C_n cells in series.
        const m = finiteWarburgModes(e.kind, e.r, e.t, e.terms);
        const base = e.key.replace(/\./g, '_');
        const part = (letter: 'R' | 'C', suffix: string): string => elements.get(`${e.key}#${letter}${suffix}`, `${letter}${base}_${suffix}`);
        const cells = m.rn.length;
        let at = n[0]!;
        let k = 0;
        const next = (last: boolean): string => (last ? n[1]! : nodes.get(`${e.key}#${++k}`, `${base}_${k}`));
        let to = next(false);
        lines.push(`${part('R', 'tail')} ${at} ${to} ${num(m.rTail)}`);
        at = to;
        if (e.kind === 'WO') {
          to = next(false);
          lines.push(`${part('C', '0')} ${at} ${to} ${num(m.c0)}`);
          at = to;
        }
        for (let c = 1; c <= cells; c++) {
          to = next(c === cells);
          lines.push(`${part('R', String(c))} ${at} ${to} ${num(m.rn[c - 1]!)}`, `${part('C', String(c))} ${at} ${to} ${num(m.cn[c - 1]!)}`);
          at = to;
        }
        break;
      }
      default: {
        // A kind added by its declaration alone (see docs/architecture.md) has no ngspice line here yet.
        const other = e as CircuitElement;
        warnings.push(`${other.name}: the ${elementDeclaration(other.kind).noun} has no ngspice form: left out`);
      }
    }
  }
  if (circuit.nodeInitialConditions?.length) {
    lines.push(`.ic ${circuit.nodeInitialConditions.map((ic) => `v(${nodeName(ic.node)})=${num(ic.value)}`).join(' ')}`);
  }
  const o = circuit.options;
  const optionParts: string[] = [];
  for (const k of ['reltol', 'abstol', 'vntol', 'chgtol']) if (typeof o[k] === 'number') optionParts.push(`${k}=${num(o[k] as number)}`);
  if (o['method'] === 'trap' || o['method'] === 'gear') optionParts.push(`method=${o['method']}`);
  if (optionParts.length) lines.push(`.options ${optionParts.join(' ')}`);
  lines.push(...analysisLines);
  if (opts.wrdata) {
    const lets: string[] = [];
    let vectors = opts.wrdata.vectors;
    if (!vectors) {
      vectors = [];
      const vecs = new DeckNames();
      for (const label of opts.wrdata.labels ?? []) {
        const expr = vectorOf(label, circuit, nodeName, elName);
        if (label === 'time') continue; // the scale, written first by wr_singlescale
        if (!expr) {
          warnings.push(`${deckText(label)}: no ngspice vector gives this column; left out of the data file`);
          continue;
        }
        const v = vecs.get(label, `ncm_${label.replace(/[()]/g, ' ').trim()}`);
        lets.push(`let ${v} = ${expr}`);
        vectors.push(v);
      }
    }
    // Columns named by the labels get a header row of their vector names.
    lines.push('.control', 'set wr_singlescale', ...(opts.wrdata.vectors ? [] : ['set wr_vecnames']), 'run', ...lets, `wrdata ${deckFileName(opts.wrdata.file)} ${vectors.join(' ')}`, 'quit', '.endc');
  }
  lines.push('.end', '');
  return { text: lines.join('\n'), warnings };
}

/**
 * The ngspice expression of one `ncm run` column (labels of src/analyses/recorder.ts): node
 * voltages, a driven source's applied voltage, currents in our sign (into the cell at n+: minus
 * ngspice's branch current of a V source), charges as C times the capacitor voltage.
 */
function vectorOf(label: string, circuit: Circuit, nodeName: (n: number) => string, elName: (e: CircuitElement) => string): string | undefined {
  const m = /^([a-z]+)\((.*)\)$/.exec(label);
  if (!m) return label === 'time' ? 'time' : undefined;
  const [, kind, arg] = m as unknown as [string, string, string];
  const v = (a: number, b: number): string => (b === 0 ? `v(${nodeName(a)})` : a === 0 ? `(-v(${nodeName(b)}))` : `(v(${nodeName(a)})-v(${nodeName(b)}))`);
  if (kind === 'v') {
    const idx = circuit.nodeNames.indexOf(arg);
    const comma = arg.indexOf(',');
    if (idx > 0) return v(idx, 0);
    if (comma > 0) {
      const a = circuit.nodeNames.indexOf(arg.slice(0, comma));
      const b = circuit.nodeNames.indexOf(arg.slice(comma + 1));
      if (a >= 0 && b >= 0) return v(a, b);
    }
    return undefined;
  }
  const e = circuit.elements.find((x) => x.key === arg);
  if (!e) return undefined;
  if (kind === 'vapp') return v(e.nodes[0]!, e.nodes[1]!);
  if (kind === 'q' && e.kind === 'C') return `${num(e.capacitance)}*${v(e.nodes[0]!, e.nodes[1]!)}`;
  if (kind === 'i' && (e.kind === 'V' || (e.kind === 'B' && e.mode === 'V'))) return `(-i(${elName(e)}))`;
  if (kind === 'i' && e.kind === 'L') return `i(${elName(e)})`;
  return undefined;
}

function rename(e: import('../circuit/circuit.js').BehaviouralExpr, nameOfKey: (k: string) => string): import('../circuit/circuit.js').BehaviouralExpr {
  switch (e.kind) {
    case 'i':
      return { kind: 'i', source: nameOfKey(e.source) };
    case 'neg':
      return { kind: 'neg', arg: rename(e.arg, nameOfKey) };
    case 'bin':
      return { ...e, left: rename(e.left, nameOfKey), right: rename(e.right, nameOfKey) };
    case 'fn':
      return { ...e, args: e.args.map((a) => rename(a, nameOfKey)) };
    default:
      return e;
  }
}

function waveformText(w: Waveform): string {
  switch (w.kind) {
    case 'dc':
      return `DC ${num(w.value)}`;
    case 'pwl':
      return `PWL(${w.times.map((t, i) => `${num(t)} ${num(w.values[i]!)}`).join(' ')})`;
    case 'sin':
      return `SIN(${[w.vo, w.va, w.freq, w.td, w.theta, w.phaseDeg].map(num).join(' ')})`;
    case 'pulse': {
      const args = [w.v1, w.v2, w.td, w.tr, w.tf, w.pw];
      if (Number.isFinite(w.per)) args.push(w.per);
      if (Number.isFinite(w.per) && Number.isFinite(w.np)) args.push(w.np);
      return `PULSE(${args.map(num).join(' ')})`;
    }
  }
}

function horizonOf(a: Analysis | undefined): number {
  if (!a) return 0;
  if (a.kind === 'tran') return a.tstop;
  if (a.kind === 'chrono') return a.tStop;
  return 0;
}
