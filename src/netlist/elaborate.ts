/**
 * `elaborate`: typed AST to the flat, numbered `Circuit` the engine runs. Expands `.include`s and
 * subcircuits (hierarchical names `X1.Cslit2`, nodes `x1.n3`), evaluates every value in SI, checks
 * ranges, resolves names (RDYN `Q=`, analysis sources, saved quantities) and validates the topology.
 * The circuit is returned only when there is no error; every error is reported, not only the first.
 */
import type {
  Analysis, Circuit, CircuitElement, SaveTarget, TranAnalysis, Waveform,
} from '../circuit/circuit.js';
import type { Diagnostic } from '../diagnostics.js';
import { formatLocation } from '../diagnostics.js';
import type { DirectiveAst, ElementAst, Expr, Loc, NameRef, NetlistAst, SaveAst, SensDirectiveAst, StatementAst, WaveformAst } from './ast.js';
import { expandIncludes, noFiles, type FileReader } from './includes.js';
import { DiagnosticSink, ParamScope } from './params.js';
import { validateTopology } from './topology.js';
import { optionProblem } from '../circuit/optionSpecs.js';
import { formatSi } from './describe.js';
import { expandLadder } from './ladderExpansion.js';
import { elaborateAc, resolveAcSources } from './elaborateAc.js';
import { elaborateLoadElement, elaborateProtocol } from './elaborateLoads.js';
import { MAX_INSTANCE_DEPTH } from './limits.js';
import { checkRunSizes } from './runSizes.js';
import { elementDeclaration } from '../circuit/registry.js';
import { elaborateMeasures } from './elaborateMeas.js';
import { elaborateSens } from './elaborateSens.js';
import { checkAcBiasTimes, checkBehaviouralCurrents } from './runtimeChecks.js';

export interface ElaborateOptions {
  /** How `.include`d files are read (default: none; `loadNetlist` in src/io reads the disk). */
  readFile?: FileReader;
  /** Top-level `.param` values replaced by numbers (one run of a `.step` sweep). */
  paramOverrides?: Array<{ name: string; value: number; loc: Loc }>;
}

type SubcktAst = Extract<StatementAst, { kind: 'subckt' }>;

interface SubcktDef {
  ast: SubcktAst;
  /** The subcircuit whose body defines this one (undefined at top level): its scope is the parent scope. */
  definer: SubcktDef | undefined;
  /** Subcircuits visible inside this one's body. */
  visible: Map<string, SubcktDef>;
}

interface Frame {
  def: SubcktDef | undefined;
  /** `X1.` as written, for element names; `x1.` for keys and node names. */
  prefix: string;
  keyPrefix: string;
  ports: Map<string, number>;
  scope: ParamScope;
  subckts: Map<string, SubcktDef>;
  parent: Frame | undefined;
  /** Instance chain for messages and recursion detection. */
  path: string[];
}

interface PendingControl {
  /** Key of the capacitor that `Q=` names, in the RDYN's scope. */
  control: string;
  ref: NameRef;
  owner: () => string;
}

const GROUND_NAMES = new Set(['0', 'gnd']);

class Elaborator {
  readonly sink = new DiagnosticSink();
  readonly nodeNames: string[] = ['0'];
  readonly nodeIndex = new Map<string, number>([['0', 0]]);
  readonly elements: CircuitElement[] = [];
  readonly elementByKey = new Map<string, CircuitElement>();
  readonly pendingControls: PendingControl[] = [];
  tran: TranAnalysis | undefined;
  /** Top-level `.model` switch parameter sets (see elaborateLoads.ts). */
  models = new Map<string, Map<string, Expr>>();
  /** `.global` node names (lower case): the top-level node inside every subcircuit. */
  globals = new Set<string>();
  /** Subcircuit definitions that some instance used (the others are checked apart, see checkUnused). */
  readonly instantiated = new Set<SubcktAst>();

