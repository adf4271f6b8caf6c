/**
 * Elaboration of the load elements (E, G, B, S) and of `.protocol`, kept apart from the core
 * elaborator: it receives the few helpers it needs (node numbering, parameter scope, diagnostics).
 */
import { BEHAVIOURAL_FUNCTIONS } from '../circuit/behaviouralTape.js';
import { elementDeclaration } from '../circuit/registry.js';
import type { BehaviouralExpr, CircuitElement, ProtocolAnalysis, ProtocolStep } from '../circuit/circuit.js';
import type { BehaviouralAst, ChargeCapacitorAst, ControlledSourceAst, DirectiveAst, Expr, Loc, NameRef, SwitchAst } from './ast.js';
import { formatSi } from './describe.js';
import type { DiagnosticSink, ParamScope } from './params.js';

export interface LoadScope {
  node(ref: NameRef): number;
  scope: ParamScope;
  sink: DiagnosticSink;
  /** Element name and key as placed in the hierarchy. */
  name: string;
  key: string;
  keyPrefix: string;
  /** `.model` switch parameter sets by lower-cased name. */
  models?: Map<string, Map<string, Expr>>;
}

export type LoadElementAst = ControlledSourceAst | BehaviouralAst | SwitchAst | ChargeCapacitorAst;

export function elaborateLoadElement(s: LoadScope, ast: LoadElementAst): CircuitElement | undefined {
  const { name, key } = s;
  const loc = ast.loc;
  const nodes = ast.nodes.map((n) => s.node(n));
  switch (ast.kind) {
    case 'E':
    case 'G': {
      const v = s.scope.evaluate(ast.value);
      if (v === undefined) return undefined;
      return ast.kind === 'E' ? { kind: 'E', name, key, nodes, loc, gain: v } : { kind: 'G', name, key, nodes, loc, transconductance: v };
    }
    case 'B': {
      const expr = behaviouralExpr(s, ast.expr, `${elementDeclaration('B').noun} ${ast.name}`);
      if (!expr) return undefined;
      return { kind: 'B', name, key, nodes, loc, mode: ast.mode, expr, text: printBehavioural(expr, () => '') };
    }
    case 'CQ': {
      // V is the voltage across the capacitor: v(n+, n-) in the expression
      const [np, nm] = ast.nodes as [NameRef, NameRef];
      const withV = (e: Expr): Expr => {
        switch (e.kind) {
          case 'param':
            return e.name === 'V' || e.name === 'v' ? { kind: 'call', fn: 'v', args: [{ kind: 'param', name: np.name, loc: e.loc }, { kind: 'param', name: nm.name, loc: e.loc }], loc: e.loc } : e;
          case 'unary':
            return { ...e, arg: withV(e.arg) };
          case 'binary':
            return { ...e, left: withV(e.left), right: withV(e.right) };
          case 'call':
            return { ...e, args: e.args.map(withV) };
          default:
            return e;
        }
      };
      const expr = behaviouralExpr(s, withV(ast.expr), `${elementDeclaration('CQ').noun} ${ast.name}`);
      if (!expr) return undefined;
      return { kind: 'CQ', name, key, nodes, loc, expr, text: printBehavioural(expr, () => '') };
    }
    case 'S': {
      const owner = `${elementDeclaration('S').noun} ${ast.name}`;
      let model: Map<string, Expr> | undefined;
      if (ast.model) {
        model = s.models?.get(ast.model.name.toLowerCase());
        if (!model) {
          s.sink.error(ast.model.loc, `${owner}: no .model named '${ast.model.name}': expected .model ${ast.model.name} SW(VT=... VH=... RON=... ROFF=...)`);
          return undefined;
        }
        if (!ast.params.has('vt') && !model.has('vt')) {
          s.sink.error(ast.model.loc, `${owner}: .model ${ast.model.name} has no VT=: expected a threshold in the model or on the line`);
          return undefined;
        }
      }
      const get = (k: string, dflt: number): number | undefined => {
        const e = ast.params.get(k) ?? model?.get(k);
        return e ? s.scope.evaluate(e) : dflt;
      };
      const ron = get('ron', 1);
      const roff = get('roff', 1e9);
      const vt = get('vt', 0);
      const vh = get('vh', 0);
      const width = get('width', ast.control === 'time' ? 0 : 0.01);
      if (ron === undefined || roff === undefined || vt === undefined || vh === undefined || width === undefined) return undefined;
      const bad = (k: string, msg: string): undefined => {
        s.sink.error(ast.params.get(k)?.loc ?? loc, `${owner}: ${msg}`);
        return undefined;
      };
      if (!(ron > 0)) return bad('ron', `RON must be positive, found ${formatSi(ron, 'ohm')}`);
      if (!(roff > ron)) return bad('roff', `ROFF must be larger than RON (${formatSi(ron, 'ohm')}), found ${formatSi(roff, 'ohm')}`);
      if (vh < 0) return bad('vh', `VH must not be negative, found ${vh}`);
      if (width < 0) return bad('width', `WIDTH must not be negative, found ${width}`);
      if (vh > 0 && ast.control === 'time') return bad('vh', 'VH= (hysteresis) needs a voltage control: a time switch switches once, at VT');
      return { kind: 'S', name, key, nodes, loc, control: ast.control, ron, roff, vt, vh, width, initiallyOn: ast.initiallyOn };
    }
  }
}

