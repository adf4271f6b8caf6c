/**
 * Node-side helpers of the browser tests and the bench: build the playground into a folder, serve
 * it with `vite preview` on a free 127.0.0.1 port, and open Debian's chromium through playwright-core
 * (no browser download) with a fresh profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface Site {
  url: string;
  dir: string;
  close(): Promise<void>;
}

/** `npm run build:web` into a temporary folder, then `vite preview` of it. */
export async function buildAndServe(): Promise<Site> {
  const { build, preview } = await import('vite');
  const configFile = join(process.cwd(), 'web/vite.config.ts');
  const dir = mkdtempSync(join(tmpdir(), 'ncm-web-'));
  await build({ configFile, logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  const server = await preview({ configFile, logLevel: 'warn', build: { outDir: dir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  return {
    url: server.resolvedUrls!.local[0]!,
    dir,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'ncm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the page has nothing to run or draw (no run in flight, queued, scheduled or drawing). */
export async function idle(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForSelector('body[data-idle="true"]', { timeout });
}

/** Waits until the page has shown its n-th run: results and plots. */
export async function runsDone(page: Page, n: number, timeout = 30_000): Promise<void> {
  await page.waitForSelector(`#status[data-runs="${n}"]`, { timeout });
  await page.waitForSelector(`#plots[data-rendered="${n}"]`, { timeout });
}