  node(frame: Frame, ref: NameRef): number {
    const lower = ref.name.toLowerCase();
    if (GROUND_NAMES.has(lower)) return 0;
    const global = this.globals.has(lower);
    const port = global ? undefined : frame.ports.get(lower);
    if (port !== undefined) return port;
    const name = global ? lower : frame.keyPrefix + lower;
    let idx = this.nodeIndex.get(name);
    if (idx === undefined) {
      idx = this.nodeNames.length;
      this.nodeNames.push(name);
      this.nodeIndex.set(name, idx);
    }
    return idx;
  }

  /** Collects the subcircuit definitions of one body, reporting duplicates. */
  definitions(statements: StatementAst[], definer: SubcktDef | undefined, outer: Map<string, SubcktDef>): Map<string, SubcktDef> {
    const visible = new Map(outer);
    const own = new Map<string, SubcktAst>();
    for (const st of statements) {
      if (st.kind !== 'subckt') continue;
      const key = st.name.toLowerCase();
      const prev = own.get(key);
      if (prev) {
        this.sink.error(st.loc, `subcircuit '${st.name}' is already defined at ${formatLocation(prev.loc)}`);
        continue;
      }
      own.set(key, st);
      visible.set(key, { ast: st, definer, visible });
    }
    return visible;
  }

  /** Elaborates one body (the top level or a subcircuit instance). */
  body(frame: Frame, statements: StatementAst[]): void {
    for (const st of statements) {
      if (st.kind === 'param') for (const a of st.assignments) frame.scope.define(a.name, a.expr, a.loc);
    }
    frame.scope.evaluateAll();
    for (const st of statements) {
      switch (st.kind) {
        case 'element':
        case 'V':
        case 'I':
        case 'RDYN':
          this.element(frame, st);
          break;
        case 'X':
          this.instance(frame, st);
          break;
        case 'ladder':
          for (const el of expandLadder(st, frame.scope, this.sink)) this.element(frame, el);
          break;
        case 'E':
        case 'G':
        case 'B':
        case 'CQ':
        case 'S': {
          const el = elaborateLoadElement(
            { node: (ref) => this.node(frame, ref), scope: frame.scope, sink: this.sink, name: frame.prefix + st.name, key: frame.keyPrefix + st.name.toLowerCase(), keyPrefix: frame.keyPrefix, models: this.models },
            st,
          );
          if (el) this.add(st, el);
          break;
        }
        case 'param':
        case 'subckt':
        case 'include':
        case 'lib':
        case 'lib-section':
          break;
        default:
          if (frame.def) this.sink.error(st.loc, `.${st.kind} is not allowed inside .subckt ${frame.def.ast.name}: analyses and output requests belong to the top level`);
      }
    }
  }

  add(ast: ElementAst, el: CircuitElement): void {
    const prev = this.elementByKey.get(el.key);
    if (prev) {
      this.sink.error(ast.loc, `duplicate element name '${el.name}': first defined at ${formatLocation(prev.loc)}`);
      return;
    }
    this.elementByKey.set(el.key, el);
    this.elements.push(el);
  }

  /** `owner` is a string or, on hot paths, a function that builds it only for the message. */
  positive(v: number | undefined, loc: Loc, owner: string | (() => string), what: string, unit: string): number | undefined {
    if (v === undefined) return undefined;
    if (v > 0) return v;
    this.sink.error(loc, `${typeof owner === 'string' ? owner : owner()}: ${what} must be positive, found ${formatSi(v, unit)}`);
    return undefined;
  }

