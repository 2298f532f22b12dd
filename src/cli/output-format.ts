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
}

function conflict(message: string): PollVsPushError {
  return new PollVsPushError('PVP_CONFLICTING_OPTIONS', message);
}
