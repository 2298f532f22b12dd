import { parseDuration } from '../engine/units.ts';
import { invalidOption } from '../errors.ts';
import type { TimeWindow } from '../model/faults.ts';
import { readDuration, readInteger, readNumber } from '../model/option-values.ts';

/** Reads a share such as `0.1`: a number from 0 to 1. */
export function readFraction(flag: string, text: string): number {
  return readNumber(flag, text, { min: 0, max: 1 });
}

/** Reads one of a few words, such as `on` or `off`. */
export function readChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === text.trim());
  if (found === undefined) {
    throw invalidOption(flag, text, `one of ${choices.map((choice) => `'${choice}'`).join(', ')}`);
  }
  return found;
}

/** Reads a comma-separated list of durations such as `5s,5m,30m`, or `none` for an empty one. */
export function readDurationList(flag: string, text: string, allowZero = false): number[] {
  if (text.trim() === 'none') return [];
  return text.split(',').map((part) => readDuration(flag, part.trim(), allowZero));
}

/**
 * Reads spans of time after the window opens, such as `100s..160s,2h..3h`, as offsets in ms.
 * Each span must end after it starts.
 */
export function readWindows(flag: string, text: string): TimeWindow[] {
  if (text.trim() === 'none') return [];

  return text.split(',').map((part) => {
    const [start, end, extra] = part.split('..');
    if (start === undefined || end === undefined || extra !== undefined) {
      throw invalidOption(flag, text, 'spans such as 100s..160s, separated by commas');
    }

    const window = {
      start: readDuration(flag, start.trim(), true),
      end: readDuration(flag, end.trim()),
    };
    if (window.end <= window.start) {
      throw invalidOption(flag, text, 'spans that end after they start, such as 100s..160s');
    }
    return window;
  });
}

/** Reads a rate limit such as `10/min` or `1/10s`: a request count per span of time. */
export function readRateLimit(flag: string, text: string): { count: number; windowMs: number } {
  const [countText, spanText, extra] = text.split('/');
  const expected = 'a count per span of time, such as 10/min or 1/10s';
  if (countText === undefined || spanText === undefined || extra !== undefined) {
    throw invalidOption(flag, text, expected);
  }

  const span = spanText.trim();
  const windowMs = parseDuration(/^\d/.test(span) ? span : `1${span}`);
  if (windowMs === undefined || windowMs <= 0) throw invalidOption(flag, text, expected);

  return { count: readInteger(flag, countText.trim(), 1), windowMs };
}