  element(frame: Frame, ast: Extract<ElementAst, { kind: 'element' | 'V' | 'I' | 'RDYN' }>): void {
    const name = frame.prefix + ast.name;
    const key = frame.keyPrefix + ast.name.toLowerCase();
    const nodes = ast.nodes.length === 2 ? [this.node(frame, ast.nodes[0]!), this.node(frame, ast.nodes[1]!)] : ast.nodes.map((n) => this.node(frame, n));
    const loc = ast.loc;
    const s = frame.scope;
    // Plain object literals (not spreads): the engine walks these objects in its hot loops.
    switch (ast.kind) {
      case 'element': {
        // A declared element: each value evaluated and range-checked as its declaration says.
        const decl = elementDeclaration(ast.element as CircuitElement['kind']);
        const owner = (): string => `${decl.noun} ${ast.name}`;
        const values = new Map<string, number>();
        let ok = true;
        for (const p of decl.params) {
          const e = ast.values.get(p.name);
          if (!e) {
            if (typeof p.default === 'number') values.set(p.name, p.default);
            continue;
          }
          const v = p.positive ? this.positive(s.evaluate(e), e.loc, owner, `the ${p.what ?? p.name}`, p.unit) : s.evaluate(e);
          if (v === undefined) ok = false;
          else values.set(p.name, v);
        }
        if (ok) this.add(ast, decl.build!({ name, key, nodes, loc }, values));
        return;
      }
      case 'V':
      case 'I': {
        const owner = `${elementDeclaration(ast.kind).noun} ${ast.name}`;
        const waveform = this.waveform(s, ast.waveform, owner);
        let ac: { magnitude: number; phaseDeg: number } | undefined;
        if (ast.ac) {
          const magnitude = s.evaluate(ast.ac.magnitude);
          const phaseDeg = ast.ac.phaseDeg ? s.evaluate(ast.ac.phaseDeg) : 0;
          if (magnitude === undefined || phaseDeg === undefined) return;
          ac = { magnitude, phaseDeg };
        }
        if (!waveform) return;
        this.add(ast, ac ? { kind: ast.kind, name, key, nodes, loc, waveform, ac } : { kind: ast.kind, name, key, nodes, loc, waveform });
        return;
      }
      case 'RDYN': {
        const owner = (): string => `${elementDeclaration('RDYN').noun} ${ast.name}`;
        const rc = this.positive(s.evaluate(ast.rc), ast.rc.loc, owner, 'RC', 'ohm');
        const gamma = s.evaluate(ast.gamma);
        let ok = rc !== undefined && gamma !== undefined;
        if (gamma !== undefined && !(gamma >= -1 && gamma < 1)) {
          this.sink.error(ast.gamma.loc, `${owner()}: GAMMA must lie in [-1, 1), found ${gamma}`);
          ok = false;
        }
        let qmax: number | 'peak' = 'peak';
        if (ast.qmax.kind !== 'peak') {
          const q = this.positive(s.evaluate(ast.qmax), ast.qmax.loc, owner, 'QMAX', 'C');
          if (q === undefined) ok = false;
          else qmax = q;
        }
        const control = frame.keyPrefix + ast.q.name.toLowerCase();
        this.pendingControls.push({ control, ref: ast.q, owner });
        if (ok) this.add(ast, { kind: 'RDYN', name, key, nodes, loc, rc: rc!, gamma: gamma!, control, qmax });
      }
    }
  }

