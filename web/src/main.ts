/**
 * The playground page: a netlist editor, a simulation worker, and the results (measures table,
 * interactive plots, `ncm run`'s summary). Edits re-run small circuits after a pause; sliders
 * rewrite `.param` numbers in the text and re-run, drawing the previous curve faintly.
 */
import { autocompletion } from '@codemirror/autocomplete';
import { linter, lintGutter } from '@codemirror/lint';
import { keymap } from '@codemirror/view';
import { basicSetup, EditorView } from 'codemirror';
import type { TopLevelSpec } from 'vega-lite';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.js';
import { eng } from '../../src/io/runSummary.js';
import { parseNetlist } from '../../src/netlist/parse.js';
import { NumberLiteral } from '../../grammar/tokens.js';
import { netlistCompletion, toCmDiagnostic } from './editorSupport.js';
import { netlistHighlighting } from './language.js';
import type { FromWorker, RunOutput, ToWorker } from './messages.js';
import { overlayPrevious } from './overlay.js';
import { showPlot, type ShownPlot } from './plots.js';
import { decodeNetlist, encodeNetlist } from './share.js';
import { checkNetlist } from './simulate.js';
import { paramsOf, type ParamInfo } from './vocabulary.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const examples = import.meta.glob<string>('../../netlists/**/*.cir', { query: '?raw', import: 'default' });
const exampleName = (key: string): string => key.replace('../../netlists/', '');
const DEFAULT_EXAMPLE = 'ncm-6.cir';
/** Circuits up to this size re-run by themselves after an edit (if the last run was quick). */
const AUTO_RUN_ELEMENTS = 400;
const AUTO_RUN_SECONDS = 2;

let file = 'playground.cir';
let elements = 0;
let lastSeconds = 0;

// ---------------------------------------------------------------- the worker

type Reason = 'run' | 'edit' | 'slider';
let worker: Worker;
let nextId = 1;
let running: { id: number; reason: Reason; label: string; started: number } | undefined;
let queued: { reason: Reason; label: string } | undefined;
const fileWaiters = new Map<number, (text: string | undefined) => void>();

function startWorker(): void {
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<FromWorker>) => onWorkerMessage(e.data);
}

function request(reason: Reason, label = ''): void {
  if (running) {
    queued = { reason: queued?.reason === 'slider' ? 'slider' : reason, label: queued?.label || label };
    return;
  }
  const id = nextId++;
  running = { id, reason, label, started: performance.now() };
  setBusy(true);
  status(`running ${file}...`);
  const msg: ToWorker = { type: 'run', id, text: view.state.doc.toString(), file, tlm: $<HTMLInputElement>('tlm').checked };
  worker.postMessage(msg);
}

function cancel(): void {
  if (!running) return;
  worker.terminate();
  startWorker();
  running = undefined;
  queued = undefined;
  setBusy(false);
  status('cancelled');
}

function onWorkerMessage(m: FromWorker): void {
  if (m.type === 'file') {
    fileWaiters.get(m.id)?.(m.text);
    fileWaiters.delete(m.id);
    return;
  }
  if (!running || m.id !== running.id) return;
  if (m.type === 'progress') {
    $<HTMLProgressElement>('progress').value = m.fraction;
    status(`running ${file}: ${m.analysis} ${(m.fraction * 100).toFixed(0)} %`);
    return;
  }
  const done = running;
  running = undefined;
  setBusy(false);
  showDiagnostics(m.diagnostics);
  $('status').dataset['latency'] = String((performance.now() - done.started) / 1000);
  if (m.output) void showOutput(m.output, done.reason, done.label).then(() => ($('status').dataset['drawn'] = String((performance.now() - done.started) / 1000)));
  else if (m.error) status(m.error, true);
  else status(`${m.diagnostics.filter((d) => d.severity === 'error').length} error(s) in ${file}: nothing was run`, true);
  if (queued) {
    const q = queued;
    queued = undefined;
    request(q.reason, q.label);
  }
}

function askFile(name: string): Promise<string | undefined> {
  const id = nextId++;
  return new Promise((resolve) => {
    fileWaiters.set(id, resolve);
    worker.postMessage({ type: 'file', id, name } satisfies ToWorker);
  });
}

function setBusy(busy: boolean): void {
  $<HTMLButtonElement>('cancel').disabled = !busy;
  $<HTMLProgressElement>('progress').value = busy ? 0 : 1;
  idleState();
}

/** `body[data-idle]`: no run in flight, queued, scheduled or being drawn (tests and scripts wait for it). */
function idleState(): void {
  document.body.dataset['idle'] = String(!running && !queued && timer === undefined && drawing === 0);
}

function status(text: string, error = false): void {
  const s = $('status');
  s.textContent = text;
  s.classList.toggle('error', error);
}

// ---------------------------------------------------------------- results

let shown: ShownPlot[] = [];
let lastPlots = new Map<string, TopLevelSpec>();
let runs = 0;
let drawing = 0;

