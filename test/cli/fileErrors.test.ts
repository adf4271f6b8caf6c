import { describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';

/** Every command that reads a file names it and says "no such file", not Node's raw ENOENT text. */
describe('a missing input file', () => {
  for (const [args, message] of [
    [['run', '/nonexistent/x.cir'], "error: cannot read netlist '/nonexistent/x.cir': no such file"],
    [['check', '/nonexistent/x.cir'], "error: cannot read netlist '/nonexistent/x.cir': no such file"],
    [['mpnp', '/nonexistent/x.yaml'], "error: cannot read '/nonexistent/x.yaml': no such file"],
    [['md', '/nonexistent/m.yaml'], "error: cannot read '/nonexistent/m.yaml': no such file"],
    [['import', '/nonexistent/x.mpt'], "error: cannot read '/nonexistent/x.mpt': no such file"],
    [['extract', '/nonexistent/e.csv'], "error: cannot read '/nonexistent/e.csv': no such file"],
    [['multiscale', '/nonexistent/c.yaml'], "error: cannot read '/nonexistent/c.yaml': no such file"],
  ] as const) {
    it(`ncm ${args.join(' ')}`, async () => {
      const r = await ncm(...args);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(message + '\n');
    });
  }
});