  waveform(s: ParamScope, w: WaveformAst, owner: string): Waveform | undefined {
    if (w.kind === 'dc') {
      const value = s.evaluate(w.value);
      return value === undefined ? undefined : { kind: 'dc', value };
    }
    const args = w.args.map((a) => s.evaluate(a));
    if (args.some((a) => a === undefined)) return undefined;
    const v = args as number[];
    const nonNegative = (i: number, what: string, unit = 's'): boolean => {
      if (v[i] === undefined || v[i]! >= 0) return true;
      this.sink.error(w.args[i]!.loc, `${owner}: ${what} must not be negative, found ${formatSi(v[i]!, unit)}`);
      return false;
    };
    switch (w.kind) {
      case 'pulse': {
        // ngspice defaults: rise and fall take one .tran step; a pulse without period is single.
        const step = this.tran?.tstep ?? 0;
        const ok = [nonNegative(2, 'PULSE td'), nonNegative(3, 'PULSE tr'), nonNegative(4, 'PULSE tf'), nonNegative(5, 'PULSE pw')].every(Boolean);
        if (v[6] !== undefined && !(v[6] > 0)) {
          this.sink.error(w.args[6]!.loc, `${owner}: PULSE per must be positive, found ${formatSi(v[6], 's')}`);
          return undefined;
        }
        if (v[7] !== undefined && !(v[7] >= 1 && Number.isInteger(v[7]))) {
          this.sink.error(w.args[7]!.loc, `${owner}: PULSE np must be a whole number of pulses (1 or more), found ${v[7]}`);
          return undefined;
        }
        if (!ok) return undefined;
        return { kind: 'pulse', v1: v[0]!, v2: v[1]!, td: v[2] ?? 0, tr: v[3] ?? step, tf: v[4] ?? step, pw: v[5] ?? Infinity, per: v[6] ?? Infinity, np: v[7] ?? Infinity };
      }
      case 'pwl': {
        const times: number[] = [];
        const values: number[] = [];
        for (let i = 0; i < v.length; i += 2) {
          const t = v[i]!;
          if (i === 0 && t < 0) {
            this.sink.error(w.args[i]!.loc, `${owner}: PWL times must not be negative, found ${formatSi(t, 's')}`);
            return undefined;
          }
          if (i > 0 && !(t > times[times.length - 1]!)) {
            this.sink.error(w.args[i]!.loc, `${owner}: PWL times must increase strictly, found ${formatSi(t, 's')} after ${formatSi(times[times.length - 1]!, 's')}`);
            return undefined;
          }
          times.push(t);
          values.push(v[i + 1]!);
        }
        return { kind: 'pwl', times, values };
      }
      case 'sin': {
        if (!nonNegative(2, 'SIN freq', 'Hz') || !nonNegative(3, 'SIN td')) return undefined;
        return { kind: 'sin', vo: v[0]!, va: v[1]!, freq: v[2]!, td: v[3] ?? 0, theta: v[4] ?? 0, phaseDeg: v[5] ?? 0 };
      }
    }
  }

  instance(frame: Frame, ast: Extract<ElementAst, { kind: 'X' }>): void {
    const key = ast.subckt.name.toLowerCase();
    const def = frame.subckts.get(key);
    if (!def) {
      const known = [...frame.subckts.values()].map((d) => d.ast.name);
      this.sink.error(
        ast.subckt.loc,
        `undefined subcircuit '${ast.subckt.name}' in ${ast.name}: ${known.length ? `expected one of ${known.join(', ')}` : 'no .subckt is defined'}`,
      );
      return;
    }
    this.instantiated.add(def.ast);
    if (frame.path.length >= MAX_INSTANCE_DEPTH) {
      this.sink.error(ast.loc, `${ast.name}: subcircuit instances nested more than ${MAX_INSTANCE_DEPTH} deep (${frame.path.slice(0, 3).join(' -> ')} -> ... -> ${key}): flatten the hierarchy`);
      return;
    }
    if (frame.path.includes(key)) {
      this.sink.error(ast.loc, `subcircuit '${def.ast.name}' instantiates itself (${[...frame.path, key].join(' -> ')})`);
      return;
    }
    const ports = def.ast.ports;
    if (ast.nodes.length !== ports.length) {
      this.sink.error(
        ast.loc,
        `${ast.name} connects ${ast.nodes.length} node${ast.nodes.length === 1 ? '' : 's'} but subcircuit '${def.ast.name}' has ${ports.length} port${ports.length === 1 ? '' : 's'} (${ports.map((p) => p.name).join(' ') || 'none'})`,
      );
      return;
    }
    const elementKey = frame.keyPrefix + ast.name.toLowerCase();
    const prev = this.elementByKey.get(elementKey);
    if (prev) {
      this.sink.error(ast.loc, `duplicate element name '${frame.prefix + ast.name}': first defined at ${formatLocation(prev.loc)}`);
      return;
    }
    // Lexical scoping: the parameters visible where the subcircuit was defined.
    let parentFrame: Frame | undefined = frame;
    while (parentFrame && parentFrame.def !== def.definer) parentFrame = parentFrame.parent;
    const scope = new ParamScope(this.sink, (parentFrame ?? frame).scope);
    for (const p of def.ast.params) scope.define(p.name, p.expr, p.loc);
    let ok = true;
    for (const p of ast.params) {
      if (!scope.has(p.name)) {
        const declared = def.ast.params.map((d) => d.name);
        this.sink.error(
          p.loc,
          `subcircuit '${def.ast.name}' has no parameter '${p.name}': ${declared.length ? `expected one of ${declared.join(', ')}` : 'it declares none (add params: name=default to its .subckt line)'}`,
        );
        ok = false;
      } else scope.override(p.name, p.expr, p.loc, frame.scope);
    }
    if (!ok) return;
    const portMap = new Map<string, number>();
    ports.forEach((p, i) => portMap.set(p.name.toLowerCase(), this.node(frame, ast.nodes[i]!)));
    const child: Frame = {
      def,
      prefix: `${frame.prefix}${ast.name}.`,
      keyPrefix: `${elementKey}.`,
      ports: portMap,
      scope,
      subckts: this.definitions(def.ast.body, def, def.visible),
      parent: frame,
      path: [...frame.path, key],
    };
    this.body(child, def.ast.body);
  }

