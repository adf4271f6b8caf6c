/** Bounded console output (issue 19): a cap on messages, cut quotations, no control characters. */
import { describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';
import { deckDir } from './decks.js';

const deck = deckDir('messages');

describe('console output stays bounded and printable', () => {
  it('prints 100 diagnostics, then "and N more"; a 100 KB name is quoted as its first 60 characters', async () => {
    const name = 'n'.repeat(100_000);
    const lines = Array.from({ length: 150 }, (_, i) => `R${i} a 0 xyz`);
    const f = deck('many.cir', ['many', 'V1 a 0 DC 1', `Rlong a 0 ${name}`, ...lines, '.op', '.end', ''].join('\n'));
    const r = await ncm('check', f);
    expect(r.status).toBe(1);
    const out = r.stderr.split('\n');
    expect(out).toHaveLength(103);
    expect(out[0]).toBe(`${f}:3:11: error: resistor Rlong: malformed resistance '${'n'.repeat(60)}...' (100000 characters): expected a number such as 10k, 1e-6 or 0.08u, or an expression in braces such as {rc}`);
    expect(out[100]).toBe('... and 51 more (51 errors, 0 warnings) not shown');
    expect(out[101]).toBe(`error: 151 errors in ${f}`);
    expect(r.stderr.length).toBeLessThan(20_000);
  });

  it('strips terminal escapes and carriage returns from the title on the console', async () => {
    const f = deck('esc.cir', 'title \u001b[31mRED\u001b]0;pwned\u0007 \r done\nV1 a 0 DC 1\nR1 a 0 1k\n.op\n.end\n');
    const check = await ncm('check', f);
    expect(check.stdout.split('\n')[1]).toBe('title:    title [31mRED]0;pwned  done');
    const run = await ncm('run', f, '-o', deck('out', '') + '.d');
    expect(run.stdout.split('\n')[0]).toBe(`title [31mRED]0;pwned  done  (${f})`);
  });
});
