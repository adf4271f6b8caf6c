/**
 * The simulation worker: the library's core runs here, so the page never blocks. One request at
 * a time; the page cancels a run by terminating this worker and starting a new one.
 */
import { NcmError } from '../../src/diagnostics.js';
import type { FromWorker, ToWorker } from './messages.js';
import { checkNetlist, simulate, type Simulation } from './simulate.js';

const post = (m: FromWorker): void => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(m);
let last: Simulation | undefined;

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'file') {
    post({ type: 'file', id: msg.id, name: msg.name, text: last?.file(msg.name) });
    return;
  }
  const { circuit, diagnostics, notes } = checkNetlist(msg.text, msg.file);
  if (!circuit) {
    post({ type: 'result', id: msg.id, diagnostics, output: undefined, error: undefined });
    return;
  }
  // Progress at most every 50 ms: a message per step would flood the page.
  let lastPost = 0;
  const onProgress = (fraction: number, analysis: string): void => {
    const now = performance.now();
    if (now - lastPost < 50 && fraction < 1) return;
    lastPost = now;
    post({ type: 'progress', id: msg.id, fraction, analysis });
  };
  try {
    last = simulate(circuit, { tlm: msg.tlm, notes, onProgress });
    post({ type: 'result', id: msg.id, diagnostics, output: last.output, error: undefined });
  } catch (e) {
    // NcmErrors are the user's (a run that cannot proceed): show the message. Others are ours.
    const error = e instanceof NcmError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    post({ type: 'result', id: msg.id, diagnostics, output: undefined, error });
  }
};
