import { describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';

describe('usage errors exit 2 for every subcommand, without a stack trace', () => {
  it.each([
    [['run'], "error: missing required argument 'netlist'"],
    [['run', 'netlists/ncm-6.cir', '--bogus'], "error: unknown option '--bogus'"],
    [['check'], "error: missing required argument 'file'"],
    [['frobnicate'], "error: unknown command 'frobnicate'"],
  ])('ncm %j', async (args, message) => {
    const r = await ncm(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
