/**
 * The playground in a real browser (Debian's chromium driven by playwright-core): the built page
 * runs a bundled netlist, shows the CV with as many points as the CLI's plot and the capacitance
 * the library computes, underlines an error at its line with `ncm check`'s message, re-runs when a
 * slider moves, and leaves a screenshot in test-artifacts/ (gitignored) to look at.
 * Skipped with a message when /usr/bin/chromium is absent; CI installs it (.ci/run).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCircuit } from '../../src/analyses/run.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { plotSpecs } from '../../src/io/plotSpecs.js';
import { eng } from '../../src/io/runSummary.js';
import { elaborate } from '../../src/netlist/elaborate.js';
import { parseNetlist } from '../../src/netlist/parse.js';
import { encodeNetlist } from '../../web/src/share.js';
import { buildAndServe, CHROMIUM, idle, openChromium, runsDone, type Browser, type Site } from '../../web/tools/site.js';

const RC = readFileSync('netlists/rc.cir', 'utf8');
/** Node 20 and chromium differ in the last bits of Math functions: measured 2.9e-13 relative on C_cv. */
const C_RTOL = 1e-11;
const hasChromium = existsSync(CHROMIUM);
// CI (.ci/run) installs chromium and sets NCM_REQUIRE_CHROMIUM: there a missing browser fails the suite.
const required = process.env['NCM_REQUIRE_CHROMIUM'] === '1';
if (!hasChromium && !required) console.warn(`playground browser tests skipped: ${CHROMIUM} not found (apt-get install chromium; CI installs it)`);

/** What the library computes for a netlist text: the CV plot's point count and C_cv of every cycle. */
function libraryFigures(text: string): { points: number; capacitance: number[] } {
  const parsed = parseNetlist(text, { file: 'lib.cir' });
  const { circuit, diagnostics } = elaborate(parsed.ast);
  expect([...parsed.diagnostics, ...diagnostics].filter((d) => d.severity === 'error')).toEqual([]);
  const run = runCircuit(circuit!);
  const cv = run.results.find((r) => r.analysis.kind === 'cv')!;
  const spec = plotSpecs(cv, circuit!.title).get(`${cv.name}-cv.svg`) as { data: { values: unknown[] } };
  return { points: spec.data.values.length, capacitance: cv.kind === 'cv' ? cv.summary.cycles.map((c) => c.capacitance) : [] };
}

const shownCapacitance = (page: Page): Promise<Array<[string | null, string | null]>> =>
  page.$$eval('table[data-analysis="cv"] td[data-key="capacitance"]', (tds) => tds.map((td): [string | null, string | null] => [td.getAttribute('data-value'), td.textContent]));

/** The table shows the library's C_cv (as `ncm run` prints it) and holds its full value. */
function expectSameCapacitance(shown: Array<[string | null, string | null]>, lib: number[]): void {
  expect(shown.map(([, text]) => text)).toEqual(lib.map((c) => eng(c, 'F')));
  shown.forEach(([value], i) => expect(Math.abs(Number(value) / lib[i]! - 1)).toBeLessThan(C_RTOL));
}

/** Points of the rendered CV: vertices of the SVG line paths vega drew (M + one L per point). */
const renderedCvPoints = (page: Page): Promise<number> =>
  page.$$eval('.plot[data-key="cv-cv.svg"] g.mark-line path', (paths) => paths.reduce((n, p) => n + (p.getAttribute('d')!.match(/L/g)?.length ?? 0) + 1, 0));

