/**
 * Reader of LAMMPS custom atom dumps (`dump ... custom N file id type q x y z`), streamed frame by
 * frame so that long trajectories never sit in memory. Columns are found by name in the
 * `ITEM: ATOMS` header; `type`, `q` and `z` are required. A malformed file is an NcmError naming the
 * file, line and what was expected.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { NcmError } from '../diagnostics.js';

export interface DumpFrame {
  step: number;
  atoms: number;
  /** Box bounds [lo, hi] along x, y, z, in the dump's units (Angstrom for units real). */
  bounds: [number, number, number, number, number, number];
  type: Int32Array;
  /** Charge per atom (e for units real). */
  q: Float64Array;
  z: Float64Array;
}

/** Calls `fn` for every line of a text file, reading it in chunks. */
export function forEachLine(path: string, fn: (line: string, lineNo: number) => void): void {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 22);
  let rest = '';
  let lineNo = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + buf.toString('utf8', 0, n);
      let start = 0;
      let nl: number;
      while ((nl = text.indexOf('\n', start)) >= 0) {
        fn(text.slice(start, nl), ++lineNo);
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    if (rest.length > 0) fn(rest, ++lineNo);
  } finally {
    closeSync(fd);
  }
}

type State = 'item' | 'step' | 'count' | 'bounds' | 'atoms';

/** Streams the frames of a dump to `onFrame` (the frame's arrays are reused: copy what you keep). */
export function readDump(path: string, onFrame: (f: DumpFrame) => void): number {
  let state: State = 'item';
  let frame: DumpFrame | null = null;
  let boundLines = 0;
  let row = 0;
  let col = { type: -1, q: -1, z: -1 };
  let width = 0;
  let frames = 0;
  const fail = (lineNo: number, msg: string): never => {
    throw new NcmError(msg, { loc: { file: path, line: lineNo, column: 1 } });
  };
  const num = (s: string, lineNo: number, what: string): number => {
    const v = Number(s);
    if (s === '' || !Number.isFinite(v)) fail(lineNo, `expected ${what}, got '${s}'`);
    return v;
  };
  let pendingStep = 0;
  forEachLine(path, (line, lineNo) => {
    switch (state) {
      case 'item': {
        if (line.trim() === '') return;
        if (line.startsWith('ITEM: TIMESTEP')) state = 'step';
        else fail(lineNo, `expected 'ITEM: TIMESTEP' (a LAMMPS dump frame), got '${line.slice(0, 40)}'`);
        return;
      }
      case 'step': {
        pendingStep = num(line.trim(), lineNo, 'a time step number');
        state = 'count';
        return;
      }
      case 'count': {
        if (line.startsWith('ITEM: NUMBER OF ATOMS')) return;
        const n = num(line.trim(), lineNo, 'the number of atoms');
        if (!frame || frame.atoms !== n) frame = { step: 0, atoms: n, bounds: [0, 0, 0, 0, 0, 0], type: new Int32Array(n), q: new Float64Array(n), z: new Float64Array(n) };
        frame.step = pendingStep;
        boundLines = 0;
        state = 'bounds';
        return;
      }
      case 'bounds': {
        if (line.startsWith('ITEM: BOX BOUNDS')) return;
        if (line.startsWith('ITEM: ATOMS')) {
          if (boundLines !== 3) fail(lineNo, `expected 3 box-bound lines, found ${boundLines}`);
          const names = line.slice('ITEM: ATOMS'.length).trim().split(/\s+/);
          col = { type: names.indexOf('type'), q: names.indexOf('q'), z: names.indexOf('z') };
          for (const [k, v] of Object.entries(col)) if (v < 0) fail(lineNo, `the dump has no '${k}' column (columns: ${names.join(' ')}); dump with 'custom N file id type q x y z'`);
          width = names.length;
          row = 0;
          state = frame!.atoms > 0 ? 'atoms' : 'item';
          if (frame!.atoms === 0) {
            frames++;
            onFrame(frame!);
          }
          return;
        }
        const b = line.trim().split(/\s+/);
        if (boundLines >= 3 || b.length < 2) fail(lineNo, `expected a box-bound line 'lo hi', got '${line}'`);
        frame!.bounds[2 * boundLines] = num(b[0]!, lineNo, 'a box bound');
        frame!.bounds[2 * boundLines + 1] = num(b[1]!, lineNo, 'a box bound');
        boundLines++;
        return;
      }
      case 'atoms': {
        const cells = line.trim().split(/\s+/);
        if (cells.length !== width) fail(lineNo, `expected ${width} values per atom, found ${cells.length}`);
        const f = frame!;
        f.type[row] = num(cells[col.type]!, lineNo, 'an atom type');
        f.q[row] = num(cells[col.q]!, lineNo, 'a charge');
        f.z[row] = num(cells[col.z]!, lineNo, 'a z coordinate');
        row++;
        if (row === f.atoms) {
          frames++;
          onFrame(f);
          state = 'item';
        }
        return;
      }
    }
  });
  if (state !== 'item') throw new NcmError(`${path}: the last frame is incomplete (the run was cut short?)`);
  return frames;
}
