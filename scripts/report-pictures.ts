/**
 * Draws the pictures of docs/reports.md: it writes a run's and a sweep's HTML report, opens each
 * in headless Chromium and saves the top of the page as a PNG in docs/images/. Run it with
 * `npm run pictures` after a change to the report's look.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from '../src/cli/run-cli.ts';
import { browserMissing, launchChromium } from './chromium.ts';

/** The commands whose reports the docs show, and the picture of each. */
const PICTURES = [
  {
    file: 'report-run.png',
    args: ['bullpen', '--strategies', 'poll,poll-jitter,long-poll,sse,webhook,hybrid'],
    height: 1_330,
  },
  {
    file: 'report-sweep.png',
    args: [
      ...['bullpen', '--strategies', 'poll,poll-jitter,long-poll,webhook,hybrid'],
      ...['--sweep', 'interval=30s..30m', '--steps', '5', '--cost-preset', 'aws-lambda'],
    ],
    height: 1_400,
  },
] as const;

const IMAGES = fileURLToPath(new URL('../docs/images/', import.meta.url));

async function main(): Promise<void> {
  const missing = browserMissing();
  if (missing !== undefined) throw new Error(missing);

  const folder = mkdtempSync(join(tmpdir(), 'pvp-pictures-'));
  mkdirSync(IMAGES, { recursive: true });
  const browser = await launchChromium();

  try {
    for (const picture of PICTURES) {
      const report = join(folder, 'report.html');
      const quiet = {
        stdout: () => undefined,
        stderr: (text: string) => process.stderr.write(text),
      };
      const code = await runCli([...picture.args, '--report', report], quiet);
      if (code !== 0) throw new Error(`the report for ${picture.file} failed with exit ${code}`);

      const page = await browser.newPage({ viewport: { width: 1000, height: picture.height } });
      await page.goto(pathToFileURL(report).href);
      await page.screenshot({ path: join(IMAGES, picture.file) });
      await page.close();
      process.stdout.write(`wrote docs/images/${picture.file}\n`);
    }
  } finally {
    await browser.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
