/**
 * The catalogue of every error poll-vs-push raises on purpose. Each code belongs to one area
 * (usage, scenario, trace, run) and is documented in docs/errors.md, which a test checks.
 */

/** Exit code for a mistake in how the tool was called: a bad option, an unknown scenario. */
export const EXIT_USAGE = 2;

/** Exit code for anything else that failed: an unreadable file, a scenario that threw. */
export const EXIT_FAILURE = 1;

export const ERROR_CODES = {
  PVP_UNKNOWN_OPTION: EXIT_USAGE,
  PVP_MISSING_VALUE: EXIT_USAGE,
  PVP_INVALID_OPTION: EXIT_USAGE,
  PVP_UNKNOWN_SCENARIO: EXIT_USAGE,
  PVP_UNKNOWN_STRATEGY: EXIT_USAGE,
  PVP_MISSING_SCENARIO: EXIT_USAGE,
  PVP_RUN_TOO_LARGE: EXIT_USAGE,
  PVP_PORT_IN_USE: EXIT_USAGE,
  PVP_NOT_SWEEPABLE: EXIT_USAGE,
  PVP_CONFLICTING_OPTIONS: EXIT_USAGE,
  PVP_INVALID_SCENARIO: EXIT_FAILURE,
  PVP_TRACE_NOT_FOUND: EXIT_FAILURE,
  PVP_TRACE_UNREADABLE: EXIT_FAILURE,
  PVP_TRACE_EMPTY: EXIT_FAILURE,
  PVP_TRACE_COLUMN: EXIT_FAILURE,
  PVP_TRACE_TIME: EXIT_FAILURE,
  PVP_TRACE_FORMAT: EXIT_FAILURE,
  PVP_RUN_LIMIT: EXIT_FAILURE,
  PVP_REPORT_UNWRITABLE: EXIT_FAILURE,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * An error meant for the user: its message states what failed, on which value, and what to do.
 * The CLI prints the message alone, without a stack trace, and exits with `exitCode`.
 */
export class PollVsPushError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'PollVsPushError';
    this.code = code;
    this.exitCode = ERROR_CODES[code];
  }
}

export function isPollVsPushError(error: unknown): error is PollVsPushError {
  return error instanceof PollVsPushError;
}

/** Builds the message for an option value that failed validation. */
export function invalidOption(option: string, value: string, expected: string): PollVsPushError {
  return new PollVsPushError('PVP_INVALID_OPTION', `${option} must be ${expected}, got '${value}'`);
}
