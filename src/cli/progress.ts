/**
 * Progress of long commands, rendered on stderr (stdout stays the command's result).
 *
 * The library reports progress through callbacks (RunProgress in src/analyses/result.ts, the sweep's
 * done/total, the mPNP solver's simulated time, the equation search's generation); a command turns
 * each into `update(fraction, stage, detail)` of one reporter from `createProgress()`:
 *
 *   const progress = createProgress();
 *   try { result = work({ onProgress: (f, what) => progress.update(f, what) }); } finally { progress.stop(); }
 *
 * How it is shown is chosen once per command line by `ncm --progress <mode>` (any command):
 * - `auto` (default): a cli-progress bar when stderr is a terminal, shown once a stage has run 1 s;
 *   otherwise (stderr is a log or a pipe) one line per 10 % of a stage, from 2 s after the start, so
 *   quick commands stay silent in logs.
 * - `bar`: the bar at once, on a terminal or not. `lines`: every 10 % line from the start. `none`: nothing.
 *
 * A line reads `<stage>: <p>% (<elapsed> elapsed, ETA <remaining>)[ | <detail>]`, e.g.
 * `cv: 40% (2.0 s elapsed, ETA 3.0 s) | t = 12 us`; elapsed and ETA are of the stage. A new stage
 * name starts a new bar or a new run of lines.
 */
import { SingleBar, Presets } from 'cli-progress';
import { NcmError } from '../diagnostics.js';

export const PROGRESS_MODES = ['auto', 'bar', 'lines', 'none'] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];

/** What the reporter writes to: process.stderr, or a test's stand-in. */
export interface ProgressStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Default: the mode of this command line (`--progress`, set by setProgressMode). */
  mode?: ProgressMode;
  /** Default: process.stderr. */
  stream?: ProgressStream;
  /** Clock in milliseconds (default Date.now); tests pass their own. */
  now?: () => number;
}

export interface ProgressReporter {
  /**
   * `fraction` done in [0, 1] of the stage named `stage` (e.g. `cv`, `sweep`, `mpnp`); `detail` is
   * shown after the bar or the line (e.g. `t = 12 us | steps 40`). Cheap to call often: it throttles.
   */
  update(fraction: number, stage: string, detail?: string): void;
  /** Ends the bar (call in a finally). Writes nothing in line mode. */
  stop(): void;
}

let commandLineMode: ProgressMode = 'auto';

/** The `--progress` value of the command line being run (program.ts sets it before every action). */
export function setProgressMode(mode: string | undefined): void {
  const m = mode ?? 'auto';
  if (!(PROGRESS_MODES as readonly string[]).includes(m)) {
    throw new NcmError(`--progress '${m}': expected one of ${PROGRESS_MODES.join(', ')}`, { exitCode: 2 });
  }
  commandLineMode = m as ProgressMode;
}

export function progressMode(): ProgressMode {
  return commandLineMode;
}

/** `4.2 s`, `3 min 05 s`, `2 h 07 min`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** One 10 % line: `cv: 40% (2.0 s elapsed, ETA 3.0 s) | detail`. */
export function progressLine(stage: string, decile: number, elapsedSeconds: number, fraction: number, detail?: string): string {
  const eta = fraction >= 1 ? 0 : (elapsedSeconds * (1 - fraction)) / fraction;
  return `${stage}: ${decile * 10}% (${formatDuration(elapsedSeconds)} elapsed, ETA ${formatDuration(eta)})${detail ? ` | ${detail}` : ''}\n`;
}

const BAR_DELAY_MS = 1000;
const LINES_DELAY_MS = 2000;
const BAR_THROTTLE_MS = 100;

export function createProgress(options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? (process.stderr as ProgressStream);
  const now = options.now ?? Date.now;
  const mode = options.mode ?? commandLineMode;
  const tty = stream.isTTY === true;
  const style: 'bar' | 'lines' | 'none' = mode === 'auto' ? (tty ? 'bar' : 'lines') : mode;
  const auto = mode === 'auto';
  const created = now();
  let stage: string | undefined;
  let stageStart = created;
  let decile = 0;
  let bar: SingleBar | undefined;
  let lastDraw = 0;

  const newStage = (name: string): void => {
    bar?.stop();
    bar = undefined;
    // the first stage started when the reporter was made (with the command's work); later ones at their first report
    stageStart = stage === undefined ? created : now();
    stage = name;
    decile = 0;
  };

  return {
    update(fraction, name, detail) {
      if (style === 'none' || !(fraction >= 0)) return;
      const f = Math.min(1, fraction);
      if (name !== stage) newStage(name);
      const t = now();
      if (style === 'lines') {
        const d = Math.floor(f * 10 + 1e-9);
        if (d <= decile) return;
        decile = d;
        if (auto && t - created < LINES_DELAY_MS) return;
        stream.write(progressLine(name, d, (t - stageStart) / 1000, f, detail));
        return;
      }
      if (t - lastDraw < BAR_THROTTLE_MS && f < 1) return;
      lastDraw = t;
      if (!bar) {
        if (auto && t - stageStart < BAR_DELAY_MS) return;
        bar = new SingleBar(
          {
            format: ' {stage} [{bar}] {percentage}% | ETA {eta_formatted} | {duration_formatted}{detail}',
            stream: stream as unknown as NodeJS.WritableStream,
            hideCursor: true,
            noTTYOutput: !tty,
            etaBuffer: 20,
          },
          Presets.shades_classic,
        );
        bar.start(1000, 0, { stage: name, detail: '' });
      }
      bar.update(Math.round(f * 1000), { stage: name, detail: detail ? ` | ${detail}` : '' });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
