/**
 * What one queue job carries: the sweep it belongs to, its points (index and parameter values), and
 * the netlist with its includes. Checked on arrival: a malformed job is a recorded failure, never a
 * worker crash.
 */
import type { NetlistFiles } from './bundle.js';

export interface SweepJobData {
  sweep: string;
  /** Display path of the top-level netlist (a key of `files`). */
  netlist: string;
  files: NetlistFiles;
  /** Swept parameter names, in axis order. */
  names: string[];
  /** Point indices of this job and their values (one row per index). */
  indices: number[];
  values: number[][];
  /** Starts of one point after which it is recorded as failed instead of run again. */
  maxStarts: number;
}

const isNumberArray = (x: unknown): x is number[] => Array.isArray(x) && x.every((v) => typeof v === 'number');

/** The job's data, or a sentence saying what is wrong with it. */
export function checkJobData(x: unknown): SweepJobData | string {
  if (typeof x !== 'object' || x === null) return 'the job carries no sweep data';
  const d = x as Record<string, unknown>;
  if (typeof d['sweep'] !== 'string') return 'the job names no sweep';
  if (typeof d['netlist'] !== 'string') return 'the job carries no netlist path';
  const files = d['files'];
  if (typeof files !== 'object' || files === null || Object.values(files).some((t) => typeof t !== 'string')) return 'the job carries no netlist files';
  if (typeof (files as Record<string, unknown>)[d['netlist']] !== 'string') return `the job does not carry its netlist '${d['netlist']}'`;
  if (!Array.isArray(d['names']) || !d['names'].every((n) => typeof n === 'string')) return 'the job names no swept parameters';
  const names = d['names'] as string[];
  if (!isNumberArray(d['indices']) || !Array.isArray(d['values'])) return 'the job carries no points';
  const values = d['values'] as unknown[];
  if (values.length !== d['indices'].length || !values.every((v) => isNumberArray(v) && v.length === names.length)) return 'the job points do not match its parameters';
  if (typeof d['maxStarts'] !== 'number' || !(d['maxStarts'] >= 1)) return 'the job has no retry limit';
  return d as unknown as SweepJobData;
}
