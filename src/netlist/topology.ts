/**
 * Topology checks an MNA engine needs to hold: a ground, a DC path from every node to ground (a node
 * fed by a current source without one has no operating point; one reached only through capacitors
 * is solved with gmin, with a warning, unless `.options strictdc=1`), and no loop
 * made only of voltage sources and inductors (two sources fixing one voltage, or a DC short).
 * Nodes with a single connection are warned about: usually a misspelt node name. What conducts in
 * DC and what fixes a voltage comes from each element's declaration (src/circuit/element.ts).
 */
import type { Circuit, CircuitElement } from '../circuit/circuit.js';
import type { Loc } from './ast.js';
import type { DiagnosticSink } from './params.js';
import { elementDeclaration } from '../circuit/registry.js';

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(a: number): number {
    let r = a;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[a] !== r) {
      const next = this.parent[a]!;
      this.parent[a] = r;
      a = next;
    }
    return r;
  }
  /** False if a and b were already joined. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    this.parent[ra] = rb;
    return true;
  }
}

function listNodes(names: string[]): string {
  const shown = names.slice(0, 5).map((n) => `'${n}'`);
  return names.length > 5 ? `${shown.join(', ')} and ${names.length - 5} more` : shown.join(', ');
}

/** Element names along a path of voltage sources and inductors from a to b (breadth first). */
function loopMembers(adj: Map<number, Array<{ to: number; el: CircuitElement }>>, a: number, b: number): string[] {
  const prev = new Map<number, { from: number; el: CircuitElement }>();
  const queue = [a];
  const seen = new Set([a]);
  while (queue.length) {
    const n = queue.shift()!;
    if (n === b) break;
    for (const e of adj.get(n) ?? []) {
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      prev.set(e.to, { from: n, el: e.el });
      queue.push(e.to);
    }
  }
  const names: string[] = [];
  for (let n = b; n !== a; ) {
    const p = prev.get(n);
    if (!p) break;
    names.unshift(p.el.name);
    n = p.from;
  }
  return names;
}

/**
 * `complete` is false when earlier errors dropped elements: then only the loop check runs, as the
 * other checks would mostly report the consequences of the missing lines.
 */
export function validateTopology(circuit: Circuit, sink: DiagnosticSink, fileStart: Loc, complete = true): void {
  const n = circuit.nodeNames.length;
  if (complete && circuit.elements.length === 0) {
    sink.error(fileStart, 'the netlist has no elements: expected element lines such as R1 a 0 1k');
    return;
  }
  if (complete && !circuit.elements.some((e) => e.nodes.includes(0))) {
    sink.error(circuit.elements[0]!.loc, "no element connects to ground: expected at least one element on node 0 (or 'gnd')");
    return;
  }

  // Voltage-source/inductor loops.
  const vl = new UnionFind(n);
  const adj = new Map<number, Array<{ to: number; el: CircuitElement }>>();
  for (const el of circuit.elements) {
    const decl = elementDeclaration(el.kind);
    if (!decl.fixesDcVoltage) continue;
    const [a, b] = el.nodes as [number, number];
    const noun = decl.noun;
    if (a === b) {
      sink.error(el.loc, `${noun} ${el.name} connects node '${circuit.nodeNames[a]}' to itself: expected two different nodes`);
      continue;
    }
    if (!vl.union(a, b)) {
      const others = loopMembers(adj, a, b);
      sink.error(
        el.loc,
        `${noun} ${el.name} closes a loop made only of voltage sources and inductors (with ${others.join(', ')}): the loop current is undetermined; add a resistor in series`,
      );
      continue;
    }
    for (const [from, to] of [[a, b], [b, a]] as const) {
      if (!adj.has(from)) adj.set(from, []);
      adj.get(from)!.push({ to, el });
    }
  }

  if (!complete) return;

  // DC path to ground, and connection counts.
  const dc = new UnionFind(n);
  const connections = new Int32Array(n);
  const firstUse: Array<CircuitElement | undefined> = new Array(n);
  for (const el of circuit.elements) {
    for (const node of el.nodes) {
      connections[node]!++;
      firstUse[node] ??= el;
    }
    if (elementDeclaration(el.kind).conductsDc(el)) dc.union(el.nodes[0]!, el.nodes[1]!);
  }
  const ground = dc.find(0);
  const floating = new Map<number, number[]>();
  for (let i = 1; i < n; i++) {
    const r = dc.find(i);
    if (r === ground) continue;
    if (!floating.has(r)) floating.set(r, []);
    floating.get(r)!.push(i);
  }
  // A group reached only through capacitors has a DC solution once gmin ties every node to ground
  // (ngspice warns and runs); one fed by a current source has none (the gmin voltage is I/gmin).
  const driven = new Set<number>();
  for (const el of circuit.elements) {
    if (el.kind === 'C' || elementDeclaration(el.kind).conductsDc(el)) continue;
    for (const node of el.nodes) if (node !== 0 && floating.has(dc.find(node))) driven.add(dc.find(node));
  }
  const strict = Number(circuit.options.strictdc ?? 0) > 0;
  for (const [root, nodes] of floating) {
    const names = nodes.map((i) => circuit.nodeNames[i]!);
    const first = nodes.map((i) => firstUse[i]!).sort((x, y) => circuit.elements.indexOf(x) - circuit.elements.indexOf(y))[0]!;
    const what = nodes.length === 1 ? `node ${listNodes(names)} has` : `nodes ${listNodes(names)} have`;
    const them = nodes.length === 1 ? 'it' : 'them';
    if (driven.has(root) || strict) {
      sink.error(
        first.loc,
        `${what} no DC path to ground: only capacitors or current sources connect ${them} to the rest (add a resistor to ground, e.g. Rleak ${names[0]} 0 1e12)`,
      );
    } else {
      sink.warning(
        first.loc,
        `${what} no DC path to ground: only capacitors connect ${them} to the rest; the operating point is solved with gmin from every node to ground, as ngspice does (add a resistor to ground, e.g. Rleak ${names[0]} 0 1e12, or .options strictdc=1 to make this an error)`,
      );
    }
  }
  for (let i = 1; i < n; i++) {
    if (connections[i] === 1) {
      const el = firstUse[i]!;
      sink.warning(el.loc, `node '${circuit.nodeNames[i]}' has only one connection (${el.name}): check the node name for a typo`);
    }
  }
}
