/**
 * Reading an mPNP configuration named on the command line (`ncm mpnp`, `ncm multiscale`): a netlist
 * given by mistake is named as such, `--set` values are positioned in their argument, and the
 * default output folder carries the `--set` values so that runs with different overrides do not
 * overwrite each other.
 */
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { NcmError } from '../diagnostics.js';
import { parseMpnpConfig } from '../mpnp/config.js';
import type { MpnpConfig } from '../mpnp/run.js';

const NETLIST_EXTENSIONS = new Set(['.cir', '.net', '.sp', '.spi', '.spice', '.ckt', '.lib', '.inc']);
/** A dot-directive of the netlist language at the start of a line (YAML keys never start with a dot). */
const NETLIST_DIRECTIVE = /^[ \t]*\.(end|ends|tran|cv|ac|op|param|subckt|include|lib|options|step|protocol|chrono|save|model|global|meas|print|plot)\b/im;

/** Throws when `text` is a netlist rather than a YAML configuration. */
export function rejectNetlist(path: string, text: string, command: string): void {
  const m = NETLIST_DIRECTIVE.exec(text);
  if (!NETLIST_EXTENSIONS.has(extname(path).toLowerCase()) && !m) return;
  const line = m ? text.slice(0, m.index).split('\n').length : 1;
  throw new NcmError(
    `ncm ${command} expects a YAML configuration (keys electrolyte, stern, geometry, grid, protocol, solver; see examples/mpnp-d1.5.yaml), ` +
      `but this is a netlist: run it with ncm run ${path}`,
    { loc: { file: path, line, column: 1 } },
  );
}

/** Reads, checks and parses the configuration file with the `--set` overrides. */
export function readMpnpConfigFile(path: string, sets: readonly string[], command: string): MpnpConfig {
  const text = readFileSync(path, 'utf8');
  rejectNetlist(path, text, command);
  return parseMpnpConfig(text, path, sets);
}

/** `out/<prefix>-<config name>[-<key>=<value>...]`: the last part of each key path, values without spaces. */
export function defaultOutDir(prefix: string, configPath: string, sets: readonly string[]): string {
  const parts = [`${prefix}-${basename(configPath, extname(configPath))}`];
  for (const s of sets) {
    const eq = s.indexOf('=');
    const key = s.slice(0, eq).split('.').pop() ?? '';
    const value = s
      .slice(eq + 1)
      .replace(/\s+/g, '')
      .replace(/[/\\]/g, '_')
      .replace(/[^A-Za-z0-9._+\-µ=_]/g, '');
    parts.push(`${key}=${value}`);
  }
  return join('out', parts.join('-'));
}
