import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PollVsPushError } from '../errors.ts';
import { REPORT_MARK } from '../report/html/report-mark.ts';

/**
 * Checks before a run that a report can be written at `path`, and returns the file to write: the
 * path itself, or the file a symbolic link at it points to. A run can take a while, and a typo
 * should not cost its results.
 */
export function checkReportPath(path: string): string {
  if (path.trim() === '') throw unwritable(path, 'the path is empty; give a file name');

  const target = linkTarget(path) ?? path;
  const folder = dirname(resolve(target));
  if (!isFolder(folder)) {
    throw unwritable(path, `its folder '${dirname(path)}' does not exist; create it first`);
  }

  if (existsSync(target)) checkExisting(path, target);
  return target;
}

/** Lets an existing file be replaced only when it is an earlier report that may be written. */
function checkExisting(path: string, target: string): void {
  const stats = statSync(target);
  if (stats.isDirectory()) {
    throw unwritable(path, 'it is a folder; give a file name such as report.html');
  }
  if (!stats.isFile()) {
    throw unwritable(path, 'it is not a regular file; give the path of a new .html file');
  }
  if (!isWritable(target)) {
    throw unwritable(path, 'the file is read-only; choose another path or make it writable');
  }
  if (!startsWithMark(target)) {
    throw unwritable(
      path,
      'a file that is not a poll-vs-push report exists there; choose another path, or delete ' +
        'the file first if it may go',
    );
  }
}

/**
 * Returns the file a symbolic link at `path` points to, even where that file does not exist yet,
 * so that the report replaces the file and leaves the link. Returns `undefined` for a non-link.
 */
function linkTarget(path: string): string | undefined {
  try {
    if (!lstatSync(path).isSymbolicLink()) return undefined;
  } catch {
    return undefined;
  }

  const pointed = resolve(dirname(path), readlinkSync(path));
  return existsSync(pointed) ? realpathSync(pointed) : pointed;
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Reads the start of a file to find the report mark, which sits in the first lines. */
function startsWithMark(path: string): boolean {
  const buffer = Buffer.alloc(1_024);
  const descriptor = openSync(path, 'r');
  try {
    const length = readSync(descriptor, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length).toString('utf8').includes(REPORT_MARK);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Writes the report to a temporary file beside `target` and renames it into place, so that a
 * failure never leaves half a report, nor harms an older report at the same path.
 */
export function writeReport(path: string, target: string, html: string): void {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);

  try {
    writeFileSync(temporary, html);
    renameSync(temporary, target);
  } catch (error: unknown) {
    if (existsSync(temporary)) rmSync(temporary);
    const code = (error as { code?: string }).code;
    const reason = code === undefined ? 'the write failed' : `the write failed with ${code}`;
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
