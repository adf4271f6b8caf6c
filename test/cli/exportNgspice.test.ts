/**
 * `ncm export --format ngspice`: the deck's `.control` block makes `ngspice -b` write the columns
 * `ncm run` records (same signs), over the same time span; and nothing from a file name or a
 * title can add a line to the deck (issue 19: a newline in the netlist's name injected a
 * `.control`/`shell` block).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCircuit } from '../../src/analyses/run.js';
import { pwlValue } from '../../src/circuit/waveform.js';
import { deckFileName, deckText, exportNgspice } from '../../src/io/ngspiceExport.js';
import { loadNetlist } from '../../src/io/loadNetlist.js';
import { ncm } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ncm-export-ng-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const haveNgspice = spawnSync('ngspice', ['-v'], { encoding: 'utf8' }).status === 0;
if (!haveNgspice) console.log('ngspice checks skipped: ngspice is not installed (apt-get install -y ngspice)');

/** wrdata's table (wr_vecnames: a header row of vector names) as columns by name. */
function readData(file: string): Map<string, number[]> {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const names = head!.trim().split(/\s+/);
  const cols = new Map(names.map((n) => [n, [] as number[]]));
  for (const r of rows) r.trim().split(/\s+/).forEach((v, i) => cols.get(names[i]!)!.push(Number(v)));
  return cols;
}

describe('ncm export --format ngspice: the data ngspice writes', () => {
  it.skipIf(!haveNgspice)('ngspice -b exits 0 and writes every column of ncm run, within 1 % of each column\'s peak', async () => {
    const deck = join(dir, 'ncm6.sp');
    const r = await ncm('export', '--format', 'ngspice', 'netlists/ncm-6.cir', '-o', deck);
    expect(r.status).toBe(0);
    const text = readFileSync(deck, 'utf8');
    expect(text).toContain('\nwrdata ncm6.data.txt ncm_vapp_vm ncm_i_vm ');
    const run = spawnSync('ngspice', ['-b', 'ncm6.sp'], { cwd: dir, encoding: 'utf8', timeout: 60000 });
    expect(run.status).toBe(0);
    const data = readData(join(dir, 'ncm6.data.txt'));
    const ours = runCircuit(loadNetlist('netlists/ncm-6.cir').circuit!).results[0]!.waveforms!;
    const t = ours.columns[0]!;
    // The transient ends where the engine ends it.
    expect(data.get('time')!.at(-1)).toBeCloseTo(t.at(-1)!, 15);
    let compared = 0;
    let worstShare = 0;
    for (let c = 1; c < ours.labels.length; c++) {
      const label = ours.labels[c]!;
      const ng = data.get(`ncm_${label.replace(/[()]/g, ' ').trim().replace(/[^A-Za-z0-9_]/g, '_')}`);
      expect(ng, label).toBeDefined();
      const mine = ours.columns[c]!;
      const peak = mine.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      let worst = 0;
      for (let k = 0; k < t.length; k++) worst = Math.max(worst, Math.abs(pwlValue(data.get('time')!, ng!, t[k]!) - mine[k]!));
      worstShare = Math.max(worstShare, worst / peak);
      compared++;
    }
    expect(compared).toBe(ours.labels.length - 1);
    // Measured 5.2e-3 of the worst column's peak (the two integrators' time grids differ); 1 % is the issue's bar.
    expect(worstShare).toBeLessThan(1e-2);
  });
});

describe('ncm export --format ngspice: nothing injects into the deck', () => {
  const evil = 'x\n.control\nshell touch INJECTED\n.endc\n';
  it('a newline in the netlist file name, the title or the -o name adds no line', async () => {
    const src = join(dir, `${evil}.cir`);
    copyFileSync('netlists/rc.cir', src);
    writeFileSync(src, readFileSync('netlists/rc.cir', 'utf8').replace(/^[^\n]*/, 'RC \u001b[31mred\u0007 title'));
    const deck = join(dir, `deck${evil}.sp`);
    const r = await ncm('export', '--format', 'ngspice', src, '-o', deck);
    expect(r.status).toBe(0);
    const text = readFileSync(deck, 'utf8');
    const lines = text.split('\n');
    expect(lines.filter((l) => /^\.control|^shell|^\.endc/i.test(l))).toEqual(['.control', '.endc']);
    expect(lines[0]).toBe('RC  [31mred  title');
    expect(lines[1]).toBe(`* exported by nanocircuit (ncm export --format ngspice) from ${deckText(src)}`);
    expect(text).toContain('\nwrdata deckx_.control_shell_touch_INJECTED_.endc_.data.txt ');
    if (haveNgspice) {
      const run = spawnSync('ngspice', ['-b', deck], { cwd: dir, encoding: 'utf8', timeout: 60000 });
      expect(run.status).toBe(0);
      expect(existsSync(join(dir, 'INJECTED'))).toBe(false);
    }
  });
  it('names keep only [A-Za-z0-9_], one-to-one; comment text loses control characters', () => {
    expect(deckText('a\r\nb\u2028c\u0000')).toBe('a  b c ');
    expect(deckFileName('out dir/x\n.sp')).toBe('out_dir/x_.sp');
    const c = loadNetlist('netlists/rc.cir').circuit!;
    const twisted = { ...c, nodeNames: c.nodeNames.map((n) => (n === 'out' ? 'a+b' : n === 'in' ? 'a-b' : n)) };
    const text = exportNgspice(twisted).text;
    expect(text).toContain('\nr1 a_b a_b_2 1000\n');
  });
});
