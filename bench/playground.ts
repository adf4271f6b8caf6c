/**
 * Playground benchmark, in Debian's chromium: the built site is served by `vite preview`; figures
 * are (1) the bytes of the first load (everything fetched until the first run's results show,
 * gzip-compressed as a static host would send them) and of vega, loaded lazily for the first plot;
 * (2) a 20-layer NCM under two CV cycles run in the page's worker, and the page's wall time from
 * Run to the plots drawn. Targets: first load < 1.5 MB gzip, the run < 0.5 s.
 */
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildAndServe, CHROMIUM, openChromium, runsDone } from '../web/tools/site.js';

const NETLIST = 'paper/ncm-20L-g0.9-20mVus.cir';
const REPEATS = 5;

export async function runPlaygroundBench(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: ${CHROMIUM} not found (apt-get install chromium)`);
    return;
  }
  const site = await buildAndServe();
  const browser = await openChromium();
  try {
    const { page } = browser;
    const loaded: Array<{ url: string; gzip: number; phase: 'first' | 'lazy' }> = [];
    let phase: 'first' | 'lazy' = 'first';
    page.on('response', (r) => {
      const url = r.url();
      void r.body().then(
        (b) => loaded.push({ url, gzip: gzipSync(b).length, phase }),
        () => undefined,
      );
    });
    await page.goto(site.url);
    await page.waitForSelector('#status[data-runs="1"]', { timeout: 60_000 });
    phase = 'lazy';
    await runsDone(page, 1, 60_000);
    await page.waitForLoadState('networkidle');
    const sum = (p: 'first' | 'lazy') => loaded.filter((l) => l.phase === p).reduce((s, l) => s + l.gzip, 0);
    const mb = (b: number) => `${(b / 1e6).toFixed(3)} MB`;
    console.log(`first load (until the first results): ${mb(sum('first'))} gzip in ${loaded.filter((l) => l.phase === 'first').length} files (target < 1.5 MB)`);
    console.log(`  lazy (vega, for the first plot): ${mb(sum('lazy'))} gzip`);
    for (const l of loaded.sort((a, b) => b.gzip - a.gzip).slice(0, 4)) console.log(`  ${l.phase.padEnd(5)} ${mb(l.gzip)}  ${l.url.replace(site.url, '')}`);

    await page.selectOption('#examples', NETLIST);
    let runs = 2;
    await runsDone(page, runs, 60_000);
    const figures = { worker: [] as number[], received: [] as number[], drawn: [] as number[] };
    for (let k = 0; k < REPEATS; k++) {
      await page.$eval('#run', (b) => (b as unknown as { click(): void }).click());
      await runsDone(page, ++runs, 60_000);
      await page.waitForSelector(`#status[data-drawn]`);
      const attr = async (name: string) => Number(await page.getAttribute('#status', name));
      figures.worker.push(await attr('data-seconds'));
      figures.received.push(await attr('data-latency'));
      figures.drawn.push(await attr('data-drawn'));
      await page.$eval('#status', (s) => s.removeAttribute('data-drawn'));
    }
    const show = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return `${sorted[Math.floor(xs.length / 2)]!.toFixed(3)} s (min ${sorted[0]!.toFixed(3)} s)`;
    };
    console.log(`${NETLIST} (20 layers, 2 CV cycles) in the page, median of ${REPEATS} runs:`);
    console.log(`  worker: run + plot specs ${show(figures.worker)} (target < 0.5 s)`);
    console.log(`  page: Run to results received (check + run + transfer) ${show(figures.received)}`);
    console.log(`  page: Run to the plots drawn ${show(figures.drawn)}`);
  } finally {
    await browser.close();
    await site.close();
  }
}
