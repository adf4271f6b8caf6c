import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planSweep } from '../../src/sweep/plan.js';
import { runSweepSerial } from '../../src/sweep/sweep.js';
import { ncm } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ncm-rate-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, lines: string[]): string => {
  const f = join(dir, name);
  writeFileSync(f, ['rate sweep', ...lines, ''].join('\n'));
  return f;
};

describe('analysis arguments take {param}: .step sweeps the scan rate', () => {
  it('rate={r} in V/s; the peak CV current of a 10 ohm + 1 uF cell is C * rate (tau = 10 us << sweep time)', () => {
    const f = write('rc.cir', ['.param r=1000', 'Vm m 0 0', 'R1 m a 10', 'C1 a 0 1u', '.cv Vm 0 0.5 rate={r} cycles={1}', '.meas cv ipk MAX i(vm)', '.step param r list 100 1000']);
    const s = runSweepSerial(planSweep(f));
    const ipk = s.outcomes.map((o) => (o.ok ? o.measures['cv.ipk']! : NaN));
    // Measured: 2.2e-4 and 1.4e-4 above C * rate (the step of the triangle at the vertex).
    expect(Math.abs(ipk[0]! / (1e-6 * 100) - 1)).toBeLessThan(5e-4);
    expect(Math.abs(ipk[1]! / (1e-6 * 1000) - 1)).toBeLessThan(5e-4);
  });

  it('a sweep whose every point fails at the same place stops before running, with that error', async () => {
    const f = write('neg.cir', ['.param r=1000', 'Vm m 0 0', 'R1 m a 10', 'C1 a 0 1u', '.cv Vm 0 0.5 rate={-r} cycles=1', '.step param r list 100 1000']);
    const out = join(dir, 'neg-out');
    const r = await ncm('run', f, '-o', out, '--threads', '1');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${f}:6:20: error: .cv: the scan rate must be positive, found -100 V/s\n` +
        'error: every one of the 2 sweep points fails at this place (shown for r=100), so the sweep did not start\n',
    );
    expect(existsSync(out)).toBe(false);
  });
});
