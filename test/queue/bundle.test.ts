/** The parts of a queued sweep that need no Redis: queue URLs, and netlists that travel with their includes. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleNetlist, bundleReader } from '../../src/queue/bundle.js';
import { parseQueueUrl, probeRedis } from '../../src/queue/connection.js';
import { decode, encode } from '../../src/queue/codec.js';
import { runPoint } from '../../src/sweep/runPoint.js';

describe('queue URLs', () => {
  it('accepts redis:// and rediss:// and masks the password in what it prints', () => {
    expect(parseQueueUrl('redis://:s3cret@127.0.0.1:6390/2')).toEqual({ url: 'redis://:s3cret@127.0.0.1:6390/2', shown: 'redis://:***@127.0.0.1:6390/2', tls: false });
    expect(parseQueueUrl('rediss://user:pw@10.0.0.1:6380').shown).toBe('rediss://user:***@10.0.0.1:6380');
    expect(parseQueueUrl('rediss://user:pw@10.0.0.1:6380').tls).toBe(true);
  });

  it('rejects other schemes, databases that are not numbers and non-URLs with the expected form', () => {
    const form = 'expected redis://[:password@]host:port[/db] or rediss://... (TLS)';
    expect(() => parseQueueUrl('http://127.0.0.1:6379')).toThrow(`--queue: unknown scheme 'http:'; ${form}`);
    expect(() => parseQueueUrl('redis://127.0.0.1:6379/abc')).toThrow(`--queue: database 'abc' is not a number; ${form}`);
    expect(() => parseQueueUrl('127.0.0.1:6379')).toThrow(`--queue '127.0.0.1:6379': not a URL; ${form}`);
    expect(() => parseQueueUrl('no url')).toThrow(`--queue 'no url': not a URL; ${form}`);
  });

  it('says which Redis it cannot reach, without the password', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    await expect(probeRedis(parseQueueUrl(`redis://:pw@127.0.0.1:${port}/0`))).rejects.toThrow(`cannot reach Redis at redis://:***@127.0.0.1:${port}/0: connect ECONNREFUSED 127.0.0.1:${port}`);
  });
});

describe('netlist bundles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ncm-bundle-'));
  mkdirSync(join(dir, 'lib'));
  const cell = readFileSync('netlists/ncm-6.cir', 'utf8').split('\n').filter((l) => /^(Vm|Ropen|Copen|Cslit|RDYN)/.test(l));
  writeFileSync(join(dir, 'lib', 'cell.inc'), `.include "slits.inc"\n${cell.filter((l) => !/^(Cslit|RDYN)/.test(l)).join('\n')}\n`);
  writeFileSync(join(dir, 'lib', 'slits.inc'), `${cell.filter((l) => /^(Cslit|RDYN)/.test(l)).join('\n')}\n`);
  const top = join(dir, 'top.cir');
  writeFileSync(top, 'NCM-6 from nested includes\n.param rc=5 gamma=0.5 ctot=0.08u\n.param cs={ctot/6} ropen=1 copen={cs/2}\n.include "lib/cell.inc"\n.cv Vm 0 0.2 rate=20mV/us cycles=1\n');

  it('carries the netlist and its nested includes; a run from the bundle equals a run from disk, bit for bit, with the files gone', () => {
    const b = bundleNetlist(top);
    expect(Object.keys(b.files).sort()).toEqual([top, join(dir, 'lib', 'cell.inc'), join(dir, 'lib', 'slits.inc')].sort());
    const req = { netlist: b.netlist, names: ['gamma'], index: 0, values: [0.7] };
    const fromDisk = runPoint(req);
    // Through the queue's encoding, too (what a worker stores and a collector reads).
    const moved = decode<typeof b>(encode(b));
    rmSync(dir, { recursive: true });
    const fromBundle = decode<ReturnType<typeof runPoint>>(encode(runPoint(req, { readFile: bundleReader(moved.files) })));
    expect(fromDisk.ok).toBe(true);
    expect({ ...fromBundle, seconds: 0 }).toEqual({ ...fromDisk, seconds: 0 });
  });

  it('a missing include fails the point with the message a run from disk gives', () => {
    const d = mkdtempSync(join(tmpdir(), 'ncm-bundle-missing-'));
    const f = join(d, 'top.cir');
    writeFileSync(f, 'missing include\n.param r=1\n.include "gone.inc"\nV1 a 0 1\nR1 a 0 {r}\n.op\n');
    const b = bundleNetlist(f);
    const req = { netlist: b.netlist, names: ['r'], index: 0, values: [2] };
    const fromBundle = runPoint(req, { readFile: bundleReader(b.files) });
    expect(fromBundle).toEqual(runPoint(req));
    expect(fromBundle.ok ? '' : fromBundle.message).toBe(`cannot read included file 'gone.inc' (${join(d, 'gone.inc')}): no such file`);
  });
});
