/**
 * A netlist and every file it includes, as text keyed by path, so that a worker on another machine
 * needs no shared disk. Paths are keyed as the netlist loader shows them (relative to the working
 * directory when inside it, absolute otherwise), so a worker in any directory resolves the same
 * includes and reports the same file names in error locations as a local run.
 */
import { isAbsolute, normalize, relative, resolve } from 'node:path';
import type { FileReader } from '../netlist/includes.js';
import { loadNetlist, readFromDisk } from '../io/loadNetlist.js';

export type NetlistFiles = Record<string, string>;

export function bundleKey(path: string): string {
  const abs = resolve(path);
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? normalize(rel) : abs;
}

/** The netlist and its includes as read from disk now (one load, the way a run reads them). */
export function bundleNetlist(path: string): { netlist: string; files: NetlistFiles } {
  const files: NetlistFiles = {};
  const recording: FileReader = (p) => {
    const text = readFromDisk(p);
    files[bundleKey(p)] = text;
    return text;
  };
  loadNetlist(path, { readFile: recording });
  return { netlist: bundleKey(path), files };
}

/** Reads from a bundle; a missing file fails as on disk (ENOENT), so the message is the same. */
export function bundleReader(files: NetlistFiles): FileReader {
  return (p) => {
    const text = files[bundleKey(p)];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${p}'`), { code: 'ENOENT' });
    return text;
  };
}