  /** RDYN `Q=` names a capacitor of the same scope (linear, or nonlinear `C... Q={...}`). */
  resolveControls(): void {
    for (const p of this.pendingControls) {
      const target = this.elementByKey.get(p.control);
      if (!target) {
        this.sink.error(p.ref.loc, `${p.owner()}: Q=${p.ref.name} names no element in its scope: expected the name of a capacitor, e.g. Q=Cslit1`);
      } else if (target.kind !== 'C' && target.kind !== 'CQ') {
        this.sink.error(p.ref.loc, `${p.owner()}: Q=${p.ref.name} names ${describeKind(target)} ${target.name}: expected a capacitor`);
      }
    }
  }

  analysis(scope: ParamScope, d: DirectiveAst, analyses: Analysis[]): void {
    switch (d.kind) {
      case 'op':
        analyses.push({ kind: 'op', loc: d.loc });
        return;
      case 'tran': {
        const tstep = this.positive(scope.evaluate(d.tstep), d.tstep.loc, '.tran', 'tstep', 's');
        const tstop = this.positive(scope.evaluate(d.tstop), d.tstop.loc, '.tran', 'tstop', 's');
        const tstart = d.tstart ? scope.evaluate(d.tstart) : 0;
        const tmax = d.tmax ? this.positive(scope.evaluate(d.tmax), d.tmax.loc, '.tran', 'tmax', 's') : undefined;
        if (tstep === undefined || tstop === undefined || tstart === undefined || (d.tmax && tmax === undefined)) return;
        if (tstart < 0 || tstart >= tstop) {
          this.sink.error(d.tstart!.loc, `.tran: tstart must lie in [0, tstop), found ${formatSi(tstart, 's')} with tstop = ${formatSi(tstop, 's')}`);
          return;
        }
        const a: TranAnalysis = { kind: 'tran', tstep, tstop, tstart, ...(tmax !== undefined ? { tmax } : {}), uic: d.uic, loc: d.loc };
        this.tran ??= a;
        analyses.push(a);
        return;
      }
      case 'cv': {
        const vStart = scope.evaluate(d.vStart);
        const vVertex = scope.evaluate(d.vVertex);
        const vEnd = d.vEnd ? scope.evaluate(d.vEnd) : vStart;
        const cycles = d.cycles ? scope.evaluate(d.cycles) : 1;
        const steady = d.steady ? this.positive(scope.evaluate(d.steady), d.steady.loc, '.cv', 'steady', '') : undefined;
        const rate = this.positive(scope.evaluate(d.rate), d.rate.loc, '.cv', 'the scan rate', 'V/s');
        const smooth = d.smooth ? scope.evaluate(d.smooth) : 0;
        if (smooth !== undefined && !(smooth >= 0)) {
          this.sink.error(d.smooth!.loc, `.cv: smooth= is the half-width of the vertex rounding in seconds: expected 0 or more, found ${formatSi(smooth, 's')}`);
          return;
        }
        if (vStart === undefined || vVertex === undefined || vEnd === undefined || cycles === undefined || rate === undefined || (d.steady && steady === undefined) || smooth === undefined) return;
        if (vStart === vVertex) {
          this.sink.error(d.vVertex.loc, `.cv: v_vertex equals v_start (${formatSi(vStart, 'V')}): expected a different vertex potential to sweep to`);
          return;
        }
        if (!(Number.isInteger(cycles) && cycles >= 1)) {
          this.sink.error(d.cycles!.loc, `.cv: cycles must be a whole number of 1 or more, found ${cycles}`);
          return;
        }
        analyses.push({
          kind: 'cv', source: d.source.name.toLowerCase(), vStart, vVertex, vEnd, rate, cycles,
          ...(steady !== undefined ? { steadyTol: steady } : {}), ...(smooth > 0 ? { smooth } : {}), loc: d.loc,
        });
        return;
      }
      case 'chrono': {
        const vInitial = scope.evaluate(d.vInitial);
        const vStep = scope.evaluate(d.vStep);
        const tStep = scope.evaluate(d.tStep);
        const tStop = scope.evaluate(d.tStop);
        if (vInitial === undefined || vStep === undefined || tStep === undefined || tStop === undefined) return;
        if (tStep < 0) {
          this.sink.error(d.tStep.loc, `.chrono: t_step must not be negative, found ${formatSi(tStep, 's')}`);
          return;
        }
        if (!(tStop > tStep)) {
          this.sink.error(d.tStop.loc, `.chrono: t_stop must be later than t_step (${formatSi(tStep, 's')}), found ${formatSi(tStop, 's')}`);
          return;
        }
        analyses.push({ kind: 'chrono', source: d.source.name.toLowerCase(), vInitial, vStep, tStep, tStop, loc: d.loc });
        return;
      }
      case 'ac': {
        const a = elaborateAc(scope, this.sink, d);
        if (a) analyses.push(a);
        return;
      }
      case 'protocol': {
        const a = elaborateProtocol(scope, this.sink, d);
        if (a) analyses.push(a);
        return;
      }
      default:
        return;
    }
  }

