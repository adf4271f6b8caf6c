/**
 * Parse + elaborate a generated NCM ladder of 100,000 elements (the size of a 50,000-slit electrode),
 * and print time and memory. Target: under 2 s on the 2-core project machine.
 */
import { elaborate, parseNetlist } from '../src/netlist/index.js';

/**
 * An NCM ladder as a generator (src/electrode, src/extract) writes it: Vm, Ropen, Copen, then per
 * slit one RDYN and one Cslit. `params` writes every value as a `{parameter}` instead of a number.
 */
export function ladderNetlist(elements: number, params = false): string {
  const slits = Math.floor((elements - 3) / 2);
  const lines = ['generated NCM ladder', '.param rc=5 gamma=0.5 cs=1n', 'Vm m 0 DC 0', 'Ropen 0 s0 1', 'Copen m s0 0.5n'];
  const [rc, gamma, cs] = params ? ['{rc}', '{gamma}', '{cs}'] : ['5', '0.5', '1n'];
  for (let k = 1; k <= slits; k++) {
    lines.push(`RDYN${k} s${k - 1} s${k} RC=${rc} GAMMA=${gamma} Q=${k === 1 ? 'Copen' : `Cslit${k - 1}`}${params ? ' QMAX=peak' : ''}`);
    lines.push(`Cslit${k} m s${k} ${cs}`);
  }
  if ((elements - 3) % 2 === 1) lines.push(`Rend s${slits} 0 1meg`);
  lines.push('.cv Vm 0 0.2 rate=20mV/us cycles=1', '.end');
  return lines.join('\n') + '\n';
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

function measure(label: string, text: string): void {
  global.gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const parsed = parseNetlist(text, { file: 'ladder.cir' });
  const t1 = performance.now();
  const { circuit, diagnostics } = elaborate(parsed.ast);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  if (!circuit || diagnostics.length + parsed.diagnostics.length > 0) throw new Error('the generated ladder did not elaborate cleanly');
  console.log(`${label}: ${circuit.elements.length} elements, ${circuit.nodeNames.length} nodes, ${mb(text.length)} of text`);
  console.log(`  parse (lex, CST, AST) ${(t1 - t0).toFixed(0)} ms + elaborate ${(t2 - t1).toFixed(0)} ms = ${(t2 - t0).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (target < 2000 ms)`);
  console.log(`  heap in use after: ${mb(process.memoryUsage().heapUsed)}, RSS ${mb(process.memoryUsage().rss)}`);
}

export async function runParseBench(): Promise<void> {
  // A small warm-up so JIT compilation is not billed to the measurement.
  elaborate(parseNetlist(ladderNetlist(2001), { file: 'warmup.cir' }).ast);
  measure('ladder, numeric values', ladderNetlist(100_000));
  measure('ladder, {parameter} values', ladderNetlist(100_000, true));
}