describe.runIf(!hasChromium && required)('the playground in chromium (CI)', () => {
  it('has chromium', () => expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: .ci/run installs it with apt-get`).toBe(true));
});

describe.skipIf(!hasChromium)('the playground in chromium', () => {
  let page: Page;
  let site: Site;
  let browser: Browser;

  beforeAll(async () => {
    site = await buildAndServe();
    browser = await openChromium();
    page = browser.page;
    // Open a shared link (the netlist deflated in the hash): the page runs it on load.
    await page.goto(`${site.url}#n=${await encodeNetlist(RC)}`);
    await runsDone(page, 1);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('opens a netlist shared in the URL and runs it', async () => {
    expect((await page.locator('.cm-content').innerText()).trimEnd()).toBe(RC.trimEnd());
    expect(await page.$$eval('.plot', (ps) => ps.map((p) => p.getAttribute('data-key')))).toEqual(['tran-voltages.svg']);
  });

  it('runs a chosen example: the CV has the CLI plot\'s points and the capacitance the library computes', async () => {
    await page.selectOption('#examples', 'tlm-6.cir');
    await runsDone(page, 2);
    const lib = libraryFigures(readFileSync('netlists/tlm-6.cir', 'utf8'));
    // the CLI's rows are decimated to the plot's pixels (src/io/plotDecimation.ts): 119 of 5,034 steps
    expect(lib.points).toBeGreaterThan(50);
    expect(lib.points).toBeLessThan(500);
    expect(await page.getAttribute('.plot[data-key="cv-cv.svg"]', 'data-points')).toBe(String(lib.points));
    expect(await renderedCvPoints(page)).toBe(lib.points);
    expectSameCapacitance(await shownCapacitance(page), lib.capacitance);
  });

  it('underlines an error at its line with the message of ncm check', async () => {
    const text = readFileSync('netlists/tlm-6.cir', 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('R3 ')); // 0-based
    await page.click(`.cm-content .cm-line:nth-child(${at + 1})`);
    await page.keyboard.press('End');
    await page.keyboard.type(' extra');
    const broken = [...lines.slice(0, at), `${lines[at]} extra`, ...lines.slice(at + 1)].join('\n');
    const parsed = parseNetlist(broken, { file: 'tlm-6.cir' });
    const expected = [...parsed.diagnostics, ...elaborate(parsed.ast).diagnostics].map(formatDiagnostic);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected[0]).toMatch(new RegExp(`^tlm-6\\.cir:${at + 1}:\\d+: error: `));
    await page.waitForSelector('.cm-lintRange-error', { timeout: 10_000 });
    // Underlined on the edited line (its text identifies it), from the message's column: the word 'extra'.
    expect(expected[0]).toMatch(new RegExp(`^tlm-6\\.cir:${at + 1}:${lines[at]!.length + 2}: error: `));
    await expect.poll(() => page.$$eval('.cm-lintRange-error', (els) => els.map((el) => [el.closest('.cm-line')!.textContent, el.textContent])), { timeout: 10_000 }).toEqual([[`${lines[at]} extra`, 'extra']]);
    // The list settles on the diagnostics of the whole typed text (lint runs while typing too).
    await expect.poll(() => page.$$eval('#diagnostics li', (lis) => lis.map((li) => li.textContent)), { timeout: 10_000 }).toEqual(expected);
    for (let k = 0; k < ' extra'.length; k++) await page.keyboard.press('Backspace');
    await page.waitForSelector('.cm-lintRange-error', { state: 'detached', timeout: 10_000 });
    await idle(page); // the repaired netlist re-runs by itself
  });

  it('re-runs when a .param slider moves, writes the value into the netlist and keeps the previous CV faintly', async () => {
    await idle(page);
    const before = Number(await page.getAttribute('#status', 'data-runs'));
    await page.locator('input[data-param="rc"]').fill('2');
    await runsDone(page, before + 1);
    await idle(page);
    expect(await page.locator('.cm-content').innerText()).toMatch(/^\.param rc=2$/m);
    // Two layers in the CV plot: the run before the move (grey) and the new one.
    const strokes = await page.$$eval('.plot[data-key="cv-cv.svg"] g.mark-line path', (ps) => new Set(ps.map((p) => p.getAttribute('stroke'))).size);
    expect(strokes).toBeGreaterThan(1);
    const lib = libraryFigures(readFileSync('netlists/tlm-6.cir', 'utf8').replace(/^\.param rc=5$/m, '.param rc=2'));
    expectSameCapacitance(await shownCapacitance(page), lib.capacitance);
  });

  it('shows the progress of a long run and cancels it', async () => {
    await page.selectOption('#examples', 'ncm-1000.cir');
    await page.waitForSelector('#cancel:not([disabled])', { timeout: 30_000 });
    // The bar moves while the worker runs (it starts at 0 and is set to 1 when a run ends).
    await expect.poll(async () => Number(await page.$eval('#progress', (p) => (p as unknown as { value: number }).value)), { timeout: 30_000, interval: 100 }).toBeGreaterThan(0);
    expect(await page.textContent('#status')).toMatch(/^running ncm-1000\.cir: cv( \(QMAX=peak\))? \d+ %$/);
    await page.click('#cancel');
    expect(await page.textContent('#status')).toBe('cancelled');
    expect(await page.isEnabled('#cancel')).toBe(false);
  });

  it('saves a screenshot of the page with the CV plot on screen', async () => {
    // The plot the screenshot is for must be drawn and inside the 1400 x 900 viewport (web/tools/site.ts).
    const box = await page.locator('.plot[data-key="cv-cv.svg"] svg').first().boundingBox();
    expect(box && box.width > 200 && box.height > 100 && box.y < 900).toBe(true);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/playground.png' });
    const png = readFileSync('test-artifacts/playground.png');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: the image is the viewport.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1400, 900]);
  });
});