/** The parameter-language tree of a B expression to a circuit expression: params folded, v()/i()/time resolved. */
function behaviouralExpr(s: LoadScope, e: Expr, owner: string): BehaviouralExpr | undefined {
  if (!readsCircuit(e)) {
    const v = s.scope.evaluate(e);
    return v === undefined ? undefined : { kind: 'const', value: v };
  }
  switch (e.kind) {
    case 'number':
      return { kind: 'const', value: e.value };
    case 'param':
      return { kind: 'time' };
    case 'unary': {
      const a = behaviouralExpr(s, e.arg, owner);
      return a && (e.op === '-' ? { kind: 'neg', arg: a } : a);
    }
    case 'binary': {
      const l = behaviouralExpr(s, e.left, owner);
      const r = behaviouralExpr(s, e.right, owner);
      return l && r ? { kind: 'bin', op: e.op, left: l, right: r } : undefined;
    }
    case 'call': {
      if (e.fn === 'v') {
        if (e.args.length < 1 || e.args.length > 2) {
          s.sink.error(e.loc, `${owner}: v() takes 1 or 2 node names, found ${e.args.length}`);
          return undefined;
        }
        const nodes = e.args.map((a) => nodeName(s, a, owner));
        if (nodes.some((n) => n === undefined)) return undefined;
        return { kind: 'v', node: nodes[0]!, ref: nodes[1] ?? 0 };
      }
      if (e.fn === 'i') {
        const a = e.args[0];
        if (e.args.length !== 1 || a?.kind !== 'param') {
          s.sink.error(e.loc, `${owner}: i() takes the name of one voltage source, e.g. i(Vsense)`);
          return undefined;
        }
        return { kind: 'i', source: s.keyPrefix + a.name.toLowerCase() };
      }
      if (!BEHAVIOURAL_FUNCTIONS.includes(e.fn)) {
        s.sink.error(e.loc, `${owner}: unknown function '${e.fn}': expected v(), i() or one of ${BEHAVIOURAL_FUNCTIONS.join(', ')}`);
        return undefined;
      }
      const two = ['pow', 'atan2'].includes(e.fn);
      const minmax = ['min', 'max'].includes(e.fn);
      if ((two && e.args.length !== 2) || (minmax && e.args.length < 2) || (!two && !minmax && e.args.length !== 1)) {
        s.sink.error(e.loc, `${owner}: ${e.fn}() takes ${two ? '2 arguments' : minmax ? 'at least 2 arguments' : '1 argument'}, found ${e.args.length}`);
        return undefined;
      }
      const args = e.args.map((a) => behaviouralExpr(s, a, owner));
      if (args.some((a) => !a)) return undefined;
      return { kind: 'fn', fn: e.fn, args: args as BehaviouralExpr[] };
    }
  }
}

function readsCircuit(e: Expr): boolean {
  switch (e.kind) {
    case 'number':
      return false;
    case 'param':
      return e.name === 'time';
    case 'unary':
      return readsCircuit(e.arg);
    case 'binary':
      return readsCircuit(e.left) || readsCircuit(e.right);
    case 'call':
      return e.fn === 'v' || e.fn === 'i' || e.args.some(readsCircuit);
  }
}

