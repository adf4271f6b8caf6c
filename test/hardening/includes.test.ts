/** `.include` reads only regular text files, finds cycles through symlinks and quotes nothing of a non-netlist file (issue 19). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';
import { deckDir } from './decks.js';

const deck = deckDir('include');
const tail = 'V1 a 0 1\nR1 a 0 1k\n.op\n.end\n';

describe('.include security', () => {
  it('refuses devices and FIFOs without blocking, and quotes nothing of a system file', async () => {
    const dir = join(deck('x', ''), '..');
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const passwd = deck('passwd', 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\n');
    const f = deck('sec.cir', `x\n.include "${passwd}"\n.include "/dev/zero"\n.include "fifo"\n${tail}`);
    const r = await ncm('check', f);
    expect(r.stderr).toBe(
      [
        `${f}:2:1: error: included file '${passwd}' does not read as a netlist (3 of its 3 lines are not element lines or dot commands); none of it is used`,
        `${f}:3:1: error: cannot read included file '/dev/zero': not a regular file (a device, a pipe or a socket)`,
        `${f}:4:1: error: cannot read included file 'fifo' (${join(dir, 'fifo')}): not a regular file (a device, a pipe or a socket)`,
        `error: 3 errors in ${f}`,
        '',
      ].join('\n'),
    );
    expect(r.stderr).not.toContain('root:x');
  });

  it.runIf(existsSync('/proc/self/environ'))('/proc/self/environ leaks nothing', async () => {
    const f = deck('env.cir', `x\n.include "/proc/self/environ"\n${tail}`);
    const r = await ncm('check', f);
    expect(r.stderr).not.toMatch(/PATH=|HOME=/);
  });

  it('a symlinked directory loop is a cycle by real path, not exponential growth', async () => {
    const dir = join(deck('y', ''), '..', 'loopdir');
    mkdirSync(dir);
    symlinkSync('.', join(dir, 'loop'));
    writeFileSync(join(dir, 'a.inc'), '.include "loop/a.inc"\n.include "loop/loop/a.inc"\n');
    const f = join(dir, 'top.cir');
    writeFileSync(f, `loop\n.include "loop/a.inc"\n${tail}`);
    const r = await ncm('check', f);
    const real = join(dir, 'a.inc');
    expect(r.stderr).toBe(
      [
        `${join(dir, 'loop', 'a.inc')}:1:1: error: circular .include: ${real} -> ${real}`,
        `${join(dir, 'loop', 'a.inc')}:2:1: error: circular .include: ${real} -> ${real}`,
        `error: 2 errors in ${f}`,
        '',
      ].join('\n'),
    );
  });
});
