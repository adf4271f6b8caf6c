/**
 * Outputs all-or-nothing (issue 19): -o naming a file or an impossible path, a run folder replaced
 * as a whole, a writer killed mid-write, and a symlink planted at a single-file output.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFolderAtomic, writeFileAtomic } from '../../src/io/atomicWrite.js';
import { ncm } from '../helpers/cli.js';
import { deckDir } from './decks.js';

const deck = deckDir('outputs');
const op = deck('op.cir', 'divider\nV1 a 0 DC 1\nR1 a b 1k\nR2 b 0 1k\n.op\n.end\n');

describe('ncm run -o', () => {
  it('naming an existing file is an input error (was: internal error: EEXIST)', async () => {
    const file = deck('taken', 'x');
    const r = await ncm('run', op, '-o', file);
    expect(r.stderr).toBe(`error: cannot write to '${file}': it is an existing file, expected a folder (created if missing)\n`);
    expect(r.status).toBe(1);
    const below = await ncm('run', op, '-o', join(file, 'sub'));
    expect(below.stderr).toBe(`error: cannot write to '${join(file, 'sub')}': '${file}' is an existing file, not a folder\n`);
  });

  it.runIf(existsSync('/proc/self'))('-o /proc/x ends with an error (was: mkdir looping forever)', async () => {
    const r = await ncm('run', op, '-o', '/proc/x');
    expect(r.stderr).toBe(`error: cannot write to '/proc/x': the path cannot be created there\n`);
    expect(r.status).toBe(1);
  });

  it('replaces an earlier run folder as a whole; summary.json lists exactly the files present', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ncm-out-')), 'run');
    mkdirSync(out);
    writeFileSync(join(out, 'summary.json'), '{"title":"an earlier run"}\n');
    writeFileSync(join(out, 'cv.csv'), 'of another netlist\n');
    const r = await ncm('run', op, '-o', out);
    expect(r.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { title: string; files: string[] };
    expect(summary.title).toBe('divider');
    expect(summary.files).toEqual(['op.json', 'summary.json']);
    expect(readdirSync(out).sort()).toEqual(['op.json', 'summary.json']);
    expect(readdirSync(join(out, '..'))).toEqual(['run']);
  });

  it('refuses a folder holding files that are not a run (no summary.json)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ncm-out-'));
    writeFileSync(join(out, 'thesis.tex'), 'mine');
    const r = await ncm('run', op, '-o', out);
    expect(r.stderr).toBe(`error: cannot write to '${out}': the folder holds files that are not an ncm run's output (no summary.json); choose a new or empty folder\n`);
    expect(r.status).toBe(1);
    expect(readdirSync(out)).toEqual(['thesis.tex']);
  });
});

describe('a writer killed mid-write', () => {
  it('leaves the previous result whole; the next writer removes its staging folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ncm-kill-'));
    const out = join(parent, 'run');
    replaceFolderAtomic(out, new Map([['cv.csv', 'old\n'], ['summary.json', '{"files":["cv.csv","summary.json"]}\n']]));
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/hardening/killedWriter.ts', out], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((done, fail) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('staged') && done());
      child.on('exit', (code) => fail(new Error(`the child exited (${code}) before staging`)));
    });
    const staging = readdirSync(parent).filter((n) => n.startsWith(`.run.staging.${child.pid}.`));
    expect(staging).toHaveLength(1);
    child.kill('SIGKILL');
    await new Promise((done) => child.on('exit', done));
    // The previous run is untouched; the dead writer's half-written folder is still there.
    expect(readFileSync(join(out, 'cv.csv'), 'utf8')).toBe('old\n');
    expect(readdirSync(out).sort()).toEqual(['cv.csv', 'summary.json']);
    expect(readdirSync(join(parent, staging[0]!)).sort()).toEqual(['cv.csv', 'cv.json']);
    replaceFolderAtomic(out, new Map([['op.json', '{}\n'], ['summary.json', '{"files":["op.json","summary.json"]}\n']]));
    expect(readdirSync(parent)).toEqual(['run']);
    expect(readdirSync(out).sort()).toEqual(['op.json', 'summary.json']);
  });
});

describe('single-file outputs', () => {
  it('replace a symlink planted at the target instead of writing through it, and leave no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-link-'));
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    const target = join(dir, 'deck.cir');
    symlinkSync(victim, target);
    writeFileAtomic(target, 'exported\n');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('exported\n');
    // A link planted at the name the old writer used (.<name>.<pid>.tmp) is not followed either.
    const old = join(dir, `.deck.cir.${process.pid}.tmp`);
    symlinkSync(victim, old);
    writeFileAtomic(target, 'again\n');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(readlinkSync(old)).toBe(victim);
    expect(readdirSync(dir).sort()).toEqual([`.deck.cir.${process.pid}.tmp`, 'deck.cir', 'victim.txt']);
  });
});