function nodeName(s: LoadScope, a: Expr, owner: string): number | undefined {
  if (a.kind === 'param') return s.node({ name: a.name, loc: a.loc });
  if (a.kind === 'number' && Number.isInteger(a.value) && a.value >= 0) return s.node({ name: String(a.value), loc: a.loc });
  s.sink.error(a.loc, `${owner}: v() takes node names, found an expression`);
  return undefined;
}

/** ngspice spelling of a circuit expression; `nodeName` names node indices. */
export function printBehavioural(e: BehaviouralExpr, nodeName: (n: number) => string): string {
  switch (e.kind) {
    case 'const':
      return String(e.value);
    case 'time':
      return 'time';
    case 'v':
      return e.ref === 0 ? `V(${nodeName(e.node) || e.node})` : `V(${nodeName(e.node) || e.node},${nodeName(e.ref) || e.ref})`;
    case 'i':
      return `I(${e.source})`;
    case 'neg':
      return `(-${printBehavioural(e.arg, nodeName)})`;
    case 'bin':
      return e.op === '^'
        ? `pow(${printBehavioural(e.left, nodeName)},${printBehavioural(e.right, nodeName)})`
        : `(${printBehavioural(e.left, nodeName)}${e.op}${printBehavioural(e.right, nodeName)})`;
    case 'fn':
      return `${e.fn}(${e.args.map((a) => printBehavioural(a, nodeName)).join(',')})`;
  }
}

/** `.protocol` AST to the analysis; values checked for sign and range. */
export function elaborateProtocol(scope: ParamScope, sink: DiagnosticSink, d: Extract<DirectiveAst, { kind: 'protocol' }>): ProtocolAnalysis | undefined {
  const steps: ProtocolStep[] = [];
  let ok = true;
  const positive = (e: Expr | undefined, what: string, unit: string): number | undefined => {
    if (!e) return undefined;
    const v = scope.evaluate(e);
    if (v === undefined) ok = false;
    else if (!(v > 0)) {
      sink.error(e.loc, `.protocol: ${what} must be positive, found ${formatSi(v, unit)}`);
      ok = false;
      return undefined;
    }
    return v;
  };
  const any = (e: Expr | undefined): number | undefined => {
    if (!e) return undefined;
    const v = scope.evaluate(e);
    if (v === undefined) ok = false;
    return v;
  };
  for (const st of d.steps) {
    const loc: Loc = st.loc;
    if (st.kind === 'rest') {
      const duration = positive(st.duration, 'the rest duration', 's');
      if (duration !== undefined) steps.push({ kind: 'rest', duration, loc });
    } else if (st.kind === 'hold') {
      const voltage = any(st.voltage);
      const duration = positive(st.duration, 'the hold duration', 's');
      if (voltage !== undefined && duration !== undefined) steps.push({ kind: 'hold', voltage, duration, loc });
    } else {
      const magnitude = positive(st.value, st.kind === 'power' ? 'the power' : 'the current', st.kind === 'power' ? 'W' : 'A');
      const until = any(st.until);
      const duration = positive(st.duration, 'the duration', 's');
      if (magnitude === undefined) continue;
      const limits = { ...(until !== undefined ? { until } : {}), ...(duration !== undefined ? { duration } : {}) };
      if (st.kind === 'power') steps.push({ kind: 'power', power: st.sign * magnitude, ...limits, loc });
      else steps.push({ kind: 'current', current: st.sign * magnitude, ...limits, loc });
    }
  }
  let cycles = 1;
  if (d.cycles) {
    const c = scope.evaluate(d.cycles);
    if (c === undefined) ok = false;
    else if (!(Number.isInteger(c) && c >= 1)) {
      sink.error(d.cycles.loc, `.protocol: repeat takes a whole number of 1 or more, found ${c}`);
      ok = false;
    } else cycles = c;
  }
  if (!ok) return undefined;
  return { kind: 'protocol', source: d.source.name.toLowerCase(), steps, cycles, loc: d.loc };
}
