import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';

/**
 * Netlists that `ncm check` used to pass and `ncm run` then rejected (found by running both on
 * each): check now reports each with the position run would have (or had no position at all).
 */
const dir = mkdtempSync(join(tmpdir(), 'ncm-check-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cases: Array<[string, string[], string]> = [
  ['.save i() of an element without a current', ['V1 a 0 1', 'S1 a 0 a 0 VT=0.4 RON=1 ROFF=1meg', 'R1 a 0 1k', '.save i(S1)', '.op'], "5:9: error: i(s1): 'S1' is the switch, which offers no current probe"],
  ['.ac bias time after the end of the CV', ['Vm m 0 0 AC 1', 'R1 m a 10', 'C1 a 0 1u', '.cv Vm 0 0.5 rate=1V/s', '.ac dec 2 1 1k bias=cv at=10'], '6:1: error: .ac: bias time at=10 s is after the end of the first .cv (1 s): expected a time within the CV'],
  ['a B source reading I() of a resistor', ['V1 a 0 1', 'R1 a 0 1k', 'B1 b 0 I={I(R1)}', 'R2 b 0 1k', '.op'], '4:1: error: B1: I(r1) names an element without a branch current: expected a voltage source (V, E or a V= B source)'],
  ['a .meas of a column the analysis does not record', ['Vm m 0 0', 'R1 m a 10', 'C1 a 0 1u', '.cv Vm 0 0.5 rate=1V/s', '.meas cv x MAX vapp(vq)'], '6:16: error: .meas cv x: expected v(node), v(a,b), i(element) or q(capacitor) or one of vapp(vm), i(vm), found vapp(vq)'],
];

describe('ncm check reports what ncm run rejects', () => {
  for (const [what, lines, message] of cases) {
    it(what, async () => {
      const f = join(dir, `${what.replace(/\W+/g, '-')}.cir`);
      writeFileSync(f, ['t', ...lines, ''].join('\n'));
      const c = await ncm('check', f);
      expect(c.status).toBe(1);
      expect(c.stderr).toContain(`${f}:${message}`);
      const r = await ncm('run', f, '-o', join(dir, 'out'));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${f}:${message}`);
    });
  }

  it('a netlist without analyses: check warns that run would stop', async () => {
    const f = join(dir, 'none.cir');
    writeFileSync(f, 't\nV1 a 0 1\nR1 a 0 1k\n');
    const c = await ncm('check', f);
    expect(c.status).toBe(0);
    expect(c.stderr).toBe(`${f}: warning: no analysis: ncm run would stop here (add .op, .tran, .cv, .chrono, .ac or .protocol)\n`);
  });
});
