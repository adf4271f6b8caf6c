import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function ncm(...args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

describe('usage errors exit 2 for every subcommand, without a stack trace', () => {
  it.each([
    [['run'], "error: missing required argument 'netlist'"],
    [['run', 'netlists/ncm-6.cir', '--bogus'], "error: unknown option '--bogus'"],
    [['check'], "error: missing required argument 'file'"],
    [['frobnicate'], "error: unknown command 'frobnicate'"],
  ])('ncm %j', (args, message) => {
    const r = ncm(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
