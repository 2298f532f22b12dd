import { PollVsPushError } from '../errors.ts';
import type { Prices } from '../model/prices.ts';
import { renderHtmlPage } from '../report/html/html-page.ts';
import { runPageData } from '../report/html/run-page-data.ts';
import { sweepPageData } from '../report/html/sweep-page-data.ts';
import type { RunReport } from '../runtime/run.ts';
import type { SweepReport } from '../runtime/sweep.ts';
import { checkReportPath, commandLine, withoutReport, writeReport } from './write-report.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

/**
 * Reads `--report FILE` and checks it before anything runs: it draws one simulated run or a
 * sweep, so it does not go with a live run, `--compare` or `--load`, and its folder must exist.
 */
export function readReportOption(values: Values): ReportTarget | undefined {
  const path = values.report;
  if (typeof path !== 'string') return undefined;

  let other: string | undefined;
  if (values.mode === 'live') other = '--mode live';
  else if (values.compare === true) other = '--compare';
  else if (values.load === true) other = '--load';
  if (other !== undefined) {
    throw new PollVsPushError(
      'PVP_CONFLICTING_OPTIONS',
      `--report draws a simulated run or a sweep and does not go with ${other}; drop one of them`,
    );
  }

  return { path, file: checkReportPath(path) };
}

/** The destination of a report: the path as given, for messages, and the file to write. */
export interface ReportTarget {
  readonly path: string;
  readonly file: string;
}

/** The stream a report's notice goes to, so that stdout keeps the run's own output alone. */
export interface ReportNotice {
  stderr(text: string): void;
}

/** Writes a run's HTML report, with costs when prices were given, and prints its path. */
export function writeRunReport(
  target: ReportTarget,
  report: RunReport,
  argv: readonly string[],
  prices: Prices | undefined,
  output: ReportNotice,
): void {
  const html = renderHtmlPage(runPageData(report, commandLine(withoutReport(argv)), prices));
  writeReport(target.path, target.file, html);
  output.stderr(notice(target.path));
}

/** Writes a sweep's HTML report to `path`, with cost curves when prices were given. */
export function writeSweepReport(
  target: ReportTarget,
  report: SweepReport,
  argv: readonly string[],
  prices: Prices | undefined,
  output: ReportNotice,
): void {
  const command = commandLine(withoutReport(argv));
  const html = renderHtmlPage(sweepPageData(report, command, prices));
  writeReport(target.path, target.file, html);
  output.stderr(notice(target.path));
}

function notice(path: string): string {
  return `Wrote the HTML report to ${path}; open it in a browser.\n`;
}
