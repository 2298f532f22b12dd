import type { ScenarioPlan } from '../model/scenario.ts';
import { loadTrace } from './load-trace.ts';
import { traceError } from './trace-errors.ts';
import { parseWhere, WHERE_DESCRIPTION } from './where.ts';

/** The input of a trace-replaying scenario: the file, its columns and filter, and consumers. */
export interface TracePlanInput {
  readonly file: string;
  readonly timeColumn?: string | undefined;
  readonly keyColumn?: string | undefined;
  /** A row filter such as `mag>=4.5`, as the user wrote it; blank or absent keeps every row. */
  readonly where?: string | undefined;
  /** How long after the first event to keep events, in ms; `undefined` keeps them all. */
  readonly duration: number | undefined;
  readonly consumers: number;
}

/**
 * Builds the plan of a scenario that replays a trace file: one event per row that passes the
 * filter, and consumers that each want every event. The window starts at the first event.
 * @throws PollVsPushError with a PVP_TRACE_* code for a file that cannot be read, or
 * PVP_TRACE_EMPTY when no row passes the filter.
 */
export async function buildTracePlan(input: TracePlanInput): Promise<ScenarioPlan> {
  const where = input.where === undefined ? undefined : parseWhere(input.where);
  const trace = await loadTrace(input.file, {
    timeColumn: input.timeColumn,
    keyColumn: input.keyColumn,
    where,
  });

  if (trace.events.length === 0) {
    throw traceError(
      'PVP_TRACE_EMPTY',
      input.file,
      ` has no rows where ${where?.text ?? ''}; loosen --where, or pass --where '' to keep all`,
    );
  }

  const start = trace.events.reduce((min, event) => Math.min(min, event.time), Infinity);
  const events =
    input.duration === undefined
      ? trace.events
      : trace.events.filter((event) => event.time <= start + (input.duration as number));

  const consumers = Array.from({ length: input.consumers }, () => ({}));
  return { start, events, consumers };
}

/**
 * Returns the `--file` option of a scenario that replays a trace of a known kind. `columns`
 * names the columns it reads as a phrase, such as `a merged_at column`.
 */
export function traceFileOption(columns: string, example: string) {
  return {
    type: 'string',
    required: true,
    placeholder: 'PATH',
    description: `CSV file with ${columns}, such as ${example}`,
  } as const;
}

/** Returns the `--where` option of a scenario that replays a trace, with its default. */
export function whereOption(defaultFilter: string | undefined) {
  const fallback = defaultFilter === undefined ? ' (default: every row)' : '';
  return {
    type: 'string',
    placeholder: 'FILTER',
    description: `${WHERE_DESCRIPTION}; '' keeps every row${fallback}`,
    ...(defaultFilter === undefined ? {} : { default: defaultFilter }),
  } as const;
}
