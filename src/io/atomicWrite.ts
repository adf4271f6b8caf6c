/**
 * Outputs written whole or not at all. A single file goes through an exclusively created temporary
 * sibling (`wx`: never an existing name, never through a planted symlink) renamed over the target.
 * A run's folder is written complete into a fresh staging folder beside it and swapped in by
 * renames: until the swap the previous result stays, after it nothing of the previous run remains.
 * A process killed mid-write leaves only a staging folder named after its pid, removed by the next
 * writer once that pid is no longer alive.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../diagnostics.js';

/** Why a path cannot be written, in words (the Node error code is not a message). */
function reason(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder';
  if (code === 'ENOENT') return 'the path cannot be created there';
  return e instanceof Error ? e.message : String(e);
}

/**
 * Creates `dir` and its missing parents one level at a time (Node's recursive mkdir can loop
 * forever under /proc); an existing file in the way is an input error, not a crash.
 */
export function ensureFolder(dir: string, shown = dir): void {
  const path = resolve(dir);
  const missing: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      missing.push(p);
      if (dirname(p) === p) break;
      continue;
    }
    if (!isDir) throw new InputError(`cannot write to '${shown}': '${p}' is an existing file, not a folder`);
    break;
  }
  for (const p of missing.reverse()) {
    try {
      mkdirSync(p);
    } catch (e) {
      if ((e as { code?: unknown }).code === 'EEXIST' && statSync(p).isDirectory()) continue;
      throw new InputError(`cannot create the folder '${p}': ${reason(e)}`);
    }
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: unknown }).code === 'EPERM';
  }
}

/** Removes `<prefix><pid>.*` entries of `parent` left by writers that are no longer alive. */
function removeStale(parent: string, prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/** Writes a file whole or not at all: to an exclusively created temporary sibling, renamed over the target. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  ensureFolder(dir);
  const prefix = `.${basename(path)}.tmp.`;
  removeStale(dir, prefix);
  const tmp = join(dir, `${prefix}${process.pid}.${randomBytes(6).toString('hex')}`);
  try {
    // 'wx' = O_CREAT | O_EXCL: fails on any existing name, a symlink included (it is not followed).
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    } finally {
      closeSync(fd);
    }
    if (existsAsFolder(path)) throw new InputError(`cannot write '${path}': it is an existing folder, expected a file name`);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot write '${path}': ${reason(e)}`);
  }
}

function existsAsFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Writes the files into a fresh folder made beside `dir` (so that a rename can move it into place). */
function stage(dir: string, files: ReadonlyMap<string, string | Uint8Array>): string {
  const parent = dirname(resolve(dir));
  const prefix = `.${basename(resolve(dir))}.staging.`;
  removeStale(parent, prefix);
  let staging: string;
  try {
    staging = mkdtempSync(join(parent, `${prefix}${process.pid}.`));
  } catch (e) {
    throw new InputError(`cannot write to '${dir}': ${reason(e)}`);
  }
  try {
    for (const [name, data] of files) {
      const p = join(staging, name);
      if (dirname(p) !== staging) mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, data, { flag: 'wx' });
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw new InputError(`cannot write to '${dir}': ${reason(e)}`);
  }
  return staging;
}

/**
 * Writes a set of files into `dir` so that either all of them land or none does (staged beside the
 * folder, then renamed into it one by one). Other files already in `dir` are kept: use
 * `replaceFolderAtomic` for a folder that holds one run.
 */
export function writeFilesAtomic(dir: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  ensureFolder(dir);
  const staging = stage(dir, files);
  try {
    for (const name of files.keys()) {
      const target = join(dir, name);
      if (dirname(target) !== dir) ensureFolder(dirname(target));
      renameSync(join(staging, name), target);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Makes `dir` hold exactly `files`: they are written into a staging folder, the previous folder is
 * moved aside, the staging folder renamed to `dir`, and the previous one removed. A folder that
 * holds anything but an earlier run's output (no `summary.json`) is refused, so a mistyped `-o`
 * never discards a user's files.
 */
export function replaceFolderAtomic(dir: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  ensureFolder(dirname(resolve(dir)), dir);
  let existing: string[] | undefined;
  try {
    if (lstatSync(dir).isDirectory()) existing = readdirSync(dir);
    else throw new InputError(`cannot write to '${dir}': it is an existing file, expected a folder (created if missing)`);
  } catch (e) {
    if (e instanceof InputError) throw e;
  }
  const visible = existing?.filter((n) => !n.startsWith('.'));
  if (visible && visible.length > 0 && !visible.includes('summary.json')) {
    throw new InputError(`cannot write to '${dir}': the folder holds files that are not an ncm run's output (no summary.json); choose a new or empty folder`);
  }
  const staging = stage(dir, files);
  if (existing === undefined) {
    renameSync(staging, dir);
    return;
  }
  const aside = `${staging}.previous`;
  try {
    renameSync(dir, aside);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw new InputError(`cannot replace '${dir}': ${reason(e)}`);
  }
  try {
    renameSync(staging, dir);
  } catch (e) {
    renameSync(aside, dir);
    rmSync(staging, { recursive: true, force: true });
    throw new InputError(`cannot replace '${dir}': ${reason(e)}`);
  }
  rmSync(aside, { recursive: true, force: true });
}
