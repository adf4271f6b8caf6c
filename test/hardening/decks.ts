/** Writes generated netlists into a fresh temporary folder for the hardening tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function deckDir(prefix: string): (name: string, text: string) => string {
  const dir = mkdtempSync(join(tmpdir(), `ncm-${prefix}-`));
  return (name, text) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
}