  /** Analyses that drive a source name a voltage source of the circuit. */
  checkDrivenSources(analyses: Analysis[], asts: DirectiveAst[]): void {
    for (const a of analyses) {
      if (a.kind !== 'cv' && a.kind !== 'chrono' && a.kind !== 'protocol') continue;
      const ast = asts.find((d) => d.loc === a.loc) as Extract<DirectiveAst, { kind: 'cv' | 'chrono' | 'protocol' }>;
      const el = this.elementByKey.get(a.source);
      if (a.kind === 'protocol') {
        if (!el || (el.kind !== 'V' && el.kind !== 'I')) {
          this.sink.error(ast.source.loc, `.protocol: '${ast.source.name}' is ${el ? describeKind(el) : 'not an element of the circuit'}: expected the voltage or current source on the cell's port, e.g. Vcell`);
        }
      } else if (!el) {
        this.sink.error(ast.source.loc, `.${a.kind}: source '${ast.source.name}' is not an element of the circuit: expected the name of a voltage source, e.g. Vm`);
      } else if (el.kind !== 'V') {
        this.sink.error(ast.source.loc, `.${a.kind}: '${ast.source.name}' is ${describeKind(el)}: expected a voltage source (a name starting with V)`);
      }
    }
  }

  saves(targets: SaveAst[]): SaveTarget[] {
    const out: SaveTarget[] = [];
    for (const t of targets) {
      if (t.kind === 'v') {
        const node = this.existingNode(t.node);
        const ref = t.ref ? this.existingNode(t.ref) : 0;
        if (node !== undefined && ref !== undefined) out.push({ kind: 'v', node, ref, label: t.label });
        continue;
      }
      const key = t.element.name.toLowerCase();
      const el = this.elementByKey.get(key);
      if (!el) {
        this.sink.error(t.element.loc, `${t.label}: no element named '${t.element.name}'`);
      } else if (t.kind === 'q' && el.kind !== 'C' && el.kind !== 'CQ') {
        this.sink.error(t.element.loc, `${t.label}: '${t.element.name}' is ${describeKind(el)}: q() takes a capacitor`);
      } else if (t.kind === 'i' && !CURRENT_PROBES.has(el.kind)) {
        this.sink.error(t.element.loc, `${t.label}: '${t.element.name}' is ${describeKind(el)}, which offers no current probe: i() takes a two-terminal element (R, C, L, RDYN, V, I, B, E, G)`);
      } else out.push({ kind: t.kind, element: key, label: t.label });
    }
    return out;
  }

