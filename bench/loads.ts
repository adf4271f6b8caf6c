/**
 * Loads benchmark: a galvanostatic charge/discharge protocol (2 mA between 0 and 0.2 V, 2 us rest,
 * 3 cycles) and a constant-power discharge (0.1 mW from 0.2 V to 0.05 V) on NCM ladders of
 * N = 6, 50, 1000 layers (GAMMA 0.5, QMAX = C_slit * 0.2 V). Prints wall and CPU time, time steps,
 * and the event accuracy (largest |v_end - limit| over the limited steps).
 * Environment: BENCH_LOAD_LAYERS=6,50 to choose sizes.
 */
import { runProtocol } from '../src/analyses/protocol.js';
import type { StepMeasures } from '../src/analyses/protocolMeasures.js';
import type { ProtocolAnalysis } from '../src/circuit/circuit.js';
import { buildLadder } from '../src/electrode/ladder.js';

const loc = { file: '<bench>', line: 1, column: 1 };
const GCD: ProtocolAnalysis = {
  kind: 'protocol', source: 'vm', cycles: 3, loc,
  steps: [
    { kind: 'current', current: 2e-3, until: 0.2, loc },
    { kind: 'rest', duration: 2e-6, loc },
    { kind: 'current', current: -2e-3, until: 0, loc },
  ],
};
const CP: ProtocolAnalysis = { kind: 'protocol', source: 'vm', cycles: 1, loc, steps: [{ kind: 'power', power: -1e-4, until: 0.05, loc }] };

export async function runLoadsBench(): Promise<void> {
  const sizes = (process.env.BENCH_LOAD_LAYERS ?? '6,50,1000').split(',').map(Number);
  console.log('protocol   layers   wall (s)   cpu (s)   steps   rejected   worst |v_end - limit| (V)   last step ended by');
  for (const n of sizes) {
    for (const [name, a, v0] of [['GCD x3', GCD, 0], ['CP 0.1mW', CP, 0.2]] as const) {
      const c = buildLadder({ layers: n, rc: 5, cTotal: 0.08e-6, gamma: 0.5, qmax: (0.08e-6 / n) * 0.2, options: { reltol: 1e-5 }, file: `<bench N=${n}>` });
      const vm = c.elements.find((e) => e.key === 'vm')!;
      if (vm.kind === 'V') vm.waveform = { kind: 'dc', value: v0 };
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const r = runProtocol(c, a);
      const wall = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const steps = r.summary['steps'] as StepMeasures[];
      let worst = 0;
      for (const s of steps) {
        if (s.endedBy !== 'limit') continue;
        const step = a.steps[s.step - 1]!;
        if ('until' in step && step.until !== undefined) worst = Math.max(worst, Math.abs(s.vEnd - step.until));
      }
      console.log(
        `${name.padEnd(10)} ${String(n).padStart(6)}   ${wall.toFixed(3).padStart(8)}   ${((cpu.user + cpu.system) / 1e6).toFixed(3).padStart(7)}   ` +
          `${String(r.stats!.steps).padStart(5)}   ${String(r.stats!.rejected).padStart(8)}   ${worst.toExponential(2).padStart(9)}   ${steps[steps.length - 1]!.endedBy} at ${steps[steps.length - 1]!.vEnd.toFixed(4)} V`,
      );
    }
  }
}
