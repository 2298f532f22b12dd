import { parseArgs } from 'node:util';

/** Exit code for a bad command line, as the scenario CLI uses. */
export const EXIT_USAGE = 2;

/** Exit code when `--compare` finds a regression or a changed scenario figure. */
export const EXIT_REGRESSION = 3;

/** The groups of figures, in the order a run measures them. */
export const GROUPS = [
  'engine',
  'large',
  'cli',
  'poll',
  'conditional',
  'receiver',
  'webhook',
  'scenarios',
] as const;

export type Group = (typeof GROUPS)[number];

/** The largest fall of a ratio that `--compare` lets pass, in percent, by default. */
export const DEFAULT_TOLERANCE_PERCENT = 20;

export interface BenchOptions {
  /** The format of stdout: the text report, only the JSON array, or Markdown. */
  readonly format: 'text' | 'json' | 'markdown';
  /** Run the reduced profile meant for CI. */
  readonly quick: boolean;
  /** The groups to measure, in run order. */
  readonly groups: readonly Group[];
  /** A file to write the JSON array to, whatever stdout gets. */
  readonly save?: string;
  /** A report that `--json` wrote, to compare this run with. */
  readonly compare?: string;
  /** The largest fall of a ratio that passes the comparison, as a fraction. */
  readonly tolerance: number;
  readonly help: boolean;
}

/** A mistake in how the benchmark was called; main prints the message and exits with 2. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

export const HELP = `Usage: npm run bench -- [options]

Measures poll-vs-push against baselines timed in the same run: the simulator beside a bare
event-queue loop doing the same polls, a 100,000-consumer run in its own process (wall time
and peak memory), the bullpen scenario from the command line, and, each in server processes
of their own under load from this one: the producer's poll endpoint beside a bare fastify
route with the same body, conditional polls that get 304 beside full ones that get 200, the
webhook receiver with signature checks beside a bare fastify POST route, and the webhook
sender beside a bare undici Pool. Last, every built-in scenario under every strategy in the
simulator, whose deterministic figures check the model. docs/benchmarks.md explains each
figure and its goal.

Options:
  --quick            run the reduced profile for CI, about a minute on 2 cores; the
                     goals that depend on workload size are then reported as not evaluated
  --json             print only a JSON array of { name, unit, value, range?, extra } entries,
                     the custom format that github-action-benchmark reads
  --markdown         print the report as Markdown tables, for a CI job summary
  --save FILE        also write the JSON array to FILE
  --compare FILE     compare with a report that --json wrote: a ratio that falls by more than
                     the tolerance, or any change of a scenario figure, fails with exit code 3;
                     absolute figures are shown but never fail
  --tolerance PCT    the largest fall of a ratio that passes, in percent
                     (default ${DEFAULT_TOLERANCE_PERCENT})
  --only GROUPS      measure only these comma-separated groups: ${GROUPS.join(', ')}
  -h, --help         print this help

Progress goes to stderr; with --json, so does the comparison.

Exit codes: 0 when the benchmark ran (goals do not change it), 1 when a measurement failed,
2 for a bad option or an unreadable --compare file, 3 when --compare failed.
`;

/** Parses the command line; throws `BenchUsageError` for an unknown option or a bad value. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
        quick: { type: 'boolean', default: false },
        save: { type: 'string' },
        compare: { type: 'string' },
        tolerance: { type: 'string' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });

    if (positionals.length > 0) {
      throw new BenchUsageError(`unexpected argument '${positionals[0]}'; ${HINT}`);
    }
    if (values.json && values.markdown) {
      throw new BenchUsageError(`--json and --markdown cannot be combined; ${HINT}`);
    }

    let format: BenchOptions['format'] = 'text';
    if (values.json) format = 'json';
    if (values.markdown) format = 'markdown';

    return {
      format,
      quick: values.quick,
      groups: parseGroups(values.only),
      save: checkPath('--save', values.save),
      compare: checkPath('--compare', values.compare),
      tolerance: parseTolerance(values.tolerance),
      help: values.help,
    };
  } catch (error: unknown) {
    throw translate(error);
  }
}

const HINT = "run 'npm run bench -- --help' for the options";

function checkPath(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') {
    throw new BenchUsageError(`${flag} must be a file path, got an empty value; ${HINT}`);
  }
  return value;
}

/** Reads `--only engine,poll`; without it, every group runs. */
export function parseGroups(text: string | undefined): Group[] {
  if (text === undefined) return [...GROUPS];

  const names = text.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(GROUPS as readonly string[]).includes(name)) {
      throw new BenchUsageError(
        `--only names an unknown group '${name}'; known groups: ${GROUPS.join(', ')}`,
      );
    }
  }
  return GROUPS.filter((group) => names.includes(group));
}

/** Reads `--tolerance 20` or `--tolerance 20%` as the fraction 0.2. */
export function parseTolerance(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TOLERANCE_PERCENT / 100;

  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  const percent = match === null ? Number.NaN : Number(match[1]);
  if (!(percent >= 0 && percent < 100)) {
    throw new BenchUsageError(
      `--tolerance must be a percentage from 0 to below 100, such as 20, got '${text}'`,
    );
  }
  return percent / 100;
}

/** Turns node's argument errors into one-line usage errors that point to the help. */
function translate(error: unknown): unknown {
  if (error instanceof BenchUsageError || !(error instanceof Error)) return error;

  const code = (error as { code?: string }).code;
  const flag = /'(-[^']*)'/.exec(error.message)?.[1] ?? 'an option';

  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new BenchUsageError(`unknown option ${flag}; ${HINT}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new BenchUsageError(`${describeValueError(error.message, flag)}; ${HINT}`);
  }
  return error;
}

/** Says whether an option takes no value or is missing the one it needs. */
function describeValueError(message: string, flag: string): string {
  const name = flag.split(' ')[0] ?? flag;
  if (message.includes('argument missing')) return `${name} needs a value`;
  return `${name} takes no value`;
}