  existingNode(ref: NameRef): number | undefined {
    const lower = ref.name.toLowerCase();
    if (GROUND_NAMES.has(lower)) return 0;
    const idx = this.nodeIndex.get(lower);
    if (idx === undefined) this.sink.error(ref.loc, `unknown node '${ref.name}': no element connects to it`);
    return idx;
  }
}

/** Element kinds whose devices offer an i() probe (the switch does not). */
const CURRENT_PROBES = new Set(['R', 'C', 'L', 'RDYN', 'V', 'I', 'B', 'E', 'G']);

/** `the resistor`, `the voltage source`, ...: from the element's declaration. */
export function describeKind(el: CircuitElement): string {
  return `the ${elementDeclaration(el.kind).noun}`;
}

/**
 * A `.subckt` that no instance uses is otherwise never elaborated, so its mistakes would go unseen
 * (ngspice reports them when it reads the deck): elaborate one throwaway instance of each (default
 * parameters, fresh nodes) and pass its errors on as warnings.
 */
function checkUnused(e: Elaborator, top: Frame): void {
  // Only the roots of the unused: a definition that another one instantiates is checked through it
  // (one throwaway elaboration per unused tree, not one per definition: a 3000-long chain is linear).
  const used = new Set<string>();
  const collect = (body: readonly StatementAst[]): void => {
    for (const st of body) {
      if (st.kind === 'X') used.add(st.subckt.name.toLowerCase());
      else if (st.kind === 'subckt') collect(st.body);
    }
  };
  for (const def of top.subckts.values()) collect(def.ast.body);
  for (const def of top.subckts.values()) {
    if (e.instantiated.has(def.ast) || used.has(def.ast.name.toLowerCase())) continue;
    const probe = new Elaborator();
    probe.models = e.models;
    probe.globals = e.globals;
    const loc = def.ast.loc;
    const nodes = def.ast.ports.map((p) => ({ name: `${def.ast.name}:${p.name}`, loc }));
    probe.instance(top, { kind: 'X', name: def.ast.name, nodes, subckt: { name: def.ast.name, loc }, params: [], loc });
    probe.resolveControls();
    for (const d of probe.sink.list) {
      if (d.severity === 'error') e.sink.warning(d.loc, `${d.message} (in .subckt ${def.ast.name}, which is never instantiated)`);
    }
  }
}

