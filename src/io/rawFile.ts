/**
 * ngspice raw files (the format of `ngspice -r`, read by existing waveform viewers and by Python
 * readers such as spicelib or ltspice): a text header, then the values, binary (little-endian
 * float64, point by point, each variable in order; complex values as re, im) or ASCII. The layout
 * copies ngspice 4x's own output byte for byte in the header (`test/io/rawFile.test.ts` reads a file
 * written by ngspice with the same reader). No Node modules: the playground can offer it too.
 */
import type { AnalysisResult } from '../analyses/result.js';

export interface RawVariable {
  name: string;
  /** ngspice's type word: time, frequency, voltage, current, charge, impedance, notype. */
  type: string;
}

export interface RawPlot {
  title: string;
  date: string;
  plotname: string;
  /** `real` or `complex` (ngspice may add words such as `forward`; they are kept). */
  flags: string;
  variables: RawVariable[];
  points: number;
  /** By variable: the real parts, and for a complex plot the imaginary parts. */
  real: Float64Array[];
  imag?: Float64Array[];
}

const TYPE_OF_UNIT: Record<string, string> = { s: 'time', Hz: 'frequency', V: 'voltage', A: 'current', C: 'charge', ohm: 'impedance' };

/** ngspice's date: `Wed Dec  2 00:42:35  2026` (C's ctime with two spaces before the year). */
export function rawDate(d: Date): string {
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]!;
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${day} ${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}  ${d.getUTCFullYear()}`;
}

/**
 * The raw plot of one analysis result. Time-domain analyses are ngspice's `Transient Analysis`
 * (real); `.ac` is `AC Analysis` (complex) with the frequency and the impedance z = re + j im;
 * `.op` is `Operating Point` with one point.
 */
export function rawPlotOf(r: AnalysisResult, title: string, date: string): RawPlot | undefined {
  if (r.kind === 'op') {
    const entries = Object.entries(r.summary.values);
    return {
      title, date, plotname: 'Operating Point', flags: 'real', points: 1,
      variables: entries.map(([name]) => ({ name, type: typeOf(name) })),
      real: entries.map(([, v]) => Float64Array.of(v)),
    };
  }
  const w = r.waveforms;
  if (!w) return undefined;
  if (r.kind === 'ac') {
    const at = (l: string): Float64Array => w.columns[w.labels.indexOf(l)]!;
    const f = at('frequency');
    return {
      title, date, plotname: 'AC Analysis', flags: 'complex', points: w.length,
      variables: [{ name: 'frequency', type: 'frequency' }, { name: 'z', type: 'impedance' }],
      real: [f, at('re(z)')],
      imag: [new Float64Array(w.length), at('im(z)')],
    };
  }
  return {
    title, date, plotname: 'Transient Analysis', flags: 'real', points: w.length,
    variables: w.labels.map((name, k) => ({ name, type: TYPE_OF_UNIT[w.units[k] ?? ''] ?? 'notype' })),
    real: w.columns.map((c) => c.subarray(0, w.length)),
  };
}

function typeOf(label: string): string {
  return label.startsWith('v(') ? 'voltage' : label.startsWith('i(') ? 'current' : label.startsWith('q(') ? 'charge' : 'notype';
}

function header(p: RawPlot): string {
  const lines = [
    `Title: ${p.title.replace(/[\r\n]+/g, ' ')}`,
    `Date: ${p.date}`,
    `Plotname: ${p.plotname}`,
    `Flags: ${p.flags}`,
    `No. Variables: ${p.variables.length}`,
    `No. Points: ${String(p.points).padEnd(8)}`,
    'Variables:',
    ...p.variables.map((v, k) => `\t${k}\t${v.name}\t${v.type}`),
  ];
  return lines.join('\n') + '\n';
}

/** ASCII raw (ngspice's `set filetype=ascii`): per point `index\t\tvalue`, then `\tvalue` per further variable. */
export function rawAscii(plots: RawPlot[]): string {
  const out: string[] = [];
  const num = (v: number): string => v.toExponential(15);
  for (const p of plots) {
    out.push(header(p) + 'Values:\n');
    for (let k = 0; k < p.points; k++) {
      const parts: string[] = [];
      for (let j = 0; j < p.variables.length; j++) {
        const v = p.imag ? `${num(p.real[j]![k]!)},${num(p.imag[j]![k]!)}` : num(p.real[j]![k]!);
        parts.push(j === 0 ? `${k}\t\t${v}` : `\t${v}`);
      }
      out.push(parts.join('\n') + '\n');
    }
  }
  return out.join('');
}

/** Binary raw (ngspice's default): the header, `Binary:`, then little-endian float64 values point by point. */
export function rawBinary(plots: RawPlot[]): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const p of plots) {
    chunks.push(enc.encode(header(p) + 'Binary:\n'));
    const per = p.imag ? 2 : 1;
    const values = new Float64Array(p.points * p.variables.length * per);
    let i = 0;
    for (let k = 0; k < p.points; k++) {
      for (let j = 0; j < p.variables.length; j++) {
        values[i++] = p.real[j]![k]!;
        if (p.imag) values[i++] = p.imag[j]![k]!;
      }
    }
    const bytes = new Uint8Array(values.buffer);
    // Float64Array uses the platform's byte order: make it little-endian on a big-endian host.
    if (new Uint8Array(Float64Array.of(1).buffer)[7] !== 0x3f) {
      const dv = new DataView(values.buffer);
      for (let b = 0; b < values.length; b++) dv.setFloat64(b * 8, values[b]!, true);
    }
    chunks.push(bytes);
  }
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const all = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    all.set(c, o);
    o += c.length;
  }
  return all;
}

/** Reads every plot of a raw file, binary or ASCII, ours or ngspice's. Throws an Error naming the line that is wrong. */
export function readRaw(data: Uint8Array): RawPlot[] {
  const plots: RawPlot[] = [];
  const dec = new TextDecoder('latin1');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  let lineNo = 0;
  const nextLine = (): string | undefined => {
    if (pos >= data.length) return undefined;
    let end = data.indexOf(10, pos);
    if (end < 0) end = data.length;
    const s = dec.decode(data.subarray(pos, end)).replace(/\r$/, '');
    pos = end + 1;
    lineNo++;
    return s;
  };
  const fail = (msg: string): never => {
    throw new Error(`raw file line ${lineNo}: ${msg}`);
  };
  for (;;) {
    const fields = new Map<string, string>();
    let line = nextLine();
    while (line !== undefined && line.trim() === '') line = nextLine();
    if (line === undefined) break;
    const variables: RawVariable[] = [];
    let body: 'binary' | 'ascii' | undefined;
    while (line !== undefined) {
      const m = /^([^:]+):\s?(.*)$/.exec(line);
      if (!m) fail(`expected 'Key: value', found '${line}'`);
      const key = m![1]!.trim().toLowerCase();
      if (key === 'variables') {
        const n = Number(fields.get('no. variables'));
        if (!Number.isInteger(n) || n < 1) fail(`'Variables:' before a valid 'No. Variables:'`);
        for (let k = 0; k < n; k++) {
          const v = nextLine();
          const parts = v?.trim().split(/\s+/) ?? [];
          if (parts.length < 3 || Number(parts[0]) !== k) fail(`expected variable ${k} as 'index name type', found '${v ?? 'end of file'}'`);
          variables.push({ name: parts[1]!, type: parts[2]! });
        }
      } else if (key === 'binary' || key === 'values') {
        body = key === 'binary' ? 'binary' : 'ascii';
        break;
      } else fields.set(key, m![2]!.trim());
      line = nextLine();
    }
    if (!body) fail(`missing 'Binary:' or 'Values:'`);
    const flags = fields.get('flags') ?? 'real';
    const complex = /\bcomplex\b/i.test(flags);
    const points = Number(fields.get('no. points'));
    if (!Number.isInteger(points) || points < 0) fail(`'No. Points:' is not a count: '${fields.get('no. points')}'`);
    const real = variables.map(() => new Float64Array(points));
    const imag = complex ? variables.map(() => new Float64Array(points)) : undefined;
    if (body === 'binary') {
      const need = points * variables.length * (complex ? 16 : 8);
      if (pos + need > data.length) fail(`binary values end early: ${points} points of ${variables.length} variables need ${need} bytes, found ${data.length - pos}`);
      for (let k = 0; k < points; k++) {
        for (let j = 0; j < variables.length; j++) {
          real[j]![k] = view.getFloat64(pos, true);
          pos += 8;
          if (imag) {
            imag[j]![k] = view.getFloat64(pos, true);
            pos += 8;
          }
        }
      }
    } else {
      for (let k = 0; k < points; k++) {
        for (let j = 0; j < variables.length; j++) {
          let l = nextLine();
          while (l !== undefined && l.trim() === '') l = nextLine();
          if (l === undefined) fail(`values end early at point ${k}, variable ${j}`);
          const parts = l!.trim().split(/\s+/);
          if (j === 0 && Number(parts[0]) !== k) fail(`expected point index ${k}, found '${parts[0]}'`);
          const text = parts[j === 0 ? 1 : 0] ?? '';
          const [re, im] = text.split(',');
          real[j]![k] = Number(re);
          if (imag) imag[j]![k] = Number(im);
          if (Number.isNaN(real[j]![k]) || (imag && Number.isNaN(imag[j]![k]))) fail(`malformed value '${text}'`);
        }
      }
    }
    plots.push({
      title: fields.get('title') ?? '', date: fields.get('date') ?? '', plotname: fields.get('plotname') ?? '', flags, variables, points, real,
      ...(imag ? { imag } : {}),
    });
  }
  return plots;
}
