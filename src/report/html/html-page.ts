import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPORT_MARK } from './report-mark.ts';
import type { RunPageData } from './run-page-data.ts';
import type { SweepPageData } from './sweep-page-data.ts';

/** The data a report page draws: a plain run's or a sweep's. */
export type PageData = RunPageData | SweepPageData;

/**
 * Renders a report as one self-contained HTML file. The styles, the chart library, the data and
 * the drawing script are inline, so the file opens without a network. Same data, same bytes.
 */
export function renderHtmlPage(data: PageData): string {
  const assets = loadAssets();
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    REPORT_MARK,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(data.title)}</title>`,
    `<style>\n${assets.css}</style>`,
    '</head>',
    '<body>',
    '<h1>poll-vs-push report</h1>',
    '<p id="title"></p>',
    '<main id="report"></main>',
    `<script id="report-data" type="application/json">${embedJson(data)}</script>`,
    `<script>\n${assets.chartLibrary}\n</script>`,
    `<script>\n${assets.script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

interface Assets {
  readonly css: string;
  readonly script: string;
  readonly chartLibrary: string;
}

let cached: Assets | undefined;

/** Reads the page's own files and Chart.js's browser build once per process. */
function loadAssets(): Assets {
  if (cached !== undefined) return cached;

  const own = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');
  // The browser build is not among the package's exports, so it is found beside its main file.
  const main = createRequire(import.meta.url).resolve('chart.js');
  // Its source map comment is dropped: the page has no map beside it to load.
  const chartLibrary = readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8')
    .replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '')
    .trimEnd();
  if (/<\/script/i.test(chartLibrary)) {
    throw new Error('invalid Chart.js build: it contains a closing script tag; reinstall chart.js');
  }

  cached = { css: own('./page.css'), script: own('./page-script.js'), chartLibrary };
  return cached;
}

/**
 * Writes data as JSON that is safe inside a script element: a `<` is escaped, so no string in
 * the data can close the element or open a comment.
 */
function embedJson(data: PageData): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