async function showOutput(out: RunOutput, reason: Reason, label: string): Promise<void> {
  drawing++;
  idleState();
  try {
    await drawOutput(out, reason, label);
  } finally {
    drawing--;
    idleState();
  }
}

async function drawOutput(out: RunOutput, reason: Reason, label: string): Promise<void> {
  lastSeconds = out.seconds;
  const s = $('status');
  const run = ++runs;
  s.dataset['runs'] = String(run);
  s.dataset['seconds'] = String(out.seconds);
  status(`${out.title}: ${out.elements} elements, ${out.analyses.map((a) => `${a.name} ${a.seconds.toFixed(3)} s`).join(', ')} (run ${runs})${out.notes.map((n) => `\nnote: ${n}`).join('')}`);
  $('summary').textContent = out.summary;
  showMeasures(out);
  fillDownloads(out.files);
  for (const p of shown) p.finalize();
  shown = [];
  const plots = $('plots');
  plots.replaceChildren();
  const before = lastPlots;
  lastPlots = new Map(out.plots.map((p) => [p.key, p.spec]));
  for (const p of out.plots) {
    const box = document.createElement('div');
    box.className = 'plot';
    box.dataset['key'] = p.key;
    box.dataset['points'] = String(((p.spec as { data?: { values?: unknown[] } }).data?.values ?? []).length);
    const tools = document.createElement('div');
    tools.className = 'tools';
    const svgLink = document.createElement('a');
    svgLink.href = '#';
    svgLink.textContent = `${p.key} (download SVG)`;
    tools.append(svgLink);
    const target = document.createElement('div');
    box.append(tools, target);
    plots.append(box);
    // After a slider move, the CV before it is drawn faintly under the new one.
    const old = before.get(p.key);
    const spec = reason === 'slider' && old && p.key.endsWith('-cv.svg') ? overlayPrevious(p.spec, old, label ? `before: ${label}` : 'before') : p.spec;
    const plot = await showPlot(target, spec);
    if (run !== runs) {
      // A newer result arrived while this one was drawn: it owns the plots now.
      plot.finalize();
      return;
    }
    shown.push(plot);
    svgLink.onclick = (e) => {
      e.preventDefault();
      void plot.svg().then((svg) => download(p.key, svg, 'image/svg+xml'));
    };
  }
  plots.dataset['rendered'] = String(run);
}

function showMeasures(out: RunOutput): void {
  const box = $('measures');
  box.replaceChildren();
  for (const a of out.analyses) {
    if (a.measures.rows.length === 0) continue;
    const table = document.createElement('table');
    table.className = 'measures';
    table.dataset['analysis'] = a.name;
    table.createCaption().textContent = `${a.name} (${a.kind})`;
    const head = table.createTHead().insertRow();
    for (const c of a.measures.columns) head.insertCell().outerHTML = `<th>${c.label}</th>`;
    const body = table.createTBody();
    for (const row of a.measures.rows) {
      const tr = body.insertRow();
      for (const c of a.measures.columns) {
        const td = tr.insertCell();
        const v = row[c.key]!;
        td.dataset['key'] = c.key;
        td.dataset['value'] = String(v);
        td.textContent = c.key === 'cycle' ? String(v) : c.unit ? eng(v, c.unit) : v.toFixed(4);
      }
    }
    box.append(table);
    for (const w of a.warnings) box.append(Object.assign(document.createElement('p'), { textContent: `warning: ${w}` }));
  }
}

// ---------------------------------------------------------------- downloads and sharing

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function fillDownloads(files: string[]): void {
  const sel = $<HTMLSelectElement>('download');
  sel.replaceChildren(new Option('download...', ''), new Option(`netlist (${file})`, '#netlist'), ...files.map((f) => new Option(f, f)));
}

$<HTMLSelectElement>('download').onchange = async (e) => {
  const sel = e.target as HTMLSelectElement;
  const name = sel.value;
  sel.value = '';
  if (name === '#netlist') return download(file, view.state.doc.toString(), 'text/plain');
  if (!name) return;
  const text = await askFile(name);
  if (text !== undefined) download(name, text, name.endsWith('.json') ? 'application/json' : 'text/csv');
};

$('share').onclick = async () => {
  const hash = `n=${await encodeNetlist(view.state.doc.toString())}`;
  history.replaceState(null, '', `#${hash}`);
  try {
    await navigator.clipboard.writeText(location.href);
    status('link copied: it holds the whole netlist');
  } catch {
    status('the address bar now holds a link with the whole netlist');
  }
};

// ---------------------------------------------------------------- diagnostics and sliders

function showDiagnostics(ds: Diagnostic[]): void {
  const ul = $('diagnostics');
  ul.replaceChildren(...ds.map((d) => Object.assign(document.createElement('li'), { className: d.severity, textContent: formatDiagnostic(d) })));
}