export function elaborate(ast: NetlistAst, opts: ElaborateOptions = {}): { circuit: Circuit | undefined; diagnostics: Diagnostic[] } {
  const e = new Elaborator();
  const statements = expandIncludes(ast.statements, ast.file, opts.readFile ?? noFiles, e.sink);
  const global = new ParamScope(e.sink);
  const top: Frame = {
    def: undefined,
    prefix: '',
    keyPrefix: '',
    ports: new Map(),
    scope: global,
    subckts: e.definitions(statements, undefined, new Map()),
    parent: undefined,
    path: [],
  };
  for (const st of statements) {
    if (st.kind === 'param') for (const a of st.assignments) global.define(a.name, a.expr, a.loc);
  }
  for (const o of opts.paramOverrides ?? []) {
    const expr = { kind: 'number' as const, value: o.value, loc: o.loc };
    if (global.has(o.name)) global.override(o.name, expr, o.loc, global);
    else global.define(o.name, expr, o.loc);
  }
  for (const st of statements) if (st.kind === 'model') e.models.set(st.name.name.toLowerCase(), st.params);
  for (const st of statements) if (st.kind === 'global') for (const n of st.nodes) e.globals.add(n.name.toLowerCase());
  // Analyses first: PULSE defaults come from the .tran step.
  const analyses: Analysis[] = [];
  const directives = statements.filter((s): s is DirectiveAst => s.kind === 'op' || s.kind === 'tran' || s.kind === 'cv' || s.kind === 'chrono' || s.kind === 'ac' || s.kind === 'protocol');
  for (const d of directives) e.analysis(global, d, analyses);
  e.body(top, statements.filter((s) => s.kind !== 'param'));
  global.evaluateAll();
  e.resolveControls();
  checkUnused(e, top);
  e.checkDrivenSources(analyses, directives);
  resolveAcSources(analyses, e.elements, e.sink);
  checkAcBiasTimes(analyses, e.sink);
  checkBehaviouralCurrents(e.elements, e.sink);

  const options: Record<string, number | string> = {};
  const saves: SaveTarget[] = [];
  const nodeInitialConditions: NonNullable<Circuit['nodeInitialConditions']> = [];
  const measureLines: Array<Extract<DirectiveAst, { kind: 'meas' }>> = [];
  for (const st of statements) {
    if (st.kind === 'options') {
      for (const o of st.entries) {
        const v = typeof o.value === 'string' ? o.value : global.evaluate(o.value);
        if (v === undefined) continue;
        const problem = optionProblem(o.key, v);
        if (problem) e.sink.error(o.loc, problem);
        else options[o.key] = v;
      }
    } else if (st.kind === 'save') saves.push(...e.saves(st.targets));
    else if (st.kind === 'meas') measureLines.push(st);
    else if (st.kind === 'ic') {
      for (const ic of st.entries) {
        const node = e.existingNode(ic.node);
        const value = global.evaluate(ic.value);
        if (node === 0) e.sink.error(ic.node.loc, `.ic: v(${ic.node.name}) is ground, which is always 0 V`);
        else if (node !== undefined && value !== undefined) nodeInitialConditions.push({ node, value, loc: ic.loc });
      }
    }
  }

  const meas = elaborateMeasures(measureLines, global, e.sink, analyses, (t) => e.saves(t));
  const topLevelParams = [...new Set(statements.flatMap((st) => (st.kind === 'param' ? st.assignments.map((a) => a.name.toLowerCase()) : [])))];
  const sens = elaborateSens(statements.filter((st): st is SensDirectiveAst => st.kind === 'sens'), topLevelParams, global, e.sink, analyses);
  checkRunSizes(analyses, typeof options.maxsteps === 'number' ? options.maxsteps : undefined, e.sink);

  const circuit: Circuit = {
    title: ast.title,
    nodeNames: e.nodeNames,
    elements: e.elements,
    analyses,
    options,
    saves,
    file: ast.file,
    ...(meas.measures.length ? { measures: meas.measures, measureSignals: meas.signals } : {}),
    ...(nodeInitialConditions.length ? { nodeInitialConditions } : {}),
    ...(sens.length ? { sens } : {}),
  };
  // With lines already rejected, "no ground" or "one connection" would mostly echo those errors.
  const complete = ast.parseErrors === 0 && e.sink.errorCount === 0;
  validateTopology(circuit, e.sink, { file: ast.file, line: 1, column: 1 }, complete);
  const diagnostics = e.sink.list;
  return { circuit: e.sink.errorCount === 0 && ast.parseErrors === 0 ? circuit : undefined, diagnostics };
}

