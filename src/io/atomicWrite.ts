import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

/** Writes a file whole or not at all: to a temporary sibling first, then renamed over the target. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes a set of files so that either all of them land or none does: everything is written to a
 * staging folder first and only then renamed into place.
 */
export function writeFilesAtomic(dir: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  mkdirSync(dir, { recursive: true });
  const staging = join(dir, `.staging.${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [name, data] of files) {
      const p = join(staging, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, data);
    }
    for (const name of files.keys()) {
      const target = join(dir, name);
      mkdirSync(dirname(target), { recursive: true });
      renameSync(join(staging, name), target);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
