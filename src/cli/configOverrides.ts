/**
 * `--set key.path=value` on a YAML configuration (ncm mpnp, ncm md). Its own module so that the YAML
 * library loads only when a command reads a configuration (start-up, issue 12).
 */
import { parseDocument } from 'yaml';
import { NcmError } from '../diagnostics.js';

/** Applies `--set a.b=value` overrides to the configuration text (values parsed as YAML scalars). */
export function applyOverrides(text: string, sets: string[]): string {
  if (sets.length === 0) return text;
  // an empty file has no mapping to set keys in
  const doc = parseDocument(text.trim() === '' ? '{}' : text);
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new NcmError(`--set ${s}: expected key.path=value, e.g. --set geometry.slitWidth="2 nm"`, { exitCode: 2 });
    const path = s.slice(0, eq).split('.');
    const raw = s.slice(eq + 1);
    const v = parseDocument(raw).toJS() as unknown;
    doc.setIn(path, v);
  }
  return doc.toString();
}
