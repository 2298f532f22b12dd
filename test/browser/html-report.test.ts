import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchChromium } from '../../scripts/chromium.ts';
import { runCommand } from '../cli/cli-harness.ts';

/** Screenshots land here, beside the repository's other test output, for people to look at. */
const SCREENSHOTS = new URL('../../test-results/', import.meta.url);

interface ChartFacts {
  readonly id: string;
  readonly points: number;
}

interface PageVisit {
  readonly charts: ChartFacts[];
  readonly errors: string[];
  /** Requests the page tried to send anywhere but its own file. */
  readonly requests: string[];
}

/** Opens a report file and collects its charts, its console errors and any network request. */
async function visit(page: Page, path: string, screenshot: string): Promise<PageVisit> {
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });

  await page.goto(pathToFileURL(path).href);
  await page.screenshot({ path: new URL(screenshot, SCREENSHOTS).pathname, fullPage: true });

  const charts = await page.evaluate(() => {
    const library = (globalThis as unknown as { Chart: ChartLibrary }).Chart;
    return Object.values(library.instances).map((chart) => ({
      id: chart.canvas.id,
      points: chart.data.datasets.reduce((sum, dataset) => sum + dataset.data.length, 0),
    }));
  });
  return { charts, errors, requests };
}

/** The little of Chart.js's global that the checks read. */
interface ChartLibrary {
  readonly instances: Record<
    string,
    { canvas: { id: string }; data: { datasets: { data: unknown[] }[] } }
  >;
}

describe.skipIf(browserMissing() !== undefined)('HTML report in Chromium', () => {
  let browser: Browser;
  let folder: string;
  let run: PageVisit;
  let sweep: PageVisit;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'pvp-report-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const runPath = join(folder, 'run.html');
    const sweepPath = join(folder, 'sweep.html');
    const strategies = 'poll,poll-jitter,long-poll,sse,webhook,hybrid';
    await runCommand(['bullpen', '--strategies', strategies, '--report', runPath]);
    await runCommand([
      ...['bullpen', '--strategies', strategies, '--sweep', 'interval=1m..30m', '--steps', '4'],
      ...['--threads', '0', '--cost-preset', 'aws-lambda', '--report', sweepPath],
    ]);

    browser = await launchChromium();
    run = await visit(await browser.newPage(), runPath, 'report-run.png');
    sweep = await visit(await browser.newPage(), sweepPath, 'report-sweep.png');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });

  it('runs the run page without errors', () => {
    expect(run.errors).toEqual([]);
  });

  it('runs the sweep page without errors', () => {
    expect(sweep.errors).toEqual([]);
  });

  it('asks the network for nothing', () => {
    expect([...run.requests, ...sweep.requests]).toEqual([]);
  });

  it('draws the three run charts', () => {
    expect(run.charts.map((chart) => chart.id)).toEqual(['conversation', 'latency', 'load']);
  });

  it('gives each run chart data', () => {
    const empty = run.charts.filter((chart) => chart.points === 0);

    expect(empty).toEqual([]);
  });

  it('draws the sweep charts', () => {
    expect(sweep.charts.map((chart) => chart.id)).toEqual(['trade-off', 'cost']);
  });

  it('gives each sweep chart data', () => {
    const empty = sweep.charts.filter((chart) => chart.points === 0);

    expect(empty).toEqual([]);
  });

  it('saves a screenshot of each page', () => {
    const sizes = ['report-run.png', 'report-sweep.png'].map(
      (name) => statSync(new URL(name, SCREENSHOTS)).size,
    );

    expect(sizes.every((size) => size > 10_000)).toBe(true);
  });
});
