import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PollVsPushError } from '../errors.ts';

/**
 * Checks before a run that a report can be written at `path`: its folder exists and the path is
 * not a folder itself. A run can take a while, and a typo should not cost its results.
 */
export function checkReportPath(path: string): void {
  const folder = dirname(resolve(path));
  if (!isFolder(folder)) {
    throw unwritable(path, `its folder '${dirname(path)}' does not exist; create it first`);
  }
  if (isFolder(path)) {
    throw unwritable(path, 'it is a folder; give a file name such as report.html');
  }
}

/**
 * Writes the report to a temporary file beside `path` and renames it into place, so that a
 * failure never leaves half a report, nor harms an older report at the same path.
 */
export function writeReport(path: string, html: string): void {
  const temporary = `${path}.${process.pid}.partial`;

  try {
    writeFileSync(temporary, html);
    renameSync(temporary, path);
  } catch (error: unknown) {
    if (existsSync(temporary)) rmSync(temporary);
    const reason = error instanceof Error ? error.message : String(error);
    throw unwritable(path, `${reason}; choose a path you can write to`);
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function unwritable(path: string, reason: string): PollVsPushError {
  return new PollVsPushError(
    'PVP_REPORT_UNWRITABLE',
    `cannot write the report to '${path}': ${reason}`,
  );
}

/**
 * Writes the command line back as a user would type it, quoting each argument that a shell
 * would split or read, so that a report shows a command that can be pasted to repeat it.
 */
export function commandLine(argv: readonly string[]): string {
  return ['npm run scenario --', ...argv.map(quoteArgument)].join(' ');
}

function quoteArgument(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Drops `--report FILE` or `--report=FILE` from a command line. */
export function withoutReport(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--report') index++;
    else if (!arg.startsWith('--report=')) kept.push(arg);
  }
  return kept;
}
