import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, type ProgressStream } from '../../src/cli/progress.js';
import { ncm } from '../helpers/cli.js';

/** A stream that keeps what is written; `tty` says whether it claims to be a terminal. */
function sink(tty: boolean): ProgressStream & { text: string } {
  const s = {
    text: '',
    isTTY: tty,
    columns: 100,
    write(chunk: string) {
      s.text += chunk;
      return true;
    },
  };
  return s;
}

describe('progress reporter (src/cli/progress.ts)', () => {
  it('line mode prints exactly one line per 10 %, with elapsed time and ETA of the stage', () => {
    const out = sink(false);
    let t = 0;
    const p = createProgress({ mode: 'lines', stream: out, now: () => t });
    // 40 updates, 0.5 s apart: 2.5 % each
    for (let k = 1; k <= 40; k++) {
      t = 500 * k;
      p.update(k / 40, 'cv', k === 40 ? 'done' : undefined);
    }
    p.stop();
    expect(out.text).toBe(
      [
        'cv: 10% (2.0 s elapsed, ETA 18.0 s)',
        'cv: 20% (4.0 s elapsed, ETA 16.0 s)',
        'cv: 30% (6.0 s elapsed, ETA 14.0 s)',
        'cv: 40% (8.0 s elapsed, ETA 12.0 s)',
        'cv: 50% (10.0 s elapsed, ETA 10.0 s)',
        'cv: 60% (12.0 s elapsed, ETA 8.0 s)',
        'cv: 70% (14.0 s elapsed, ETA 6.0 s)',
        'cv: 80% (16.0 s elapsed, ETA 4.0 s)',
        'cv: 90% (18.0 s elapsed, ETA 2.0 s)',
        'cv: 100% (20.0 s elapsed, ETA 0.0 s) | done',
        '',
      ].join('\n'),
    );
  });

  it('a new stage restarts the lines; a jump over several tens prints only the highest', () => {
    const out = sink(false);
    let t = 0;
    const p = createProgress({ mode: 'lines', stream: out, now: () => t });
    t = 1000;
    p.update(0.35, 'mPNP', 't = 3 us');
    t = 3000;
    p.update(0.2, 'discovery');
    expect(out.text).toBe('mPNP: 30% (1.0 s elapsed, ETA 1.9 s) | t = 3 us\ndiscovery: 20% (0.0 s elapsed, ETA 0.0 s)\n');
  });

  it('auto mode on a log stays silent for the first 2 s, then prints the tens it reaches', () => {
    const out = sink(false);
    let t = 0;
    const p = createProgress({ mode: 'auto', stream: out, now: () => t });
    for (let k = 1; k <= 10; k++) {
      t = 400 * k;
      p.update(k / 10, 'sweep', `${k}/10 runs`);
    }
    expect(out.text).toBe(
      [5, 6, 7, 8, 9, 10].map((k) => `sweep: ${k * 10}% (${(0.4 * k).toFixed(1)} s elapsed, ETA ${((0.4 * k * (10 - k)) / k).toFixed(1)} s) | ${k}/10 runs`).join('\n') + '\n',
    );
  });

  it('none mode writes nothing; bar mode on a terminal draws a cli-progress bar on the given stream', () => {
    const quiet = sink(true);
    const p = createProgress({ mode: 'none', stream: quiet });
    p.update(0.5, 'cv');
    p.stop();
    expect(quiet.text).toBe('');
    const tty = sink(true);
    const b = createProgress({ mode: 'bar', stream: tty });
    b.update(0.5, 'cv', 'detail here');
    b.stop();
    expect(tty.text).toContain(' cv [');
    expect(tty.text).toContain('] 50% | ETA ');
    expect(tty.text).toContain('| detail here');
  });

  it('formats durations in seconds, minutes and hours', () => {
    expect([formatDuration(4.25), formatDuration(185), formatDuration(7620)]).toEqual(['4.3 s', '3 min 05 s', '2 h 07 min']);
  });
});

describe('ncm --progress', () => {
  it('lines: the 10 % lines of each analysis go to stderr, nothing to stdout', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ncm-progress-'));
    const r = await ncm('--progress', 'lines', 'run', 'netlists/rc.cir', '-o', out);
    expect(r.status).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('tran: '));
    expect(lines.map((l) => /^tran: (\d+)% \(\d+\.\d s elapsed, ETA \d+\.\d s\)$/.exec(l)?.[1])).toEqual(['10', '20', '30', '40', '50', '60', '70', '80', '90', '100']);
    expect(r.stdout).not.toMatch(/%/);
  });

  it('bar on a terminal: the bar is drawn on stderr, stdout keeps only the summary', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ncm-progress-'));
    const was = process.stderr.isTTY;
    process.stderr.isTTY = true;
    let r;
    try {
      r = await ncm('--progress', 'bar', 'run', 'netlists/rc.cir', '-o', out);
    } finally {
      process.stderr.isTTY = was;
    }
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/ tran \[[\u2588\u2591]+\] 100% \| ETA /);
    expect(r.stdout).not.toMatch(/[\u2588\u2591]|ETA/);
    expect(r.stdout).toContain('wrote ');
  });

  it('an unknown mode is a usage error naming the modes', async () => {
    const r = await ncm('--progress', 'fancy', 'run', 'netlists/rc.cir');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("error: --progress 'fancy': expected one of auto, bar, lines, none\n");
  });
});
