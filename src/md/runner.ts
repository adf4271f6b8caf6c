/**
 * Runs LAMMPS (`lmp`, Debian package `lammps`) on a written input: no shell, an argument array, the
 * run folder as working directory. Reads the screen output line by line: thermo rows give the
 * progress, `Performance:` lines the speed, and an `ERROR` line becomes an NcmError that quotes it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { NcmError } from '../diagnostics.js';
import { INPUT_FILE, LOG_FILE } from './lammps.js';

export const LAMMPS_INSTALL_HINT = 'install LAMMPS (Debian/Ubuntu: sudo apt-get install lammps) so that `lmp` is on the PATH, or name the binary with --lmp';

export interface LammpsProgress {
  step: number;
  totalSteps: number;
  /** The thermo row's values by column name (Step, Time, c_tmob, PotEng, ...). */
  thermo: Record<string, number>;
}

export interface LammpsRunStats {
  /** Wall seconds of the whole process. */
  wallSeconds: number;
  /** Sum of LAMMPS loop times over all runs, s. */
  loopSeconds: number;
  /** Steps integrated (sum over runs). */
  steps: number;
  /** `Performance:` of each run, ns/day (the last one is the recorded production run). */
  nsPerDay: number[];
  /** `% CPU use` of each run (tells how loaded the machine was). */
  cpuUse: number[];
  version: string;
}

export interface LammpsRunOptions {
  /** Folder holding in.md and system.data; LAMMPS writes log and trajectory there. */
  dir: string;
  totalSteps: number;
  binary?: string;
  onProgress?: (p: LammpsProgress) => void;
  /** Extra environment (OMP_NUM_THREADS defaults to 1). */
  env?: Record<string, string>;
}

/** The version line of `lmp -h`, or null when the binary cannot be started. */
export function lammpsVersion(binary = 'lmp'): string | null {
  const r = spawnSync(binary, ['-h'], { encoding: 'utf8', timeout: 20_000 });
  if (r.error || typeof r.stdout !== 'string') return null;
  const m = /Large-scale Atomic\/Molecular Massively Parallel Simulator - ([^\n]+)/.exec(r.stdout);
  return m ? m[1]!.trim() : 'unknown version';
}

/** Parses LAMMPS screen output incrementally; shared by the runner and its tests. */
export class LammpsOutputParser {
  columns: string[] | null = null;
  lastStep = 0;
  error: string | null = null;
  lastCommand: string | null = null;
  readonly nsPerDay: number[] = [];
  readonly cpuUse: number[] = [];
  loopSeconds = 0;
  steps = 0;
  version = '';

  /** Feeds one line; returns the thermo row when the line is one. */
  line(text: string): Record<string, number> | null {
    const t = text.trim();
    if (t.startsWith('LAMMPS (')) this.version = t.slice(8, -1);
    const err = /^ERROR(?: on proc \d+)?: (.*)$/.exec(t);
    if (err) {
      if (this.error === null) this.error = t;
      return null;
    }
    if (t.startsWith('Last command:')) {
      this.lastCommand = t.slice('Last command:'.length).trim();
      return null;
    }
    if (/^Step\s/.test(t)) {
      this.columns = t.split(/\s+/);
      return null;
    }
    const loop = /^Loop time of ([\d.eE+-]+) on \d+ procs for (\d+) steps/.exec(t);
    if (loop) {
      this.loopSeconds += Number(loop[1]);
      this.steps += Number(loop[2]);
      this.columns = null;
      return null;
    }
    const perf = /^Performance: ([\d.eE+-]+) ns\/day/.exec(t);
    if (perf) {
      this.nsPerDay.push(Number(perf[1]));
      return null;
    }
    const cpu = /^([\d.]+)% CPU use/.exec(t);
    if (cpu) {
      this.cpuUse.push(Number(cpu[1]));
      return null;
    }
    if (this.columns) {
      const cells = t.split(/\s+/);
      if (cells.length !== this.columns.length) return null;
      const nums = cells.map(Number);
      if (nums.some((v) => !Number.isFinite(v))) return null;
      const row: Record<string, number> = {};
      this.columns.forEach((c, i) => (row[c] = nums[i]!));
      this.lastStep = row['Step'] ?? this.lastStep;
      return row;
    }
    return null;
  }
}

/** Runs `lmp -in in.md` in `dir`; resolves with the run statistics, rejects with an NcmError. */
export function runLammps(opts: LammpsRunOptions): Promise<LammpsRunStats> {
  const binary = opts.binary ?? 'lmp';
  const t0 = performance.now();
  const parser = new LammpsOutputParser();
  const tail: string[] = [];
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['-in', INPUT_FILE, '-log', LOG_FILE, '-nocite'], {
      cwd: opts.dir,
      env: { ...process.env, OMP_NUM_THREADS: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    const feed = (chunk: string): void => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        tail.push(line);
        if (tail.length > 20) tail.shift();
        const row = parser.line(line);
        if (row && opts.onProgress) opts.onProgress({ step: parser.lastStep, totalSteps: opts.totalSteps, thermo: row });
      }
    };
    child.stdout.setEncoding('utf8').on('data', feed);
    child.stderr.setEncoding('utf8').on('data', feed);
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') reject(new NcmError(`md: cannot run '${binary}': not found; ${LAMMPS_INSTALL_HINT}`));
      else reject(new NcmError(`md: cannot run '${binary}': ${e.message}`));
    });
    child.on('close', (code, signal) => {
      if (pending) feed('\n');
      if (parser.error !== null || code !== 0) {
        const what = parser.error ?? `exit ${code ?? signal}; last output:\n  ${tail.slice(-5).join('\n  ')}`;
        const cmd = parser.lastCommand ? ` (last command: ${parser.lastCommand})` : '';
        reject(new NcmError(`md: LAMMPS failed in ${opts.dir}: ${what}${cmd}; the full log is ${opts.dir}/${LOG_FILE}`));
        return;
      }
      resolve({
        wallSeconds: (performance.now() - t0) / 1000,
        loopSeconds: parser.loopSeconds,
        steps: parser.steps,
        nsPerDay: parser.nsPerDay,
        cpuUse: parser.cpuUse,
        version: parser.version,
      });
    });
  });
}
