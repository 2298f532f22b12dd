import { PollVsPushError } from '../errors.ts';
import type { OutputFormat } from '../report/reporters.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

const FORMAT_FLAGS = ['json', 'csv', 'markdown'] as const;

/** Options that mean something only in a sweep. */
const SWEEP_ONLY = ['steps', 'spacing', 'threads'] as const;

/**
 * Reads the output format from `--json`, `--csv` and `--markdown`, of which at most one may be
 * given; without any, the output is a table.
 */
export function readFormat(values: Values): OutputFormat {
  const chosen = FORMAT_FLAGS.filter((flag) => values[flag] === true);
  if (chosen.length > 1) {
    throw new PollVsPushError(
      'PVP_CONFLICTING_OPTIONS',
      `${chosen.map((flag) => `--${flag}`).join(' and ')} each choose the output format; ` +
        'keep one of them',
    );
  }
  return chosen[0] ?? 'table';
}

/**
 * Checks the options that do not go together: a sweep with a comparison or a load run, sweep
 * options without `--sweep`, and CSV or Markdown for a comparison or a load run, which print
 * a table or JSON only.
 */
export function checkCombinations(values: Values, format: OutputFormat): void {
  let other: string | undefined;
  if (values.compare === true) other = '--compare';
  else if (values.load === true) other = '--load';

  if (values.sweep !== undefined && other !== undefined) {
    throw conflict(`--sweep and ${other} do not go together; run them one at a time`);
  }
  if (other !== undefined && (format === 'csv' || format === 'markdown')) {
    throw conflict(`${other} prints a table or --json, not --${format}; drop --${format}`);
  }

  const stray = SWEEP_ONLY.find((key) => values[key] !== undefined);
  if (values.sweep === undefined && stray !== undefined) {
    throw conflict(`--${stray} applies to a sweep only; add --sweep NAME=FROM..TO or drop it`);
  }

  checkLiveOnly(values);
}

/** Options that only a run over real HTTP reads, and the runs that read each. */
const LIVE_ONLY: readonly (readonly [string, readonly string[]])[] = [
  ['time-scale', ['live', 'compare']],
  ['producer-port', ['live', 'compare', 'load']],
  ['receiver-port', ['live', 'compare']],
  ['allow-remote', ['live', 'compare']],
  ['load-duration', ['load']],
];

/**
 * Rejects an option of live mode in a run that would ignore it, as a simulated run ignores
 * --time-scale, so that a user does not believe it took effect.
 */
function checkLiveOnly(values: Values): void {
  const runs: string[] = [];
  if (values.mode === 'live') runs.push('live');
  if (values.compare === true) runs.push('compare');
  if (values.load === true) runs.push('load');

  for (const [flag, readers] of LIVE_ONLY) {
    if (values[flag] === undefined || readers.some((run) => runs.includes(run))) continue;
    const fix = readers.includes('live') ? 'add --mode live or --compare' : 'add --load';
    throw conflict(`--${flag} applies to ${describeReaders(readers)} only; ${fix}, or drop it`);
  }
}

function describeReaders(readers: readonly string[]): string {
  const names = readers.map((run) => (run === 'live' ? 'live runs' : `--${run}`));
  return names.length === 1
    ? (names[0] as string)
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function conflict(message: string): PollVsPushError {
  return new PollVsPushError('PVP_CONFLICTING_OPTIONS', message);
}