let sliderNames = '';
const NUMBER_AT = new RegExp(`^(?:${(NumberLiteral.PATTERN as RegExp).source})`);

function sliderRange(v: number): [number, number] {
  if (v === 0) return [-1, 1];
  if (v >= 0.01 && v < 1) return [0, 0.99]; // fractions such as gamma in [0, 1)
  return v > 0 ? [0, 2 * v] : [2 * v, 0];
}

function updateSliders(params: ParamInfo[]): void {
  const numeric = params.filter((p) => p.value);
  const names = numeric.map((p) => p.name).join(',');
  if (names === sliderNames) return;
  sliderNames = names;
  const box = $('sliders');
  box.replaceChildren();
  for (const p of numeric) {
    const v = p.value!.number;
    const [lo, hi] = sliderRange(v);
    const label = document.createElement('label');
    const input = Object.assign(document.createElement('input'), { type: 'range', min: String(lo), max: String(hi), step: String((hi - lo) / 200), value: String(v) });
    input.dataset['param'] = p.name;
    const out = Object.assign(document.createElement('output'), { textContent: String(v) });
    label.append(Object.assign(document.createElement('span'), { textContent: p.name }), input, out);
    box.append(label);
    const apply = (run: boolean) => {
      const x = Number(Number(input.value).toPrecision(4));
      out.textContent = String(x);
      if (setParam(p.name, x) && run) scheduleRun('slider', `${p.name} = ${previousValue.get(p.name) ?? v}`, 150);
    };
    input.oninput = () => apply(elements <= AUTO_RUN_ELEMENTS);
    input.onchange = () => {
      apply(true);
      previousValue.set(p.name, Number(out.textContent));
    };
  }
}
const previousValue = new Map<string, number>();

/** Rewrites the number of `.param name=<number>` in the text; false when it is no longer a number. */
function setParam(name: string, value: number): boolean {
  const p = paramsOf(parseNetlist(view.state.doc.toString(), { file }).ast).find((q) => q.name === name && q.value);
  if (!p?.value) return false;
  const line = view.state.doc.line(p.value.line);
  const from = line.from + p.value.column - 1;
  const m = NUMBER_AT.exec(line.text.slice(p.value.column - 1));
  if (!m) return false;
  view.dispatch({ changes: { from, to: from + m[0].length, insert: String(value) }, annotations: [] });
  return true;
}

// ---------------------------------------------------------------- the editor

let timer: ReturnType<typeof setTimeout> | undefined;
let sliderPending: { label: string } | undefined;
function scheduleRun(reason: Reason, label = '', delay = 600): void {
  if (reason === 'slider') sliderPending = { label };
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    const slider = sliderPending;
    sliderPending = undefined;
    request(slider ? 'slider' : reason, slider?.label ?? label);
  }, delay);
  idleState();
}

const view = new EditorView({
  parent: $('editor'),
  extensions: [
    basicSetup,
    EditorView.lineWrapping,
    netlistHighlighting(),
    autocompletion({ override: [netlistCompletion] }),
    lintGutter(),
    linter(
      (v) => {
        const { circuit, diagnostics } = checkNetlist(v.state.doc.toString(), file);
        elements = circuit?.elements.length ?? elements;
        updateSliders(paramsOf(parseNetlist(v.state.doc.toString(), { file }).ast));
        showDiagnostics(diagnostics);
        return diagnostics.map((d) => toCmDiagnostic(v.state.doc, d));
      },
      { delay: 250 },
    ),
    keymap.of([{ key: 'Mod-Enter', run: () => (request('run'), true) }]),
    EditorView.updateListener.of((u) => {
      if (!u.docChanged || loading) return;
      if (elements <= AUTO_RUN_ELEMENTS && lastSeconds <= AUTO_RUN_SECONDS) scheduleRun('edit');
    }),
  ],
});

let loading = false;
function setText(text: string, name: string): void {
  loading = true;
  file = name;
  sliderNames = '';
  lastPlots = new Map();
  previousValue.clear();
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  loading = false;
  const { circuit } = checkNetlist(text, file);
  elements = circuit?.elements.length ?? 0;
  request('run');
}

async function loadExample(name: string): Promise<void> {
  const key = Object.keys(examples).find((k) => exampleName(k) === name);
  if (!key) return;
  setText(await examples[key]!(), name.split('/').pop()!);
  $<HTMLSelectElement>('examples').value = name;
}

const select = $<HTMLSelectElement>('examples');
for (const key of Object.keys(examples).sort()) select.add(new Option(exampleName(key), exampleName(key)));
select.onchange = () => void loadExample(select.value);
$('run').onclick = () => request('run');
$('cancel').onclick = cancel;
$<HTMLInputElement>('tlm').onchange = () => request('run');

startWorker();
const shared = await decodeNetlist(location.hash);
if (shared !== undefined) setText(shared, 'shared.cir');
else await loadExample(DEFAULT_EXAMPLE);
