import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';

// A real Ctrl-C: the CLI in its own process gets SIGINT once the progress lines show that at least
// one point finished, writes what finished (marked partial) and exits 130; --resume completes it.
describe('ncm run on a sweep, interrupted by a real SIGINT', () => {
  it('keeps the finished points, says how to resume, and --resume runs the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-sigint-'));
    const file = join(dir, 'sweep.cir');
    writeFileSync(file, readFileSync('netlists/ncm-6.cir', 'utf8').replace(/^\.cv .*$/m, '.cv Vm 0 0.2 rate=20mV/us cycles=2\n.step param gamma 0 0.9 0.1'));
    const out = join(dir, 'out');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'run', file, '--out', out, '--threads', '1'], {
      env: { ...process.env, NCM_PROGRESS: 'lines' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (/sweep: \d+%/.test(stderr) && child.exitCode === null && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    const m = /error: PARTIAL: interrupted by SIGINT: (\d+) of 10 points finished; wrote them to .*; resume with: ncm run .* --resume\n/.exec(stderr);
    expect(m, stderr).not.toBeNull();
    const finished = Number(m![1]);
    expect(finished).toBeGreaterThanOrEqual(1);
    expect(finished).toBeLessThan(10);
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8')).toContain(`# PARTIAL: interrupted by SIGINT: ${finished} of 10 points finished\n`);
    expect(existsSync(join(out, 'sweep-partial.json'))).toBe(true);
    const r = await ncm('run', file, '--out', out, '--threads', '1', '--resume');
    expect(r.status).toBe(0);
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8')).toContain('# sweep of gamma: 10 runs, 0 failed\n');
    expect(existsSync(join(out, 'sweep-partial.json'))).toBe(false);
  }, 120_000);
});
