/**
 * Checkpoints of a running mPNP simulation as JSON: the integrator state (with its BDF history), the
 * series recorded so far and the snapshots, tied to the exact configuration. A resumed run
 * continues with the same steps as an uninterrupted one.
 */
import { readFileSync } from 'node:fs';
import type { CheckpointData } from './run.js';
import { InputError } from '../diagnostics.js';

const F64 = '__f64:';

function encode(_key: string, v: unknown): unknown {
  if (v instanceof Float64Array) return F64 + Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  return v;
}

function decode(_key: string, v: unknown): unknown {
  if (typeof v === 'string' && v.startsWith(F64)) {
    const b = Buffer.from(v.slice(F64.length), 'base64');
    const out = new Float64Array(b.length / 8);
    new Uint8Array(out.buffer).set(b);
    return out;
  }
  return v;
}

export function checkpointToJson(c: CheckpointData): string {
  return JSON.stringify({ format: 'nanocircuit-mpnp-checkpoint', version: 1, ...c }, encode);
}

export function parseCheckpoint(text: string, name = 'checkpoint'): CheckpointData {
  const raw = JSON.parse(text, decode) as { format?: string; version?: number } & CheckpointData;
  if (raw.format !== 'nanocircuit-mpnp-checkpoint' || raw.version !== 1) throw new InputError(`${name} is not an mPNP checkpoint (version 1)`);
  return raw;
}

export function readCheckpoint(path: string): CheckpointData {
  return parseCheckpoint(readFileSync(path, 'utf8'), path);
}
