import { parseArgs } from 'node:util';

/** Exit code for a bad command line, as the scenario CLI uses. */
export const EXIT_USAGE = 2;

export interface BenchOptions {
  /** Print only the JSON array of figures on stdout. */
  readonly json: boolean;
  /** Run the reduced profile meant for CI. */
  readonly quick: boolean;
  readonly help: boolean;
}

/** A mistake in how the benchmark was called; main prints the message and exits with 2. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

export const HELP = `Usage: npm run bench -- [options]

Measures poll-vs-push against baselines timed in the same run: the simulator beside a bare
event-queue loop doing the same polls, a 100,000-consumer run in its own process (wall time
and peak memory), the bullpen scenario from the command line, the live producer's poll
endpoint under autocannon beside a bare fastify route with the same body, and the webhook
sender beside a bare undici Pool posting the same signed bodies. docs/benchmarks.md explains
each figure and its goal.

Options:
  --json     print only a JSON array of { name, unit, value, range, extra } entries on stdout,
             the custom format that github-action-benchmark reads; progress goes to stderr
  --quick    run a reduced profile with smaller workloads (under about 30 s) for CI; the
             goals that depend on workload size are then reported as not evaluated
  -h, --help print this help

Exit codes: 0 when the benchmark ran (met or not, goals do not change it), 1 when a
measurement failed, 2 for a bad option.
`;

/** Parses the command line; throws `BenchUsageError` for an unknown option or argument. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        quick: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });

    if (positionals.length > 0) {
      throw new BenchUsageError(`unexpected argument '${positionals[0]}'; ${HINT}`);
    }
    return { json: values.json, quick: values.quick, help: values.help };
  } catch (error: unknown) {
    throw translate(error);
  }
}

const HINT = "run 'npm run bench -- --help' for the options";

/** Turns node's argument errors into one-line usage errors that point to the help. */
function translate(error: unknown): unknown {
  if (error instanceof BenchUsageError || !(error instanceof Error)) return error;

  const code = (error as { code?: string }).code;
  const flag = /'(-[^']*)'/.exec(error.message)?.[1] ?? 'an option';

  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new BenchUsageError(`unknown option ${flag}; ${HINT}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new BenchUsageError(`${flag.split(' ')[0]} takes no value; ${HINT}`);
  }
  return error;
}
